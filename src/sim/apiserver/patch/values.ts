/**
 * JSON values as the Go code behind kube-apiserver's patch handlers sees them: an object is a
 * `map[string]interface{}`, an array a `[]interface{}`, a whole number an `int64` and any other
 * number a `float64`. The helpers here reproduce Go's equality and `%v` formatting, because
 * upstream's error messages print values with `%v`.
 */

import { PatchError } from './errors';

/** A decoded JSON object. */
export type JsonMap = Record<string, unknown>;

/** The Go dynamic type a decoded JSON value has. */
export type GoKind = 'nil' | 'bool' | 'int64' | 'float64' | 'string' | 'slice' | 'map';

/** True for a JSON object (not null, not an array). */
export function isMap(value: unknown): value is JsonMap {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The Go type a value decoded with `PreserveInts` would have. */
export function goKind(value: unknown): GoKind {
  if (value === null || value === undefined) return 'nil';
  if (Array.isArray(value)) return 'slice';
  switch (typeof value) {
    case 'boolean':
      return 'bool';
    case 'number':
      return Number.isSafeInteger(value) ? 'int64' : 'float64';
    case 'string':
      return 'string';
    default:
      return 'map';
  }
}

const GO_TYPE_NAMES: Record<GoKind, string> = {
  nil: '%!s(<nil>)',
  bool: 'bool',
  int64: 'int64',
  float64: 'float64',
  string: 'string',
  slice: '[]interface {}',
  map: 'map[string]interface {}',
};

/** `reflect.TypeOf(value)` printed with `%s`, as in `expected a X, but received a Y`. */
export function goTypeName(value: unknown): string {
  return GO_TYPE_NAMES[goKind(value)];
}

/**
 * Go's `==` on two `interface{}` values: equal dynamic types and equal values. Comparing two
 * maps or two slices panics in Go; the apiserver turns that panic into a 500.
 */
export function goEqual(a: unknown, b: unknown): boolean {
  const kind = goKind(a);
  if (kind !== goKind(b)) return false;
  if (kind === 'map' || kind === 'slice') {
    throw PatchError.panic(`runtime error: comparing uncomparable type ${GO_TYPE_NAMES[kind]}`);
  }
  return kind === 'nil' || a === b;
}

/** A key that identifies a scalar the way a Go `map[interface{}]` would. */
export function scalarKey(value: unknown): string {
  const kind = goKind(value);
  if (kind === 'map' || kind === 'slice') {
    throw PatchError.panic(`runtime error: hash of unhashable type ${GO_TYPE_NAMES[kind]}`);
  }
  return `${kind}:${String(value)}`;
}

/** A deep copy of a JSON value (functions and `undefined` are dropped, like JSON would). */
export function cloneJson<T>(value: T): T {
  if (Array.isArray(value)) return value.map((v: unknown) => cloneJson(v)) as T;
  if (isMap(value)) {
    const out: JsonMap = {};
    for (const [k, v] of Object.entries(value)) {
      if (v !== undefined && typeof v !== 'function') setKey(out, k, cloneJson(v));
    }
    return out as T;
  }
  return value;
}

/** True when `map` has `key` as an own property. */
export function hasKey(map: JsonMap, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(map, key);
}

/** Sets an own property, safely even for a key such as `__proto__`. */
export function setKey(map: JsonMap, key: string, value: unknown): void {
  Object.defineProperty(map, key, { value, writable: true, enumerable: true, configurable: true });
}

/** Go's `%v` of a float64: shortest digits, exponent form below 1e-4 or from 1e6 up. */
function goFloat(value: number): string {
  if (!Number.isFinite(value)) return value > 0 ? '+Inf' : value < 0 ? '-Inf' : 'NaN';
  const [mantissa = '', exponentText = '0'] = value.toExponential().split('e');
  const exponent = Number(exponentText);
  if (exponent < -4 || exponent >= 6) {
    const sign = exponent < 0 ? '-' : '+';
    return `${mantissa}e${sign}${String(Math.abs(exponent)).padStart(2, '0')}`;
  }
  return String(value);
}

function format(value: unknown, verb: 'v' | 's', nested: boolean): string {
  const kind = goKind(value);
  switch (kind) {
    case 'nil':
      return verb === 'v' || nested ? '<nil>' : '%!s(<nil>)';
    case 'slice':
      return `[${(value as unknown[]).map((v) => format(v, verb, true)).join(' ')}]`;
    case 'map': {
      const map = value as JsonMap;
      const keys = Object.keys(map).sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
      return `map[${keys.map((k) => `${k}:${format(map[k], verb, true)}`).join(' ')}]`;
    }
    case 'string':
      return value as string;
    default: {
      const text = kind === 'float64' ? goFloat(value as number) : String(value);
      return verb === 'v' ? text : `%!s(${kind}=${text})`;
    }
  }
}

/** Go's `%v` formatting of a decoded JSON value (maps print with sorted keys). */
export function goFormat(value: unknown): string {
  return format(value, 'v', false);
}

/** Go's `%s` formatting of a decoded JSON value: non-strings print as `%!s(int64=1)`. */
export function goFormatString(value: unknown): string {
  return format(value, 's', false);
}
