/**
 * The pod-template-hash (upstream's controller.ComputeHash): a 32-bit FNV-1a hash of the pod
 * template, salted with the Deployment's collisionCount, printed in decimal and then mapped
 * character by character onto rand.SafeEncodeString's alphabet, which has no vowels (no bad
 * words) and no look-alike characters. Names such as `web-7c5ddbdf54` follow.
 *
 * Upstream hashes Go's `%#v` dump of the PodTemplateSpec struct (go-spew, sorted keys). That
 * dump depends on Go's struct layout and cannot be reproduced from JSON, so this hashes a
 * stable JSON encoding (object keys sorted) instead: the values differ from a real cluster's,
 * while the algorithm, the salt, the alphabet and the shape of the result are upstream's.
 * Like upstream's, the hash changes whenever anything in the template changes.
 */

/** rand.SafeEncodeString's alphabet. */
export const SAFE_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** 32-bit FNV-1a over bytes, continuing from `hash`. */
export function fnv1a32(bytes: Iterable<number>, hash = FNV_OFFSET): number {
  let h = hash >>> 0;
  for (const b of bytes) {
    h ^= b & 0xff;
    h = Math.imul(h, FNV_PRIME) >>> 0;
  }
  return h >>> 0;
}

/** The UTF-8 bytes of a string (no TextEncoder in the simulation's lib). */
export function utf8(text: string): number[] {
  const out: number[] = [];
  for (const ch of text) {
    const c = ch.codePointAt(0) ?? 0;
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 0x3f));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f));
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 0x3f), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f));
  }
  return out;
}

/** JSON with every object's keys sorted, so equal values always encode the same. */
export function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((v) => stableJson(v ?? null)).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** rand.SafeEncodeString: each character's code, modulo the alphabet's length, picks a letter. */
export function safeEncodeString(s: string): string {
  let out = '';
  for (const ch of s) out += SAFE_ALPHABET[(ch.codePointAt(0) ?? 0) % SAFE_ALPHABET.length] ?? '';
  return out;
}

/**
 * The pod-template-hash of `template` with `collisionCount` (upstream appends the count as
 * 8 little-endian bytes when the Deployment has one).
 */
export function computeHash(template: unknown, collisionCount?: number): string {
  let h = fnv1a32(utf8(stableJson(template)));
  if (collisionCount !== undefined) {
    const n = collisionCount >>> 0;
    h = fnv1a32([n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, (n >>> 24) & 0xff, 0, 0, 0, 0], h);
  }
  return safeEncodeString(String(h));
}
