import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../sim/apiserver/types';
import { isLess, sortObjects } from './sort';

const obj = (name: string, extra: Record<string, unknown> = {}): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name },
  ...extra,
});

const names = (result: ReturnType<typeof sortObjects>): string[] =>
  'objects' in result ? result.objects.map((o) => o.metadata.name ?? '') : [result.error];

describe('isLess', () => {
  it.each([
    [1, 2, true],
    [2, 1, false],
    [1.5, 2.5, true],
    ['b', 'a', false],
    ['B', 'a', true],
    ['100m', '1', true],
    ['2Gi', '1500Mi', false],
    ['10', '9', false],
    ['k', '1', true],
    ['web-10', 'web-9', true],
    ['2024-01-02T00:00:00Z', '2024-01-10T00:00:00Z', true],
    [null, 'a', true],
    ['a', null, false],
    [null, null, false],
  ])('%j < %j is %s', (a, b, less) => {
    expect(isLess(a, b)).toBe(less);
  });

  it.each([
    [1, 1.5, 'unsortable interface: interface'],
    [1, 'a', 'unsortable interface: interface'],
    ['a', 1, 'unsortable interface: interface'],
    [true, false, 'unsortable type: bool'],
    [{}, {}, 'unsortable type: map[string]interface {}'],
    [[], [], 'unsortable type: []interface {}'],
  ])('%j and %j cannot be ordered', (a, b, message) => {
    expect(() => isLess(a, b)).toThrow(message);
  });
});

describe('sortObjects', () => {
  it('orders by the path, objects without a value first, and reports where each came from', () => {
    const objects = [
      obj('b', { spec: { priority: 10 } }),
      obj('a', { spec: { priority: 2 } }),
      obj('none'),
      obj('c', { spec: { priority: 2000 } }),
    ];
    const result = sortObjects(objects, '.spec.priority');
    expect(names(result)).toEqual(['none', 'a', 'b', 'c']);
    expect('order' in result && result.order).toEqual([2, 1, 0, 3]);
    expect(names(sortObjects(objects, '{.metadata.name}'))).toEqual(['a', 'b', 'c', 'none']);
  });

  it('sorts quantities by value', () => {
    const objects = ['1Gi', '500Mi', '2', '100m'].map((cpu, i) => obj(`p${i}`, { spec: { cpu } }));
    expect(names(sortObjects(objects, 'spec.cpu'))).toEqual(['p3', 'p2', 'p1', 'p0']);
  });

  it('reverses objects without a value among themselves, as kubectl insertion sort does', () => {
    expect(names(sortObjects([obj('x'), obj('y'), obj('z', { v: 1 }), obj('w')], '.v'))).toEqual([
      'w',
      'y',
      'x',
      'z',
    ]);
  });

  it('returns an empty list as is, even for a path that finds nothing', () => {
    expect(sortObjects([], '{.x')).toEqual({ objects: [], order: [] });
  });

  it.each([
    ['.nothing', `couldn't find any field with path "{.nothing}" in the list of objects`],
    [
      '{.metadata.name',
      "unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'",
    ],
    ['.metadata.name[', 'unterminated array'],
    ['.metadata.name[0]', 'string is not array or slice'],
    [
      '.metadata',
      'Field {.metadata} in *unstructured.Unstructured is an unsortable type: interface, err: unsortable type: map[string]interface {}',
    ],
  ])('fails for %j with kubectl message', (sortBy, message) => {
    expect(sortObjects([obj('a'), obj('b')], sortBy)).toEqual({ error: message });
  });

  it('names the object whose value could not be read during the sort', () => {
    const objects = [obj('a', { l: [1, 2] }), obj('b', { l: [3] })];
    const result = sortObjects(objects, '.l[1]');
    expect('error' in result && result.error).toMatch(
      /^Failed to get [ij] values for &unstructured\.Unstructured\{Object:map\[string\]interface \{\}\{.*"name":"b".*\}\} using \{\.l\[1\]\} \(.*array index out of bounds: index 1, length 1.*\)$/,
    );
  });
});
