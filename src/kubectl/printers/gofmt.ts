/**
 * How Go prints the values kubectl decodes API objects into (unstructured: maps, slices,
 * strings, int64, float64, bool, nil), in the forms the printers need: encoding/json
 * (compact and indented), fmt's %v and %#v, strconv.Quote and %#U.
 *
 * Values are JSON values as JavaScript holds them. An integral number is an int64 (the
 * apiserver writes integers without a fraction, and Go decodes those to int64); any
 * other number is a float64. {@link GoFloat} marks a float64 that happens to be
 * integral (a jsonpath literal like `1.0`), which only matters to comparisons.
 */

/** A float64 whose value may be integral: `1.0` in a jsonpath filter. */
export class GoFloat {
  constructor(readonly value: number) {}
}

/** Go's strings compare by UTF-8 bytes, which is code point order (not UTF-16 unit order). */
export function compareGoStrings(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    const surrogate = (c: number) => c >= 0xd800 && c <= 0xdfff;
    if (surrogate(x) !== surrogate(y)) return surrogate(x) ? 1 : -1;
    return x < y ? -1 : 1;
  }
  return a.length - b.length;
}

/** The keys of a JSON object in Go's map order (encoding/json, fmt and fmtsort sort them). */
export const sortedKeys = (object: object): string[] => Object.keys(object).sort(compareGoStrings);

/** Whether a number is what Go holds as an int64 rather than a float64. */
export const isGoInt = (n: number): boolean => Number.isInteger(n) && Math.abs(n) < 2 ** 63;

/** strconv.FormatFloat(f, 'g', -1, 64), which fmt's %v uses for float64. */
export function formatFloatG(f: number): string {
  if (Number.isNaN(f)) return 'NaN';
  if (!Number.isFinite(f)) return f > 0 ? '+Inf' : '-Inf';
  if (f === 0) return Object.is(f, -0) ? '-0' : '0';
  const sign = f < 0 ? '-' : '';
  const [mantissa = '', exponent = '0'] = Math.abs(f).toExponential().split('e');
  const digits = mantissa.replace('.', '');
  const exp = Number(exponent);
  if (exp < -4 || exp >= 6) {
    const frac = digits.length > 1 ? `.${digits.slice(1)}` : '';
    const e = String(Math.abs(exp)).padStart(2, '0');
    return `${sign}${digits[0] ?? ''}${frac}e${exp < 0 ? '-' : '+'}${e}`;
  }
  if (exp < 0) return `${sign}0.${'0'.repeat(-exp - 1)}${digits}`;
  const whole = digits.slice(0, exp + 1).padEnd(exp + 1, '0');
  const frac = digits.slice(exp + 1);
  return `${sign}${whole}${frac === '' ? '' : `.${frac}`}`;
}

/** A number as fmt's %v prints the Go value it decodes to (int64 or float64). */
export const formatGoNumber = (n: number): string => (isGoInt(n) ? String(n) : formatFloatG(n));

/** encoding/json's string encoding with HTML escaping, as Go 1.22+ writes it. */
export function jsonString(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\b') out += '\\b';
    else if (ch === '\f') out += '\\f';
    else if (c < 0x20 || ch === '<' || ch === '>' || ch === '&' || c === 0x2028 || c === 0x2029)
      out += `\\u${c.toString(16).padStart(4, '0')}`;
    else if (c >= 0xd800 && c <= 0xdfff) out += '\\ufffd';
    else out += ch;
  }
  return `${out}"`;
}

function jsonNumber(n: number): string {
  if (!Number.isFinite(n)) throw new Error(`json: unsupported value: ${formatFloatG(n)}`);
  return Object.is(n, -0) ? '-0' : String(n);
}

/**
 * json.Marshal (indent '') or json.MarshalIndent(v, '', indent): object keys sorted, no
 * spaces in the compact form, `{}` and `[]` for empty collections.
 */
export function goJson(value: unknown, indent = ''): string {
  const write = (v: unknown, prefix: string): string => {
    if (v === null || v === undefined) return 'null';
    if (v instanceof GoFloat) return jsonNumber(v.value);
    if (typeof v === 'string') return jsonString(v);
    if (typeof v === 'number') return jsonNumber(v);
    if (typeof v === 'boolean') return String(v);
    const inner = prefix + indent;
    const open = indent === '' ? '' : `\n${inner}`;
    const sep = indent === '' ? ',' : `,\n${inner}`;
    const close = indent === '' ? '' : `\n${prefix}`;
    if (Array.isArray(v)) {
      if (v.length === 0) return '[]';
      return `[${open}${v.map((item) => write(item, inner)).join(sep)}${close}]`;
    }
    const record = v as Record<string, unknown>;
    const keys = sortedKeys(record);
    if (keys.length === 0) return '{}';
    const colon = indent === '' ? ':' : ': ';
    return `{${open}${keys.map((k) => `${jsonString(k)}${colon}${write(record[k], inner)}`).join(sep)}${close}}`;
  };
  return write(value, '');
}

/** fmt.Sprint of a decoded value (%v): `map[a:1 b:[x y]]`, `<nil>` for null. */
export function goSprint(value: unknown): string {
  if (value === null || value === undefined) return '<nil>';
  if (value instanceof GoFloat) return formatFloatG(value.value);
  if (typeof value === 'number') return formatGoNumber(value);
  if (typeof value !== 'object') return String(value);
  if (Array.isArray(value)) return `[${value.map(goSprint).join(' ')}]`;
  const record = value as Record<string, unknown>;
  return `map[${sortedKeys(record)
    .map((k) => `${k}:${goSprint(record[k])}`)
    .join(' ')}]`;
}

const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u;

/** unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space. */
const isGoPrint = (ch: string): boolean => PRINTABLE.test(ch);

const SHORT_ESCAPES: Readonly<Record<string, string>> = {
  '\x07': '\\a',
  '\b': '\\b',
  '\f': '\\f',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\v': '\\v',
};

/** strconv.Quote (and so %q and the strings inside %#v). */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else if (isGoPrint(ch)) out += ch;
    else if (SHORT_ESCAPES[ch] !== undefined) out += SHORT_ESCAPES[ch];
    else if (c < 0x20 || c === 0x7f) out += `\\x${c.toString(16).padStart(2, '0')}`;
    else if (c >= 0xd800 && c <= 0xdfff) out += '\\ufffd';
    else if (c < 0x10000) out += `\\u${c.toString(16).padStart(4, '0')}`;
    else out += `\\U${c.toString(16).padStart(8, '0')}`;
  }
  return `${out}"`;
}

/** fmt's %#U of a rune: `U+002A '*'`, or just `U+0007` when it is not printable. */
export function goRuneU(ch: string): string {
  const hex = (ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0');
  return isGoPrint(ch) ? `U+${hex} '${ch}'` : `U+${hex}`;
}

/**
 * fmt's %#v of a decoded value: `map[string]interface {}{"a":1, "b":[]interface {}{"x"}}`,
 * with `interface {}(nil)` for a null inside a collection.
 */
export function goSyntax(value: unknown, nested = false): string {
  if (value === null || value === undefined) return nested ? 'interface {}(nil)' : '<nil>';
  if (value instanceof GoFloat) return formatFloatG(value.value);
  if (typeof value === 'string') return goQuote(value);
  if (typeof value === 'number') return formatGoNumber(value);
  if (typeof value !== 'object') return String(value);
  if (Array.isArray(value)) return `[]interface {}{${value.map((v) => goSyntax(v, true)).join(', ')}}`;
  const record = value as Record<string, unknown>;
  const entries = sortedKeys(record).map((k) => `${goQuote(k)}:${goSyntax(record[k], true)}`);
  return `map[string]interface {}{${entries.join(', ')}}`;
}
