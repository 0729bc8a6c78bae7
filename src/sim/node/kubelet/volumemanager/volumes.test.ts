import { describe, expect, it } from 'vitest';
import { findResource, type ResourceInfo } from '../../../apiserver/resources';
import { CONFIG_MAPS, SECRETS, volumeCluster } from './testing';

const PVCS = findResource('', 'v1', 'persistentvolumeclaims') as ResourceInfo;
const PVS = findResource('', 'v1', 'persistentvolumes') as ResourceInfo;

const SLEEP = ['sh', '-c', 'sleep 3600'];

describe('configMap and secret volumes', () => {
  it('shows keys as files through the ..data layout, read-only, and follows updates after a resync', () => {
    const { client, run, pod, exec } = volumeCluster();
    client.create(CONFIG_MAPS, 'default', {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'app' },
      data: { key: 'value-1\n', other: 'x' },
    });
    pod('web', {
      containers: [
        {
          name: 'app',
          image: 'busybox',
          command: SLEEP,
          volumeMounts: [{ name: 'cfg', mountPath: '/etc/config' }],
        },
      ],
      volumes: [{ name: 'cfg', configMap: { name: 'app', items: [{ key: 'key', path: 'key' }] } }],
    });
    run(20_000);
    expect(exec('web', 'app', ['cat', '/etc/config/key']).out).toBe('value-1\n');
    const listing = exec('web', 'app', ['ls', '-la', '/etc/config']).out.split('\n');
    expect(listing[1]).toMatch(/^drwxrwxrwx +3 root +root +4096 .* \.$/);
    expect(listing[3]).toMatch(/^drwxr-xr-x +2 root +root +4096 .* \.\.\d{4}_\d\d_\d\d_\d\d_\d\d_\d\d\.\d+$/);
    expect(listing[4]).toMatch(/^lrwxrwxrwx +1 root +root +\d+ .* \.\.data -> \.\.\d{4}_/);
    expect(listing[5]).toMatch(/ key -> \.\.data\/key$/);
    expect(exec('web', 'app', ['sh', '-c', 'echo x > /etc/config/new']).out).toBe(
      "sh: can't create /etc/config/new: Read-only file system\n",
    );

    client.patch(CONFIG_MAPS, 'default', 'app', 'merge', { data: { key: 'value-2\n' } });
    run(1_000);
    expect(exec('web', 'app', ['cat', '/etc/config/key']).out).toBe('value-1\n');
    run(90_000);
    expect(exec('web', 'app', ['cat', '/etc/config/key']).out).toBe('value-2\n');
  });

  it('writes secret keys decoded, with the volume and item modes', () => {
    const { client, run, pod, exec } = volumeCluster();
    client.create(SECRETS, 'default', {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'db' },
      data: { password: 'czNjcjN0' },
    });
    pod('web', {
      containers: [{ name: 'app', image: 'nginx', volumeMounts: [{ name: 's', mountPath: '/secret' }] }],
      volumes: [{ name: 's', secret: { secretName: 'db', defaultMode: 0o400 } }],
    });
    run(20_000);
    expect(exec('web', 'app', ['cat', '/secret/password']).out).toBe('s3cr3t');
    expect(exec('web', 'app', ['ls', '-lL', '/secret/..data/']).out).toMatch(/^-r-------- 1 root root 6 /m);
  });
});

describe('environment', () => {
  it('resolves secrets, fields and Service variables into the container environment', () => {
    const { client, run, pod, exec } = volumeCluster();
    client.create(SECRETS, 'default', {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'db' },
      data: { password: 'czNjcjN0' },
    });
    pod('web', {
      containers: [
        {
          name: 'app',
          image: 'busybox',
          command: SLEEP,
          env: [
            { name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } },
            { name: 'MY_NODE', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } },
            { name: 'GREETING', value: 'hi from $(MY_NODE)' },
          ],
        },
      ],
    });
    run(20_000);
    const env = exec('web', 'app', ['env']).out;
    expect(env).toContain('DB_PASSWORD=s3cr3t\n');
    expect(env).toMatch(/^MY_NODE=node-\d\n/m);
    expect(env).toMatch(/^GREETING=hi from node-\d\n/m);
    expect(env).toContain('KUBERNETES_SERVICE_HOST=10.96.0.1\n');
    expect(env).toContain('KUBERNETES_PORT_443_TCP=tcp://10.96.0.1:443\n');
  });

  it('fails with CreateContainerConfigError while a ConfigMap is missing, and starts once it exists', () => {
    const { client, run, pod, events, state } = volumeCluster();
    pod('web', {
      containers: [
        {
          name: 'app',
          image: 'busybox',
          command: SLEEP,
          env: [{ name: 'MODE', valueFrom: { configMapKeyRef: { name: 'x', key: 'mode' } } }],
        },
      ],
    });
    run(20_000);
    expect(state('web', 'app')).toBe('CreateContainerConfigError');
    expect(events('web')).toContain('Failed: Error: configmap "x" not found');
    client.create(CONFIG_MAPS, 'default', {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'x' },
      data: { other: '1' },
    });
    run(20_000);
    expect(state('web', 'app')).toBe('CreateContainerConfigError');
    expect(events('web')).toContain("Failed: Error: couldn't find key mode in ConfigMap default/x");
    client.patch(CONFIG_MAPS, 'default', 'x', 'merge', { data: { mode: 'on' } });
    run(30_000);
    expect(state('web', 'app')).toBe('Running');
  });
});

describe('mount failures', () => {
  it('keeps a pod ContainerCreating with FailedMount while its ConfigMap volume is missing', () => {
    const { client, run, pod, events, state } = volumeCluster();
    pod('web', {
      containers: [
        { name: 'app', image: 'busybox', command: SLEEP, volumeMounts: [{ name: 'cfg', mountPath: '/c' }] },
      ],
      volumes: [{ name: 'cfg', configMap: { name: 'x' } }],
    });
    run(20_000);
    expect(state('web', 'app')).toBe('ContainerCreating');
    expect(events('web')).toContain(
      'FailedMount: MountVolume.SetUp failed for volume "cfg" : configmap "x" not found',
    );
    client.create(CONFIG_MAPS, 'default', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } });
    run(40_000);
    expect(state('web', 'app')).toBe('Running');
  });

  it('fails the sync with the populator error while a claim is not bound', () => {
    const { client, run, pod, events, state } = volumeCluster();
    client.create(PVCS, 'default', {
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name: 'data' },
      spec: {
        accessModes: ['ReadWriteOnce'],
        storageClassName: 'none',
        resources: { requests: { storage: '1Gi' } },
      },
    });
    pod('web', {
      nodeName: 'node-1',
      containers: [
        { name: 'app', image: 'busybox', command: SLEEP, volumeMounts: [{ name: 'data', mountPath: '/d' }] },
      ],
      volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'data' } }],
    });
    run(20_000);
    expect(state('web', 'app')).toBe('ContainerCreating');
    expect(events('web')).toContain(
      'FailedMount: Unable to attach or mount volumes: unmounted volumes=[data], unattached volumes=[], failed to process volumes=[data]: error processing PVC default/data: PVC is not bound',
    );
  });

  it("refuses a generic ephemeral volume's claim that the pod does not own", () => {
    const { client, run, pod, events, state } = volumeCluster();
    client.create(PVS, null, {
      apiVersion: 'v1',
      kind: 'PersistentVolume',
      metadata: { name: 'manual' },
      spec: {
        capacity: { storage: '1Gi' },
        accessModes: ['ReadWriteOnce'],
        storageClassName: 'manual',
        hostPath: { path: '/mnt/manual' },
      },
    });
    client.create(PVCS, 'default', {
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name: 'web-data' },
      spec: {
        accessModes: ['ReadWriteOnce'],
        storageClassName: 'manual',
        volumeName: 'manual',
        resources: { requests: { storage: '1Gi' } },
      },
    });
    run(5000);
    const template = {
      spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
    };
    pod('web', {
      nodeName: 'node-1',
      containers: [
        { name: 'app', image: 'busybox', command: SLEEP, volumeMounts: [{ name: 'data', mountPath: '/d' }] },
      ],
      volumes: [{ name: 'data', ephemeral: { volumeClaimTemplate: template } }],
    });
    run(20_000);
    expect(state('web', 'app')).toBe('ContainerCreating');
    expect(events('web')).toContain(
      'FailedMount: Unable to attach or mount volumes: unmounted volumes=[data], unattached volumes=[], failed to process volumes=[data]: PVC default/web-data was not created for pod default/web (pod is not owner)',
    );
  });

  it.each([
    ['Directory', '/data/none', 'hostPath type check failed: /data/none is not a directory'],
    ['File', '/etc', 'hostPath type check failed: /etc is not a file'],
    ['Socket', '/etc/hostname', 'hostPath type check failed: /etc/hostname is not a socket file'],
  ])('fails a hostPath of type %s at %s', (type, path, message) => {
    const { run, pod, events } = volumeCluster();
    pod('web', {
      containers: [
        { name: 'app', image: 'busybox', command: SLEEP, volumeMounts: [{ name: 'h', mountPath: '/h' }] },
      ],
      volumes: [{ name: 'h', hostPath: { path, type } }],
    });
    run(20_000);
    expect(events('web')).toContain(`FailedMount: MountVolume.SetUp failed for volume "h" : ${message}`);
  });
});

describe('emptyDir, hostPath and the service account volume', () => {
  it('shares an emptyDir between containers and keeps it across a restart, unlike the writable layer', () => {
    const { run, pod, exec, get } = volumeCluster();
    const script =
      'cat /tmp/mark 2>/dev/null || echo fresh >> /cache/log; echo x > /tmp/mark; sleep 5; exit 1';
    pod('web', {
      containers: [
        {
          name: 'writer',
          image: 'busybox',
          command: ['sh', '-c', script],
          volumeMounts: [{ name: 'cache', mountPath: '/cache' }],
        },
        {
          name: 'reader',
          image: 'nginx',
          volumeMounts: [{ name: 'cache', mountPath: '/usr/share/nginx/html' }],
        },
      ],
      volumes: [{ name: 'cache', emptyDir: {} }],
    });
    run(20_000);
    const restarts =
      get('web')?.status?.containerStatuses?.find((c) => c.name === 'writer')?.restartCount ?? 0;
    expect(restarts).toBeGreaterThan(0);
    expect(exec('web', 'reader', ['cat', '/usr/share/nginx/html/log']).out).toBe(
      'fresh\n'.repeat(restarts + 1),
    );
  });

  it('creates a DirectoryOrCreate hostPath on the node, shared by pods on that node', () => {
    const { run, pod, exec, get } = volumeCluster();
    const spec = (name: string, node?: string) => ({
      ...(node === undefined ? {} : { nodeName: node }),
      containers: [
        { name: 'app', image: 'busybox', command: SLEEP, volumeMounts: [{ name: 'h', mountPath: '/h' }] },
      ],
      volumes: [{ name: 'h', hostPath: { path: '/var/local/shared', type: 'DirectoryOrCreate' } }],
    });
    pod('a', spec('a'));
    run(20_000);
    exec('a', 'app', ['sh', '-c', 'echo from-a > /h/file']);
    pod('b', spec('b', get('a')?.spec?.nodeName));
    run(20_000);
    expect(exec('b', 'app', ['cat', '/h/file']).out).toBe('from-a\n');
  });

  it('mounts the kube-api-access volume: a JWT bound to the pod, the CA bundle and the namespace', () => {
    const { run, pod, exec, get } = volumeCluster();
    pod('web', { containers: [{ name: 'app', image: 'busybox', command: SLEEP }] });
    run(20_000);
    const volume = get('web')?.spec?.volumes?.[0];
    expect(volume?.name).toMatch(/^kube-api-access-[a-z0-9]{5}$/);
    const dir = '/var/run/secrets/kubernetes.io/serviceaccount';
    expect(exec('web', 'app', ['ls', dir]).out).toBe('ca.crt\nnamespace\ntoken\n');
    expect(exec('web', 'app', ['cat', `${dir}/namespace`]).out).toBe('default');
    expect(exec('web', 'app', ['cat', `${dir}/ca.crt`]).out).toContain('-----BEGIN CERTIFICATE-----');
    const [header = '', payload = '', signature = ''] = exec('web', 'app', ['cat', `${dir}/token`]).out.split(
      '.',
    );
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
    expect(JSON.parse(Buffer.from(header, 'base64url').toString())).toMatchObject({ alg: 'RS256' });
    expect(signature).toHaveLength(342);
    expect(claims).toMatchObject({
      aud: ['https://kubernetes.default.svc.cluster.local'],
      sub: 'system:serviceaccount:default:default',
      'kubernetes.io': { namespace: 'default', pod: { name: 'web', uid: get('web')?.metadata.uid } },
    });
  });
});
