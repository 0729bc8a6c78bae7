import { describe, expect, it } from 'vitest';
import { goSort } from './gosort';

describe('goSort', () => {
  it('sorts like sort.Sort, including the order it leaves equal elements in', () => {
    // 40 events with three timestamps, in the order the API lists them; the expected order
    // is what kubectl v1.32 printed for them (insertion sort alone would keep 0, 3, 6...).
    const items = Array.from({ length: 40 }, (_, i) => ({ i, at: (i * 7) % 3 }));
    goSort(items, (a, b) => a.at < b.at);
    expect(items.map((e) => e.i)).toEqual([
      15, 39, 36, 3, 33, 30, 6, 27, 24, 9, 0, 21, 12, 18, 10, 4, 16, 1, 13, 19, 37, 34, 22, 31, 28, 25, 7, 14,
      8, 29, 5, 23, 32, 26, 11, 35, 2, 20, 38, 17,
    ]);
  });

  it('is an insertion sort, hence stable, up to twelve elements', () => {
    const items = Array.from({ length: 12 }, (_, i) => ({ i, key: i % 2 }));
    goSort(items, (a, b) => a.key < b.key);
    expect(items.map((e) => e.i)).toEqual([0, 2, 4, 6, 8, 10, 1, 3, 5, 7, 9, 11]);
  });

  it('sorts large, reversed and patterned inputs correctly', () => {
    for (const input of [
      Array.from({ length: 500 }, (_, i) => 500 - i),
      Array.from({ length: 300 }, (_, i) => (i * 7919) % 101),
      Array.from({ length: 64 }, () => 1),
    ]) {
      const sorted = goSort([...input], (a, b) => a < b);
      expect(sorted).toEqual([...input].sort((a, b) => a - b));
    }
  });
});
