/**
 * JSON values the way structured-merge-diff sees them: equality that treats 1 and 1.0 alike,
 * a total order across kinds (numbers, strings, booleans, lists, maps, null), Go's JSON
 * encoding (sorted keys, HTML-safe escapes) and Go's `%q` / `%v` printing for messages.
 */

import { goFormat } from '../patch/values';

/** A decoded JSON object. */
export type JsonMap = Record<string, unknown>;

/** True for a JSON object (not null, not an array). */
export function isMap(value: unknown): value is JsonMap {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** True when `map` has `key` as an own property. */
export function hasKey(map: JsonMap, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(map, key);
}

/** Sets an own property, safely even for a key such as `__proto__`. */
export function setKey(map: JsonMap, key: string, value: unknown): void {
  Object.defineProperty(map, key, { value, writable: true, enumerable: true, configurable: true });
}

/** A deep copy of a JSON value (`undefined` members are dropped). */
export function clone<T>(value: T): T {
  if (Array.isArray(value)) return value.map((v: unknown) => clone(v)) as T;
  if (isMap(value)) {
    const out: JsonMap = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) setKey(out, k, clone(v));
    return out as T;
  }
  return value;
}

/** Deep equality of two JSON values. */
export function valuesEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) {
    return Array.isArray(b) && a.length === b.length && a.every((v, i) => valuesEqual(v, b[i]));
  }
  if (isMap(a) && isMap(b)) {
    const keys = Object.keys(a);
    return (
      keys.length === Object.keys(b).length && keys.every((k) => hasKey(b, k) && valuesEqual(a[k], b[k]))
    );
  }
  return false;
}

/** Compares strings by code point, which is the byte order of their UTF-8 encoding (Go's order). */
export function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  const x = [...a];
  const y = [...b];
  for (let i = 0; i < x.length && i < y.length; i++) {
    const cx = x[i]?.codePointAt(0) ?? 0;
    const cy = y[i]?.codePointAt(0) ?? 0;
    if (cx !== cy) return cx < cy ? -1 : 1;
  }
  return x.length === y.length ? 0 : x.length < y.length ? -1 : 1;
}

const RANK = { number: 0, string: 1, boolean: 2, list: 3, map: 4, null: 5 } as const;

function rank(v: unknown): number {
  if (typeof v === 'number') return RANK.number;
  if (typeof v === 'string') return RANK.string;
  if (typeof v === 'boolean') return RANK.boolean;
  if (Array.isArray(v)) return RANK.list;
  if (isMap(v)) return RANK.map;
  return RANK.null;
}

const sign = (n: number) => (n < 0 ? -1 : n > 0 ? 1 : 0);

/** The total order structured-merge-diff puts on values (numbers < strings < bools < lists < maps < null). */
export function compareValues(a: unknown, b: unknown): number {
  const ra = rank(a);
  const rb = rank(b);
  if (ra !== rb) return ra < rb ? -1 : 1;
  if (typeof a === 'number' && typeof b === 'number') return sign(a - b);
  if (typeof a === 'string' && typeof b === 'string') return compareStrings(a, b);
  if (typeof a === 'boolean' && typeof b === 'boolean') return a === b ? 0 : a ? 1 : -1;
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < a.length && i < b.length; i++) {
      const c = compareValues(a[i], b[i]);
      if (c !== 0) return c;
    }
    return sign(a.length - b.length);
  }
  if (isMap(a) && isMap(b)) {
    const ka = Object.keys(a).sort(compareStrings);
    const kb = Object.keys(b).sort(compareStrings);
    for (let i = 0; i < ka.length && i < kb.length; i++) {
      const x = ka[i] ?? '';
      const y = kb[i] ?? '';
      const c = compareStrings(x, y) || compareValues(a[x], b[y]);
      if (c !== 0) return c;
    }
    return sign(ka.length - kb.length);
  }
  return 0;
}

const hex4 = (c: number) => c.toString(16).padStart(4, '0');

/** A string as Go's encoding/json writes it (HTML characters and U+2028/9 escaped). */
function jsonString(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (c < 0x20 || ch === '<' || ch === '>' || ch === '&' || c === 0x2028 || c === 0x2029) {
      out += `\\u${hex4(c)}`;
    } else out += ch;
  }
  return `${out}"`;
}

/** JSON as Go's encoding/json writes it: object keys sorted, HTML-safe string escapes. */
export function goJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return jsonString(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map(goJson).join(',')}]`;
  if (isMap(value)) {
    const keys = Object.keys(value)
      .filter((k) => value[k] !== undefined)
      .sort(compareStrings);
    return `{${keys.map((k) => `${jsonString(k)}:${goJson(value[k])}`).join(',')}}`;
  }
  return 'null';
}

/** Go's `%q` of a string (strconv.Quote). */
export function goQuote(s: string): string {
  const named: Record<string, string> = {
    '\u0007': '\\a',
    '\b': '\\b',
    '\f': '\\f',
    '\n': '\\n',
    '\r': '\\r',
    '\t': '\\t',
    '\v': '\\v',
  };
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else if (named[ch] !== undefined) out += named[ch];
    else if (/^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u.test(ch)) out += ch;
    else if (c < 0x80) out += `\\x${c.toString(16).padStart(2, '0')}`;
    else if (c < 0x10000) out += `\\u${hex4(c)}`;
    else out += `\\U${c.toString(16).padStart(8, '0')}`;
  }
  return `${out}"`;
}

/** How structured-merge-diff prints a value inside a field path (`[name="nginx"]`). */
export function valueToString(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return goQuote(v);
  if (typeof v === 'number' || typeof v === 'boolean') return goFormat(v);
  if (Array.isArray(v)) return `[${v.map(valueToString).join(',')}]`;
  if (isMap(v)) {
    return Object.keys(v)
      .sort(compareStrings)
      .map((k) => `${k}=${valueToString(v[k])}`)
      .join('');
  }
  return String(v);
}

/** Go's `%T` of a decoded JSON value. */
export function goTypeOf(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return Number.isSafeInteger(v) ? 'int64' : 'float64';
  return Array.isArray(v) ? '[]interface {}' : 'map[string]interface {}';
}

/** Go's `%v` of a structured-merge-diff value wrapper (`&{...}`), as its error messages print it. */
export function goValueWrapper(v: unknown): string {
  return `&{${goFormat(v)}}`;
}

/** The length of a string in UTF-8 bytes. */
export function utf8Length(s: string): number {
  let n = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
  }
  return n;
}
