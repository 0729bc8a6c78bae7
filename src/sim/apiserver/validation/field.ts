/**
 * Field errors as apimachinery's util/validation/field defines them: a type, the path of
 * the offending field, the bad value and a detail, printed exactly as
 * `field.Error.Error()` prints them in Kubernetes v1.32.
 */
import { OMIT_VALUE, goPlain } from './gofmt';

/** The machine-readable error types (they double as a Status cause's `reason`). */
export type FieldErrorType =
  | 'FieldValueRequired'
  | 'FieldValueInvalid'
  | 'FieldValueNotSupported'
  | 'FieldValueDuplicate'
  | 'FieldValueForbidden'
  | 'FieldValueTooLong'
  | 'FieldValueTooMany'
  | 'FieldValueNotFound'
  | 'InternalError';

/** One field-level validation error. */
export interface FieldError {
  readonly type: FieldErrorType;
  /** The field path, e.g. `spec.containers[0].image`. */
  readonly field: string;
  /** The offending value: a JSON value, a {@link GoValue} or {@link OMIT_VALUE}. */
  readonly badValue?: unknown;
  readonly detail?: string;
}

const TYPE_TEXT: Record<FieldErrorType, string> = {
  FieldValueNotFound: 'Not found',
  FieldValueRequired: 'Required value',
  FieldValueDuplicate: 'Duplicate value',
  FieldValueInvalid: 'Invalid value',
  FieldValueNotSupported: 'Unsupported value',
  FieldValueForbidden: 'Forbidden',
  FieldValueTooLong: 'Too long',
  FieldValueTooMany: 'Too many',
  InternalError: 'Internal error',
};

/** Upstream's ErrorBody(): the message without the field path. */
export function errorBody(e: FieldError): string {
  const text = TYPE_TEXT[e.type];
  let s: string;
  switch (e.type) {
    case 'FieldValueRequired':
    case 'FieldValueForbidden':
    case 'FieldValueTooLong':
    case 'InternalError':
      s = text;
      break;
    default:
      s = e.badValue === OMIT_VALUE ? text : `${text}: ${goPlain(e.badValue)}`;
  }
  return e.detail ? `${s}: ${e.detail}` : s;
}

/** Upstream's field.Error.Error(), e.g. `spec.containers[0].image: Required value`. */
export function formatFieldError(e: FieldError): string {
  return `${e.field}: ${errorBody(e)}`;
}

/** A field path under construction; `child`, `index` and `key` return new paths. */
export class Path {
  private constructor(private readonly text: string) {}

  /** A path from its first segments, e.g. `Path.of('spec', 'template')`. */
  static of(...names: string[]): Path {
    return new Path('').child(...names);
  }

  /** `a.b.c`; an empty name adds nothing, as upstream's NewPath("") does. */
  child(...names: string[]): Path {
    let t = this.text;
    for (const n of names) {
      if (n === '') continue;
      t = t === '' ? n : `${t}.${n}`;
    }
    return new Path(t);
  }

  /** `a[3]` */
  index(i: number): Path {
    return new Path(`${this.text}[${i}]`);
  }

  /** `a[key]` (upstream does not quote map keys). */
  key(k: string): Path {
    return new Path(`${this.text}[${k}]`);
  }

  toString(): string {
    return this.text;
  }
}

type At = Path | string;

/** A value is required but missing. */
export function required(at: At, detail = ''): FieldError {
  return { type: 'FieldValueRequired', field: String(at), badValue: '', detail };
}

/** A malformed value. */
export function invalid(at: At, badValue: unknown, detail: string): FieldError {
  return { type: 'FieldValueInvalid', field: String(at), badValue, detail };
}

/** A value outside an enumeration; lists the supported values as upstream quotes them. */
export function notSupported(at: At, badValue: unknown, valid: readonly string[]): FieldError {
  const detail = valid.length ? 'supported values: ' + valid.map((v) => goPlain(v)).join(', ') : '';
  return { type: 'FieldValueNotSupported', field: String(at), badValue, detail };
}

/** A value that must be unique appears twice. */
export function duplicate(at: At, badValue: unknown): FieldError {
  return { type: 'FieldValueDuplicate', field: String(at), badValue };
}

/** A well-formed value that is not allowed here. */
export function forbidden(at: At, detail: string): FieldError {
  return { type: 'FieldValueForbidden', field: String(at), badValue: '', detail };
}

/** A value over a size limit (the value itself is omitted). */
export function tooLong(at: At, maxLength: number): FieldError {
  const detail = maxLength >= 0 ? `may not be more than ${maxLength} bytes` : 'value is too long';
  return { type: 'FieldValueTooLong', field: String(at), badValue: '<value omitted>', detail };
}

/** A list with too many items. */
export function tooMany(at: At, actual: number, max: number): FieldError {
  const detail = max >= 0 ? `must have at most ${max} items` : 'has too many items';
  return {
    type: 'FieldValueTooMany',
    field: String(at),
    badValue: actual >= 0 ? actual : OMIT_VALUE,
    detail,
  };
}

/** A referenced value does not exist. */
export function notFound(at: At, badValue: unknown): FieldError {
  return { type: 'FieldValueNotFound', field: String(at), badValue };
}

/** An error not caused by the user's input. */
export function internalError(at: At, message: string): FieldError {
  return { type: 'InternalError', field: String(at), badValue: null, detail: message };
}

/** Upstream's IsNegativeErrorMsg. */
export const IS_NEGATIVE = 'must be greater than or equal to 0';
/** Upstream's FieldImmutableErrorMsg. */
export const FIELD_IMMUTABLE = 'field is immutable';

/** ValidateNonnegativeField: integers below zero are invalid. */
export function nonNegative(value: unknown, at: At): FieldError[] {
  return typeof value === 'number' && value < 0 ? [invalid(at, value, IS_NEGATIVE)] : [];
}

/** ValidateImmutableField: `field is immutable` when the JSON values differ. */
export function immutable(newVal: unknown, oldVal: unknown, at: At, printed?: unknown): FieldError[] {
  return deepEqual(newVal, oldVal) ? [] : [invalid(at, printed ?? newVal, FIELD_IMMUTABLE)];
}

/**
 * Whether a JSON value decodes to a Go zero value (absent, null, "", 0, false, empty list,
 * empty map, or an object of zero values).
 */
export function isZero(v: unknown): boolean {
  if (v === undefined || v === null || v === '' || v === 0 || v === false) return true;
  if (Array.isArray(v)) return v.length === 0;
  if (typeof v === 'object') return Object.values(v).every(isZero);
  return false;
}

/**
 * Equality as apimachinery's Semantic.DeepEqual sees decoded objects: values that decode
 * to Go zero values (absent, "", 0, false, empty lists and maps) are equal to absent ones.
 */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (isZero(a) && isZero(b)) return true;
  if (a === undefined || a === null || b === undefined || b === null) return false;
  if (typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  }
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  const keys = new Set([...Object.keys(ao), ...Object.keys(bo)]);
  for (const k of keys) if (!deepEqual(ao[k], bo[k])) return false;
  return true;
}
