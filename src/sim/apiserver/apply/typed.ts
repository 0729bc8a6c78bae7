/**
 * Walking a value by its type, as structured-merge-diff's typed package does: which fields a
 * value sets (toFieldSet), what changed between two values (compare), and whether a value fits
 * its schema (validate, with upstream's messages).
 */

import { FieldSet, keyPE, peString, serializePE } from './fieldpath';
import type { Path, PathElement } from './fieldpath';
import { fieldTypeOf } from './schema';
import type { ListType, TypeNode } from './schema';
import { goTypeOf, goValueWrapper, isMap, valuesEqual } from './values';

/** How a value is handled: the part of its type that applies to it (upstream's deduceAtom). */
export type Atom = 'map' | 'list' | 'scalar';

/** The atom of `type` that handles `value`; for a value of no accepted kind, the first one declared. */
export function atomOf(type: TypeNode, value: unknown): Atom {
  if (isMap(value) && type.map !== null) return 'map';
  if (Array.isArray(value) && type.list !== null) return 'list';
  if (
    value !== null &&
    value !== undefined &&
    !isMap(value) &&
    !Array.isArray(value) &&
    type.scalar !== null
  ) {
    return 'scalar';
  }
  return type.map !== null ? 'map' : type.scalar !== null ? 'scalar' : 'list';
}

/** Thrown when a list item cannot be named by a path element. */
export class ItemError extends Error {}

/** The path element naming `item` in an associative list. */
export function itemPE(list: ListType, item: unknown): PathElement {
  if (list.keys.length === 0) {
    if (isMap(item)) throw new ItemError("associative list without keys has an element that's a map type");
    if (Array.isArray(item)) throw new ItemError('not supported: associative list with lists as elements');
    if (item === null)
      throw new ItemError("associative list without keys has an element that's an explicit null");
    return { kind: 'value', value: item };
  }
  if (item === null) throw new ItemError('associative list with keys may not have a null element');
  if (!isMap(item)) throw new ItemError('associative list with keys may not have non-map elements');
  const fields: [string, unknown][] = [];
  for (const key of list.keys) {
    if (Object.prototype.hasOwnProperty.call(item, key)) fields.push([key, item[key]]);
    else {
      const fallback = list.elem().map?.field(key)?.default;
      if (fallback === undefined || fallback === null) {
        throw new ItemError(
          `associative list with keys has an element that omits key field "${key}" (and doesn't have default value)`,
        );
      }
      fields.push([key, fallback]);
    }
  }
  return keyPE(fields);
}

function tryItemPE(list: ListType, item: unknown): PathElement | undefined {
  try {
    return itemPE(list, item);
  } catch (error) {
    if (error instanceof ItemError) return undefined;
    throw error;
  }
}

const isEmptyContainer = (v: unknown) =>
  v === undefined ||
  v === null ||
  (isMap(v) && Object.keys(v).length === 0) ||
  (Array.isArray(v) && v.length === 0);

/** The fields a value sets: every leaf, atomic containers, list items, map keys, nulls and empty maps. */
export function toFieldSet(value: unknown, type: TypeNode, path: Path = [], set = new FieldSet()): FieldSet {
  const atom = atomOf(type, value);
  if (atom === 'scalar') set.insert(path);
  else if (atom === 'list' && type.list !== null) {
    const list = type.list;
    if (list.atomic) set.insert(path);
    else if (Array.isArray(value)) {
      const seen = new Set<string>();
      const dup = new Set<string>();
      const pes = value.map((item) => tryItemPE(list, item));
      for (const pe of pes) {
        if (pe === undefined) continue;
        const key = serializePE(pe);
        if (seen.has(key) && !dup.has(key)) {
          set.insert([...path, pe]);
          dup.add(key);
        }
        seen.add(key);
      }
      value.forEach((item, i) => {
        const pe = pes[i];
        if (pe === undefined || dup.has(serializePE(pe))) return;
        toFieldSet(item, list.elem(), [...path, pe], set);
        set.insert([...path, pe]);
      });
    }
  } else if (atom === 'map' && type.map !== null) {
    const map = type.map;
    if (map.atomic) set.insert(path);
    else if (isMap(value)) {
      for (const [key, child] of Object.entries(value)) {
        const childPath: Path = [...path, { kind: 'field', name: key }];
        toFieldSet(child, fieldTypeOf(map, key), childPath, set);
        const emptyMap = isMap(child) && Object.keys(child).length === 0;
        if (child === null || emptyMap || map.field(key) === undefined) set.insert(childPath);
      }
    }
  }
  return set;
}

/** What changed between two values: upstream's Comparison. */
export interface Comparison {
  readonly added: FieldSet;
  readonly modified: FieldSet;
  readonly removed: FieldSet;
}

/** Compares two versions of a value (undefined: absent). */
export function compare(lhs: unknown, rhs: unknown, type: TypeNode): Comparison {
  const c = { added: new FieldSet(), modified: new FieldSet(), removed: new FieldSet() };
  compareAt(lhs, rhs, type, [], c);
  return c;
}

function leaf(lhs: unknown, rhs: unknown, path: Path, c: Comparison): void {
  if (lhs === undefined) c.added.insert(path);
  else if (rhs === undefined) c.removed.insert(path);
  else if (!valuesEqual(lhs, rhs)) c.modified.insert(path);
}

function compareAt(lhs: unknown, rhs: unknown, type: TypeNode, path: Path, c: Comparison): void {
  if (lhs === undefined && rhs === undefined) return;
  const al = lhs === undefined ? undefined : atomOf(type, lhs);
  const ar = rhs === undefined ? undefined : atomOf(type, rhs);
  const atom = ar ?? al;
  if (al !== undefined && ar !== undefined && al !== ar) return leaf(lhs, rhs, path, c);
  if (atom === 'scalar') return leaf(lhs, rhs, path, c);
  if (atom === 'map' && type.map !== null) {
    const map = type.map;
    const l = isMap(lhs) ? lhs : undefined;
    const r = isMap(rhs) ? rhs : undefined;
    if (map.atomic || (isEmptyContainer(l) && isEmptyContainer(r))) return leaf(lhs, rhs, path, c);
    const keys = new Set([...Object.keys(l ?? {}), ...Object.keys(r ?? {})]);
    for (const key of keys) {
      compareAt(l?.[key], r?.[key], fieldTypeOf(map, key), [...path, { kind: 'field', name: key }], c);
    }
  } else if (atom === 'list' && type.list !== null) {
    const list = type.list;
    const l = Array.isArray(lhs) ? lhs : undefined;
    const r = Array.isArray(rhs) ? rhs : undefined;
    if (list.atomic || (isEmptyContainer(l) && isEmptyContainer(r))) return leaf(lhs, rhs, path, c);
    compareItems(list, l ?? [], r ?? [], path, c);
  }
  if (path.length === 0) return;
  if (lhs === undefined) c.added.insert(path);
  else if (rhs === undefined) c.removed.insert(path);
}

function group(
  list: ListType,
  items: readonly unknown[],
  order: Map<string, PathElement>,
  seen: Map<string, unknown[]>,
) {
  for (const item of items) {
    const pe = tryItemPE(list, item);
    if (pe === undefined) continue;
    const key = serializePE(pe);
    const values = seen.get(key);
    if (values === undefined) {
      seen.set(key, [item]);
      if (!order.has(key)) order.set(key, pe);
    } else values.push(item);
  }
}

function compareItems(
  list: ListType,
  lhs: readonly unknown[],
  rhs: readonly unknown[],
  path: Path,
  c: Comparison,
) {
  const order = new Map<string, PathElement>();
  const lv = new Map<string, unknown[]>();
  const rv = new Map<string, unknown[]>();
  group(list, lhs, order, lv);
  group(list, rhs, order, rv);
  for (const [key, pe] of order) {
    const ls = lv.get(key) ?? [];
    const rs = rv.get(key) ?? [];
    const itemPath = [...path, pe];
    if (ls.length <= 1 && rs.length <= 1) compareAt(ls[0], rs[0], list.elem(), itemPath, c);
    else if (ls.length >= 2 && rs.length >= 2) {
      if (ls.length !== rs.length || ls.some((v, i) => !valuesEqual(v, rs[i]))) c.modified.insert(itemPath);
    } else if (ls.length >= 2) {
      if (rs.length !== 0) compareAt(undefined, rs[0], list.elem(), itemPath, c);
      c.removed.insert(itemPath);
    } else {
      if (ls.length !== 0) compareAt(ls[0], undefined, list.elem(), itemPath, c);
      c.added.insert(itemPath);
    }
  }
}

/** One schema error: where (as upstream prints paths) and what. */
export interface ValidationError {
  readonly path: string;
  readonly message: string;
}

/** Upstream's text for a list of validation errors. */
export function formatValidationErrors(errors: readonly ValidationError[]): string {
  const one = (e: ValidationError) => (e.path === '' ? e.message : `${e.path}: ${e.message}`);
  if (errors.length === 1 && errors[0] !== undefined) return one(errors[0]);
  return ['errors:', ...errors.map((e) => `  ${one(e)}`)].join('\n');
}

function validateScalar(type: TypeNode, value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  const scalar = typeof value !== 'object';
  switch (type.scalar) {
    case 'numeric':
      return typeof value === 'number'
        ? undefined
        : `expected numeric (int or float), got ${goTypeOf(value)}`;
    case 'string':
      return typeof value === 'string' ? undefined : `expected string, got ${goValueWrapper(value)}`;
    case 'boolean':
      return typeof value === 'boolean' ? undefined : `expected boolean, got ${goValueWrapper(value)}`;
    default:
      return scalar ? undefined : `expected any scalar, got ${goValueWrapper(value)}`;
  }
}

/** Checks a value against its type; duplicates in map lists and sets are errors unless allowed. */
export function validate(
  value: unknown,
  type: TypeNode,
  path = '',
  allowDuplicates = false,
): ValidationError[] {
  const atom = atomOf(type, value);
  if (atom === 'scalar') {
    const message = validateScalar(type, value);
    return message === undefined ? [] : [{ path, message }];
  }
  if (value === null || value === undefined) return [];
  if (atom === 'list' && type.list !== null) {
    const list = type.list;
    if (!Array.isArray(value)) return [{ path, message: `expected list, got ${goValueWrapper(value)}` }];
    const errors: ValidationError[] = [];
    const seen = new Set<string>();
    for (const [i, item] of value.entries()) {
      let pe: PathElement = { kind: 'index', index: i };
      if (!list.atomic) {
        try {
          pe = itemPE(list, item);
        } catch (error) {
          if (!(error instanceof ItemError)) throw error;
          errors.push({ path, message: `element ${i}: ${error.message}` });
          return errors;
        }
        const key = serializePE(pe);
        if (seen.has(key) && !allowDuplicates)
          errors.push({ path, message: `duplicate entries for key ${peString(pe)}` });
        seen.add(key);
      }
      errors.push(...validate(item, list.elem(), path + peString(pe), allowDuplicates));
    }
    return errors;
  }
  if (atom === 'map' && type.map !== null) {
    const map = type.map;
    if (!isMap(value)) return [{ path, message: `expected map, got ${goValueWrapper(value)}` }];
    const errors: ValidationError[] = [];
    for (const [key, child] of Object.entries(value)) {
      const field = map.field(key)?.type ?? map.elem();
      if (field === null) {
        errors.push({ path: `${path}.${key}`, message: 'field not declared in schema' });
        break;
      }
      errors.push(...validate(child, field, `${path}.${key}`, allowDuplicates));
    }
    return errors;
  }
  return [];
}
