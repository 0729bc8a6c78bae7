/**
 * Defensive readers for decoded JSON: validation sees whatever a client sent, so a field
 * typed as a list may be anything. These return safe, typed views.
 */

/** The value as an array, or [] when it is not one. */
export function arr<T>(v: readonly T[] | null | undefined): T[];
export function arr<T = unknown>(v: unknown): T[];
export function arr(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

/** Length in UTF-8 bytes, as Go's len() counts a string. */
export function byteLength(s: string): number {
  let n = 0;
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0;
    n += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
  }
  return n;
}

/** The value as a plain object, or {} when it is not one. */
export function rec(v: unknown): Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

/** The value as a string, or '' when it is not one. */
export function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

/** The value as a number, or undefined when it is not one. */
export function num(v: unknown): number | undefined {
  return typeof v === 'number' ? v : undefined;
}
