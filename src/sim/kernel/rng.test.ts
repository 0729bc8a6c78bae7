import { describe, expect, it } from 'vitest';
import { Rng } from './rng';

const draw = (rng: Rng, n: number) => Array.from({ length: n }, () => rng.int(0, 1_000_000));

describe('Rng', () => {
  it('gives the same sequence for the same seed', () => {
    expect(draw(new Rng(42), 100)).toEqual(draw(new Rng(42), 100));
  });

  it('gives different sequences for different seeds', () => {
    expect(draw(new Rng(1), 20)).not.toEqual(draw(new Rng(2), 20));
  });

  it('stays within the asked range, both ends included', () => {
    const rng = new Rng(7);
    const seen = new Set<number>();
    for (let i = 0; i < 500; i++) {
      const v = rng.int(3, 6);
      expect(v).toBeGreaterThanOrEqual(3);
      expect(v).toBeLessThanOrEqual(6);
      seen.add(v);
    }
    expect([...seen].sort()).toEqual([3, 4, 5, 6]);
    for (let i = 0; i < 500; i++) {
      const f = rng.float();
      expect(f).toBeGreaterThanOrEqual(0);
      expect(f).toBeLessThan(1);
    }
  });

  it('continues exactly from a saved state', () => {
    const rng = new Rng(9);
    draw(rng, 10);
    const copy = Rng.fromState(rng.state());
    expect(draw(copy, 50)).toEqual(draw(rng, 50));
  });

  it('makes name suffixes from the Kubernetes alphabet', () => {
    const suffix = new Rng(3).suffix(5);
    expect(suffix).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]{5}$/);
  });

  it.each([
    ['a fractional seed', () => new Rng(1.5)],
    ['an inverted range', () => new Rng(1).int(5, 1)],
    ['an empty pick', () => new Rng(1).pick([])],
  ])('rejects %s', (_name, make) => {
    expect(make).toThrow(RangeError);
  });
});
