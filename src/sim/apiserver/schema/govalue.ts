/**
 * How upstream prints the bad value of a failed patch: JSON and merge patches show the
 * patched object as Go's json.Marshal writes a decoded map (keys sorted, `<`, `>` and `&`
 * escaped), strategic merge patches show the patch as fmt's `%+v` prints a
 * map[string]interface{} (`map[spec:map[replicas:3]]`).
 */

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const byCodeUnit = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** A JSON string literal as Go's encoder writes it (HTML-safe, \b and \f short). */
function goJsonString(s: string): string {
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0;
    if (ch === '"' || ch === '\\') out += '\\' + ch;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\b') out += '\\b';
    else if (ch === '\f') out += '\\f';
    else if (cp < 0x20 || ch === '<' || ch === '>' || ch === '&' || cp === 0x2028 || cp === 0x2029) {
      out += '\\u' + cp.toString(16).padStart(4, '0');
    } else out += ch;
  }
  return out + '"';
}

/** Compact JSON with object keys sorted, as Go marshals a map[string]interface{}. */
export function goJsonText(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return goJsonString(v);
  if (typeof v === 'number') return Number.isFinite(v) ? JSON.stringify(v) : 'null';
  if (typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `[${v.map(goJsonText).join(',')}]`;
  if (isPlainObject(v)) {
    const keys = Object.keys(v).sort(byCodeUnit);
    return `{${keys.map((k) => `${goJsonString(k)}:${goJsonText(v[k])}`).join(',')}}`;
  }
  return 'null';
}

/** fmt's %v of a float64 (%g, shortest): exponent form below 1e-4 and from 1e6. */
function goFloat(n: number): string {
  const [mantissa = '0', exp = '0'] = n.toExponential().split('e');
  const e = Number(exp);
  if (e < -4 || e >= 6) return `${mantissa}e${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
  return String(n);
}

/**
 * fmt's `%+v` of a decoded JSON value: maps as `map[k:v ...]` with sorted keys, slices as
 * `[a b]`, strings bare, null as `<nil>`; integers print as the int64s upstream decodes.
 */
export function goPrintValue(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : goFloat(v);
  if (typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `[${v.map(goPrintValue).join(' ')}]`;
  if (isPlainObject(v)) {
    const keys = Object.keys(v).sort(byCodeUnit);
    return `map[${keys.map((k) => `${k}:${goPrintValue(v[k])}`).join(' ')}]`;
  }
  return String(v);
}
