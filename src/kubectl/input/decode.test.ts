import { describe, expect, it } from 'vitest';
import { decodeStream, splitYamlDocuments } from './decode';

describe('splitYamlDocuments', () => {
  it('splits at --- lines (with trailing comments), not at --- inside text', () => {
    expect(splitYamlDocuments('a: 1\n---\nb: 2\n--- # next\nc: "---"\n')).toEqual([
      'a: 1\n',
      'b: 2\n',
      'c: "---"\n',
    ]);
    expect(splitYamlDocuments('---x\n')).toEqual(['---x\n']);
  });
});

describe('decodeStream', () => {
  it('decodes YAML documents as go-yaml v2 does, skipping empty and null ones', () => {
    const decoded = decodeStream('a: yes\nd: 2001-12-14\n---\n# only a comment\n---\nnull\n---\nb: [1, 2]\n');
    expect(decoded).toEqual({ documents: [{ a: true, d: '2001-12-14' }, { b: [1, 2] }] });
  });

  it('keeps the documents before an error, and words the error as go-yaml', () => {
    const decoded = decodeStream('a: 1\n---\nkind: ConfigMap\nmetadata:\n  name: a\n  b: c: d\n');
    expect(decoded.documents).toEqual([{ a: 1 }]);
    expect(decoded.error).toBe(
      'error converting YAML to JSON: yaml: line 4: mapping values are not allowed in this context',
    );
  });

  it.each([
    ['a: b: c\n', 'yaml: mapping values are not allowed in this context'],
    ['a: [b\n', "yaml: line 1: did not find expected ',' or ']'"],
    ['a: {b\n', "yaml: line 1: did not find expected ',' or '}'"],
    ['a: "b\n', 'yaml: line 2: found unexpected end of stream'],
    ['a:\n\t- b\n', 'yaml: line 2: found character that cannot start any token'],
    ['a: b\nc\n', "yaml: line 3: could not find expected ':'"],
    ['a:\n  - b\n  c: d\n', "yaml: line 2: did not find expected '-' indicator"],
    ['a: &x\nb: *y\n', "yaml: unknown anchor 'y' referenced"],
  ])('%j fails with %s', (text, message) => {
    expect(decodeStream(text).error).toBe(`error converting YAML to JSON: ${message}`);
  });

  it('allows repeated keys, the last one winning', () => {
    expect(decodeStream('a: 1\na: 2\n').documents).toEqual([{ a: 2 }]);
  });

  it('decodes a stream of JSON objects, with Go decoder errors', () => {
    expect(decodeStream(' {"a":1}\n{"b":2}').documents).toEqual([{ a: 1 }, { b: 2 }]);
    expect(decodeStream('{"a": }').error).toBe(
      "json: offset 7: invalid character '}' looking for beginning of value",
    );
    expect(decodeStream('{"a": 1').error).toBe('unexpected EOF');
  });
});
