import { describe, expect, it } from 'vitest';
import { objectsView } from './objects';
import { RegistryReader } from './registry';
import { DEPLOYMENTS, deployment, podsOf, testCluster } from './testing';

/** A cluster 60 s in, running the Deployment `web` of 2 pods. */
function cluster() {
  const t = testCluster();
  t.cluster.kernel.runUntil(30_000);
  t.kubectl.create(DEPLOYMENTS, 'default', deployment('web', 2));
  t.cluster.kernel.runUntil(60_000);
  return { ...t, reader: new RegistryReader(t.cluster.etcd) };
}

describe('the object picker view', () => {
  it('lists the resource types that have objects, the namespaces, and the names asked for', () => {
    const { kubectl, reader } = cluster();
    const view = objectsView(reader, { kind: 'objects', resource: 'pods', namespace: 'default' });
    expect(view).toMatchObject({
      kind: 'objects',
      resource: 'pods',
      namespaced: true,
      namespace: 'default',
      more: 0,
    });
    expect(view.names).toEqual(podsOf(kubectl, 'web').map((p) => p.metadata.name));
    expect(view.namespaces).toEqual(
      expect.arrayContaining(['default', 'kube-system', 'kube-node-lease', 'kube-public']),
    );
    const names = view.resources.map((r) => r.name);
    expect(names).toEqual([...names].sort());
    expect(view.resources).toContainEqual({
      name: 'deployments.apps',
      namespaced: true,
      count: expect.any(Number),
    });
    expect(view.resources).toContainEqual({ name: 'nodes', namespaced: false, count: 4 });
    expect(names).not.toContain('tokenreviews.authentication.k8s.io');
  });

  it('lists a cluster-scoped type without a namespace, and nothing for an unknown type', () => {
    const { reader } = cluster();
    const nodes = objectsView(reader, { kind: 'objects', resource: 'nodes', namespace: 'default' });
    expect(nodes).toMatchObject({ namespaced: false, namespace: null });
    expect(nodes.names).toEqual(expect.arrayContaining(['node-1', 'node-2', 'node-3']));
    const unknown = objectsView(reader, { kind: 'objects', resource: 'flowers', namespace: null });
    expect(unknown).toMatchObject({ names: [], more: 0, namespaced: false });
  });
});
