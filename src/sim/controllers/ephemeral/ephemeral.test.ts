import { describe, expect, it } from 'vitest';
import { createCluster } from '../../cluster';
import { findResource, type ResourceInfo } from '../../apiserver/resources';
import { ApiClient } from '../../client/rest';
import { garbageCollector } from '../garbage-collector';
import { makeClaim, volumeCluster } from '../pv-binder/testing';
import { pvcProtection } from '../pvc-protection';
import { PODS, PVCS, PVS, type Claim, type PodObject, type Volume } from '../pv-binder/types';
import { ephemeralVolume } from '.';

const EVENTS = findResource('', 'v1', 'events') as ResourceInfo;

const TEMPLATE = {
  metadata: { labels: { type: 'scratch' }, annotations: { 'example.com/owner': 'team-a' } },
  spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
};

/** A pod with two generic ephemeral volumes (one mounted), pinned to node-1. */
function ephemeralPod(name: string, extra: object = {}) {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name },
    spec: {
      containers: [
        {
          name: 'app',
          image: 'busybox:1.36',
          command: ['sh', '-c', 'sleep 3600'],
          volumeMounts: [{ name: 'scratch', mountPath: '/scratch' }],
        },
      ],
      volumes: [
        { name: 'scratch', ephemeral: { volumeClaimTemplate: TEMPLATE } },
        { name: 'cache', ephemeral: { volumeClaimTemplate: { spec: TEMPLATE.spec } } },
      ],
      ...extra,
    },
  };
}

describe('ephemeral-volume-controller', () => {
  it('creates <pod>-<volume> from the template, owned by the pod, and the GC deletes it with the pod', () => {
    const t = volumeCluster([ephemeralVolume, garbageCollector, pvcProtection]);
    const pod = t.client.create<PodObject>(PODS, 'default', ephemeralPod('web'));
    t.run(1000);
    const scratch = t.pvc('web-scratch');
    expect(scratch.metadata.labels).toEqual({ type: 'scratch' });
    expect(scratch.metadata.annotations).toEqual({ 'example.com/owner': 'team-a' });
    expect(scratch.metadata.ownerReferences).toEqual([
      {
        apiVersion: 'v1',
        kind: 'Pod',
        name: 'web',
        uid: pod.metadata.uid,
        controller: true,
        blockOwnerDeletion: true,
      },
    ]);
    expect(scratch.spec?.accessModes).toEqual(['ReadWriteOnce']);
    expect(scratch.spec?.resources).toEqual({ requests: { storage: '1Gi' } });
    expect(t.pvc('web-cache').metadata.labels).toBeUndefined();

    // A claim deleted while its (unscheduled) pod lives on comes back.
    t.client.delete(PVCS, 'default', 'web-cache');
    t.run(1000);
    const again = t.pvc('web-cache');
    expect(again.metadata.uid).not.toBe(scratch.metadata.uid);
    expect(again.metadata.deletionTimestamp).toBeUndefined();

    t.forceDeletePod('web');
    t.run(5000);
    expect(t.exists(() => t.pvc('web-scratch'))).toBe(false);
    expect(t.exists(() => t.pvc('web-cache'))).toBe(false);
  });

  it('never adopts a claim of that name that the pod does not own', () => {
    const t = volumeCluster([ephemeralVolume]);
    t.client.create(PVCS, 'default', makeClaim('db-scratch'));
    t.client.create(PODS, 'default', ephemeralPod('db'));
    t.run(1000);
    expect(t.pvc('db-scratch').metadata.ownerReferences).toBeUndefined();
    expect(t.events('db')[0]).toBe(
      'Warning FailedBinding: ephemeral volume scratch: PVC default/db-scratch was not created for pod default/db (pod is not owner)',
    );
  });
});

describe('a generic ephemeral volume on a kind cluster', () => {
  it('is provisioned for the pod, mounted through CSI, and goes away with the pod', () => {
    const cluster = createCluster({ seed: 4, addons: false, workerNodes: 1 });
    const client = new ApiClient(cluster.apiserver, 'kubectl', 'kubectl');
    const run = (ms: number) => cluster.kernel.runUntil(cluster.kernel.clock.now() + ms);
    run(5000);
    client.create(PODS, 'default', ephemeralPod('web'));
    run(30_000);
    const pod = client.get<PodObject>(PODS, 'default', 'web');
    expect(pod.status?.phase).toBe('Running');
    const claim = client.get<Claim>(PVCS, 'default', 'web-scratch');
    expect(claim.status?.phase).toBe('Bound');
    expect(claim.spec?.storageClassName).toBe('standard');
    expect(claim.metadata.annotations?.['volume.kubernetes.io/selected-node']).toBe('node-1');
    const pv = client.get<Volume>(PVS, null, claim.spec?.volumeName ?? '');
    expect(pv.spec?.csi?.driver).toBe('hostpath.csi.k8s.io');
    const reasons = client
      .list(EVENTS, 'default')
      .items.filter((e) => (e.involvedObject as { name?: string }).name === 'web')
      .map((e) => String(e.reason));
    expect(reasons).toContain('Started');
    expect(reasons).not.toContain('FailedMount');

    client.delete(PODS, 'default', 'web');
    run(60_000);
    const left = (r: ResourceInfo, ns: string | null) => client.list(r, ns).items.map((o) => o.metadata.name);
    expect(left(PODS, 'default')).toEqual([]);
    expect(left(PVCS, 'default')).toEqual([]);
    expect(left(PVS, null)).toEqual([]);
  });
});
