import { describe, expect, it } from 'vitest';
import { analyzeScalar, resolvesToNonString, yamlKeyLess } from './yaml-scalar';

describe('resolvesToNonString (what yaml.v2 would not read back as a string)', () => {
  it.each([
    ['', true],
    ['true', true],
    ['Yes', true],
    ['n', true],
    ['OFF', true],
    ['~', true],
    ['Null', true],
    ['.inf', true],
    ['-.Inf', true],
    ['.5', true],
    ['1.5', true],
    ['-1', true],
    ['+12', true],
    ['0x1f', true],
    ['0o17', true],
    ['017', true],
    ['0b101', true],
    ['1_000', true],
    ['1e3', true],
    ['2024-01-01', true],
    ['2024-01-01T10:00:00Z', true],
    ['1:20', true],
    ['08', true],
    ['2024-02-30', false],
    ['1e999', false],
    ['<<', false],
    ['yes please', false],
    ['web-1', false],
    ['+', false],
    ['.', false],
    ['Infinity', false],
  ])('%j -> %s', (s, expected) => {
    expect(resolvesToNonString(s)).toBe(expected);
  });
});

describe('analyzeScalar', () => {
  it.each([
    ['plain', { multiline: false, blockPlainAllowed: true, singleQuotedAllowed: true, blockAllowed: true }],
    ['- x', { multiline: false, blockPlainAllowed: false, singleQuotedAllowed: true, blockAllowed: true }],
    ['-x', { multiline: false, blockPlainAllowed: true, singleQuotedAllowed: true, blockAllowed: true }],
    ['a #b', { multiline: false, blockPlainAllowed: false, singleQuotedAllowed: true, blockAllowed: true }],
    [
      'trail ',
      { multiline: false, blockPlainAllowed: false, singleQuotedAllowed: true, blockAllowed: false },
    ],
    ['a\tb', { multiline: false, blockPlainAllowed: false, singleQuotedAllowed: false, blockAllowed: false }],
    ['a\nb', { multiline: true, blockPlainAllowed: false, singleQuotedAllowed: true, blockAllowed: true }],
    ['a \nb', { multiline: true, blockPlainAllowed: false, singleQuotedAllowed: false, blockAllowed: false }],
    ['a\n b', { multiline: true, blockPlainAllowed: false, singleQuotedAllowed: false, blockAllowed: true }],
    ['', { multiline: false, blockPlainAllowed: true, singleQuotedAllowed: true, blockAllowed: false }],
  ])('%j', (s, expected) => {
    expect(analyzeScalar(s)).toEqual(expected);
  });
});

describe('yamlKeyLess (yaml.v2 key order)', () => {
  it('orders digit runs by value and non-letters before letters', () => {
    const keys = ['key10', 'key9', 'a01', 'a1', 'Zeta', '_x', 'app', '10', '9'];
    const sorted = [...keys].sort((a, b) => (yamlKeyLess(a, b) ? -1 : yamlKeyLess(b, a) ? 1 : 0));
    expect(sorted).toEqual(['_x', '9', '10', 'Zeta', 'a1', 'a01', 'app', 'key9', 'key10']);
  });
});
