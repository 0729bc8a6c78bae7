import { describe, expect, it } from 'vitest';
import { CONFIGMAPS, DEPLOYMENTS, gcTestbed, PODS, REPLICASETS } from './testing';

describe('garbage collector: foreground deletion', () => {
  it('keeps the owner until its blocking dependents are gone', () => {
    const t = gcTestbed();
    const owner = t.configMap('owner');
    t.configMap('blocking', [t.ownedBy(owner, { blockOwnerDeletion: true })], ['example.com/hold']);
    t.configMap('plain', [t.ownedBy(owner)]);
    t.run();
    expect(t.remove(CONFIGMAPS, 'owner', 'Foreground').status).toBe(202);
    t.run();
    const waiting = t.get(CONFIGMAPS, 'owner');
    expect(waiting?.metadata.deletionTimestamp).toBeDefined();
    expect(waiting?.metadata.finalizers).toEqual(['foregroundDeletion']);
    expect(t.get(CONFIGMAPS, 'plain')).toBeNull();
    expect(t.get(CONFIGMAPS, 'blocking')?.metadata.deletionTimestamp).toBeDefined();
    // The dependent's own finalizer goes: it disappears, and so does the owner.
    t.client.patch(CONFIGMAPS, 'default', 'blocking', 'merge', { metadata: { finalizers: null } });
    t.run();
    expect(t.get(CONFIGMAPS, 'blocking')).toBeNull();
    expect(t.get(CONFIGMAPS, 'owner')).toBeNull();
  });

  it('does not wait for dependents without blockOwnerDeletion', () => {
    const t = gcTestbed();
    const owner = t.configMap('owner');
    t.configMap('held', [t.ownedBy(owner, { blockOwnerDeletion: false })], ['example.com/hold']);
    t.run();
    t.remove(CONFIGMAPS, 'owner', 'Foreground');
    t.run();
    expect(t.get(CONFIGMAPS, 'owner')).toBeNull();
    expect(t.get(CONFIGMAPS, 'held')?.metadata.deletionTimestamp).toBeDefined();
  });

  it('deletes a Deployment → ReplicaSet → Pods chain bottom up', () => {
    const t = gcTestbed();
    t.deploymentChain();
    t.run();
    t.remove(DEPLOYMENTS, 'web', 'Foreground');
    t.run();
    for (const [resource, name] of [
      [DEPLOYMENTS, 'web'],
      [REPLICASETS, 'web-1'],
      [PODS, 'web-1-a'],
      [PODS, 'web-1-b'],
    ] as const)
      expect(t.get(resource, name), name).toBeNull();
    // The ReplicaSet has dependents of its own, so it goes through Foreground deletion too.
    expect(t.decisions()).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^garbage-collector: ReplicaSet default\/web-1: .*propagationPolicy=Foreground\)$/,
        ),
        'garbage-collector: ReplicaSet default/web-1: no dependent blocks its deletion: removing the foregroundDeletion finalizer',
        'garbage-collector: Deployment default/web: no dependent blocks its deletion: removing the foregroundDeletion finalizer',
      ]),
    );
    const order = (prefix: string) => t.steps.findIndex((s) => s.summary.startsWith(prefix));
    expect(order('DELETE /api/v1/namespaces/default/pods/web-1-a')).toBeLessThan(
      order('garbage-collector: ReplicaSet default/web-1: no dependent'),
    );
    expect(order('garbage-collector: ReplicaSet default/web-1: no dependent')).toBeLessThan(
      order('garbage-collector: Deployment default/web: no dependent'),
    );
  });
});

describe('garbage collector: orphan deletion', () => {
  it('strips the owner from its dependents, then lets it go', () => {
    const t = gcTestbed();
    const owner = t.configMap('owner');
    const other = t.configMap('other');
    t.configMap('dep-1', [t.ownedBy(owner)]);
    t.configMap('dep-2', [t.ownedBy(owner), t.ownedBy(other)]);
    t.run();
    expect(t.remove(CONFIGMAPS, 'owner', 'Orphan').status).toBe(202);
    t.run();
    expect(t.get(CONFIGMAPS, 'owner')).toBeNull();
    expect(t.get(CONFIGMAPS, 'dep-1')?.metadata.ownerReferences).toBeUndefined();
    expect(t.get(CONFIGMAPS, 'dep-2')?.metadata.ownerReferences).toEqual([t.ownedBy(other)]);
    // Nothing collects them later.
    t.run(60_000);
    expect(t.get(CONFIGMAPS, 'dep-1')).not.toBeNull();
    expect(t.get(CONFIGMAPS, 'dep-2')).not.toBeNull();
  });

  it('orphans a Deployment chain: the ReplicaSet stays and keeps its Pods', () => {
    const t = gcTestbed();
    t.deploymentChain();
    t.run();
    t.remove(DEPLOYMENTS, 'web', 'Orphan');
    t.run();
    expect(t.get(DEPLOYMENTS, 'web')).toBeNull();
    expect(t.get(REPLICASETS, 'web-1')?.metadata.ownerReferences).toBeUndefined();
    expect(t.get(PODS, 'web-1-a')?.metadata.ownerReferences?.[0]?.name).toBe('web-1');
  });
});
