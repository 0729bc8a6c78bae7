import { describe, expect, it } from 'vitest';
import { SAFE_ALPHABET, computeHash, fnv1a32, safeEncodeString, stableJson, utf8 } from './hash';

const TEMPLATE = {
  metadata: { labels: { app: 'web' } },
  spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] },
};

describe('pod-template-hash', () => {
  it.each([
    ['', 0x811c9dc5],
    ['a', 0xe40c292c],
    ['foobar', 0xbf9cf968],
  ])('FNV-1a 32 of %j is the reference value', (text, want) => {
    expect(fnv1a32(utf8(text))).toBe(want);
  });

  it('encodes UTF-8 like Go strings are hashed', () => {
    expect(utf8('é€😀')).toEqual([0xc3, 0xa9, 0xe2, 0x82, 0xac, 0xf0, 0x9f, 0x98, 0x80]);
  });

  it("maps decimal digits onto rand.SafeEncodeString's alphabet", () => {
    expect(SAFE_ALPHABET).toHaveLength(27);
    // Digits are characters 48-57: modulo 27 they land on the last six letters and the first four.
    expect(safeEncodeString('0123456789')).toBe('456789bcdf');
  });

  it('is stable under key order and shaped like upstream hashes', () => {
    const reordered = {
      spec: { containers: [{ image: 'nginx:1.27', name: 'nginx' }] },
      metadata: TEMPLATE.metadata,
    };
    expect(stableJson(reordered)).toBe(stableJson(TEMPLATE));
    expect(computeHash(reordered)).toBe(computeHash(TEMPLATE));
    expect(computeHash(TEMPLATE)).toMatch(/^[456789bcdf]{1,10}$/);
  });

  it('changes with the template and with the collision count', () => {
    const other = { ...TEMPLATE, spec: { containers: [{ name: 'nginx', image: 'nginx:1.28' }] } };
    const hashes = new Set([
      computeHash(TEMPLATE),
      computeHash(other),
      computeHash(TEMPLATE, 0),
      computeHash(TEMPLATE, 1),
    ]);
    expect(hashes.size).toBe(4);
  });
});
