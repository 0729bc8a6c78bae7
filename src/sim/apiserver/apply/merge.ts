/**
 * Changing values by their type: merging an applied configuration into a live object (the
 * applied side wins at every leaf, map lists merge item by item by key), removing a set of
 * fields, and the zero value Go's typed objects carry (non-pointer structs as `{}`, required
 * pointers and slices as `null`), which decides what a create or update is seen to change.
 */

import type { FieldSet } from './fieldpath';
import { serializePE } from './fieldpath';
import { fieldTypeOf } from './schema';
import type { ListType, TypeNode } from './schema';
import { atomOf, itemPE, ItemError } from './typed';
import type { PathElement } from './fieldpath';
import { clone, isMap, setKey } from './values';
import type { JsonMap } from './values';

const emptyOrNull = (v: unknown) =>
  v === undefined ||
  v === null ||
  (isMap(v) && Object.keys(v).length === 0) ||
  (Array.isArray(v) && v.length === 0);

/** Merges `rhs` (the applied configuration) into `lhs` (the live value); undefined means absent. */
export function merge(lhs: unknown, rhs: unknown, type: TypeNode): unknown {
  if (rhs === undefined) return clone(lhs);
  if (lhs === undefined) return clone(rhs);
  const al = atomOf(type, lhs);
  const ar = atomOf(type, rhs);
  if (al !== ar || ar === 'scalar') return clone(rhs);
  if (ar === 'map' && type.map !== null) {
    const map = type.map;
    if (map.atomic || (emptyOrNull(lhs) && emptyOrNull(rhs))) return clone(rhs);
    const l: JsonMap = isMap(lhs) ? lhs : {};
    const r: JsonMap = isMap(rhs) ? rhs : {};
    const out: JsonMap = {};
    for (const key of new Set([...Object.keys(l), ...Object.keys(r)])) {
      const value = merge(l[key], r[key], fieldTypeOf(map, key));
      if (value !== undefined) setKey(out, key, value);
    }
    return out;
  }
  if (ar === 'list' && type.list !== null) {
    const list = type.list;
    if (list.atomic || (emptyOrNull(lhs) && emptyOrNull(rhs))) return clone(rhs);
    return mergeItems(list, Array.isArray(lhs) ? lhs : [], Array.isArray(rhs) ? rhs : []);
  }
  return clone(rhs);
}

interface Indexed {
  readonly items: unknown[];
  readonly keys: string[];
  /** The item for each key; null for a key the live list repeats (those are not merged). */
  readonly byKey: Map<string, unknown>;
}

function index(list: ListType, items: readonly unknown[]): Indexed {
  const out: Indexed = { items: [], keys: [], byKey: new Map() };
  for (const item of items) {
    let pe: PathElement;
    try {
      pe = itemPE(list, item);
    } catch (error) {
      if (error instanceof ItemError) continue;
      throw error;
    }
    const key = serializePE(pe);
    out.byKey.set(key, out.byKey.has(key) ? null : item);
    out.items.push(item);
    out.keys.push(key);
  }
  return out;
}

/**
 * Upstream's associative list merge: items keep the live order, applied items present in the
 * live list keep the applied order among themselves, and new applied items go right after the
 * applied item before them.
 */
function mergeItems(list: ListType, lhs: readonly unknown[], rhs: readonly unknown[]): unknown[] | undefined {
  const elem = list.elem();
  const l = index(list, lhs);
  const r = index(list, rhs);
  const shared = r.keys.filter((k) => l.byKey.has(k));
  let next: string | undefined = shared.shift();
  const done = new Set<string>();
  const out: unknown[] = [];
  const push = (v: unknown) => {
    if (v !== undefined) out.push(v);
  };
  let li = 0;
  let ri = 0;
  while (li < l.keys.length || ri < r.keys.length) {
    const lk = l.keys[li];
    const rk = r.keys[ri];
    if (lk !== undefined && rk !== undefined) {
      if (lk === rk) {
        done.add(lk);
        push(merge(l.byKey.get(lk) ?? undefined, r.byKey.get(rk), elem));
        li++;
        ri++;
        next = shared.shift();
        continue;
      }
      if (r.byKey.has(lk) && next !== undefined && next !== lk) {
        li++;
        continue;
      }
    }
    if (lk !== undefined) {
      if (!r.byKey.has(lk)) {
        push(merge(l.items[li], undefined, elem));
        li++;
        continue;
      } else if (done.has(lk)) li++;
    }
    if (rk !== undefined) {
      done.add(rk);
      const live = l.byKey.get(rk);
      push(merge(live === null ? null : live, r.byKey.get(rk), elem));
      ri++;
      if (next === rk) next = shared.shift();
    }
  }
  return out.length > 0 ? out : undefined;
}

/**
 * Removes the fields in `set` from a value, as upstream's RemoveItems does: a container the
 * removal walks into and leaves empty becomes null.
 */
export function removeItems(value: unknown, set: FieldSet, type: TypeNode): unknown {
  const atom = atomOf(type, value);
  if (atom === 'scalar') return value;
  if (atom === 'list' && type.list !== null) {
    const list = type.list;
    if (!Array.isArray(value) || value.length === 0 || list.atomic) return null;
    const out: unknown[] = [];
    for (const item of value) {
      let pe: PathElement | undefined;
      try {
        pe = itemPE(list, item);
      } catch (error) {
        if (!(error instanceof ItemError)) throw error;
      }
      if (pe === undefined) {
        out.push(item);
        continue;
      }
      if (set.has([pe])) continue;
      const sub = set.withPrefix(pe);
      out.push(sub.empty() ? item : removeItems(item, sub, list.elem()));
    }
    return out.length > 0 ? out : null;
  }
  if (atom === 'map' && type.map !== null) {
    const map = type.map;
    if (!isMap(value) || Object.keys(value).length === 0 || map.atomic) return null;
    const out: JsonMap = {};
    for (const [key, child] of Object.entries(value)) {
      const pe: PathElement = { kind: 'field', name: key };
      if (set.has([pe])) continue;
      const sub = set.withPrefix(pe);
      setKey(out, key, sub.empty() ? child : removeItems(child, sub, fieldTypeOf(map, key)));
    }
    return Object.keys(out).length > 0 ? out : null;
  }
  return value;
}

/** The zero value of a struct type, as Go's typed object would serialize before anything is set. */
function zeroOf(type: TypeNode): JsonMap {
  const zero = type.map === null ? {} : withZeroValues({}, type);
  return isMap(zero) ? zero : {};
}

/**
 * Adds what Go's typed objects always carry to a value: fields with an OpenAPI `default`
 * (non-pointer structs as `{}` filled in turn, non-omitempty scalars as their zero value) and
 * required fields without one (pointers, slices, maps) as null. Used only to compare, so that a
 * create or update is seen to change what upstream sees it change.
 */
export function withZeroValues(value: unknown, type: TypeNode): unknown {
  const atom = atomOf(type, value);
  if (atom === 'map' && type.map !== null && isMap(value) && !type.map.atomic) {
    const map = type.map;
    const out: JsonMap = {};
    for (const [key, child] of Object.entries(value))
      setKey(out, key, withZeroValues(child, fieldTypeOf(map, key)));
    for (const name of map.fieldNames) {
      if (Object.prototype.hasOwnProperty.call(out, name)) continue;
      const field = map.field(name);
      if (field === undefined) continue;
      if (field.default !== undefined) {
        const fallback = field.default;
        setKey(
          out,
          name,
          isMap(fallback) ? Object.assign(zeroOf(field.type), clone(fallback)) : clone(fallback),
        );
      } else if (field.required) setKey(out, name, null);
    }
    return out;
  }
  if (atom === 'list' && type.list !== null && Array.isArray(value) && !type.list.atomic) {
    const elem = type.list.elem();
    return value.map((item) => withZeroValues(item, elem));
  }
  return value;
}

/** Drops null members of maps, as converting to a typed Go object does. */
export function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (!isMap(value)) return value;
  const out: JsonMap = {};
  for (const [key, child] of Object.entries(value)) if (child !== null) setKey(out, key, withoutNulls(child));
  return out;
}
