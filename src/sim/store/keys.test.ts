import { describe, expect, it } from 'vitest';
import { SortedKeys, compareKeys, registryKey } from './keys';

describe('registryKey', () => {
  it.each([
    ['pods', 'default', 'web-1', '/registry/pods/default/web-1'],
    ['deployments', 'kube-system', 'coredns', '/registry/deployments/kube-system/coredns'],
    ['minions', null, 'node-1', '/registry/minions/node-1'],
    [
      'apiregistration.k8s.io/apiservices',
      null,
      'v1.apps',
      '/registry/apiregistration.k8s.io/apiservices/v1.apps',
    ],
    ['pods', 'default', undefined, '/registry/pods/default/'],
    ['pods', null, undefined, '/registry/pods/'],
  ])('registryKey(%s, %s, %s) = %s', (prefix, namespace, name, key) => {
    expect(registryKey(prefix, namespace, name)).toBe(key);
  });

  it.each([
    ['', null, 'x'],
    ['/pods', null, 'x'],
    ['pods/', null, 'x'],
    ['pods', '', 'x'],
    ['pods', 'a/b', 'x'],
    ['pods', 'default', 'a/b'],
  ])('rejects registryKey(%j, %j, %j)', (prefix, namespace, name) => {
    expect(() => registryKey(prefix, namespace, name)).toThrow(RangeError);
  });
});

describe('compareKeys', () => {
  it.each([
    ['a', 'b', -1],
    ['b', 'a', 1],
    ['a', 'a', 0],
    ['a', 'ab', -1],
    ['/registry/pods/default/', '/registry/pods/default2/', -1],
    ['/registry/pods/default/z', '/registry/pods/default2/a', -1],
    ['Z', 'a', -1],
    // UTF-8 byte order: U+FFFD (EF BF BD) sorts before U+1F600 (F0 9F 98 80), unlike JS `<`.
    ['\ufffd', '\u{1f600}', -1],
    ['\u{1f600}', '\ufffd', 1],
    ['\u00e9', '\u{1f600}', -1],
  ])('compareKeys(%j, %j) has sign %i', (a, b, sign) => {
    expect(Math.sign(compareKeys(a, b))).toBe(sign);
  });
});

describe('SortedKeys', () => {
  it('keeps keys sorted and unique', () => {
    const keys = new SortedKeys(['c', 'a', 'c']);
    expect(keys.insert('b')).toBe(true);
    expect(keys.insert('b')).toBe(false);
    expect(keys.toArray()).toEqual(['a', 'b', 'c']);
    expect(keys.remove('a')).toBe(true);
    expect(keys.remove('a')).toBe(false);
    expect(keys.has('b')).toBe(true);
    expect(keys.has('a')).toBe(false);
    keys.removeAll(new Set(['b', 'zzz']));
    expect(keys.toArray()).toEqual(['c']);
    expect(keys.size).toBe(1);
  });

  it('finds bounds and the end of a prefix block', () => {
    const keys = new SortedKeys(['/a/', '/a/x', '/a/y', '/a0/z', '/b/x']);
    expect(keys.lowerBound('/a/')).toBe(0);
    expect(keys.upperBound('/a/')).toBe(1);
    expect(keys.lowerBound('/a/xx')).toBe(2);
    expect(keys.prefixEnd('/a/', 0)).toBe(3);
    expect(keys.prefixEnd('/a', 0)).toBe(4);
    expect(keys.prefixEnd('/c/', keys.lowerBound('/c/'))).toBe(5);
    expect(keys.prefixEnd('', 0)).toBe(5);
  });
});
