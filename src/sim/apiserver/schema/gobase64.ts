/**
 * Go's base64.StdEncoding.Decode, reduced to what a decode error needs: `[]byte` fields
 * (Secret `data`, ConfigMap `binaryData`, CSR `request`...) arrive as base64 strings, and a
 * malformed one fails decoding with `illegal base64 data at input byte N`, N counting bytes
 * of the UTF-8 text the way Go counts them (line breaks are skipped, padding is required).
 */

/** The UTF-8 bytes of a string (lone surrogates become U+FFFD, as Go's JSON decoder does). */
export function utf8Bytes(s: string): number[] {
  const out: number[] = [];
  for (const ch of s) {
    let cp = ch.codePointAt(0) ?? 0xfffd;
    if (cp >= 0xd800 && cp <= 0xdfff) cp = 0xfffd;
    if (cp < 0x80) out.push(cp);
    else if (cp < 0x800) out.push(0xc0 | (cp >> 6), 0x80 | (cp & 0x3f));
    else if (cp < 0x10000) out.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
    else {
      out.push(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 0x3f), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
    }
  }
  return out;
}

const PAD = 0x3d; // '='
const LF = 0x0a;
const CR = 0x0d;

function inAlphabet(c: number): boolean {
  return (
    (c >= 0x41 && c <= 0x5a) || // A-Z
    (c >= 0x61 && c <= 0x7a) || // a-z
    (c >= 0x30 && c <= 0x39) || // 0-9
    c === 0x2b || // +
    c === 0x2f // /
  );
}

const isNewline = (c: number | undefined) => c === LF || c === CR;

/**
 * Decodes one 4-character quantum starting at `start`: where the next quantum starts, or the
 * byte offset Go reports as corrupt.
 */
function quantum(src: readonly number[], start: number): { next: number; corruptAt?: number } {
  let si = start;
  for (let j = 0; j < 4; j++) {
    if (si === src.length) {
      // Input ended inside a quantum: fine only at its start (padding is mandatory).
      return j === 0 ? { next: si } : { next: si, corruptAt: si - j };
    }
    const c = src[si] ?? 0;
    si++;
    if (inAlphabet(c)) continue;
    if (isNewline(c)) {
      j--;
      continue;
    }
    if (c !== PAD || j < 2) return { next: si, corruptAt: si - 1 };
    if (j === 2) {
      // A single '=' after two characters needs a second one.
      while (si < src.length && isNewline(src[si])) si++;
      if (si === src.length) return { next: si, corruptAt: src.length };
      if (src[si] !== PAD) return { next: si, corruptAt: si - 1 };
      si++;
    }
    while (si < src.length && isNewline(src[si])) si++;
    // Anything after the padding is trailing garbage.
    return si < src.length ? { next: si, corruptAt: si } : { next: si };
  }
  return { next: si };
}

/** Go's error for a string that is not valid standard base64, or undefined when it decodes. */
export function base64Error(s: string): string | undefined {
  const src = utf8Bytes(s);
  let si = 0;
  while (si < src.length) {
    const q = quantum(src, si);
    if (q.corruptAt !== undefined) return `illegal base64 data at input byte ${q.corruptAt}`;
    si = q.next;
  }
  return undefined;
}
