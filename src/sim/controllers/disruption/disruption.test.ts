import type { PodDisruptionBudget } from 'kubernetes-types/policy/v1';
import { describe, expect, it } from 'vitest';
import { findResource, type ResourceInfo } from '../../apiserver/resources';
import type { KubeObject } from '../../apiserver/types';
import { resourcePath } from '../../client/rest';
import {
  PODS,
  podManifest,
  REPLICASETS,
  replicaSetManifest,
  running,
  setPodStatus,
  setup,
} from '../replicaset/testing';
import { disruption } from '.';

const PDBS = findResource('policy', 'v1', 'poddisruptionbudgets') as ResourceInfo;
const DEPLOYMENTS = findResource('apps', 'v1', 'deployments') as ResourceInfo;
const READY_SINCE = '2025-01-01T00:00:00Z';

type Pdb = KubeObject & PodDisruptionBudget;

function start() {
  const s = setup([disruption]);
  const pdb = (name = 'web') => s.client.get<Pdb>(PDBS, 'default', name);
  const createPdb = (spec: Record<string, unknown>, name = 'web') =>
    s.client.create(PDBS, 'default', {
      apiVersion: 'policy/v1',
      kind: 'PodDisruptionBudget',
      metadata: { name },
      spec: { selector: { matchLabels: { app: 'web' } }, ...spec },
    });
  /** `count` pods labelled app=web, controlled by `owner` (none: unmanaged), `ready` of them Ready. */
  const pods = (count: number, ready: number, owner?: KubeObject) => {
    for (let i = 0; i < count; i++) {
      const manifest = podManifest(`web-${i}`, { app: 'web' });
      const ref = owner && {
        apiVersion: owner.apiVersion,
        kind: owner.kind,
        name: owner.metadata.name,
        uid: owner.metadata.uid,
        controller: true,
      };
      s.client.create(PODS, 'default', {
        ...manifest,
        metadata: { ...manifest.metadata, ownerReferences: ref ? [ref] : [] },
      });
      if (i < ready) setPodStatus(s.client, `web-${i}`, running(true, READY_SINCE));
    }
  };
  const evict = (name: string) =>
    s.client.request('POST', resourcePath(PODS, 'default', name, 'eviction'), {
      body: { apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name, namespace: 'default' } },
    });
  return { ...s, pdb, createPdb, pods, evict };
}

describe('disruption controller', () => {
  it('minAvailable as an int: counts Ready pods against it and sets DisruptionAllowed', () => {
    const { client, run, pdb, createPdb, pods } = start();
    const rs = client.create(REPLICASETS, 'default', replicaSetManifest('web', 3));
    pods(3, 2, rs);
    createPdb({ minAvailable: 2 });
    run(1000);
    expect(pdb().status).toEqual({
      currentHealthy: 2,
      desiredHealthy: 2,
      expectedPods: 3,
      disruptionsAllowed: 0,
      observedGeneration: 1,
      conditions: [
        {
          type: 'DisruptionAllowed',
          status: 'False',
          reason: 'InsufficientPods',
          message: '',
          observedGeneration: 1,
          lastTransitionTime: '2025-01-01T00:00:00Z',
        },
      ],
    });
    run(5000);
    setPodStatus(client, 'web-2', running(true, READY_SINCE));
    run(1000);
    const status = pdb().status;
    expect(status).toMatchObject({ currentHealthy: 3, disruptionsAllowed: 1 });
    expect(status?.conditions?.[0]).toMatchObject({
      status: 'True',
      reason: 'SufficientPods',
      lastTransitionTime: '2025-01-01T00:00:06Z',
    });
  });

  it('percentages and maxUnavailable follow the Deployment scale, rounding up', () => {
    const { client, run, pdb, createPdb, pods } = start();
    const deploy = client.create(DEPLOYMENTS, 'default', {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web' },
      spec: { ...replicaSetManifest('web', 5).spec },
    });
    const rsManifest = replicaSetManifest('web-abc', 4);
    const rs = client.create(REPLICASETS, 'default', {
      ...rsManifest,
      metadata: {
        name: 'web-abc',
        ownerReferences: [
          {
            apiVersion: 'apps/v1',
            kind: 'Deployment',
            name: 'web',
            uid: deploy.metadata.uid,
            controller: true,
          },
        ],
      },
    });
    pods(4, 4, rs);
    createPdb({ maxUnavailable: '30%' }, 'max');
    createPdb({ minAvailable: '50%' }, 'min');
    run(1000);
    // 5 expected (the Deployment's replicas, not the ReplicaSet's); ceil(1.5) = 2 may go.
    expect(pdb('max').status).toMatchObject({
      expectedPods: 5,
      desiredHealthy: 3,
      currentHealthy: 4,
      disruptionsAllowed: 1,
    });
    // ceil(2.5) = 3 must stay.
    expect(pdb('min').status).toMatchObject({ expectedPods: 5, desiredHealthy: 3, disruptionsAllowed: 1 });
  });

  it('warns about unmanaged pods and fails safe when a controller cannot be found', () => {
    const { client, run, pdb, createPdb, pods, events } = start();
    pods(2, 2);
    createPdb({ maxUnavailable: 1 });
    run(1000);
    expect(pdb().status).toMatchObject({ expectedPods: 0, currentHealthy: 2, disruptionsAllowed: 0 });
    expect(events().map((e) => e.reason)).toContain('UnmanagedPods');

    const orphan = podManifest('lost', { app: 'web' });
    client.create(PODS, 'default', {
      ...orphan,
      metadata: {
        ...orphan.metadata,
        ownerReferences: [
          { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'gone', uid: 'x', controller: true },
        ],
      },
    });
    run(1000);
    expect(pdb().status?.disruptionsAllowed).toBe(0);
    expect(pdb().status?.conditions?.[0]).toMatchObject({
      status: 'False',
      reason: 'SyncFailed',
      message: 'found no controllers for pod "lost"',
    });
    const failed = events().find((e) => e.reason === 'CalculateExpectedPodCountFailed');
    expect(failed?.message).toBe(
      'Failed to calculate the number of expected pods: found no controllers for pod "lost"',
    );
  });

  it('an eviction takes a disruption and records the pod until it is gone', () => {
    const { client, run, pdb, createPdb, pods, evict } = start();
    const rs = client.create(REPLICASETS, 'default', replicaSetManifest('web', 3));
    pods(3, 3, rs);
    createPdb({ minAvailable: 2 });
    run(1000);
    expect(pdb().status?.disruptionsAllowed).toBe(1);
    expect(evict('web-0').status).toBe(201);
    expect(pdb().status).toMatchObject({
      disruptionsAllowed: 0,
      disruptedPods: { 'web-0': '2025-01-01T00:00:01Z' },
    });
    expect(() => evict('web-1')).toThrow("Cannot evict pod as it would violate the pod's disruption budget.");
    run(1000);
    // The evicted pod is gone (it never ran on a node): two healthy, none to spare.
    expect(pdb().status).toMatchObject({ currentHealthy: 2, disruptionsAllowed: 0 });
    expect(pdb().status?.disruptedPods).toBeUndefined();
  });

  it('a recorded pod that is not deleted counts again after two minutes', () => {
    const { client, run, pdb, createPdb, pods, events } = start();
    const rs = client.create(REPLICASETS, 'default', replicaSetManifest('web', 3));
    pods(3, 3, rs);
    createPdb({ minAvailable: 2 });
    run(1000);
    const current = pdb();
    const status = current.status;
    if (status === undefined) throw new Error('no status');
    client.update(
      PDBS,
      {
        ...current,
        status: { ...status, disruptionsAllowed: 0, disruptedPods: { 'web-0': '2025-01-01T00:00:01Z' } },
      },
      'status',
    );
    run(1000);
    expect(pdb().status).toMatchObject({
      currentHealthy: 2,
      disruptionsAllowed: 0,
      disruptedPods: { 'web-0': '2025-01-01T00:00:01Z' },
    });
    run(2 * 60_000);
    expect(pdb().status).toMatchObject({ currentHealthy: 3, disruptionsAllowed: 1 });
    expect(pdb().status?.disruptedPods).toBeUndefined();
    const notDeleted = events().find((e) => e.reason === 'NotDeleted');
    expect(notDeleted?.message).toBe("Pod was expected by PDB default/default to be deleted but it wasn't");
  });
});
