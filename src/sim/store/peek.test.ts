import { describe, expect, it } from 'vitest';
import { Kernel } from '../kernel/kernel';
import { Etcd } from './etcd';

const ctx = { client: 'control-plane/kube-apiserver' };

/** A store with some history: a created, updated twice and deleted; b created; c compacted away. */
function storeWithHistory() {
  const kernel = new Kernel({ seed: 1, epoch: 0 });
  const etcd = new Etcd(kernel);
  etcd.create('/registry/pods/default/c', 'c1', ctx); // rev 2
  etcd.delete('/registry/pods/default/c', ctx); // rev 3
  etcd.create('/registry/pods/default/a', 'a1', ctx); // rev 4
  etcd.compact(4, ctx);
  etcd.update('/registry/pods/default/a', 'a2', ctx); // rev 5
  etcd.create('/registry/pods/kube-system/b', 'b1', ctx); // rev 6
  etcd.update('/registry/pods/default/a', 'a3', ctx); // rev 7
  etcd.delete('/registry/pods/default/a', ctx); // rev 8
  const steps: number[] = [];
  kernel.trace.subscribe((step) => steps.push(step.id));
  return { etcd, steps };
}

describe('Etcd observer reads', () => {
  it('return every retained version of a key, oldest first, with its tombstone', () => {
    const { etcd } = storeWithHistory();
    const versions = etcd.peekVersions('/registry/pods/default/a');
    expect(versions.map((kv) => [kv.modRevision, kv.version, kv.value])).toEqual([
      [4, 1, 'a1'],
      [5, 2, 'a2'],
      [7, 3, 'a3'],
      [8, 0, ''],
    ]);
    expect(etcd.peekVersions('/registry/pods/default/c')).toEqual([]);
  });

  it('list the live keys and values under a prefix and the kept changes from a revision', () => {
    const { etcd } = storeWithHistory();
    expect(etcd.peekRange('/registry/pods/').map((kv) => [kv.key, kv.value])).toEqual([
      ['/registry/pods/kube-system/b', 'b1'],
    ]);
    expect(etcd.peekRange('/registry/pods/default/')).toEqual([]);
    const changes = etcd.peekChanges(0);
    expect(changes.map((e) => [e.type, e.kv.key, e.kv.modRevision])).toEqual([
      ['PUT', '/registry/pods/default/a', 5],
      ['PUT', '/registry/pods/kube-system/b', 6],
      ['PUT', '/registry/pods/default/a', 7],
      ['DELETE', '/registry/pods/default/a', 8],
    ]);
    expect(etcd.peekChanges(7).map((e) => e.kv.modRevision)).toEqual([7, 8]);
  });

  it('record no trace step and change nothing', () => {
    const { etcd, steps } = storeWithHistory();
    const before = etcd.snapshot();
    etcd.peekVersions('/registry/pods/default/a');
    etcd.peekRange('/registry/');
    etcd.peekChanges(0);
    expect(steps).toEqual([]);
    expect(etcd.snapshot()).toEqual(before);
  });

  it('hand out copies: changing what they return does not change the store', () => {
    const { etcd } = storeWithHistory();
    (etcd.peekVersions('/registry/pods/kube-system/b') as unknown[]).length = 0;
    expect(etcd.peekVersions('/registry/pods/kube-system/b')).toHaveLength(1);
  });
});
