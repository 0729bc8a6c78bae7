import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kubectlOrSkip, rows, startApiserver, type RunningApiserver } from './harness';

const kubectl = kubectlOrSkip();

const MANIFESTS = `
apiVersion: v1
kind: ConfigMap
metadata:
  name: app-config
data:
  key: hello from the configmap
  mode: debug
---
apiVersion: v1
kind: Secret
metadata:
  name: db
data:
  password: czNjcjN0
---
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
    app: web
  ports:
  - port: 80
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: data
spec:
  accessModes: [ReadWriteOnce]
  resources:
    requests:
      storage: 1Gi
---
apiVersion: v1
kind: Pod
metadata:
  name: web
  labels:
    app: web
spec:
  containers:
  - name: app
    image: busybox
    command: [sh, -c, 'sleep 3600']
    env:
    - name: DB_PASSWORD
      valueFrom:
        secretKeyRef:
          name: db
          key: password
    envFrom:
    - configMapRef:
        name: app-config
      prefix: CFG_
    volumeMounts:
    - name: config
      mountPath: /etc/config
    - name: data
      mountPath: /data
  volumes:
  - name: config
    configMap:
      name: app-config
  - name: data
    persistentVolumeClaim:
      claimName: data
---
apiVersion: v1
kind: Pod
metadata:
  name: no-volume
spec:
  containers:
  - name: app
    image: busybox
    command: [sh, -c, 'sleep 3600']
    volumeMounts:
    - name: cfg
      mountPath: /etc/config
  volumes:
  - name: cfg
    configMap:
      name: missing
---
apiVersion: v1
kind: Pod
metadata:
  name: no-env
spec:
  containers:
  - name: app
    image: busybox
    command: [sh, -c, 'sleep 3600']
    env:
    - name: MODE
      valueFrom:
        configMapKeyRef:
          name: missing
          key: mode
`;

describe.skipIf(kubectl === null)(
  'real kubectl: volumes, env and CSI attachments',
  { timeout: 180_000 },
  () => {
    let api: RunningApiserver;
    beforeAll(async () => {
      api = await startApiserver(kubectl ?? '', ['--speed', '20']);
      await api.kubectl(['wait', '--for=condition=Ready', 'node', '--all', '--timeout=60s']);
      const applied = await api.kubectl(['apply', '-f', api.file('volumes.yaml', MANIFESTS)]);
      expect(applied.stderr).toBe('');
      const ready = await api.kubectl(['wait', '--for=condition=Ready', 'pod/web', '--timeout=90s']);
      expect(ready.stderr).toBe('');
    }, 150_000);
    afterAll(() => api?.stop());

    it('kubectl exec cat reads the configMap volume, and the volume is read-only', async () => {
      const cat = await api.kubectl(['exec', 'web', '--', 'cat', '/etc/config/key']);
      expect(cat).toMatchObject({ code: 0, stdout: 'hello from the configmap' });
      const ls = await api.kubectl(['exec', 'web', '--', 'ls', '/etc/config']);
      expect(ls.stdout).toBe('key\nmode\n');
      const write = await api.kubectl(['exec', 'web', '--', 'sh', '-c', 'echo x > /etc/config/key']);
      expect(write.stderr).toContain("sh: can't create /etc/config/key: Read-only file system");
      expect(write.code).toBe(1);
    });

    it('kubectl exec env shows the secret, the envFrom prefix and the Service variables', async () => {
      const env = (await api.kubectl(['exec', 'web', '--', 'env'])).stdout.split('\n');
      expect(env).toContain('DB_PASSWORD=s3cr3t');
      expect(env).toContain('CFG_mode=debug');
      expect(env).toContain('HOSTNAME=web');
      expect(env).toContain('KUBERNETES_SERVICE_HOST=10.96.0.1');
      expect(env).toContain('WEB_SERVICE_PORT=80');
      const host = (await api.kubectl(['get', 'service', 'web', '-o', 'jsonpath={.spec.clusterIP}'])).stdout;
      expect(env).toContain(`WEB_SERVICE_HOST=${host}`);
      expect(env).toContain(`WEB_PORT_80_TCP=tcp://${host}:80`);
      expect(env).toContain(`WEB_PORT_80_TCP_ADDR=${host}`);
    });

    it('kubectl get volumeattachments lists the CSI attachment of the claim', async () => {
      const pv = (await api.kubectl(['get', 'pvc', 'data', '-o', 'jsonpath={.spec.volumeName}'])).stdout;
      const node = (await api.kubectl(['get', 'pod', 'web', '-o', 'jsonpath={.spec.nodeName}'])).stdout;
      const out = await api.kubectl(['get', 'volumeattachments']);
      const [header, row] = rows(out.stdout);
      expect(header).toEqual(['NAME', 'ATTACHER', 'PV', 'NODE', 'ATTACHED', 'AGE']);
      expect(row?.slice(0, 5)).toEqual([row?.[0], 'hostpath.csi.k8s.io', pv, node, 'true']);
      expect(row?.[0]).toMatch(/^csi-[0-9a-f]{64}$/);
      const attached = await api.kubectl([
        'get',
        'node',
        node,
        '-o',
        'jsonpath={.status.volumesAttached[*].name}',
      ]);
      expect(attached.stdout).toMatch(/^kubernetes\.io\/csi\/hostpath\.csi\.k8s\.io\^[0-9a-f-]+$/);
    });

    it('kubectl describe pod shows the mounts, the volumes and the attach event', async () => {
      const out = (await api.kubectl(['describe', 'pod', 'web'])).stdout;
      expect(out).toContain('    Mounts:\n      /data from data (rw)\n      /etc/config from config (rw)\n');
      expect(out).toMatch(
        /\/var\/run\/secrets\/kubernetes\.io\/serviceaccount from kube-api-access-[a-z0-9]{5} \(ro\)/,
      );
      expect(out).toContain(
        '  config:\n    Type:      ConfigMap (a volume populated by a ConfigMap)\n    Name:      app-config\n',
      );
      expect(out).toContain(
        '    Type:       PersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)\n    ClaimName:  data\n',
      );
      expect(out).toContain('TokenExpirationSeconds:  3607');
      expect(out).toMatch(
        /Normal +SuccessfulAttachVolume +\S+ +attachdetach-controller +AttachVolume\.Attach succeeded for volume "pvc-[0-9a-f-]+"/,
      );
    });

    it('a missing ConfigMap keeps pods from starting: FailedMount and CreateContainerConfigError', async () => {
      const pods = rows((await api.kubectl(['get', 'pods', 'no-volume', 'no-env'])).stdout);
      expect(pods.slice(1).map((r) => [r[0], r[2]])).toEqual([
        ['no-volume', 'ContainerCreating'],
        ['no-env', 'CreateContainerConfigError'],
      ]);
      const mount = (await api.kubectl(['describe', 'pod', 'no-volume'])).stdout;
      expect(mount).toMatch(
        /Warning +FailedMount +.* +kubelet +MountVolume\.SetUp failed for volume "cfg" : configmap "missing" not found/,
      );
      const env = (await api.kubectl(['describe', 'pod', 'no-env'])).stdout;
      expect(env).toMatch(/Warning +Failed +.* +kubelet +Error: configmap "missing" not found/);
    });
  },
);
