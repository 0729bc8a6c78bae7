import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../apiserver/types';
import { ApiError } from '../../apiserver/status';
import { findResource, type ResourceInfo } from '../../apiserver/resources';
import { ApiClient } from '../../client/rest';
import { createCluster } from '../../cluster';
import { VOLUME_CONTROLLERS, makeClaim, makeClass, makeVolume } from '../../controllers/pv-binder/testing';
import {
  CSI_NODES,
  NODES,
  PODS,
  PVCS,
  PVS,
  STORAGE_CLASSES,
  type Claim,
  type PodObject,
  type Volume,
} from '../../controllers/pv-binder/types';
import { CREATE_VOLUME_MS, DRIVER_NAME, TOPOLOGY_KEY, installCsiDriver } from '.';

const EVENTS = findResource('', 'v1', 'events') as ResourceInfo;
const STATEFULSETS = findResource('apps', 'v1', 'statefulsets') as ResourceInfo;

/** A whole cluster (3 nodes, the installer's storage) after its nodes and driver came up. */
function cluster() {
  const c = createCluster({ seed: 7, addons: false });
  const client = new ApiClient(c.apiserver, 'kubectl', 'kubectl');
  const run = (ms: number) => c.kernel.runUntil(c.kernel.clock.now() + ms);
  run(10_000);
  const get = <T extends KubeObject>(r: ResourceInfo, ns: string | null, name: string): T | undefined => {
    try {
      return client.get<T>(r, ns, name);
    } catch (error) {
      if (error instanceof ApiError && error.code === 404) return undefined;
      throw error;
    }
  };
  const events = (name: string) =>
    client
      .list<KubeObject & { reason?: string; message?: string; involvedObject?: { name?: string } }>(
        EVENTS,
        'default',
      )
      .items.filter((e) => e.involvedObject?.name === name)
      .map((e) => `${e.reason ?? ''}: ${e.message ?? ''}`);
  const pod = (name: string, claim: string) =>
    client.create(PODS, 'default', {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name },
      spec: {
        containers: [{ name: 'c', image: 'nginx' }],
        volumes: [{ name: 'data', persistentVolumeClaim: { claimName: claim } }],
      },
    });
  return { c, client, run, get, events, pod };
}

describe('dynamic provisioning with the default class', () => {
  it('waits for the first consumer, provisions on its node, binds, and the pod runs', () => {
    const { client, run, get, events, pod } = cluster();
    client.create(PVCS, 'default', makeClaim('data', { className: null }));
    run(5000);
    expect(get<Claim>(PVCS, 'default', 'data')?.spec?.storageClassName).toBe('standard');
    expect(get<Claim>(PVCS, 'default', 'data')?.status?.phase).toBe('Pending');
    expect(events('data')).toEqual([
      'WaitForFirstConsumer: waiting for first consumer to be created before binding',
    ]);

    pod('web', 'data');
    run(30_000);
    const running = get<PodObject>(PODS, 'default', 'web');
    const node = running?.spec?.nodeName ?? '';
    expect(running?.status?.phase).toBe('Running');
    const claim = get<Claim>(PVCS, 'default', 'data');
    const uid = claim?.metadata.uid ?? '';
    expect(claim?.status?.phase).toBe('Bound');
    expect(claim?.spec?.volumeName).toBe(`pvc-${uid}`);
    expect(claim?.metadata.annotations).toMatchObject({
      'volume.kubernetes.io/selected-node': node,
      'volume.kubernetes.io/storage-provisioner': DRIVER_NAME,
      'volume.beta.kubernetes.io/storage-provisioner': DRIVER_NAME,
      'pv.kubernetes.io/bind-completed': 'yes',
      'pv.kubernetes.io/bound-by-controller': 'yes',
    });
    const pv = get<Volume>(PVS, null, `pvc-${uid}`);
    expect(pv?.status?.phase).toBe('Bound');
    expect(pv?.metadata.annotations?.['pv.kubernetes.io/provisioned-by']).toBe(DRIVER_NAME);
    expect(pv?.metadata.finalizers).toEqual([
      'external-provisioner.volume.kubernetes.io/finalizer',
      'kubernetes.io/pv-protection',
      'external-attacher/hostpath-csi-k8s-io',
    ]);
    expect(pv?.spec).toMatchObject({
      capacity: { storage: '1Gi' },
      persistentVolumeReclaimPolicy: 'Delete',
      storageClassName: 'standard',
      claimRef: { name: 'data', namespace: 'default', uid },
      csi: { driver: DRIVER_NAME },
      nodeAffinity: {
        required: {
          nodeSelectorTerms: [{ matchExpressions: [{ key: TOPOLOGY_KEY, operator: 'In', values: [node] }] }],
        },
      },
    });
    // The node plugin registered the driver's topology on every node.
    expect(get<KubeObject>(NODES, null, node)?.metadata.labels?.[TOPOLOGY_KEY]).toBe(node);
    expect(get<KubeObject>(CSI_NODES, null, node)?.['spec']).toEqual({
      drivers: [{ name: DRIVER_NAME, nodeID: node, topologyKeys: [TOPOLOGY_KEY] }],
    });
    const reasons = events('data').map((e) => e.split(':')[0]);
    expect(reasons).toEqual([
      'WaitForFirstConsumer',
      'ExternalProvisioning',
      'Provisioning',
      'ProvisioningSucceeded',
    ]);
    expect(events('data')).toContain(
      'Provisioning: External provisioner is provisioning volume for claim "default/data"',
    );
    expect(events('data')).toContain(`ProvisioningSucceeded: Successfully provisioned volume pvc-${uid}`);
  });

  it('a claim deleted while its pod runs is Terminating until the pod goes, then its volume is deleted', () => {
    const { client, run, get, pod } = cluster();
    client.create(PVCS, 'default', makeClaim('data', { className: null }));
    pod('web', 'data');
    run(30_000);
    const pvName = get<Claim>(PVCS, 'default', 'data')?.spec?.volumeName ?? '';
    client.delete(PVCS, 'default', 'data');
    run(20_000);
    const terminating = get<Claim>(PVCS, 'default', 'data');
    expect(terminating?.metadata.deletionTimestamp).toBeDefined();
    expect(terminating?.metadata.finalizers).toEqual(['kubernetes.io/pvc-protection']);
    client.delete(PODS, 'default', 'web');
    run(60_000);
    expect(get(PODS, 'default', 'web')).toBeUndefined();
    expect(get(PVCS, 'default', 'data')).toBeUndefined();
    expect(get(PVS, null, pvName)).toBeUndefined();
  });

  it('with a Retain class the volume outlives its claim as Released', () => {
    const { client, run, get, pod } = cluster();
    client.create(
      STORAGE_CLASSES,
      null,
      makeClass('keep', DRIVER_NAME, { reclaimPolicy: 'Retain', volumeBindingMode: 'WaitForFirstConsumer' }),
    );
    client.create(PVCS, 'default', makeClaim('data', { className: 'keep' }));
    pod('web', 'data');
    run(30_000);
    const pvName = get<Claim>(PVCS, 'default', 'data')?.spec?.volumeName ?? '';
    expect(get<Volume>(PVS, null, pvName)?.spec?.persistentVolumeReclaimPolicy).toBe('Retain');
    client.delete(PODS, 'default', 'web');
    client.delete(PVCS, 'default', 'data');
    run(60_000);
    expect(get(PVCS, 'default', 'data')).toBeUndefined();
    const pv = get<Volume>(PVS, null, pvName);
    expect(pv?.status?.phase).toBe('Released');
    expect(pv?.metadata.finalizers).toEqual(['kubernetes.io/pv-protection']);
  });
});

describe('pods and their claims', () => {
  function scheduledCondition(pod: PodObject | undefined) {
    return pod?.status?.conditions?.find((c) => c.type === 'PodScheduled');
  }

  it('a pod whose claim cannot bind yet stays Pending, and runs once a volume binds it', () => {
    const { client, run, get, pod } = cluster();
    client.create(PVCS, 'default', makeClaim('static', { className: '' }));
    pod('web', 'static');
    run(10_000);
    const waiting = get<PodObject>(PODS, 'default', 'web');
    expect(waiting?.status?.phase).toBe('Pending');
    expect(scheduledCondition(waiting)).toMatchObject({
      status: 'False',
      reason: 'Unschedulable',
      message:
        '0/3 nodes are available: pod has unbound immediate PersistentVolumeClaims. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.',
    });
    client.create(PVS, null, makeVolume('manual', { className: '' }));
    run(40_000);
    expect(get<PodObject>(PODS, 'default', 'web')?.status?.phase).toBe('Running');
    expect(get<Claim>(PVCS, 'default', 'static')?.spec?.volumeName).toBe('manual');
  });

  it('a pod naming a missing claim is told so', () => {
    const { run, get, pod } = cluster();
    pod('web', 'missing');
    run(5000);
    expect(scheduledCondition(get<PodObject>(PODS, 'default', 'web'))?.message).toBe(
      '0/3 nodes are available: persistentvolumeclaim "missing" not found. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.',
    );
  });

  it('a local volume draws the pod to its node, and the scheduler pre-binds it', () => {
    const { client, run, get, pod } = cluster();
    client.create(
      STORAGE_CLASSES,
      null,
      makeClass('local', 'kubernetes.io/no-provisioner', { volumeBindingMode: 'WaitForFirstConsumer' }),
    );
    client.create(
      PVS,
      null,
      makeVolume('local-2', {
        className: 'local',
        nodeAffinity: {
          required: {
            nodeSelectorTerms: [
              { matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: ['node-2'] }] },
            ],
          },
        },
      }),
    );
    client.create(PVCS, 'default', makeClaim('data', { className: 'local' }));
    run(5000);
    pod('web', 'data');
    run(30_000);
    const web = get<PodObject>(PODS, 'default', 'web');
    expect(web?.spec?.nodeName).toBe('node-2');
    expect(web?.status?.phase).toBe('Running');
    const pv = get<Volume>(PVS, null, 'local-2');
    expect(pv?.status?.phase).toBe('Bound');
    // The scheduler wrote the binding; the controller only completed it.
    expect(pv?.metadata.annotations).toEqual({ 'pv.kubernetes.io/bound-by-controller': 'yes' });
    expect(pv?.metadata.managedFields?.some((f) => f.manager === 'kube-scheduler')).toBe(true);
  });

  it("a StatefulSet's claims from volumeClaimTemplates get the default class and their pods run", () => {
    const { client, run, get } = cluster();
    client.create(STATEFULSETS, 'default', {
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: 'db' },
      spec: {
        replicas: 2,
        selector: { matchLabels: { app: 'db' } },
        serviceName: 'db',
        template: {
          metadata: { labels: { app: 'db' } },
          spec: {
            containers: [{ name: 'c', image: 'nginx', volumeMounts: [{ name: 'data', mountPath: '/data' }] }],
          },
        },
        volumeClaimTemplates: [
          {
            metadata: { name: 'data' },
            spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '2Gi' } } },
          },
        ],
      },
    });
    run(90_000);
    for (const ordinal of [0, 1]) {
      const claim = get<Claim>(PVCS, 'default', `data-db-${ordinal}`);
      expect(claim?.spec?.storageClassName).toBe('standard');
      expect(claim?.status).toMatchObject({ phase: 'Bound', capacity: { storage: '2Gi' } });
      expect(get<PodObject>(PODS, 'default', `db-${ordinal}`)?.status?.phase).toBe('Running');
    }
  });
});

describe('the external provisioner on its own', () => {
  /** A cluster with the installer's storage and the volume controllers, but no kubelets or scheduler. */
  function bare() {
    const c = createCluster({
      seed: 3,
      controllers: VOLUME_CONTROLLERS,
      kubelets: false,
      scheduler: false,
      cloudProvider: false,
    });
    const client = new ApiClient(c.apiserver, 'kubectl', 'kubectl');
    const run = (ms: number) => c.kernel.runUntil(c.kernel.clock.now() + ms);
    return { c, client, run };
  }

  it('provisions an immediate-binding claim on a node the driver is registered on', () => {
    const { c, client, run } = bare();
    client.create(NODES, null, { apiVersion: 'v1', kind: 'Node', metadata: { name: 'node-9' } });
    installCsiDriver(new ApiClient(c.apiserver, 'node-9/kubelet', 'kubelet'), 'node-9', null);
    client.create(STORAGE_CLASSES, null, makeClass('now', DRIVER_NAME));
    client.create(PVCS, 'default', makeClaim('data', { className: 'now', request: '3Gi' }));
    run(CREATE_VOLUME_MS + 1000);
    const claim = client.get<Claim>(PVCS, 'default', 'data');
    expect(claim.status?.phase).toBe('Bound');
    const pv = client.get<Volume>(PVS, null, claim.spec?.volumeName ?? '');
    expect(pv.spec?.capacity).toEqual({ storage: '3Gi' });
    expect(pv.spec?.nodeAffinity?.required?.nodeSelectorTerms[0]?.matchExpressions).toEqual([
      { key: TOPOLOGY_KEY, operator: 'In', values: ['node-9'] },
    ]);
  });

  it('fails, and retries later, on a selected node the driver is not registered on', () => {
    const { c, client, run } = bare();
    client.create(NODES, null, { apiVersion: 'v1', kind: 'Node', metadata: { name: 'bare-node' } });
    client.create(
      PVCS,
      'default',
      makeClaim('data', {
        className: 'standard',
        annotations: { 'volume.kubernetes.io/selected-node': 'bare-node' },
      }),
    );
    run(2000);
    const claim = client.get<Claim>(PVCS, 'default', 'data');
    expect(claim.metadata.annotations?.['volume.kubernetes.io/selected-node']).toBe('bare-node');
    const events = client
      .list<KubeObject & { reason?: string; message?: string }>(EVENTS, 'default')
      .items.map((e) => `${e.reason ?? ''}: ${e.message ?? ''}`);
    expect(events).toContain(
      'ProvisioningFailed: failed to provision volume with StorageClass "standard": error generating accessibility requirements: no topology key found on CSINode bare-node',
    );
    // Once the node plugin registers there, the next attempt succeeds.
    installCsiDriver(new ApiClient(c.apiserver, 'bare-node/kubelet', 'kubelet'), 'bare-node', null);
    run(20_000);
    expect(client.get<Claim>(PVCS, 'default', 'data').status?.phase).toBe('Bound');
  });
});
