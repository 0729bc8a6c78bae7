import { describe, expect, it } from 'vitest';
import type { TraceStep } from '../../kernel/trace';
import { deletableResources } from './index';
import { CONFIGMAPS, DEPLOYMENTS, gcTestbed, PODS, REPLICASETS, SECRETS } from './testing';

const KCM = 'control-plane/kube-controller-manager';

describe('garbage collector: background cascade', () => {
  it('watches each deletable resource once, events excepted', () => {
    const plurals = deletableResources().map((r) => `${r.group}/${r.plural}`);
    expect(plurals).toEqual(
      expect.arrayContaining(['/configmaps', '/pods', 'apps/deployments', '/namespaces']),
    );
    for (const skipped of [
      '/events',
      'events.k8s.io/events',
      '/bindings',
      '/componentstatuses',
      'metrics.k8s.io/pods',
    ])
      expect(plurals).not.toContain(skipped);
    expect(new Set(plurals).size).toBe(plurals.length);
    expect(deletableResources().find((r) => r.plural === 'horizontalpodautoscalers')?.version).toBe('v2');
  });

  it('deletes the dependents of a deleted owner', () => {
    const t = gcTestbed();
    const owner = t.configMap('owner');
    t.configMap('dep-cm', [t.ownedBy(owner)]);
    t.client.create(SECRETS, 'default', {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'dep-secret', ownerReferences: [t.ownedBy(owner)] },
    });
    t.run();
    expect(t.get(CONFIGMAPS, 'dep-cm')).not.toBeNull();
    expect(t.get(SECRETS, 'dep-secret')).not.toBeNull();
    expect(t.remove(CONFIGMAPS, 'owner').status).toBe(200);
    t.run();
    expect(t.get(CONFIGMAPS, 'dep-cm')).toBeNull();
    expect(t.get(SECRETS, 'dep-secret')).toBeNull();
  });

  it("links the dependent's DELETE back to the owner's DELETE", () => {
    const t = gcTestbed();
    const owner = t.configMap('owner');
    t.configMap('dep', [t.ownedBy(owner)]);
    t.run();
    const ownerDelete = t.remove(CONFIGMAPS, 'owner').step;
    t.run();
    const byId = new Map(t.steps.map((s) => [s.id, s]));
    const depDelete = t.steps.find(
      (s) => s.kind === 'request' && s.summary === 'DELETE /api/v1/namespaces/default/configmaps/dep',
    );
    expect(depDelete?.from).toBe(KCM);
    const chain: TraceStep[] = [];
    for (let s = depDelete; s !== undefined; s = s.causedBy === null ? undefined : byId.get(s.causedBy))
      chain.push(s);
    expect(chain.map((s) => s.id)).toContain(ownerDelete);
    expect(chain.map((s) => s.kind)).toEqual(expect.arrayContaining(['request', 'decision', 'watch']));
    expect(chain.find((s) => s.kind === 'decision')?.summary).toBe(
      'garbage-collector: ConfigMap default/dep: all its owners are gone (ConfigMap owner): deleting it (propagationPolicy=Background)',
    );
  });

  it('removes only the dangling reference from a dependent that has another owner', () => {
    const t = gcTestbed();
    const a = t.configMap('owner-a');
    const b = t.configMap('owner-b');
    t.configMap('shared', [t.ownedBy(a), t.ownedBy(b)]);
    t.run();
    t.remove(CONFIGMAPS, 'owner-a');
    t.run();
    expect(t.get(CONFIGMAPS, 'shared')?.metadata.ownerReferences).toEqual([t.ownedBy(b)]);
    expect(t.decisions()).toContain(
      'garbage-collector: ConfigMap default/shared still has owners (ConfigMap owner-b): removing its references to ConfigMap owner-a',
    );
    // Deleting the last owner then collects it.
    t.remove(CONFIGMAPS, 'owner-b');
    t.run();
    expect(t.get(CONFIGMAPS, 'shared')).toBeNull();
  });

  it('collects a dependent whose owner never existed (wrong uid, or no such object)', () => {
    const t = gcTestbed();
    const real = t.configMap('real');
    t.configMap('wrong-uid', [{ ...t.ownedBy(real), uid: '00000000-0000-0000-0000-000000000000' }]);
    t.configMap('no-owner', [
      { ...t.ownedBy(real), name: 'missing', uid: '11111111-1111-1111-1111-111111111111' },
    ]);
    t.configMap('good', [t.ownedBy(real)]);
    t.run();
    expect(t.get(CONFIGMAPS, 'wrong-uid')).toBeNull();
    expect(t.get(CONFIGMAPS, 'no-owner')).toBeNull();
    expect(t.get(CONFIGMAPS, 'real')).not.toBeNull();
    expect(t.get(CONFIGMAPS, 'good')).not.toBeNull();
    // The owner's absence was checked with a live GET before the dependent was deleted.
    const index = (summary: string) => t.steps.findIndex((s) => s.from === KCM && s.summary === summary);
    const get = index('GET /api/v1/namespaces/default/configmaps/missing');
    expect(get).toBeGreaterThanOrEqual(0);
    expect(get).toBeLessThan(index('DELETE /api/v1/namespaces/default/configmaps/no-owner'));
  });

  it('collects dependents that were orphaned before it started, and leaves owned ones alone', () => {
    const t = gcTestbed({ started: false });
    t.deploymentChain();
    t.configMap('orphaned', [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'gone', uid: 'abc' }]);
    t.manager.start();
    t.run(60_000);
    expect(t.get(CONFIGMAPS, 'orphaned')).toBeNull();
    // Pods are listed before their ReplicaSet, which is virtual until its informer reports it.
    for (const [resource, name] of [
      [DEPLOYMENTS, 'web'],
      [REPLICASETS, 'web-1'],
      [PODS, 'web-1-a'],
    ] as const)
      expect(t.get(resource, name), name).not.toBeNull();
    expect(t.steps.filter((s) => s.from === KCM && s.summary.startsWith('DELETE'))).toHaveLength(1);
  });

  it('retries a write that conflicts', () => {
    const t = gcTestbed();
    const a = t.configMap('owner-a');
    const b = t.configMap('owner-b');
    t.configMap('shared', [t.ownedBy(a), t.ownedBy(b)]);
    t.run();
    // The first PATCH from the garbage collector meets a concurrent write.
    const apiserver = t.cluster.apiserver;
    const handle = apiserver.handle.bind(apiserver);
    let conflicts = 1;
    apiserver.handle = (req) => {
      if (req.method === 'PATCH' && req.client === KCM && conflicts-- > 0) {
        return {
          status: 409,
          headers: {},
          body: {
            kind: 'Status',
            apiVersion: 'v1',
            metadata: {},
            status: 'Failure',
            reason: 'Conflict',
            code: 409,
          },
        };
      }
      return handle(req);
    };
    t.remove(CONFIGMAPS, 'owner-a');
    t.run();
    expect(t.get(CONFIGMAPS, 'shared')?.metadata.ownerReferences).toEqual([t.ownedBy(b)]);
    expect(
      t.steps.some((s) => /garbage_collector_attempt_to_delete: sync .* failed, retrying/.test(s.summary)),
    ).toBe(true);
  });
});
