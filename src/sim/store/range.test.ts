import { describe, expect, it } from 'vitest';
import { Kernel } from '../kernel/kernel';
import { Etcd } from './etcd';
import { registryKey } from './keys';

const ctx = { client: 'control-plane/kube-apiserver' };
const newEtcd = () => new Etcd(new Kernel({ seed: 1, epoch: 0 }));
const keysOf = (result: { kvs: { key: string }[] }) => result.kvs.map((kv) => kv.key);

/** Pods in three namespaces, created out of order. */
function cluster() {
  const etcd = newEtcd();
  const pods: [string, string][] = [
    ['default', 'web-2'],
    ['default2', 'api-1'],
    ['default', 'web-10'],
    ['kube-system', 'coredns'],
    ['default', 'db-0'],
    ['default', 'web-1'],
  ];
  for (const [ns, name] of pods) etcd.create(registryKey('pods', ns, name), `{"name":"${name}"}`, ctx);
  etcd.create(registryKey('nodes', null, 'node-1'), '{}', ctx);
  return etcd;
}

describe('Etcd range', () => {
  it('lists one namespace in byte order and does not match a longer namespace', () => {
    const result = cluster().range('/registry/pods/default/', ctx);
    expect(keysOf(result)).toEqual([
      '/registry/pods/default/db-0',
      '/registry/pods/default/web-1',
      '/registry/pods/default/web-10',
      '/registry/pods/default/web-2',
    ]);
    expect(result).toMatchObject({ count: 4, more: false, revision: 8 });
  });

  it.each([
    ['/registry/pods/', 6],
    ['/registry/pods/default2/', 1],
    ['/registry/pods/kube-system/', 1],
    ['/registry/pods/nope/', 0],
    ['/registry/', 7],
    ['', 7],
    ['/registry/pods/default/web-1', 2],
  ])('prefix %j matches %i keys', (prefix, count) => {
    const result = cluster().range(prefix, ctx);
    expect(result.count).toBe(count);
    expect(result.kvs).toHaveLength(count);
    expect(keysOf(result).every((k) => k.startsWith(prefix))).toBe(true);
  });

  it('pages with limit and startAfter; count covers the rest of the range', () => {
    const etcd = cluster();
    const pages: { keys: string[]; more: boolean; count: number }[] = [];
    let startAfter: string | undefined;
    for (;;) {
      const page = etcd.range('/registry/pods/', ctx, { limit: 4, ...(startAfter ? { startAfter } : {}) });
      pages.push({ keys: keysOf(page), more: page.more, count: page.count });
      if (!page.more) break;
      startAfter = page.kvs.at(-1)?.key;
    }
    expect(pages).toEqual([
      {
        keys: [
          '/registry/pods/default/db-0',
          '/registry/pods/default/web-1',
          '/registry/pods/default/web-10',
          '/registry/pods/default/web-2',
        ],
        more: true,
        count: 6,
      },
      {
        keys: ['/registry/pods/default2/api-1', '/registry/pods/kube-system/coredns'],
        more: false,
        count: 2,
      },
    ]);
  });

  it.each([
    [{ limit: 2 }, ['db-0', 'web-1'], true, 4],
    [{ limit: 4 }, ['db-0', 'web-1', 'web-10', 'web-2'], false, 4],
    [{ limit: 0 }, ['db-0', 'web-1', 'web-10', 'web-2'], false, 4],
    [{ startAfter: '/registry/pods/default/web-1' }, ['web-10', 'web-2'], false, 2],
    [{ startAfter: '/registry/pods/' }, ['db-0', 'web-1', 'web-10', 'web-2'], false, 4],
    [{ startAfter: '/registry/pods/default/zzz' }, [], false, 0],
    [{ countOnly: true }, [], false, 4],
    [{ countOnly: true, limit: 1 }, [], false, 4],
  ])('range(/registry/pods/default/, %j) -> %j more=%s count=%i', (opts, names, more, count) => {
    const result = cluster().range('/registry/pods/default/', ctx, opts);
    expect(keysOf(result)).toEqual(names.map((n) => `/registry/pods/default/${n}`));
    expect(result.more).toBe(more);
    expect(result.count).toBe(count);
  });

  it('reads a past revision: keys deleted since are there, keys created since are not', () => {
    const etcd = cluster();
    const before = etcd.revision;
    etcd.delete('/registry/pods/default/web-1', ctx);
    etcd.update('/registry/pods/default/db-0', '{"changed":true}', ctx);
    etcd.create('/registry/pods/default/aaa', '{}', ctx);

    const past = etcd.range('/registry/pods/default/', ctx, { revision: before });
    expect(keysOf(past)).toEqual([
      '/registry/pods/default/db-0',
      '/registry/pods/default/web-1',
      '/registry/pods/default/web-10',
      '/registry/pods/default/web-2',
    ]);
    expect(past.kvs[0]?.value).toBe('{"name":"db-0"}');
    expect(past.revision).toBe(etcd.revision);

    const page = etcd.range('/registry/pods/default/', ctx, {
      revision: before,
      limit: 1,
      startAfter: '/registry/pods/default/db-0',
    });
    expect(keysOf(page)).toEqual(['/registry/pods/default/web-1']);
    expect(page).toMatchObject({ more: true, count: 3 });

    expect(keysOf(etcd.range('/registry/pods/default/', ctx))).toEqual([
      '/registry/pods/default/aaa',
      '/registry/pods/default/db-0',
      '/registry/pods/default/web-10',
      '/registry/pods/default/web-2',
    ]);
  });

  it('orders keys by UTF-8 bytes', () => {
    const etcd = newEtcd();
    for (const key of ['/k/\u{1f600}', '/k/\ufffd', '/k/Z', '/k/a', '/k/\u00e9']) etcd.create(key, '', ctx);
    expect(keysOf(etcd.range('/k/', ctx))).toEqual([
      '/k/Z',
      '/k/a',
      '/k/\u00e9',
      '/k/\ufffd',
      '/k/\u{1f600}',
    ]);
  });

  it('ranges a small namespace in a large store quickly and correctly', () => {
    const etcd = newEtcd();
    for (let ns = 0; ns < 100; ns++) {
      for (let i = 0; i < 100; i++) etcd.create(registryKey('pods', `ns-${ns}`, `pod-${i}`), '{}', ctx);
    }
    for (let i = 0; i < 50; i++) etcd.delete(registryKey('pods', 'ns-7', `pod-${i}`), ctx);
    const result = etcd.range(registryKey('pods', 'ns-7'), ctx, { limit: 10 });
    expect(result.count).toBe(50);
    expect(result.kvs[0]?.key).toBe('/registry/pods/ns-7/pod-50');
    expect(result.more).toBe(true);
    expect(etcd.range('/registry/pods/', ctx, { countOnly: true }).count).toBe(9950);
    expect(etcd.keyCount).toBe(9950);
  });
});
