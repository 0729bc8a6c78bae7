import { describe, expect, it } from 'vitest';
import { Inspections, MAX_INSPECTIONS } from './index';
import { DEPLOYMENTS, deployment, testCluster } from './testing';

describe('Inspections', () => {
  it('sends each view once, then again only when it changes', () => {
    const { cluster, kubectl } = testCluster({ workerNodes: 1 });
    cluster.kernel.runUntil(20_000);
    const inspections = new Inspections();
    inspections.open(1, { kind: 'object', resource: 'deployments.apps', namespace: 'default', name: 'web' });
    inspections.open(2, { kind: 'node', name: 'nowhere' });
    expect(inspections.refresh(cluster)).toEqual([
      { type: 'inspection', id: 1, view: { kind: 'missing', message: 'deployments.apps "web" not found' } },
      { type: 'inspection', id: 2, view: { kind: 'missing', message: 'nodes "nowhere" not found' } },
    ]);
    expect(inspections.refresh(cluster)).toEqual([]);
    kubectl.create(DEPLOYMENTS, 'default', deployment('web', 1));
    const updates = inspections.refresh(cluster);
    expect(updates.map((u) => [u.id, u.view.kind])).toEqual([[1, 'object']]);
    inspections.close(1);
    cluster.kernel.runUntil(40_000);
    expect(inspections.refresh(cluster)).toEqual([]);
    expect(inspections.size).toBe(1);
  });

  it('starts over with a new cluster, whose revisions mean something else', () => {
    const first = testCluster({ workerNodes: 1 });
    first.cluster.kernel.runUntil(20_000);
    first.kubectl.create(DEPLOYMENTS, 'default', deployment('web', 1));
    const inspections = new Inspections();
    inspections.open(1, { kind: 'object', resource: 'deployments.apps', namespace: 'default', name: 'web' });
    expect(inspections.refresh(first.cluster)[0]?.view.kind).toBe('object');
    // The same seed, without the Deployment: the store reaches the same revision by other writes.
    const second = testCluster({ workerNodes: 1 });
    second.cluster.kernel.runUntil(20_000);
    while (second.cluster.etcd.revision < first.cluster.etcd.revision) second.cluster.kernel.step();
    expect(inspections.refresh(second.cluster)[0]?.view).toEqual({
      kind: 'missing',
      message: 'deployments.apps "web" not found',
    });
  });

  it(`keeps at most ${MAX_INSPECTIONS} open, and lets one be pointed elsewhere`, () => {
    const inspections = new Inspections();
    for (let id = 0; id < MAX_INSPECTIONS; id++) inspections.open(id, { kind: 'scheduler' });
    expect(() => inspections.open(MAX_INSPECTIONS, { kind: 'scheduler' })).toThrow(
      /too many inspections open/,
    );
    inspections.open(0, { kind: 'etcd', key: null });
    expect(inspections.size).toBe(MAX_INSPECTIONS);
  });
});
