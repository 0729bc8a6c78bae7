import { describe, expect, it } from 'vitest';
import { FieldSet, FieldsDecodeError, keyPE, pathString } from './fieldpath';
import type { Path, PathElement } from './fieldpath';
import { decodeManagedFields, describeManager, encodeManagedFields, managerId } from './managed';

const f = (name: string): PathElement => ({ kind: 'field', name });
const v = (value: unknown): PathElement => ({ kind: 'value', value });
const k = (...fields: [string, unknown][]): PathElement => keyPE(fields);
const i = (index: number): PathElement => ({ kind: 'index', index });
const set = (...paths: Path[]) => FieldSet.of(...paths);
const keys = (s: FieldSet) => s.paths().map(pathString);

describe('FieldSet encoding (FieldsV1)', () => {
  it.each<[string, FieldSet, string]>([
    ['a leaf', set([f('spec'), f('replicas')]), '{"f:spec":{"f:replicas":{}}}'],
    [
      'a member with children gets "."',
      set([f('labels')], [f('labels'), f('app')]),
      '{"f:labels":{".":{},"f:app":{}}}',
    ],
    [
      'map-list keys sorted by name',
      set([f('ports'), k(['protocol', 'TCP'], ['containerPort', 80])]),
      '{"f:ports":{"k:{\\"containerPort\\":80,\\"protocol\\":\\"TCP\\"}":{}}}',
    ],
    [
      'set values: numbers, then strings, then booleans',
      set([v(true)], [v('a')], [v(2)], [v(10)]),
      '{"v:2":{},"v:10":{},"v:\\"a\\"":{},"v:true":{}}',
    ],
    [
      'fields before keys before values before indexes',
      set([i(0)], [v('x')], [k(['name', 'a'])], [f('z')]),
      '{"f:z":{},"k:{\\"name\\":\\"a\\"}":{},"v:\\"x\\"":{},"i:0":{}}',
    ],
    ['HTML characters escaped as Go does', set([v('<a&b>')]), '{"v:\\"\\\\u003ca\\\\u0026b\\\\u003e\\"":{}}'],
    ['field names in byte order', set([f('b')], [f('B')], [f('a')]), '{"f:B":{},"f:a":{},"f:b":{}}'],
  ])('%s', (_, s, json) => {
    expect(JSON.stringify(s.toFieldsV1())).toBe(json);
    expect(FieldSet.fromFieldsV1(JSON.parse(json)).toFieldsV1()).toEqual(s.toFieldsV1());
  });

  it('skips element types it does not know and rejects malformed keys', () => {
    expect(FieldSet.fromFieldsV1({ 'x:future': {}, 'f:a': {} }).toFieldsV1()).toEqual({ 'f:a': {} });
    expect(() => FieldSet.fromFieldsV1({ a: {} })).toThrow(FieldsDecodeError);
    expect(() => FieldSet.fromFieldsV1({ 'k:{': {} })).toThrow(FieldsDecodeError);
  });
});

describe('FieldSet operations', () => {
  const parent = set([f('a')], [f('a'), f('b')]);
  const child = set([f('a'), f('b')]);

  it.each<[string, FieldSet, string[]]>([
    ['union', set([f('a')]).union(set([f('b'), f('c')])), ['.a', '.b.c']],
    ['intersection keeps common members', parent.intersection(child), ['.a.b']],
    ['parent minus child keeps the parent', parent.difference(child), ['.a']],
    ['child minus parent keeps the child', child.difference(set([f('a')])), ['.a.b']],
    ['recursive difference removes what is under a member', child.recursiveDifference(set([f('a')])), []],
    ['members first, then subtrees', set([f('x'), f('y')], [f('b')], [f('x')]), ['.b', '.x', '.x.y']],
  ])('%s', (_, s, want) => {
    expect(keys(s)).toEqual(want);
  });

  it('prints paths as upstream does in conflicts', () => {
    expect(
      pathString([
        f('spec'),
        f('containers'),
        k(['name', 'web']),
        f('ports'),
        k(['containerPort', 80], ['protocol', 'TCP']),
      ]),
    ).toBe('.spec.containers[name="web"].ports[containerPort=80,protocol="TCP"]');
    expect(pathString([f('metadata'), f('finalizers'), v('a/b')])).toBe('.metadata.finalizers[="a/b"]');
  });
});

describe('managedFields entries', () => {
  it('builds manager identities as upstream does (no apiVersion for appliers)', () => {
    expect(managerId('kubectl', 'Apply', 'apps/v1', '')).toBe('{"manager":"kubectl","operation":"Apply"}');
    expect(managerId('kcm', 'Update', 'apps/v1', 'status')).toBe(
      '{"manager":"kcm","operation":"Update","apiVersion":"apps/v1","subresource":"status"}',
    );
    expect(describeManager(managerId('kcm', 'Update', 'apps/v1', 'status'))).toBe(
      '"kcm" with subresource "status" using apps/v1',
    );
    expect(describeManager(managerId('kubectl', 'Apply', 'v1', ''))).toBe('"kubectl"');
  });

  it('round-trips entries and rejects malformed ones with upstream’s messages', () => {
    const entries = [
      {
        manager: 'a',
        operation: 'Apply',
        apiVersion: 'v1',
        time: '2025-01-01T00:00:00Z',
        fieldsType: 'FieldsV1',
        fieldsV1: { 'f:data': { 'f:x': {} } },
      },
      {
        manager: 'b',
        operation: 'Update',
        apiVersion: 'v1',
        time: '2025-01-01T00:00:00Z',
        fieldsType: 'FieldsV1',
        fieldsV1: { 'f:data': { 'f:y': {} } },
        subresource: 'status',
      },
    ];
    expect(encodeManagedFields(decodeManagedFields(entries))).toEqual(entries);
    expect(() => decodeManagedFields([{ ...entries[0], operation: 'Patch' }])).toThrow(
      'operation must be `Apply` or `Update`',
    );
    expect(() => decodeManagedFields([{ ...entries[0], apiVersion: '' }])).toThrow(
      'apiVersion must not be empty',
    );
    expect(() => decodeManagedFields([{ ...entries[0], fieldsType: 'FieldsV2' }])).toThrow(
      'invalid fieldsType "FieldsV2" in managed fields entry 0',
    );
  });
});
