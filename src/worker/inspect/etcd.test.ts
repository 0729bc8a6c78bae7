import { describe, expect, it } from 'vitest';
import { Kernel } from '../../sim/kernel/kernel';
import { Etcd } from '../../sim/store';
import { MAX_CHANGES, MAX_KEYS_LISTED, MAX_VALUE_CHARS, etcdView, type EtcdListing } from './etcd';
import { DEPLOYMENTS, deployment, podsOf, testCluster } from './testing';

const ctx = { client: 'control-plane/kube-apiserver' };

/** A bare store with `pods` pods in default, two in kube-system and one node. */
function store(pods: number) {
  const etcd = new Etcd(new Kernel({ seed: 1, epoch: 0 }));
  for (let i = 0; i < pods; i++)
    etcd.create(`/registry/pods/default/web-${String(i).padStart(3, '0')}`, `{"n":${i}}`, ctx);
  etcd.create('/registry/pods/kube-system/coredns-a', '{}', ctx);
  etcd.create('/registry/pods/kube-system/coredns-b', '{}', ctx);
  etcd.create('/registry/minions/node-1', '{}', ctx);
  return etcd;
}

const names = (listing: EtcdListing | undefined) => listing?.directories.map((d) => [d.name, d.count]);

describe('the etcd view', () => {
  it('lists /registry/ as directories with how many keys each holds', () => {
    const view = etcdView(store(3), { kind: 'etcd', key: null });
    expect(view).toMatchObject({
      kind: 'etcd',
      revision: 7,
      compactRevision: 0,
      keyCount: 6,
      selected: null,
      key: null,
    });
    expect(view.listings).toHaveLength(1);
    expect(view.listings[0]).toMatchObject({ prefix: '/registry/', keys: [], keysBefore: 0, keysAfter: 0 });
    expect(names(view.listings[0])).toEqual([
      ['minions', 1],
      ['pods', 5],
    ]);
  });

  it('opens each directory down to the selection, and shows the selected key', () => {
    const etcd = store(3);
    etcd.update('/registry/pods/default/web-001', '{"n":"one"}', ctx);
    etcd.delete('/registry/pods/default/web-002', ctx);
    const view = etcdView(etcd, { kind: 'etcd', key: '/registry/pods/default/web-001' });
    expect(view.listings.map((l) => l.prefix)).toEqual([
      '/registry/',
      '/registry/pods/',
      '/registry/pods/default/',
    ]);
    expect(names(view.listings[1])).toEqual([
      ['default', 2],
      ['kube-system', 2],
    ]);
    expect(view.listings[2]?.keys).toEqual(['web-000', 'web-001']);
    expect(view.key).toEqual({
      key: '/registry/pods/default/web-001',
      versions: [
        { modRevision: 3, createRevision: 3, version: 1, size: 7 },
        { modRevision: 8, createRevision: 3, version: 2, size: 11 },
      ],
      shownRevision: 8,
      value: '{"n":"one"}',
      valueTruncated: false,
    });
    const older = etcdView(etcd, { kind: 'etcd', key: '/registry/pods/default/web-001', revision: 3 });
    expect(older.key).toMatchObject({ shownRevision: 3, value: '{"n":1}' });
    // A deleted key keeps its history (until compaction); the value shown is the last one it had.
    const deleted = etcdView(etcd, { kind: 'etcd', key: '/registry/pods/default/web-002' });
    expect(deleted.key?.versions.map((v) => v.version)).toEqual([1, 0]);
    expect(deleted.key).toMatchObject({ shownRevision: 4, value: '{"n":2}' });
  });

  it('opens a selected directory without selecting a key', () => {
    const view = etcdView(store(2), { kind: 'etcd', key: '/registry/pods/kube-system/' });
    expect(view.key).toBeNull();
    expect(view.listings.at(-1)).toMatchObject({
      prefix: '/registry/pods/kube-system/',
      keys: ['coredns-a', 'coredns-b'],
    });
  });

  it('streams the last changes, as a watch on every key sees them', () => {
    const etcd = store(2);
    etcd.delete('/registry/pods/default/web-000', ctx);
    const view = etcdView(etcd, { kind: 'etcd', key: null });
    expect(view.changes.at(-1)).toEqual({
      type: 'DELETE',
      key: '/registry/pods/default/web-000',
      revision: 7,
      version: 0,
    });
    expect(view.changes[0]).toEqual({
      type: 'PUT',
      key: '/registry/pods/default/web-000',
      revision: 2,
      version: 1,
    });
    const busy = store(MAX_CHANGES + 20);
    const changes = etcdView(busy, { kind: 'etcd', key: null }).changes;
    expect(changes).toHaveLength(MAX_CHANGES);
    expect(changes.at(-1)?.revision).toBe(busy.revision);
  });

  it('lists a window of key names around the selection in a big directory', () => {
    const etcd = store(300);
    const top = etcdView(etcd, { kind: 'etcd', key: '/registry/pods/default/' }).listings.at(-1);
    expect(top).toMatchObject({ keysBefore: 0, keysAfter: 300 - MAX_KEYS_LISTED });
    expect(top?.keys).toHaveLength(MAX_KEYS_LISTED);
    const middle = etcdView(etcd, { kind: 'etcd', key: '/registry/pods/default/web-200' }).listings.at(-1);
    expect(middle?.keys).toContain('web-200');
    expect(middle?.keys).toHaveLength(MAX_KEYS_LISTED);
    expect((middle?.keysBefore ?? 0) + MAX_KEYS_LISTED + (middle?.keysAfter ?? 0)).toBe(300);
  });

  it('cuts a huge value short', () => {
    const etcd = store(0);
    etcd.create('/registry/configmaps/default/big', 'x'.repeat(MAX_VALUE_CHARS + 10), ctx);
    const view = etcdView(etcd, { kind: 'etcd', key: '/registry/configmaps/default/big' });
    expect(view.key?.value).toHaveLength(MAX_VALUE_CHARS);
    expect(view.key?.valueTruncated).toBe(true);
  });

  it("shows a running cluster's pod under /registry/pods/default/ with its revisions", () => {
    const { cluster, kubectl } = testCluster();
    cluster.kernel.runUntil(30_000);
    kubectl.create(DEPLOYMENTS, 'default', deployment('web', 1));
    cluster.kernel.runUntil(90_000);
    const pod = podsOf(kubectl, 'web')[0];
    const key = `/registry/pods/default/${pod?.metadata.name ?? ''}`;
    const view = etcdView(cluster.etcd, { kind: 'etcd', key });
    expect(view.listings.at(-1)?.keys).toContain(pod?.metadata.name);
    expect(view.key?.versions.at(-1)?.modRevision).toBe(Number(pod?.metadata.resourceVersion));
    expect(view.key?.versions.length).toBeGreaterThan(1);
    expect(JSON.parse(view.key?.value ?? '')).toMatchObject({ status: { phase: 'Running' } });
  }, 30_000);

  it('stays small for the keys of a cluster of 100 nodes', () => {
    const etcd = store(0);
    for (let n = 1; n <= 100; n++) {
      etcd.create(
        `/registry/minions/node-${n}`,
        JSON.stringify({ kind: 'Node', padding: 'x'.repeat(3000) }),
        ctx,
      );
      etcd.create(`/registry/leases/kube-node-lease/node-${n}`, '{"kind":"Lease"}', ctx);
      for (const agent of ['kube-proxy', 'kindnet'])
        etcd.create(`/registry/pods/kube-system/${agent}-${n.toString(36).padStart(5, 'x')}`, '{}', ctx);
    }
    for (let n = 1; n <= 100; n++)
      etcd.update(`/registry/leases/kube-node-lease/node-${n}`, '{"kind":"Lease"}', ctx);
    const view = etcdView(etcd, { kind: 'etcd', key: '/registry/pods/kube-system/kindnet-xxx1k' });
    expect(view.listings.at(-1)?.keys).toContain('kindnet-xxx1k');
    expect(JSON.stringify(view).length).toBeLessThan(10 * 1024);
    const node = etcdView(etcd, { kind: 'etcd', key: '/registry/minions/node-50' });
    expect(JSON.stringify({ ...node, key: { ...node.key, value: '' } }).length).toBeLessThan(10 * 1024);
  });
});
