/**
 * The list helpers of strategic merge patch: element kinds, deduplication, partitioning and
 * the ordering rules (`$setElementOrder` first, then the patch's order, then the live
 * object's), with the errors kube-apiserver v1.32 gives for malformed lists.
 */

import { PatchError } from './errors';
import { goSliceStable } from './gosort';
import { goEqual, goFormat, goFormatString, goKind, goTypeName, hasKey, isMap, scalarKey } from './values';
import type { GoKind, JsonMap } from './values';

/** The `$patch` directive key. */
export const DIRECTIVE = '$patch';

/** `mergepatch.ErrBadArgType`: a value of the wrong Go type (a 500). */
export function errBadArgType(expected: 'map' | 'slice', actual: unknown): PatchError {
  const name = expected === 'map' ? 'map[string]interface {}' : '[]interface {}';
  return PatchError.internal(`expected a ${name}, but received a ${goTypeName(actual)}`);
}

/** `mergepatch.ErrNoMergeKey` (a 500). */
export function errNoMergeKey(map: JsonMap, mergeKey: string): PatchError {
  return PatchError.internal(`map: ${goFormat(map)} does not contain declared merge key: ${mergeKey}`);
}

/** `mergepatch.ErrBadPatchType` (a 500). */
export function errBadPatchType(directive: unknown, map: JsonMap): PatchError {
  return PatchError.internal(`unknown patch type: ${goFormatString(directive)} in map: ${goFormat(map)}`);
}

/** The one Go kind all elements of the lists share; errors for mixed kinds and lists of lists. */
export function sliceElementKind(slices: readonly (readonly unknown[])[]): GoKind {
  let kind: GoKind | undefined;
  for (const slice of slices) {
    for (const value of slice) {
      const current = goKind(value);
      if (kind === undefined) {
        // Upstream asks a nil reflect.Type for its Kind here, which panics.
        if (current === 'nil') {
          throw PatchError.panic('runtime error: invalid memory address or nil pointer dereference');
        }
        if (current === 'slice') throw PatchError.invalid('lists of lists are not supported');
        kind = current;
      } else if (kind !== current) {
        throw PatchError.internal(`list element types are not identical: ${goFormat(slices)}`);
      }
    }
  }
  if (kind === undefined) throw PatchError.internal('no elements in any of the given slices');
  return kind;
}

/** The first map in `list` whose `key` equals `value`, with its index. */
export function findMapByKey(
  list: readonly unknown[],
  key: string,
  value: unknown,
): { map: JsonMap; index: number } | undefined {
  for (const [index, item] of list.entries()) {
    if (!isMap(item)) throw PatchError.internal(`value for key ${index} is not a map`);
    if (hasKey(item, key) && goEqual(item[key], value)) return { map: item, index };
  }
  return undefined;
}

/**
 * Records a write Go makes through a list's backing array: `list[index] = value`. Upstream
 * shares that array between a list and the slices cut from it, so the live-order list used
 * for `$setElementOrder` sees deletions and appends made while merging; see `mergeList`.
 */
export type BackingWrite = (index: number, value: unknown) => void;

/** Removes every map whose merge key equals `value`, shifting later elements down in place. */
export function deleteMatchingEntries(
  list: readonly unknown[],
  mergeKey: string,
  value: unknown,
  write?: BackingWrite,
): unknown[] {
  const out = [...list];
  for (let found = findMapByKey(out, mergeKey, value); found; found = findMapByKey(out, mergeKey, value)) {
    for (let i = found.index; i < out.length - 1; i++) write?.(i, out[i + 1]);
    out.splice(found.index, 1);
  }
  return out;
}

/**
 * Upstream's in-place deduplication of scalars: a duplicate is overwritten by the last element
 * and the list shortened. Returns the result and the whole array as the writes left it (the
 * slots past the result keep stale values), since upstream may be reading that array too.
 */
export function deduplicateScalars(values: readonly unknown[]): { result: unknown[]; backing: unknown[] } {
  const backing = [...values];
  let last = backing.length - 1;
  for (let i = 0; i < last; i++) {
    for (let j = i + 1; j <= last; j++) {
      if (goEqual(backing[i], backing[j])) {
        backing[j] = backing[last];
        last--;
        j--;
      }
    }
  }
  return { result: backing.slice(0, last + 1), backing };
}

/** Drops from `current` the scalars listed in `toDelete` (`$deleteFromPrimitiveList`). */
export function deleteFromSlice(current: readonly unknown[], toDelete: readonly unknown[]): unknown[] {
  const deleted = new Set(toDelete.map(scalarKey));
  return current.filter((value) => !deleted.has(scalarKey(value)));
}

/** Splits scalars into those present in `by` and the rest, keeping their order. */
export function partitionScalars(list: readonly unknown[], by: readonly unknown[]): [unknown[], unknown[]] {
  const present = new Set(by.map(scalarKey));
  const inBy: unknown[] = [];
  const rest: unknown[] = [];
  for (const value of list) (present.has(scalarKey(value)) ? inBy : rest).push(value);
  return [inBy, rest];
}

/** Splits maps into those whose merge key appears in `by` and the rest, keeping their order. */
export function partitionMaps(
  list: readonly unknown[],
  by: readonly unknown[],
  mergeKey: string,
): [unknown[], unknown[]] {
  const inBy: unknown[] = [];
  const rest: unknown[] = [];
  for (const value of list) {
    if (!isMap(value)) throw errBadArgType('map', value);
    if (!hasKey(value, mergeKey)) throw errNoMergeKey(value, mergeKey);
    (findMapByKey(by, mergeKey, value[mergeKey]) ? inBy : rest).push(value);
  }
  return [inBy, rest];
}

/** Splits a patch list into elements to keep and elements marked `$patch: delete`. */
export function extractToDeleteItems(list: readonly unknown[]): [unknown[], unknown[]] {
  const keep: unknown[] = [];
  const toDelete: unknown[] = [];
  for (const value of list) {
    if (!isMap(value)) throw errBadArgType('map', value);
    (hasKey(value, DIRECTIVE) && value[DIRECTIVE] === 'delete' ? toDelete : keep).push(value);
  }
  return [keep, toDelete];
}

/** Where `value` sits in `list`: by merge key for maps, by value otherwise; -1 when absent. */
function indexIn(list: readonly unknown[], value: unknown, mergeKey: string, kind: GoKind): number {
  const of = (item: unknown): unknown => (kind !== 'map' ? item : isMap(item) ? item[mergeKey] : undefined);
  const wanted = of(value);
  return list.findIndex((item) => goEqual(wanted, of(item)));
}

/** Sorts `toSort` by the positions its elements have in `order` (marked deletions go last). */
function normalizeSliceOrder(
  toSort: readonly unknown[],
  order: readonly unknown[],
  mergeKey: string,
  kind: GoKind,
): unknown[] {
  let items = [...toSort];
  let toDelete: unknown[] = [];
  if (kind === 'map') {
    for (const item of [...toSort, ...order]) {
      if (!isMap(item)) throw errBadArgType('map', item);
      if (!hasKey(item, mergeKey)) throw errNoMergeKey(item, mergeKey);
    }
    [items, toDelete] = extractToDeleteItems(items);
  }
  goSliceStable(items, (i, j) => {
    const ii = indexIn(order, items[i], mergeKey, kind);
    if (ii < 0) return true;
    const ij = indexIn(order, items[j], mergeKey, kind);
    return ij < 0 || ii < ij;
  });
  return [...items, ...toDelete];
}

/**
 * Interleaves server-only elements (`left`) into the patch's elements (`right`), keeping each
 * side's relative order and using the live list's order where both elements appear in it.
 */
function mergeSortedSlice(
  left: readonly unknown[],
  right: readonly unknown[],
  serverOrder: readonly unknown[],
  mergeKey: string,
  kind: GoKind,
): unknown[] {
  const out: unknown[] = [];
  let i = 0;
  let j = 0;
  while (i < left.length || j < right.length) {
    if (i >= left.length) out.push(right[j++]);
    else if (j >= right.length) out.push(left[i++]);
    else {
      const li = indexIn(serverOrder, left[i], mergeKey, kind);
      const ri = indexIn(serverOrder, right[j], mergeKey, kind);
      if (li >= 0 && ri >= 0 && li < ri) out.push(left[i++]);
      else out.push(right[j++]);
    }
  }
  return out;
}

/**
 * Orders a merged list: patch elements by `patchOrder`, server-only elements by
 * `serverOrder`, then the two merged by the live order.
 */
export function normalizeElementOrder(
  patchItems: readonly unknown[],
  serverOnly: readonly unknown[],
  patchOrder: readonly unknown[],
  serverOrder: readonly unknown[],
  mergeKey: string,
  kind: GoKind,
): unknown[] {
  const patchSorted = normalizeSliceOrder(patchItems, patchOrder, mergeKey, kind);
  const serverSorted = normalizeSliceOrder(serverOnly, serverOrder, mergeKey, kind);
  return mergeSortedSlice(serverSorted, patchSorted, serverOrder, mergeKey, kind);
}
