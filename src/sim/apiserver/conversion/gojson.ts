/**
 * JSON helpers for conversions: plain-record access, and the two places where a conversion
 * handles JSON text the way Go's `encoding/json` does: marshaling a value into an annotation,
 * and unmarshaling an annotation into a Go struct (case-insensitive field names, type errors
 * that make the whole value unusable).
 */
import { formatQuantity, isQuantityError, parseQuantity } from '../validation/quantity';

/** A JSON object. */
export type Json = Record<string, unknown>;

/** Whether a value is a JSON object (not null, not an array). */
export function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A deep copy of a JSON value. */
export function cloneJson<T>(value: T): T {
  if (Array.isArray(value)) return value.map((item: unknown) => cloneJson(item)) as T;
  if (isRecord(value)) {
    const copy: Json = {};
    for (const [key, item] of Object.entries(value)) copy[key] = cloneJson(item);
    return copy as T;
  }
  return value;
}

/** Whether a field is set: present and not null (a Go pointer that is not nil). */
export function isSet(value: unknown): boolean {
  return value !== undefined && value !== null;
}

/** Sets `out[key]` to a copy of `value` when the value is present (null included). */
export function put(out: Json, key: string, value: unknown): void {
  if (value !== undefined) out[key] = cloneJson(value);
}

/** Sets `out[key]` when `value` is set (Go's omitempty on a pointer). */
export function putSet(out: Json, key: string, value: unknown): void {
  if (isSet(value)) out[key] = cloneJson(value);
}

/** The canonical text of a quantity (Quantity.String()), or the value as given if unparsable. */
export function canonicalQuantity(value: unknown): unknown {
  if (typeof value !== 'string' && typeof value !== 'number') return value;
  const parsed = parseQuantity(value);
  return isQuantityError(parsed) ? value : formatQuantity(parsed);
}

/**
 * json.Marshal: like JSON.stringify, but with Go's escaping of `<`, `>`, `&`, U+2028 and U+2029
 * (which only ever occur inside strings, so replacing them in the output is safe).
 */
export function goMarshal(value: unknown): string {
  return JSON.stringify(value).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** The Go type of a field, as far as decoding an annotation needs it. */
export type Shape =
  | 'string'
  | 'int32'
  | 'int64'
  | 'quantity'
  | { readonly list: Shape }
  | { readonly map: Shape }
  | { readonly fields: Readonly<Record<string, Shape>> };

class TypeMismatch extends Error {}

function decodeValue(value: unknown, shape: Shape): unknown {
  if (value === null) return undefined;
  if (shape === 'string') {
    if (typeof value !== 'string') throw new TypeMismatch();
    return value;
  }
  if (shape === 'int32' || shape === 'int64') {
    const limit = shape === 'int32' ? 2 ** 31 : 2 ** 63;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < -limit || value >= limit)
      throw new TypeMismatch();
    return value;
  }
  if (shape === 'quantity') {
    if (typeof value !== 'string' && typeof value !== 'number') throw new TypeMismatch();
    const parsed = parseQuantity(typeof value === 'string' ? value.trim() : value);
    if (isQuantityError(parsed)) throw new TypeMismatch();
    return formatQuantity(parsed);
  }
  if ('list' in shape) {
    if (!Array.isArray(value)) throw new TypeMismatch();
    return value.map((item) => decodeValue(item, shape.list) ?? null);
  }
  if (!isRecord(value)) throw new TypeMismatch();
  const out: Json = {};
  if ('map' in shape) {
    for (const [key, item] of Object.entries(value)) out[key] = decodeValue(item, shape.map) ?? null;
    return out;
  }
  // Go matches an object key to a field exactly, else ignoring case; later keys overwrite.
  const names = Object.keys(shape.fields);
  for (const [key, item] of Object.entries(value)) {
    const name = names.find((n) => n === key) ?? names.find((n) => n.toLowerCase() === key.toLowerCase());
    const fieldShape = name === undefined ? undefined : shape.fields[name];
    if (name === undefined || fieldShape === undefined) continue;
    const decoded = decodeValue(item, fieldShape);
    if (decoded === undefined) delete out[name];
    else out[name] = decoded;
  }
  return out;
}

/**
 * json.Unmarshal of `text` into a Go value of `shape`: the value with its fields under their
 * canonical names (nulls dropped, quantities canonical), or undefined when Go would return an
 * error (bad JSON, a type mismatch, an unparsable quantity). A top-level `null` decodes to
 * the zero value: an empty list or object.
 */
export function goUnmarshal(text: string, shape: Shape): unknown {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
  try {
    const decoded = decodeValue(parsed, shape);
    if (decoded !== undefined) return decoded;
    return typeof shape === 'object' && 'list' in shape ? [] : {};
  } catch (error) {
    if (error instanceof TypeMismatch) return undefined;
    throw error;
  }
}

/** An object of the given entries in order (a Go struct's field order), leaving out undefined ones. */
export function ordered(...entries: readonly (readonly [string, unknown])[]): Json {
  const out: Json = {};
  for (const [key, value] of entries) if (value !== undefined) out[key] = value;
  return out;
}

/** The value if it is an object, else an empty one (a nil Go pointer read as its zero value). */
export const rec = (value: unknown): Json => (isRecord(value) ? value : {});

/** A Go string: the zero value "" when unset. */
export const str = (value: unknown): string => (typeof value === 'string' ? value : '');

/** A Go string with `omitempty`: left out (undefined) when empty. */
export const optStr = (value: unknown): string | undefined => (str(value) === '' ? undefined : str(value));
