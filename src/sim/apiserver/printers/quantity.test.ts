import { describe, expect, it } from 'vitest';
import { formatQuantity } from './quantity';

describe('formatQuantity (canonical Quantity.String())', () => {
  it.each([
    ['1Gi', '1Gi'],
    ['10Gi', '10Gi'],
    ['1024Mi', '1Gi'],
    ['1025Mi', '1025Mi'],
    ['1.5Gi', '1536Mi'],
    ['0.5Ki', '512'],
    ['1.5Ki', '1536'],
    ['1023', '1023'],
    ['1024', '1024'],
    ['2048Ki', '2Mi'],
    ['100m', '100m'],
    ['1000m', '1'],
    ['1500m', '1500m'],
    ['0.5', '500m'],
    ['0.1', '100m'],
    ['1.5', '1500m'],
    ['10', '10'],
    ['1500', '1500'],
    ['2000', '2k'],
    ['1000M', '1G'],
    ['128974848', '128974848'],
    ['129e6', '129e6'],
    ['129M', '129M'],
    ['1e3', '1e3'],
    ['1E', '1E'],
    ['0', '0'],
    ['0Gi', '0'],
    ['-1Gi', '-1Gi'],
    ['-0.5', '-500m'],
    ['0.0000000001', '1n'],
    ['1u', '1u'],
    ['+5', '5'],
  ])('%s -> %s', (input, expected) => {
    expect(formatQuantity(input)).toBe(expected);
  });

  it('reads bare JSON numbers', () => {
    expect(formatQuantity(2)).toBe('2');
    expect(formatQuantity(0.25)).toBe('250m');
  });

  it('treats a missing quantity as zero and leaves garbage as it is', () => {
    expect(formatQuantity(undefined)).toBe('0');
    expect(formatQuantity('12 apples')).toBe('12 apples');
  });
});
