import { describe, expect, it } from 'vitest';
import { Kernel } from '../kernel/kernel';
import { CompactedError, FutureRevisionError } from './errors';
import { Etcd } from './etcd';

const api = { client: 'control-plane/kube-apiserver' };

/**
 * rev 2: a=1, 3: b=1, 4: a=2, 5: delete b, 6: c=1, 7: a=3, 8: delete c
 */
function history() {
  const kernel = new Kernel({ seed: 1, epoch: 0 });
  const etcd = new Etcd(kernel);
  etcd.create('/k/a', '1', api);
  etcd.create('/k/b', '1', api);
  etcd.update('/k/a', '2', api);
  etcd.delete('/k/b', api);
  etcd.create('/k/c', '1', api);
  etcd.update('/k/a', '3', api);
  etcd.delete('/k/c', api);
  return { kernel, etcd };
}

const versionsOf = (etcd: Etcd) =>
  Object.fromEntries(etcd.snapshot().keys.map((k) => [k.key, k.versions.map((v) => v.modRevision)]));

describe('Etcd compaction', () => {
  it('keeps only the latest version at or below the compact revision of each live key', () => {
    const { etcd } = history();
    expect(versionsOf(etcd)).toEqual({ '/k/a': [2, 4, 7], '/k/b': [3, 5], '/k/c': [6, 8] });
    etcd.compact(5, api);
    expect(etcd.compactRevision).toBe(5);
    expect(versionsOf(etcd)).toEqual({ '/k/a': [4, 7], '/k/c': [6, 8] });
    etcd.compact(8, api);
    expect(versionsOf(etcd)).toEqual({ '/k/a': [7] });
    expect(etcd.get('/k/a', api).kv).toMatchObject({ value: '3', createRevision: 2, version: 3 });
  });

  it.each([
    [5, { '/k/a': '2' }],
    [6, { '/k/a': '2', '/k/c': '1' }],
    [7, { '/k/a': '3', '/k/c': '1' }],
    [8, { '/k/a': '3' }],
  ])('after compacting at 5, reads at rev %i see %j', (revision, expected) => {
    const { etcd } = history();
    etcd.compact(5, api);
    const kvs = etcd.range('/k/', api, { revision }).kvs;
    expect(Object.fromEntries(kvs.map((kv) => [kv.key, kv.value]))).toEqual(expected);
  });

  it('makes reads below the compact revision fail', () => {
    const { etcd } = history();
    etcd.compact(5, api);
    const read = () => etcd.get('/k/a', api, { revision: 4 });
    expect(read).toThrow(CompactedError);
    expect(read).toThrow('mvcc: required revision has been compacted');
    let caught: unknown = null;
    try {
      read();
    } catch (error) {
      caught = error;
    }
    expect(caught).toMatchObject({ compactRevision: 5, requestedRevision: 4, name: 'CompactedError' });
  });

  it('makes watches from the compact revision or earlier fail, and later ones replay what is left', () => {
    const { kernel, etcd } = history();
    etcd.compact(5, api);
    for (const from of [1, 2, 5]) {
      expect(() => etcd.watch('/k/', from, api, () => {})).toThrow(CompactedError);
    }
    const seen: string[] = [];
    etcd.watch('/k/', 6, api, (events) => {
      for (const e of events)
        seen.push(`${e.type} ${e.kv.key}@${e.kv.modRevision} prev=${e.prevKv?.modRevision}`);
    });
    kernel.runUntilIdle();
    expect(seen).toEqual(['PUT /k/c@6 prev=undefined', 'PUT /k/a@7 prev=4', 'DELETE /k/c@8 prev=6']);
  });

  it('does not disturb watches already running or deliveries already scheduled', () => {
    const { kernel, etcd } = history();
    const seen: number[] = [];
    etcd.watch('/k/', 2, api, (events) => seen.push(...events.map((e) => e.kv.modRevision)));
    etcd.compact(8, api);
    etcd.create('/k/d', '1', api);
    kernel.runUntilIdle();
    expect(seen).toEqual([2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('rejects compacting twice at the same revision or beyond the current one', () => {
    const { etcd } = history();
    etcd.compact(4, api);
    expect(() => etcd.compact(4, api)).toThrow(CompactedError);
    expect(() => etcd.compact(3, api)).toThrow(CompactedError);
    expect(() => etcd.compact(9, api)).toThrow(FutureRevisionError);
    etcd.compact(8, api);
    expect(etcd.compactRevision).toBe(8);
  });

  it('leaves writes working after compaction', () => {
    const { etcd } = history();
    etcd.compact(8, api);
    expect(etcd.create('/k/c', 'again', api)).toMatchObject({ ok: true, kv: { modRevision: 9, version: 1 } });
    expect(etcd.update('/k/a', '4', api, 7)).toMatchObject({ ok: true, kv: { modRevision: 10, version: 4 } });
    expect(etcd.range('/k/', api).kvs.map((kv) => kv.key)).toEqual(['/k/a', '/k/c']);
  });
});
