import { xoroshiro128plus, xoroshiro128plusFromState } from 'pure-rand/generator/xoroshiro128plus';
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import type { RandomGenerator } from 'pure-rand/types/RandomGenerator';

/**
 * The simulation's only source of randomness: a seeded xoroshiro128+ generator.
 * The same seed always yields the same sequence, which keeps traces reproducible.
 */
export class Rng {
  #gen: RandomGenerator;

  constructor(seed: number) {
    if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be an integer, got ${seed}`);
    this.#gen = xoroshiro128plus(seed);
  }

  /** An integer in [min, max], both included. */
  int(min: number, max: number): number {
    if (!Number.isSafeInteger(min) || !Number.isSafeInteger(max) || min > max) {
      throw new RangeError(`invalid integer range [${min}, ${max}]`);
    }
    return uniformInt(this.#gen, min, max);
  }

  /** A float in [0, 1). */
  float(): number {
    return uniformFloat64(this.#gen);
  }

  /** One element of a non-empty array. */
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('cannot pick from an empty list');
    return items[this.int(0, items.length - 1)] as T;
  }

  /**
   * A string of lowercase letters and digits, the alphabet Kubernetes uses for generated
   * name suffixes (consonants and digits without vowels or look-alikes: bcdfghjklmnpqrstvwxz2456789).
   */
  suffix(length: number): string {
    let out = '';
    for (let i = 0; i < length; i++) out += SUFFIX_ALPHABET[this.int(0, SUFFIX_ALPHABET.length - 1)];
    return out;
  }

  /** The generator's internal state, to save it with a snapshot. */
  state(): readonly number[] {
    return this.#gen.getState();
  }

  /** A generator that continues from a saved state. */
  static fromState(state: readonly number[]): Rng {
    const rng = new Rng(0);
    rng.#gen = xoroshiro128plusFromState(state);
    return rng;
  }
}

const SUFFIX_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';
