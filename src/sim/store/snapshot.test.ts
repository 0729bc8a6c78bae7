import { describe, expect, it } from 'vitest';
import { Kernel } from '../kernel/kernel';
import type { Json } from '../kernel/trace';
import { Etcd } from './etcd';
import type { EtcdSnapshot } from './snapshot';

const api = { client: 'control-plane/kube-apiserver' };
const newKernel = () => new Kernel({ seed: 1, epoch: 0 });

function populated() {
  const etcd = new Etcd(newKernel());
  etcd.create('/registry/pods/default/b', '{"b":1}', api); // 2
  etcd.create('/registry/pods/default/a', '{"a":1}', api); // 3
  etcd.update('/registry/pods/default/a', '{"a":2}', api); // 4
  etcd.create('/registry/pods/default/c', '{"c":1}', api); // 5
  etcd.delete('/registry/pods/default/b', api); // 6
  etcd.compact(3, api);
  etcd.create('/registry/nodes/node-1', '{}', api); // 7
  return etcd;
}

/** Through JSON text, as a host would save it. */
const viaJson = (snapshot: EtcdSnapshot) => JSON.parse(JSON.stringify(snapshot)) as EtcdSnapshot;

describe('Etcd snapshot and restore', () => {
  it('is plain JSON data', () => {
    const snapshot: Json = populated().snapshot();
    expect(viaJson(populated().snapshot())).toEqual(snapshot);
  });

  it('round-trips state, revisions and history', () => {
    const original = populated();
    const restored = Etcd.restore(newKernel(), viaJson(original.snapshot()));
    expect(restored.snapshot()).toEqual(original.snapshot());
    expect(restored.revision).toBe(7);
    expect(restored.compactRevision).toBe(3);
    expect(restored.keyCount).toBe(original.keyCount);
    for (const revision of [3, 4, 5, 6, 7]) {
      expect(restored.range('/', api, { revision }).kvs).toEqual(original.range('/', api, { revision }).kvs);
    }
    expect(() => restored.get('/registry/pods/default/a', api, { revision: 2 })).toThrow(
      'mvcc: required revision has been compacted',
    );
  });

  it('keeps writing and watching after a restore', () => {
    const kernel = newKernel();
    const etcd = Etcd.restore(kernel, viaJson(populated().snapshot()), { id: 'control-plane/etcd-2' });
    expect(etcd.id).toBe('control-plane/etcd-2');
    const seen: string[] = [];
    etcd.watch('/registry/pods/', 4, api, (events) =>
      seen.push(...events.map((e) => `${e.type} ${e.kv.key}@${e.kv.modRevision}`)),
    );
    expect(etcd.update('/registry/pods/default/a', '{"a":3}', api, 4)).toMatchObject({
      ok: true,
      kv: { modRevision: 8, createRevision: 3, version: 3 },
    });
    expect(etcd.create('/registry/pods/default/b', '{}', api)).toMatchObject({
      ok: true,
      kv: { modRevision: 9, version: 1 },
    });
    kernel.runUntilIdle();
    expect(seen).toEqual([
      'PUT /registry/pods/default/a@4',
      'PUT /registry/pods/default/c@5',
      'DELETE /registry/pods/default/b@6',
      'PUT /registry/pods/default/a@8',
      'PUT /registry/pods/default/b@9',
    ]);
  });

  it('restores an empty store', () => {
    const etcd = Etcd.restore(newKernel(), new Etcd(newKernel()).snapshot());
    expect(etcd.revision).toBe(1);
    expect(etcd.create('/k', 'v', api)).toMatchObject({ ok: true, revision: 2 });
  });

  const version = (modRevision: number, extra: object = {}) => ({
    modRevision,
    createRevision: modRevision,
    version: 1,
    value: 'v',
    ...extra,
  });
  const base = { format: 'kubelab.etcd/v1' as const, revision: 5, compactRevision: 0 };

  it.each([
    ['unknown format', { ...base, format: 'other' }],
    ['revision 0', { ...base, revision: 0, keys: [] }],
    ['compact beyond revision', { ...base, compactRevision: 6, keys: [] }],
    [
      'duplicate keys',
      {
        ...base,
        keys: [
          { key: '/a', versions: [version(2)] },
          { key: '/a', versions: [version(3)] },
        ],
      },
    ],
    ['empty history', { ...base, keys: [{ key: '/a', versions: [] }] }],
    ['future version', { ...base, keys: [{ key: '/a', versions: [version(6)] }] }],
    ['versions out of order', { ...base, keys: [{ key: '/a', versions: [version(3), version(2)] }] }],
    [
      'revision written twice',
      {
        ...base,
        keys: [
          { key: '/a', versions: [version(2)] },
          { key: '/b', versions: [version(2)] },
        ],
      },
    ],
    ['bad tombstone', { ...base, keys: [{ key: '/a', versions: [version(2), version(3, { version: 0 })] }] }],
    [
      'uncompacted history',
      {
        ...base,
        compactRevision: 4,
        keys: [{ key: '/a', versions: [version(2), version(3, { createRevision: 2 })] }],
      },
    ],
  ])('rejects a snapshot with %s', (_name, snapshot) => {
    expect(() => Etcd.restore(newKernel(), snapshot as unknown as EtcdSnapshot)).toThrow(
      /invalid etcd snapshot/,
    );
  });
});
