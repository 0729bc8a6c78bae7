import { describe, expect, it } from 'vitest';
import type { Quantity } from './quantity';
import {
  ERR_FORMAT_WRONG,
  ERR_SUFFIX,
  compareQuantity,
  formatQuantity,
  isQuantityError,
  parseQuantity,
  quantityValue,
} from './quantity';

function q(s: string | number): Quantity {
  const r = parseQuantity(s);
  if (isQuantityError(r)) throw new Error(r.error);
  return r;
}

describe('parseQuantity and its canonical form', () => {
  it.each<[string | number, string]>([
    ['500m', '500m'],
    ['0.5', '500m'],
    ['1000m', '1'],
    ['1500m', '1500m'],
    ['1.5', '1500m'],
    ['2000', '2k'],
    ['128Mi', '128Mi'],
    ['1024Mi', '1Gi'],
    ['1.5Gi', '1536Mi'],
    ['0.5Ki', '512'],
    ['1000Ki', '1000Ki'],
    ['100M', '100M'],
    ['1e3', '1e3'],
    ['1E', '1E'],
    ['12e6', '12e6'],
    ['0', '0'],
    ['-1', '-1'],
    ['+2', '2'],
    ['0.1m', '100u'],
    ['1n', '1n'],
    ['1.0000000001', '1000000001n'],
    [2, '2'],
    [0.25, '250m'],
  ])('%j prints as %j', (input, canonical) => {
    expect(formatQuantity(q(input))).toBe(canonical);
  });

  it.each([
    ['', ERR_FORMAT_WRONG],
    ['abc', ERR_FORMAT_WRONG],
    ['1 Gi', ERR_FORMAT_WRONG],
    ['1Gb', ERR_FORMAT_WRONG],
    ['500mi', ERR_SUFFIX],
    ['1e', ERR_SUFFIX],
    ['1iK', ERR_SUFFIX],
  ])('%j fails with upstream text', (input, error) => {
    expect(parseQuantity(input)).toEqual({ error });
  });

  it('quotes the regular expression in the format error', () => {
    expect(ERR_FORMAT_WRONG).toBe(
      "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
    );
  });

  it('compares by value and rounds Value() up', () => {
    expect(compareQuantity(q('1'), q('1000m'))).toBe(0);
    expect(compareQuantity(q('1Gi'), q('1G'))).toBe(1);
    expect(compareQuantity(q('100Mi'), q('1Gi'))).toBe(-1);
    expect(quantityValue(q('1500m'))).toBe(2n);
  });
});
