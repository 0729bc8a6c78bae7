/**
 * Small helpers shared by the defaulters. Objects reach defaulting as decoded JSON, so
 * every walk guards against missing or malformed parts (validation reports those later),
 * and the "is it unset?" tests follow Go's decoding: a pointer field is unset when absent
 * or null, a plain string when also empty, a plain number when also zero.
 */

/** A JSON object (not an array, not null). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The object entries of a list field; anything that is not a list of objects yields nothing. */
export function records<T>(list: readonly T[] | null | undefined): T[] {
  return Array.isArray(list) ? list.filter((item): item is T => isRecord(item)) : [];
}

/** Unset as Go sees a pointer, slice or map field: absent or null. */
export function isNil(value: unknown): value is null | undefined {
  return value === undefined || value === null;
}

/** Unset as Go sees a plain string field: absent, null or empty. */
export function isEmptyString(value: unknown): boolean {
  return isNil(value) || value === '';
}

/** Unset as Go sees a plain number field: absent, null or zero. */
export function isZero(value: unknown): boolean {
  return isNil(value) || value === 0;
}

/** True when a map or list field holds no entries (Go's `len(x) == 0`). */
export function isEmpty(value: unknown): boolean {
  if (Array.isArray(value)) return value.length === 0;
  if (isRecord(value)) return Object.keys(value).length === 0;
  return isNil(value);
}

/**
 * The struct stored under `key`, created empty when absent. This mirrors Go's non-pointer
 * struct fields, which always exist and so are always defaulted. Returns undefined when the
 * field holds something that is not an object, leaving it for validation to reject.
 */
export function child<P extends object, K extends keyof P>(parent: P, key: K): NonNullable<P[K]> | undefined {
  const value = parent[key];
  if (isNil(value)) {
    const created = {} as NonNullable<P[K]>;
    parent[key] = created;
    return created;
  }
  return isRecord(value) ? (value as NonNullable<P[K]>) : undefined;
}

/** The struct stored under `key` if it is present (a Go pointer field), else undefined. */
export function present<P extends object, K extends keyof P>(
  parent: P,
  key: K,
): NonNullable<P[K]> | undefined {
  const value = parent[key];
  return isRecord(value) ? (value as NonNullable<P[K]>) : undefined;
}

/** A deep copy of a JSON value. */
export function cloneJson<T>(value: T): T {
  if (Array.isArray(value)) return value.map((item: unknown) => cloneJson(item)) as T;
  if (isRecord(value)) {
    const copy: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) copy[key] = cloneJson(item);
    return copy as T;
  }
  return value;
}
