import { describe, expect, it } from 'vitest';
import { goSliceStable } from './gosort';

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

describe("Go's sort.SliceStable", () => {
  it('sorts like a stable sort for a proper comparator, across block sizes', () => {
    for (const n of [0, 1, 5, 20, 21, 40, 41, 97, 300]) {
      const items = range(n).map((i) => ({ key: (i * 37) % 11, i }));
      const got = [...items];
      goSliceStable(got, (a, b) => (got[a]?.key ?? 0) < (got[b]?.key ?? 0));
      expect(got).toEqual([...items].sort((a, b) => a.key - b.key));
    }
  });

  // Expected orders printed by Go 1.19's sort.SliceStable for the same inputs.
  it.each([
    [5, [4, 3, 2, 1, 0]],
    [21, range(21).reverse()],
    [45, range(45).reverse()],
  ])('matches Go for an always-true comparator (n=%i)', (n, want) => {
    const got = range(n);
    goSliceStable(got, () => true);
    expect(got).toEqual(want);
  });

  it("matches Go for strategic merge's comparator (unknown elements sort first)", () => {
    const got = range(47).map((i) => (i * 7) % 47);
    const known = (v: number) => (v % 3 === 0 ? -1 : v);
    goSliceStable(got, (i, j) => {
      const [a, b] = [known(got[i] ?? 0), known(got[j] ?? 0)];
      return a < 0 || b < 0 || a < b;
    });
    expect(got).toEqual([
      33, 12, 5, 24, 3, 36, 15, 1, 8, 10, 27, 13, 39, 18, 30, 9, 2, 4, 42, 21, 7, 11, 14, 16, 17, 19, 20, 22,
      23, 25, 26, 28, 29, 31, 32, 34, 35, 37, 40, 45, 38, 41, 43, 6, 44, 46, 0,
    ]);
  });
});
