/**
 * Go value printing. Upstream error messages embed bad values the way Go's fmt prints them:
 * strings through strconv.Quote (`%q`), and structs, maps and slices through `%#v`
 * (`map[string]string{"app":"web"}`, `intstr.IntOrString{Type:1, IntVal:0, StrVal:"5x"}`).
 * These helpers build that text from plain JSON values.
 */

/** A bad value that prints as the given Go syntax, e.g. a struct literal. */
export class GoValue {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

/** Marks an error whose bad value is omitted from the message (upstream's field.OmitValueType). */
export const OMIT_VALUE: unique symbol = Symbol('omitValue');

const PRINTABLE = /[\p{L}\p{M}\p{N}\p{P}\p{S}]/u;

/** strconv.Quote: a double-quoted Go string literal with Go's escapes. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0;
    if (ch === '"' || ch === '\\') out += '\\' + ch;
    else if (cp === 0x20 || (cp > 0x20 && cp < 0x7f)) out += ch;
    else if (cp === 0x07) out += '\\a';
    else if (cp === 0x08) out += '\\b';
    else if (cp === 0x0c) out += '\\f';
    else if (cp === 0x0a) out += '\\n';
    else if (cp === 0x0d) out += '\\r';
    else if (cp === 0x09) out += '\\t';
    else if (cp === 0x0b) out += '\\v';
    else if (cp < 0x20 || cp === 0x7f) out += '\\x' + cp.toString(16).padStart(2, '0');
    else if (PRINTABLE.test(ch)) out += ch;
    else if (cp < 0x10000) out += '\\u' + cp.toString(16).padStart(4, '0');
    else out += '\\U' + cp.toString(16).padStart(8, '0');
  }
  return out + '"';
}

/** `%#v` of a map[string]string: keys sorted, nil for an absent map. */
export function goStringMap(m: unknown, type = 'map[string]string'): GoValue {
  if (m === undefined || m === null || typeof m !== 'object') return new GoValue(`${type}(nil)`);
  const entries = Object.entries(m as Record<string, unknown>)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${goQuote(k)}:${goQuote(String(v))}`);
  return new GoValue(`${type}{${entries.join(', ')}}`);
}

/** `%#v` of a []string (or another slice of a string kind), nil for an absent slice. */
export function goStringSlice(items: unknown, type = '[]string'): GoValue {
  if (!Array.isArray(items)) return new GoValue(`${type}(nil)`);
  return new GoValue(`${type}{${items.map((s) => goQuote(String(s))).join(', ')}}`);
}

/** `%#v` of a slice of int32 or int64. */
export function goIntSlice(items: unknown, type: string): GoValue {
  if (!Array.isArray(items)) return new GoValue(`${type}(nil)`);
  return new GoValue(`${type}{${items.map((n) => String(n)).join(', ')}}`);
}

/** `%#v` of an intstr.IntOrString: numbers are Type 0, strings Type 1. */
export function goIntOrString(v: unknown): GoValue {
  if (typeof v === 'string') return new GoValue(`intstr.IntOrString{Type:1, IntVal:0, StrVal:${goQuote(v)}}`);
  const n = typeof v === 'number' ? v : 0;
  return new GoValue(`intstr.IntOrString{Type:0, IntVal:${n}, StrVal:""}`);
}

/** `%#v` of a pointer field inside a struct: `(*T)(nil)`, or a stand-in address. */
export function goPointer(type: string, present: boolean): string {
  return present ? `(*${type})(0xc000a8c000)` : `(*${type})(nil)`;
}

/** `%#v` of a struct from already-printed fields. */
export function goStruct(type: string, fields: ReadonlyArray<readonly [string, string]>): GoValue {
  return new GoValue(`${type}{${fields.map(([k, v]) => `${k}:${v}`).join(', ')}}`);
}

/** `%#v` of a string field (named string kinds print the same way). */
export function goStr(v: unknown): string {
  return goQuote(typeof v === 'string' ? v : '');
}

/** `%#v` of a metav1.LabelSelector value, as selector errors print it. */
export function goLabelSelector(sel: unknown): GoValue {
  const s = (sel ?? {}) as { matchLabels?: unknown; matchExpressions?: unknown };
  const exprs = Array.isArray(s.matchExpressions)
    ? `[]v1.LabelSelectorRequirement{${s.matchExpressions
        .map(
          (e: { key?: unknown; operator?: unknown; values?: unknown }) =>
            goStruct('v1.LabelSelectorRequirement', [
              ['Key', goStr(e?.key)],
              ['Operator', goStr(e?.operator)],
              ['Values', goStringSlice(e?.values).text],
            ]).text,
        )
        .join(', ')}}`
    : '[]v1.LabelSelectorRequirement(nil)';
  return goStruct('v1.LabelSelector', [
    ['MatchLabels', goStringMap(s.matchLabels).text],
    ['MatchExpressions', exprs],
  ]);
}

/** The `%v` text of a plain value: how upstream prints ints, bools and other simple kinds. */
export function goPlain(v: unknown): string {
  if (v === undefined || v === null) return goQuote('null');
  if (typeof v === 'string') return goQuote(v);
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  if (v instanceof GoValue) return v.text;
  if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return goStringSlice(v).text;
  if (typeof v === 'object' && Object.values(v).every((x) => typeof x === 'string')) {
    return goStringMap(v).text;
  }
  return JSON.stringify(v) ?? 'null';
}
