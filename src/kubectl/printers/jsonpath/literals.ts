/**
 * The literals of jsonpath templates: integers as strconv.Atoi reads them, and quoted
 * strings as jsonpath.UnquoteExtend reads them (Go's escapes, in single or double quotes).
 */

/** strconv.Atoi: a decimal int64 with an optional sign, or undefined. */
export function atoi(s: string): number | undefined {
  if (!/^[+-]?\d+$/.test(s)) return undefined;
  const n = BigInt(s);
  return n >= -(2n ** 63n) && n < 2n ** 63n ? Number(n) : undefined;
}

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  '\\': '\\',
};

/** jsonpath.UnquoteExtend: strconv.Unquote for single- or double-quoted text. */
export function unquote(quoted: string): string | undefined {
  const quote = quoted[0] ?? '';
  let s = quoted.slice(1, -1);
  if (!s.includes('\\') && !s.includes(quote)) return s;
  let out = '';
  while (s !== '') {
    const c = s[0] ?? '';
    if (c === quote) return undefined;
    if (c !== '\\') {
      const ch = String.fromCodePoint(s.codePointAt(0) ?? 0);
      out += ch;
      s = s.slice(ch.length);
      continue;
    }
    const e = s[1] ?? '';
    const simple = SIMPLE_ESCAPES[e];
    const hex = { x: 2, u: 4, U: 8 }[e];
    if (simple !== undefined) {
      out += simple;
      s = s.slice(2);
    } else if (e === "'" || e === '"') {
      if (e !== quote) return undefined;
      out += e;
      s = s.slice(2);
    } else if (hex !== undefined) {
      const digits = s.slice(2, 2 + hex);
      const code = parseInt(digits, 16);
      if (!/^[0-9a-fA-F]+$/.test(digits) || digits.length < hex || code > 0x10ffff) return undefined;
      if (e === 'x') out += String.fromCharCode(code);
      else if (code >= 0xd800 && code < 0xe000) return undefined;
      else out += String.fromCodePoint(code);
      s = s.slice(2 + hex);
    } else if (/^[0-7]{3}$/.test(s.slice(1, 4)) && parseInt(s.slice(1, 4), 8) <= 255) {
      out += String.fromCharCode(parseInt(s.slice(1, 4), 8));
      s = s.slice(4);
    } else return undefined;
  }
  return out;
}
