import { describe, expect, it } from 'vitest';
import { goFormat, goFormatString, goTypeName } from './values';

describe("Go's fmt of decoded JSON", () => {
  it.each([
    [null, '<nil>'],
    [true, 'true'],
    [42, '42'],
    [0.5, '0.5'],
    [123456.5, '123456.5'],
    [1234567.5, '1.2345675e+06'],
    [0.00001, '1e-05'],
    ['text', 'text'],
    [['a', 1, null], '[a 1 <nil>]'],
    [{ b: { d: [] }, a: 'x' }, 'map[a:x b:map[d:[]]]'],
  ])('%%v of %j is %s', (value, want) => {
    expect(goFormat(value)).toBe(want);
  });

  it.each([
    ['merge', 'merge'],
    [1, '%!s(int64=1)'],
    [true, '%!s(bool=true)'],
    [null, '%!s(<nil>)'],
    [{ a: 1, b: null }, 'map[a:%!s(int64=1) b:<nil>]'],
  ])('%%s of %j is %s', (value, want) => {
    expect(goFormatString(value)).toBe(want);
  });

  it.each([
    [{}, 'map[string]interface {}'],
    [[], '[]interface {}'],
    ['', 'string'],
    [1, 'int64'],
    [1.5, 'float64'],
    [null, '%!s(<nil>)'],
  ])('reflect type of %j is %s', (value, want) => {
    expect(goTypeName(value)).toBe(want);
  });
});
