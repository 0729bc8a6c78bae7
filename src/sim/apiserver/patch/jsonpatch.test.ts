import { describe, expect, it } from 'vitest';
import { applyJsonPatch, PatchError } from './index';

const deployment = () => ({
  metadata: { name: 'web', labels: { 'app.kubernetes.io/name': 'web' } },
  spec: { replicas: 1, containers: [{ name: 'a' }, { name: 'b' }], ports: [80, 443] },
});

type Doc = ReturnType<typeof deployment>;
const GENERIC_422 = 'the server rejected our request due to an error in our request';

describe('JSON patch: operations', () => {
  it.each<[string, object[], (d: Doc) => unknown]>([
    [
      'add sets a new field',
      [{ op: 'add', path: '/spec/paused', value: true }],
      (d) => ({ ...d, spec: { ...d.spec, paused: true } }),
    ],
    [
      'add with - appends to a list',
      [{ op: 'add', path: '/spec/containers/-', value: { name: 'c' } }],
      (d) => ({ ...d, spec: { ...d.spec, containers: [...d.spec.containers, { name: 'c' }] } }),
    ],
    [
      'add at an index inserts',
      [{ op: 'add', path: '/spec/containers/0', value: { name: 'z' } }],
      (d) => ({ ...d, spec: { ...d.spec, containers: [{ name: 'z' }, ...d.spec.containers] } }),
    ],
    [
      'add at a negative index counts from the end (json-patch v4)',
      [{ op: 'add', path: '/spec/ports/-1', value: 8080 }],
      (d) => ({ ...d, spec: { ...d.spec, ports: [80, 443, 8080] } }),
    ],
    [
      'remove deletes a field and a list element',
      [
        { op: 'remove', path: '/spec/replicas' },
        { op: 'remove', path: '/spec/containers/0' },
      ],
      (d) => ({ ...d, spec: { containers: [{ name: 'b' }], ports: [80, 443] } }),
    ],
    [
      'replace changes a value, and adds a missing key (json-patch v4)',
      [
        { op: 'replace', path: '/spec/replicas', value: 3 },
        { op: 'replace', path: '/spec/paused', value: false },
      ],
      (d) => ({ ...d, spec: { ...d.spec, replicas: 3, paused: false } }),
    ],
    [
      'move takes the value to its new place',
      [{ op: 'move', from: '/spec/replicas', path: '/metadata/replicas' }],
      (d) => ({
        metadata: { ...d.metadata, replicas: 1 },
        spec: { containers: d.spec.containers, ports: d.spec.ports },
      }),
    ],
    [
      'copy duplicates the value',
      [{ op: 'copy', from: '/spec/containers/1', path: '/spec/containers/-' }],
      (d) => ({ ...d, spec: { ...d.spec, containers: [...d.spec.containers, { name: 'b' }] } }),
    ],
    [
      'test guards the operations after it',
      [
        { op: 'test', path: '/spec/replicas', value: 1 },
        { op: 'replace', path: '/spec/replicas', value: 2 },
      ],
      (d) => ({ ...d, spec: { ...d.spec, replicas: 2 } }),
    ],
    [
      '~1 in a path stands for a slash',
      [{ op: 'remove', path: '/metadata/labels/app.kubernetes.io~1name' }],
      (d) => ({ ...d, metadata: { name: 'web', labels: {} } }),
    ],
    [
      'test of a missing field against null passes',
      [{ op: 'test', path: '/spec/missing', value: null }],
      (d) => d,
    ],
    [
      'replace of the root swaps the document',
      [{ op: 'replace', path: '', value: { kind: 'Other' } }],
      () => ({ kind: 'Other' }),
    ],
  ])('%s', (_, ops, want) => {
    const original = deployment();
    expect(applyJsonPatch(original, JSON.stringify(ops))).toEqual(want(deployment()));
    expect(original).toEqual(deployment());
  });

  it('treats a null body as no operations', () => {
    expect(applyJsonPatch(deployment(), 'null')).toEqual(deployment());
  });
});

describe('JSON patch: failing operations answer 422 with the json-patch error as detail', () => {
  it.each([
    [
      { op: 'add', path: '/spec/foo/bar', value: 1 },
      'add operation does not apply: doc is missing path: "/spec/foo/bar": missing value',
    ],
    [
      { op: 'remove', path: '/spec/foo' },
      "error in remove for path: '/spec/foo': Unable to remove nonexistent key: foo: missing value",
    ],
    [{ op: 'test', path: '/spec/replicas', value: 2 }, 'testing value /spec/replicas failed: test failed'],
    [
      { op: 'replace', path: '/spec/containers/5', value: {} },
      'replace operation does not apply: doc is missing key: /spec/containers/5: missing value',
    ],
    [
      { op: 'move', from: '/spec/foo', path: '/spec/bar' },
      "error in move for path: 'foo': Unable to remove nonexistent key: foo: missing value",
    ],
    [
      { op: 'copy', from: '/nope/x', path: '/spec/x' },
      'copy operation does not apply: doc is missing from path: /nope/x: missing value',
    ],
    [{ op: 'bogus', path: '/spec' }, 'Unexpected kind: bogus'],
    [{ op: 'add', value: 1 }, 'add operation failed to decode path: missing value'],
    [
      { op: 'add', path: '/spec/ports/x', value: 1 },
      `error in add for path: '/spec/ports/x': value was not a proper array index: 'x': strconv.Atoi: parsing "x": invalid syntax`,
    ],
    [
      { op: 'add', path: '/spec/ports/5', value: 1 },
      "error in add for path: '/spec/ports/5': Unable to access invalid index: 5: invalid index referenced",
    ],
  ])('%o', (op, detail) => {
    const error = (() => {
      try {
        applyJsonPatch(deployment(), JSON.stringify([op]));
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(PatchError);
    expect(error).toMatchObject({ status: 422, message: GENERIC_422, reason: 'Invalid', detail });
  });
});

describe('JSON patch: bodies the apiserver cannot decode', () => {
  it.each([
    ['nope', 400, "error decoding patch: invalid character 'o' in literal null (expecting 'u')"],
    ['', 400, 'error decoding patch: unexpected end of JSON input'],
    [
      '{"op":"add"}',
      400,
      'error decoding patch: json: cannot unmarshal object into Go value of type []handlers.jsonPatchOp',
    ],
    [
      '[{"op":"add","path":5}]',
      400,
      'error decoding patch: json: cannot unmarshal number into Go struct field jsonPatchOp.path of type string',
    ],
    [
      JSON.stringify(Array.from({ length: 10001 }, () => ({ op: 'test', path: '/spec/replicas', value: 1 }))),
      413,
      'Request entity too large: The allowed maximum operations in a JSON patch is 10000, got 10001',
    ],
  ])('%#', (body, status, message) => {
    expect(() => applyJsonPatch(deployment(), body)).toThrow(expect.objectContaining({ status, message }));
  });
});
