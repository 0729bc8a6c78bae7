import { describe, expect, it } from 'vitest';
import { Kernel } from '../kernel/kernel';
import { CompactedError, FutureRevisionError } from './errors';
import { Etcd } from './etcd';
import type { TxnResult } from './types';

const ctx = { client: 'control-plane/kube-apiserver' };
const newEtcd = () => new Etcd(new Kernel({ seed: 1, epoch: 0 }));

/** Unwraps a successful write, failing the test otherwise. */
function ok(result: TxnResult) {
  if (!result.ok) throw new Error(`expected success, got ${JSON.stringify(result)}`);
  return result;
}

/** The error `call` throws; fails the test if it returns. */
function thrown(call: () => unknown): unknown {
  try {
    call();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}

describe('Etcd revisions and versions', () => {
  it('starts at revision 1 and bumps the revision by one on every write', () => {
    const etcd = newEtcd();
    expect(etcd.revision).toBe(1);
    expect(etcd.compactRevision).toBe(0);

    const created = ok(etcd.create('/k', 'v1', ctx));
    expect(created.kv).toEqual({ key: '/k', value: 'v1', createRevision: 2, modRevision: 2, version: 1 });
    expect(created.revision).toBe(2);

    const updated = ok(etcd.update('/k', 'v2', ctx));
    expect(updated.kv).toEqual({ key: '/k', value: 'v2', createRevision: 2, modRevision: 3, version: 2 });

    const deleted = ok(etcd.delete('/k', ctx));
    expect(deleted.kv).toEqual(updated.kv);
    expect(deleted.revision).toBe(4);
    expect(etcd.get('/k', ctx).kv).toBeNull();

    const recreated = ok(etcd.create('/k', 'v3', ctx));
    expect(recreated.kv).toEqual({ key: '/k', value: 'v3', createRevision: 5, modRevision: 5, version: 1 });
    expect(etcd.revision).toBe(5);
    expect(etcd.keyCount).toBe(1);
  });

  it('shares one revision counter across keys', () => {
    const etcd = newEtcd();
    const revs = ['/a', '/b', '/c'].map((k) => ok(etcd.create(k, 'x', ctx)).kv.modRevision);
    expect(revs).toEqual([2, 3, 4]);
    expect(ok(etcd.update('/a', 'y', ctx)).kv).toMatchObject({
      modRevision: 5,
      createRevision: 2,
      version: 2,
    });
  });
});

describe('Etcd transactions', () => {
  it('create fails when the key exists, without bumping the revision', () => {
    const etcd = newEtcd();
    const first = ok(etcd.create('/k', 'v1', ctx));
    const second = etcd.create('/k', 'v2', ctx);
    expect(second).toMatchObject({ ok: false, current: first.kv, revision: 2 });
    expect(etcd.revision).toBe(2);
    expect(etcd.get('/k', ctx).kv?.value).toBe('v1');
  });

  it.each([
    ['update', (e: Etcd) => e.update('/missing', 'v', ctx)],
    ['delete', (e: Etcd) => e.delete('/missing', ctx)],
    ['update with CAS', (e: Etcd) => e.update('/missing', 'v', ctx, 2)],
  ])('%s of a missing key fails with current null', (_name, write) => {
    const etcd = newEtcd();
    expect(write(etcd)).toMatchObject({ ok: false, current: null, revision: 1 });
    expect(etcd.revision).toBe(1);
  });

  it.each([
    { op: 'update', expected: 3, succeeds: true },
    { op: 'update', expected: 2, succeeds: false },
    { op: 'update', expected: 4, succeeds: false },
    { op: 'update', expected: undefined, succeeds: true },
    { op: 'delete', expected: 3, succeeds: true },
    { op: 'delete', expected: 2, succeeds: false },
    { op: 'delete', expected: undefined, succeeds: true },
  ])('$op with expected mod_revision $expected: ok=$succeeds', ({ op, expected, succeeds }) => {
    const etcd = newEtcd();
    ok(etcd.create('/k', 'v1', ctx));
    const current = ok(etcd.update('/k', 'v2', ctx)).kv; // modRevision 3
    const result =
      op === 'update' ? etcd.update('/k', 'v3', ctx, expected) : etcd.delete('/k', ctx, expected);
    expect(result.ok).toBe(succeeds);
    expect(etcd.revision).toBe(succeeds ? 4 : 3);
    if (!result.ok) expect(result.current).toEqual(current);
  });
});

describe('Etcd reads at old revisions', () => {
  /** rev 2: a=1, rev 3: b=1, rev 4: a=2, rev 5: delete b, rev 6: b=2 */
  function history() {
    const etcd = newEtcd();
    etcd.create('/a', '1', ctx);
    etcd.create('/b', '1', ctx);
    etcd.update('/a', '2', ctx);
    etcd.delete('/b', ctx);
    etcd.create('/b', '2', ctx);
    return etcd;
  }

  it.each([
    [1, null, null],
    [2, '1', null],
    [3, '1', '1'],
    [4, '2', '1'],
    [5, '2', null],
    [6, '2', '2'],
    [0, '2', '2'],
  ])('at rev %i: a=%s b=%s', (revision, a, b) => {
    const etcd = history();
    const read = (key: string) => etcd.get(key, ctx, { revision }).kv?.value ?? null;
    expect(read('/a')).toBe(a);
    expect(read('/b')).toBe(b);
    expect(etcd.get('/a', ctx, { revision }).revision).toBe(6);
  });

  it('old versions keep their own revisions', () => {
    const etcd = history();
    expect(etcd.get('/b', ctx, { revision: 3 }).kv).toEqual({
      key: '/b',
      value: '1',
      createRevision: 3,
      modRevision: 3,
      version: 1,
    });
  });

  it('rejects future revisions', () => {
    const etcd = history();
    expect(() => etcd.get('/a', ctx, { revision: 7 })).toThrow(FutureRevisionError);
    expect(() => etcd.range('/', ctx, { revision: 7 })).toThrow(FutureRevisionError);
    expect(thrown(() => etcd.get('/a', ctx, { revision: 9 }))).toMatchObject({
      message: 'mvcc: required revision is a future revision',
      currentRevision: 6,
      requestedRevision: 9,
    });
  });

  it('rejects compacted revisions and allows the compact revision itself', () => {
    const etcd = history();
    etcd.compact(4, ctx);
    expect(() => etcd.get('/a', ctx, { revision: 3 })).toThrow(CompactedError);
    expect(() => etcd.range('/', ctx, { revision: 2 })).toThrow(CompactedError);
    expect(etcd.get('/a', ctx, { revision: 4 }).kv?.value).toBe('2');
    expect(etcd.get('/b', ctx, { revision: 4 }).kv?.value).toBe('1');
    expect(etcd.get('/b', ctx, { revision: 5 }).kv).toBeNull();
  });

  it.each([
    ['negative revision', (e: Etcd) => e.get('/a', ctx, { revision: -1 })],
    ['fractional revision', (e: Etcd) => e.range('/', ctx, { revision: 1.5 })],
    ['negative limit', (e: Etcd) => e.range('/', ctx, { limit: -1 })],
    ['empty key', (e: Etcd) => e.create('', 'v', ctx)],
    ['negative watch revision', (e: Etcd) => e.watch('/', -1, ctx, () => {})],
  ])('rejects a %s', (_name, call) => {
    expect(() => call(history())).toThrow(RangeError);
  });
});
