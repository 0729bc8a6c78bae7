import { describe, expect, it } from 'vitest';
import { applyMergePatch } from './index';

describe('JSON merge patch (RFC 7386)', () => {
  // The test vectors of RFC 7386 appendix A whose patch is an object (the apiserver refuses others).
  it.each([
    [{ a: 'b' }, { a: 'c' }, { a: 'c' }],
    [{ a: 'b' }, { b: 'c' }, { a: 'b', b: 'c' }],
    [{ a: 'b' }, { a: null }, {}],
    [{ a: 'b', b: 'c' }, { a: null }, { b: 'c' }],
    [{ a: ['b'] }, { a: 'c' }, { a: 'c' }],
    [{ a: 'c' }, { a: ['b'] }, { a: ['b'] }],
    [{ a: { b: 'c' } }, { a: { b: 'd', c: null } }, { a: { b: 'd' } }],
    [{ a: [{ b: 'c' }] }, { a: [1] }, { a: [1] }],
    [{ e: null }, { a: 1 }, { e: null, a: 1 }],
    [[1, 2], { a: 'b', c: null }, { a: 'b' }],
    [{}, { a: { bb: { ccc: null } } }, { a: { bb: {} } }],
  ])('%j + %j', (original, patch, want) => {
    expect(applyMergePatch(original, JSON.stringify(patch))).toEqual(want);
  });

  it.each([
    [
      'replaces lists wholesale',
      { spec: { containers: [{ name: 'a', image: 'x' }, { name: 'b' }] } },
      { spec: { containers: [{ name: 'a', image: 'y' }] } },
      { spec: { containers: [{ name: 'a', image: 'y' }] } },
    ],
    [
      'drops nulls from objects it adds, even inside lists, but keeps null elements',
      { spec: {} },
      { spec: { list: [{ a: 1, b: null }, null], obj: { c: null, d: 2 } } },
      { spec: { list: [{ a: 1 }, null], obj: { d: 2 } } },
    ],
    [
      'merges into a field that was null as if it were missing',
      { spec: { obj: null } },
      { spec: { obj: { a: 1, b: null } } },
      { spec: { obj: { a: 1 } } },
    ],
    ['an empty patch changes nothing', { a: { b: 1 } }, {}, { a: { b: 1 } }],
  ])('%s', (_, original, patch, want) => {
    const snapshot = structuredClone(original);
    expect(applyMergePatch(original, JSON.stringify(patch))).toEqual(want);
    expect(original).toEqual(snapshot);
  });

  it.each([
    [
      '["c","d"]',
      'error decoding patch: json: cannot unmarshal array into Go value of type map[string]interface {}',
    ],
    [
      '"bar"',
      'error decoding patch: json: cannot unmarshal string into Go value of type map[string]interface {}',
    ],
    ['null', 'Invalid JSON Patch'],
    ['{"a":', 'error decoding patch: unexpected end of JSON input'],
    ['{"a":1}}', "error decoding patch: invalid character '}' after top-level value"],
  ])('refuses %s with 400', (body, message) => {
    expect(() => applyMergePatch({ a: 'foo' }, body)).toThrow(
      expect.objectContaining({ status: 400, reason: 'BadRequest', message }),
    );
  });
});
