import { describe, expect, it } from 'vitest';
import { quantityNanos } from './quantity';

const n = (v: number | bigint) => BigInt(v) * 1_000_000_000n;

describe('quantityNanos (resource.ParseQuantity for sorting)', () => {
  it.each([
    ['1', n(1)],
    ['100m', 100_000_000n],
    ['1.5', 1_500_000_000n],
    ['1Gi', n(2 ** 30)],
    ['1536Mi', n(1536 * 2 ** 20)],
    ['2k', n(2000)],
    ['1e3', n(1000)],
    ['1E-3', 1_000_000n],
    ['-5', n(-5)],
    ['+5', n(5)],
    ['0.5Gi', n(2 ** 29)],
    ['1n', 1n],
    ['0.1n', 1n],
    ['-0.1n', -1n],
    ['007', n(7)],
    ['k', 0n],
    ['-', 0n],
    ['.', 0n],
    ['5.', n(5)],
    ['12345678901234567890', (2n ** 63n - 1n) * 1_000_000_000n],
  ])('%j is %s nanounits', (text, value) => {
    expect(quantityNanos(text)).toBe(value);
  });

  it.each(['', 'web', '1x', '1 ', ' 1', '1Gb', 'e', '1e', 'Ki2', '2024-01-01T00:00:00Z'])(
    '%j is not a quantity',
    (text) => {
      expect(quantityNanos(text)).toBeUndefined();
    },
  );

  it('keeps values its int64 fast path holds exactly, even past int64 nanounits', () => {
    expect(quantityNanos('10E')).toBe(n(10n ** 19n));
    expect(quantityNanos('1e30')).toBe(n(10n ** 30n));
  });
});
