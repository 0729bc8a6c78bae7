import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kubectlOrSkip, rows, startApiserver, type RunningApiserver } from './harness';

const kubectl = kubectlOrSkip();

const STATIC = `
apiVersion: v1
kind: PersistentVolume
metadata:
  name: static-pv
spec:
  capacity:
    storage: 1Gi
  accessModes: [ReadWriteOnce]
  persistentVolumeReclaimPolicy: Retain
  storageClassName: manual
  hostPath:
    path: /mnt/data
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: static
spec:
  accessModes: [ReadWriteOnce]
  storageClassName: manual
  resources:
    requests:
      storage: 500Mi
`;

const DYNAMIC = `
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
spec:
  containers:
  - name: web
    image: nginx:1.27
    volumeMounts:
    - name: data
      mountPath: /usr/share/nginx/html
  volumes:
  - name: data
    persistentVolumeClaim:
      claimName: data
`;

const EPHEMERAL = `
apiVersion: v1
kind: Pod
metadata:
  name: scratch
spec:
  containers:
  - name: app
    image: busybox:1.36
    command: [sleep, '3600']
    volumeMounts:
    - name: cache
      mountPath: /cache
  volumes:
  - name: cache
    ephemeral:
      volumeClaimTemplate:
        metadata:
          labels:
            type: scratch
        spec:
          accessModes: [ReadWriteOnce]
          resources:
            requests:
              storage: 1Gi
`;

describe.skipIf(kubectl === null)('real kubectl: persistent volumes', { timeout: 120_000 }, () => {
  let api: RunningApiserver;
  beforeAll(async () => {
    api = await startApiserver(kubectl ?? '', ['--speed', '10']);
  }, 60_000);
  afterAll(() => api?.stop());

  it('kubectl get sc: the installer’s default class', async () => {
    const out = rows((await api.kubectl(['get', 'storageclasses'])).stdout);
    expect(out[0]).toEqual([
      'NAME',
      'PROVISIONER',
      'RECLAIMPOLICY',
      'VOLUMEBINDINGMODE',
      'ALLOWVOLUMEEXPANSION',
      'AGE',
    ]);
    expect(out[1]?.slice(0, 5)).toEqual([
      'standard (default)',
      'hostpath.csi.k8s.io',
      'Delete',
      'WaitForFirstConsumer',
      'false',
    ]);
  });

  it('a static volume and a claim bind: kubectl get pv and get pvc', async () => {
    expect((await api.kubectl(['apply', '-f', api.file('static.yaml', STATIC)])).code).toBe(0);
    const bound = await api.kubectl([
      'wait',
      '--for=jsonpath={.status.phase}=Bound',
      'pvc/static',
      '--timeout=60s',
    ]);
    expect(bound.code).toBe(0);
    const pv = rows((await api.kubectl(['get', 'pv', 'static-pv'])).stdout);
    expect(pv[0]).toEqual([
      'NAME',
      'CAPACITY',
      'ACCESS MODES',
      'RECLAIM POLICY',
      'STATUS',
      'CLAIM',
      'STORAGECLASS',
      'VOLUMEATTRIBUTESCLASS',
      'REASON',
      'AGE',
    ]);
    expect(pv[1]?.slice(0, 8)).toEqual([
      'static-pv',
      '1Gi',
      'RWO',
      'Retain',
      'Bound',
      'default/static',
      'manual',
      '<unset>',
    ]);
    const pvc = rows((await api.kubectl(['get', 'pvc', 'static'])).stdout);
    expect(pvc[0]).toEqual([
      'NAME',
      'STATUS',
      'VOLUME',
      'CAPACITY',
      'ACCESS MODES',
      'STORAGECLASS',
      'VOLUMEATTRIBUTESCLASS',
      'AGE',
    ]);
    expect(pvc[1]?.slice(0, 7)).toEqual(['static', 'Bound', 'static-pv', '1Gi', 'RWO', 'manual', '<unset>']);
  });

  it('a claim of the default class is provisioned for its pod: kubectl describe pvc', async () => {
    expect((await api.kubectl(['apply', '-f', api.file('dynamic.yaml', DYNAMIC)])).code).toBe(0);
    const ready = await api.kubectl(['wait', '--for=condition=Ready', 'pod/web', '--timeout=90s']);
    expect(ready.code).toBe(0);
    const node = (await api.kubectl(['get', 'pod', 'web', '-o', 'jsonpath={.spec.nodeName}'])).stdout;
    const volume = (await api.kubectl(['get', 'pvc', 'data', '-o', 'jsonpath={.spec.volumeName}'])).stdout;
    expect(volume).toMatch(/^pvc-[0-9a-f-]{36}$/);
    const describe = (await api.kubectl(['describe', 'pvc', 'data'])).stdout;
    expect(describe).toMatch(
      /^Name:\s+data\nNamespace:\s+default\nStorageClass:\s+standard\nStatus:\s+Bound\n/,
    );
    expect(describe).toContain(`Volume:        ${volume}\n`);
    expect(describe).toContain(`volume.kubernetes.io/selected-node: ${node}\n`);
    expect(describe).toContain('volume.kubernetes.io/storage-provisioner: hostpath.csi.k8s.io\n');
    expect(describe).toMatch(/Finalizers:\s+\[kubernetes.io\/pvc-protection\]\n/);
    expect(describe).toMatch(
      /Capacity:\s+1Gi\nAccess Modes:\s+RWO\nVolumeMode:\s+Filesystem\nUsed By:\s+web\n/,
    );
    const events = describe.slice(describe.indexOf('Events:'));
    const reasons = [...events.matchAll(/^\s+Normal\s+(\S+)\s/gm)].map((m) => m[1]);
    // The claim and its pod come in one apply: the controller waits for a consumer, or already
    // sees the pod waiting to be scheduled, before the provisioner's turn.
    const provisioned = reasons.indexOf('ExternalProvisioning');
    expect(reasons.slice(provisioned)).toEqual([
      'ExternalProvisioning',
      'Provisioning',
      'ProvisioningSucceeded',
    ]);
    expect(reasons.slice(0, provisioned).length).toBeGreaterThan(0);
    for (const waiting of reasons.slice(0, provisioned))
      expect(['WaitForFirstConsumer', 'WaitForPodScheduled']).toContain(waiting);
    expect(events).toMatch(
      /persistentvolume-controller\s+(waiting for first consumer to be created before binding|waiting for pod web to be scheduled)\n/,
    );
    expect(events).toMatch(
      /hostpath\.csi\.k8s\.io_csi-hostpathplugin-0_[0-9a-f-]{36}\s+External provisioner is provisioning volume for claim "default\/data"/,
    );
    expect(events).toContain(`Successfully provisioned volume ${volume}`);
    const pv = rows((await api.kubectl(['get', 'pv', volume])).stdout);
    expect(pv[1]?.slice(0, 7)).toEqual([volume, '1Gi', 'RWO', 'Delete', 'Bound', 'default/data', 'standard']);
  });

  it('a claim in use is Terminating until its pod is deleted; then its volume is deleted', async () => {
    const volume = (await api.kubectl(['get', 'pvc', 'data', '-o', 'jsonpath={.spec.volumeName}'])).stdout;
    expect((await api.kubectl(['delete', 'pvc', 'data', '--wait=false'])).stdout).toBe(
      'persistentvolumeclaim "data" deleted\n',
    );
    expect(rows((await api.kubectl(['get', 'pvc', 'data'])).stdout)[1]?.slice(0, 2)).toEqual([
      'data',
      'Terminating',
    ]);
    expect((await api.kubectl(['delete', 'pod', 'web', '--timeout=60s'])).code).toBe(0);
    expect((await api.kubectl(['wait', '--for=delete', 'pvc/data', '--timeout=60s'])).code).toBe(0);
    expect((await api.kubectl(['wait', '--for=delete', `pv/${volume}`, '--timeout=60s'])).code).toBe(0);
  });

  it('a generic ephemeral volume: its claim <pod>-<volume> is provisioned for the pod and goes with it', async () => {
    expect((await api.kubectl(['apply', '-f', api.file('ephemeral.yaml', EPHEMERAL)])).code).toBe(0);
    const ready = await api.kubectl(['wait', '--for=condition=Ready', 'pod/scratch', '--timeout=90s']);
    expect(ready.code).toBe(0);
    const pvc = rows((await api.kubectl(['get', 'pvc', '-l', 'type=scratch'])).stdout);
    expect(pvc[1]?.slice(0, 2)).toEqual(['scratch-cache', 'Bound']);
    expect(pvc[1]?.slice(3, 6)).toEqual(['1Gi', 'RWO', 'standard']);
    const owner = await api.kubectl([
      'get',
      'pvc',
      'scratch-cache',
      '-o',
      'jsonpath={.metadata.ownerReferences[0].kind}/{.metadata.ownerReferences[0].name} controller={.metadata.ownerReferences[0].controller}',
    ]);
    expect(owner.stdout).toBe('Pod/scratch controller=true');
    const events = (await api.kubectl(['describe', 'pod', 'scratch'])).stdout;
    expect(events).not.toContain('FailedMount');
    expect((await api.kubectl(['delete', 'pod', 'scratch', '--timeout=60s'])).code).toBe(0);
    expect((await api.kubectl(['wait', '--for=delete', 'pvc/scratch-cache', '--timeout=60s'])).code).toBe(0);
  });
});
