/**
 * Strategic merge patch (`application/strategic-merge-patch+json`) as kube-apiserver v1.32
 * applies it server-side (k8s.io/apimachinery/pkg/util/strategicpatch with parallel lists
 * merged and unmatched nulls ignored): a JSON merge patch whose lists merge by key when the
 * schema says so, plus the `$patch`, `$retainKeys`, `$setElementOrder/<list>` and
 * `$deleteFromPrimitiveList/<list>` directives.
 */

import { PatchError } from './errors';
import { GoJsonError, parseGoJson, unmarshalTypeError } from './gojson';
import { mergePatchValue } from './mergepatch';
import { lookupForList, lookupForMap } from './schema';
import type { PatchSchema } from './schema';
import type { BackingWrite } from './strategic-lists';
import {
  DIRECTIVE,
  deleteFromSlice,
  deleteMatchingEntries,
  deduplicateScalars,
  errBadArgType,
  errBadPatchType,
  errNoMergeKey,
  extractToDeleteItems,
  findMapByKey,
  normalizeElementOrder,
  partitionMaps,
  partitionScalars,
  sliceElementKind,
} from './strategic-lists';
import { cloneJson, goEqual, goFormat, goKind, hasKey, isMap, scalarKey, setKey } from './values';
import type { JsonMap } from './values';

const DELETE_FROM_PRIMITIVE_LIST = '$deleteFromPrimitiveList';
const RETAIN_KEYS = '$retainKeys';
const SET_ELEMENT_ORDER = '$setElementOrder';

/** The list field a `$deleteFromPrimitiveList/x` or `$setElementOrder/x` key is about. */
function extractKey(key: string, prefix: string): string {
  const slash = key.indexOf('/');
  if (slash < 0 || key.slice(0, slash) !== prefix) {
    const list = prefix === DELETE_FROM_PRIMITIVE_LIST ? 'primitive list' : 'setElementOrder list';
    throw PatchError.badRequest(`invalid patch format of ${list}`);
  }
  return key.slice(slash + 1);
}

/** Strips elements and maps carrying `$patch`; returns the value and whether to keep it. */
function removeDirectives(value: unknown): [unknown, boolean] {
  if (Array.isArray(value)) {
    const kept: unknown[] = [];
    for (const item of value) {
      const [v, keep] = removeDirectives(item);
      if (keep) kept.push(v);
    }
    return [kept, true];
  }
  if (!isMap(value)) return [value, true];
  if (hasKey(value, DIRECTIVE)) return [null, false];
  for (const key of Object.keys(value)) {
    const [v, keep] = removeDirectives(value[key]);
    if (keep) setKey(value, key, v);
    else delete value[key];
  }
  return [value, true];
}

/** Drops null members of maps, recursively (lists keep their null elements). */
function discardNulls(value: unknown): void {
  if (Array.isArray(value)) for (const item of value) discardNulls(item);
  else if (isMap(value)) {
    for (const key of Object.keys(value)) {
      if (value[key] === null) delete value[key];
      else discardNulls(value[key]);
    }
  }
}

/** `$retainKeys`: clears the original's keys not listed, after checking the patch's keys are. */
function applyRetainKeys(original: JsonMap, patch: JsonMap): void {
  if (!hasKey(patch, RETAIN_KEYS)) return;
  const list = patch[RETAIN_KEYS];
  delete patch[RETAIN_KEYS];
  if (!Array.isArray(list)) throw PatchError.badRequest('invalid patch format of retainKeys');
  const retained = new Set(list.map(scalarKey));
  for (const [key, value] of Object.entries(patch)) {
    if (value === null || key.startsWith(DELETE_FROM_PRIMITIVE_LIST) || key.startsWith(SET_ELEMENT_ORDER))
      continue;
    if (!retained.has(scalarKey(key))) throw PatchError.badRequest('invalid patch format of retainKeys');
  }
  for (const key of Object.keys(original)) if (!retained.has(scalarKey(key))) delete original[key];
}

/** Go's `==` on two list elements, by merge key when there is one. */
function mergeKeyValueEqual(left: unknown, right: unknown, mergeKey: string): boolean {
  if (mergeKey === '') return goEqual(left, right);
  if (!isMap(left)) throw errBadArgType('map', left);
  if (!isMap(right)) throw errBadArgType('map', right);
  if (!hasKey(left, mergeKey)) throw errNoMergeKey(left, mergeKey);
  if (!hasKey(right, mergeKey)) throw errNoMergeKey(right, mergeKey);
  return goEqual(left[mergeKey], right[mergeKey]);
}

/** Checks that the patch list's elements appear in `$setElementOrder` in the same order. */
function validateSetElementOrder(patchList: unknown[], order: unknown[], mergeKey: string): void {
  if (order.length === 0 || patchList.length === 0) return;
  const items = mergeKey === '' ? patchList : extractToDeleteItems(patchList)[0];
  let p = 0;
  let o = 0;
  while (p < items.length && o < order.length) {
    const item = items[p];
    if (isMap(item) && hasKey(item, DIRECTIVE)) {
      p++;
      continue;
    }
    if (mergeKeyValueEqual(item, order[o], mergeKey)) p++;
    o++;
  }
  if (p < items.length && o >= order.length) {
    throw PatchError.internal(
      `The order in patch list:\n${goFormat(patchList)}\n doesn't match ${SET_ELEMENT_ORDER} list:\n${goFormat(order)}\n`,
    );
  }
}

/** Processes every `$setElementOrder/<list>` of `patch`, merging and ordering that list. */
function mergeOrderedLists(original: JsonMap, patch: JsonMap, schema: PatchSchema | undefined): void {
  for (const key of Object.keys(patch)) {
    if (!key.startsWith(SET_ELEMENT_ORDER)) continue;
    const order = patch[key];
    delete patch[key];
    if (!Array.isArray(order)) throw errBadArgType('slice', order);
    const listKey = extractKey(key, SET_ELEMENT_ORDER);
    const inOriginal = hasKey(original, listKey);
    const inPatch = hasKey(patch, listKey);
    const originalList = inOriginal ? original[listKey] : [];
    const patchList = inPatch ? patch[listKey] : [];
    if (!Array.isArray(originalList)) throw errBadArgType('slice', originalList);
    if (!Array.isArray(patchList)) throw errBadArgType('slice', patchList);
    const meta = lookupForList(schema, listKey);
    validateSetElementOrder(patchList, order, meta.mergeKey);

    // What upstream's live-order list reads after merging wrote through its backing array.
    const liveOrder = [...originalList];
    let merged: unknown[];
    if (inOriginal && inPatch) {
      const write: BackingWrite = (index, value) => {
        if (index < liveOrder.length) liveOrder[index] = value;
      };
      merged = mergeList(originalList, patchList, meta.schema, meta.strategy, meta.mergeKey, false, write);
    } else if (inOriginal) {
      merged = originalList;
    } else if (inPatch) {
      merged = removeDirectives(patchList)[0] as unknown[];
    } else {
      continue;
    }
    const [patchItems, serverOnly] =
      meta.mergeKey === '' ? partitionScalars(merged, order) : partitionMaps(merged, order, meta.mergeKey);
    const kind = sliceElementKind([liveOrder, patchList]);
    setKey(
      original,
      listKey,
      normalizeElementOrder(patchItems, serverOnly, order, liveOrder, meta.mergeKey, kind),
    );
    delete patch[listKey];
  }
}

/**
 * A list field present in both: merged when the strategy is `merge` (or deleting), else
 * replaced. `write` hears the writes upstream makes through the original list's backing array
 * (deletions shift elements down, new elements fill the freed slots).
 */
function mergeList(
  original: unknown[],
  patch: unknown[],
  schema: PatchSchema | undefined,
  strategy: string,
  mergeKey: string,
  isDeleteList: boolean,
  write?: BackingWrite,
): unknown[] {
  if (strategy !== 'merge' && !isDeleteList) return patch;
  if (original.length === 0 && patch.length === 0) return original;
  const kind = sliceElementKind([original, patch]);
  let merged: unknown[];
  // The list the live order is read from: after deletions, and after in-place rewrites.
  let liveOrder = original;
  if (kind !== 'map') {
    if (isDeleteList) return deleteFromSlice(original, patch);
    const { result, backing } = deduplicateScalars([...original, ...patch]);
    merged = result;
    if (patch.length === 0) {
      // Appending nothing hands Go back the original list itself, so the deduplication
      // rewrote it in place, and the live order is read from what it left there.
      liveOrder = backing.slice(0, original.length);
      liveOrder.forEach((value, index) => write?.(index, value));
    }
  } else {
    if (mergeKey === '') throw PatchError.internal('cannot merge lists without merge key for struct');
    let replaced: boolean;
    [liveOrder, patch, replaced] = applyListDirectives(original, patch, mergeKey, write);
    const through = replaced ? undefined : write;
    merged = [...liveOrder];
    for (const item of patch as JsonMap[]) {
      if (!hasKey(item, mergeKey)) throw errNoMergeKey(item, mergeKey);
      const found = findMapByKey(merged, mergeKey, item[mergeKey]);
      const index = found ? found.index : merged.length;
      merged[index] = found ? mergeMap(found.map, item, schema) : item;
      through?.(index, merged[index]);
    }
  }
  const [patchItems, serverOnly] =
    mergeKey === '' ? partitionScalars(merged, patch) : partitionMaps(merged, patch, mergeKey);
  return normalizeElementOrder(patchItems, serverOnly, patch, liveOrder, mergeKey, kind);
}

/**
 * Handles `$patch` elements of a list of maps: delete by key, or replace the whole list.
 * Returns the list to merge into, the plain patch elements, and whether the list was replaced.
 */
function applyListDirectives(
  original: unknown[],
  patch: unknown[],
  mergeKey: string,
  write: BackingWrite | undefined,
): [unknown[], unknown[], boolean] {
  const plain: unknown[] = [];
  let replace = false;
  for (const item of patch as JsonMap[]) {
    if (!hasKey(item, DIRECTIVE)) {
      plain.push(item);
      continue;
    }
    const directive = item[DIRECTIVE];
    if (directive === 'delete') {
      if (!hasKey(item, mergeKey)) throw errNoMergeKey(item, mergeKey);
      original = deleteMatchingEntries(original, mergeKey, item[mergeKey], write);
    } else if (directive === 'replace') {
      replace = true;
    } else if (directive === 'merge') {
      throw PatchError.internal('merging lists cannot yet be specified in the patch');
    } else {
      throw errBadPatchType(directive, item);
    }
  }
  return replace ? [plain, [], true] : [original, plain, false];
}

/** Merges `patch` into `original` (both may be mutated) and returns the result. */
function mergeMap(original: JsonMap, patch: JsonMap, schema: PatchSchema | undefined): JsonMap {
  if (hasKey(patch, DIRECTIVE)) {
    const directive = patch[DIRECTIVE];
    if (directive === 'replace') {
      delete patch[DIRECTIVE];
      return patch;
    }
    if (directive === 'delete') return {};
    throw errBadPatchType(directive, patch);
  }
  applyRetainKeys(original, patch);
  mergeOrderedLists(original, patch, schema);

  for (const patchKey of Object.keys(patch)) {
    const patchValue = patch[patchKey];
    let key = patchKey;
    let isDeleteList = false;
    if (patchKey.startsWith(DELETE_FROM_PRIMITIVE_LIST)) {
      key = extractKey(patchKey, DELETE_FROM_PRIMITIVE_LIST) || patchKey;
      isDeleteList = true;
    }
    if (patchValue === null) {
      delete original[key];
      continue;
    }
    const kind = goKind(patchValue);
    if (!hasKey(original, key) || goKind(original[key]) !== kind) {
      if (isDeleteList) continue;
      discardNulls(patchValue);
      const [value, keep] = removeDirectives(patchValue);
      if (keep) setKey(original, key, value);
      else delete original[key];
      continue;
    }
    if (kind === 'map') {
      const meta = lookupForMap(schema, key);
      const value = patchValue as JsonMap;
      setKey(
        original,
        key,
        meta.strategy === 'replace' ? value : mergeMap(original[key] as JsonMap, value, meta.schema),
      );
    } else if (kind === 'slice') {
      const meta = lookupForList(schema, key);
      const value = patchValue as unknown[];
      setKey(
        original,
        key,
        mergeList(original[key] as unknown[], value, meta.schema, meta.strategy, meta.mergeKey, isDeleteList),
      );
    } else {
      setKey(original, key, patchValue);
    }
  }
  return original;
}

/**
 * Decodes a strategic merge patch body as patch.go does (a strict decode into a
 * `map[string]interface{}`): Go's message, without a prefix, as a 400. `null` is an empty patch.
 */
function decodeStrategicPatch(patch: string): JsonMap {
  try {
    const parsed = parseGoJson(patch);
    if (parsed === null) return {};
    if (!isMap(parsed)) throw unmarshalTypeError(parsed, 'map[string]interface {}');
    return parsed;
  } catch (e) {
    if (e instanceof GoJsonError) throw PatchError.badRequest(e.message);
    throw e;
  }
}

/**
 * Applies an `application/strategic-merge-patch+json` body to `original`, returning a new
 * object. With `schema` undefined (no patch metadata, as for custom resources) the patch is
 * applied as a JSON merge patch; built-in kinds always have one (builtin.ts). Throws
 * PatchError with kube-apiserver's status and message: 400 for a malformed body or directive,
 * 422 for lists of lists, 500 for the errors the apiserver passes through unclassified (such
 * as a list element missing its merge key).
 */
export function applyStrategicMergePatch(
  original: unknown,
  patch: string,
  schema: PatchSchema | undefined,
): unknown {
  const patchMap = decodeStrategicPatch(patch);
  if (schema === undefined) return mergePatchValue(original, patchMap);
  const target = cloneJson(original ?? {});
  if (!isMap(target)) throw PatchError.badRequest('invalid JSON document');
  return mergeMap(target, patchMap, schema);
}
