import { describe, expect, it } from 'vitest';
import {
  addQuantities,
  parsedFormat,
  quantity,
  quantityMilliValue,
  quantityString,
  quantityValue,
} from './quantity';

describe('quantities', () => {
  it('prints canonical forms, binary sums staying binary', () => {
    expect(quantityString(addQuantities(quantity('64Mi'), quantity('128Mi')))).toBe('192Mi');
    expect(quantityString(addQuantities(quantity('100m'), quantity('250m')))).toBe('350m');
    expect(quantityString(addQuantities(quantity('1'), quantity('500m')))).toBe('1500m');
    expect(quantityString(addQuantities(quantity('1Gi'), quantity('1')))).toBe('1073741825');
    expect(quantityString({ nanos: 3000n * 1_000_000_000n, format: 'BinarySI' })).toBe('3000');
    expect(quantityString({ nanos: 3000n * 1_000_000_000n, format: 'DecimalSI' })).toBe('3k');
    expect(quantityString(quantity(undefined))).toBe('0');
  });

  it("keeps the first operand's format unless it is zero", () => {
    expect(addQuantities(quantity('0'), quantity('1Ki')).format).toBe('BinarySI');
    expect(addQuantities(quantity('1k'), quantity('1Ki')).format).toBe('DecimalSI');
  });

  it('rounds values up, as Value() and MilliValue() do', () => {
    expect(quantityValue(quantity('1500m'))).toBe(2);
    expect(quantityMilliValue(quantity('1.0001m'))).toBe(2);
    expect(quantityValue(quantity('1Mi'))).toBe(1048576);
  });

  it("tells the format Go's parser gives a string", () => {
    expect(parsedFormat('512Ki')).toBe('BinarySI');
    expect(parsedFormat('1e3')).toBe('DecimalExponent');
    expect(parsedFormat('2')).toBe('DecimalSI');
  });
});
