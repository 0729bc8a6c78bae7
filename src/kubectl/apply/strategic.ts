/**
 * The three-way strategic merge patch `kubectl apply` sends for built-in kinds
 * (apimachinery's CreateThreeWayMergePatch, with kubectl's `--overwrite=true`): the
 * changes and additions from the live object to the new configuration, plus the deletions
 * from the last applied configuration to the new one, guided by the fields' patch
 * strategies and merge keys (the same PatchSchema the simulated apiserver applies patches
 * with). An empty result (`{}`) means the object is unchanged.
 */
import { lookupForList, lookupForMap } from '../../sim/apiserver/patch/schema';
import type { PatchSchema } from '../../sim/apiserver/patch';

/** A decoded JSON object. */
export type JsonMap = Record<string, unknown>;

/** Whether a decoded JSON value is an object. */
export const isMap = (v: unknown): v is JsonMap => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Go's `%v` of a scalar, which orders scalars and merge keys. */
const goString = (v: unknown): string => (v === null || v === undefined ? '<nil>' : String(v));

/** Deep equality of decoded JSON values (reflect.DeepEqual). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((v, i) => jsonEqual(v, b[i]));
  if (isMap(a) && isMap(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((k) => k in b && jsonEqual(a[k], b[k]));
  }
  return false;
}

/** The kind of a JSON value as Go's reflect.TypeOf tells them apart. */
function typeOf(v: unknown): string {
  if (v === null || v === undefined) return 'nil';
  if (Array.isArray(v)) return 'slice';
  if (typeof v === 'number') return Number.isSafeInteger(v) ? 'int64' : 'float64';
  return typeof v === 'object' ? 'map' : typeof v;
}

interface DiffOptions {
  /** Leave out deletions (the delta from the live object). */
  readonly ignoreDeletions: boolean;
  /** Leave out changes and additions (the deletions from the last applied configuration). */
  readonly ignoreChanges: boolean;
  /** Add a `$retainKeys` directive listing the new map's keys. */
  readonly retainKeys?: boolean;
}

const hasRetainKeys = (strategy: string | undefined) => (strategy ?? '').split(',').includes('retainKeys');

/** The patch turning `original` into `modified`, as far as the options allow. */
function diffMaps(original: JsonMap, modified: JsonMap, schema: PatchSchema | undefined, opts: DiffOptions) {
  const patch: JsonMap = {};
  const retained: string[] = [];
  for (const [key, value] of Object.entries(modified)) {
    if (opts.retainKeys && value !== null) retained.push(key);
    if (!(key in original)) {
      if (!opts.ignoreChanges) patch[key] = value;
      continue;
    }
    const before = original[key];
    if (key === '$patch') {
      if (before !== value) patch[key] = value;
      continue;
    }
    if (typeOf(before) !== typeOf(value)) {
      if (!opts.ignoreChanges) patch[key] = value;
    } else if (isMap(before) && isMap(value)) {
      diffMapField(key, before, value, patch, schema, opts);
    } else if (Array.isArray(before) && Array.isArray(value)) {
      diffListField(key, before, value, patch, schema, opts);
    } else if (!opts.ignoreChanges && !jsonEqual(before, value)) patch[key] = value;
  }
  if (!opts.ignoreDeletions)
    for (const key of Object.keys(original)) if (!(key in modified)) patch[key] = null;
  const dropsFields = Object.entries(original).some(([k, v]) => v !== null && !(k in modified));
  if (retained.length > 0 && (Object.keys(patch).length > 0 || dropsFields))
    patch.$retainKeys = [...retained].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return patch;
}

function diffMapField(
  key: string,
  before: JsonMap,
  value: JsonMap,
  patch: JsonMap,
  schema: PatchSchema | undefined,
  opts: DiffOptions,
): void {
  const meta = lookupForMap(schema, key);
  const retainKeys = hasRetainKeys(schema?.property(key)?.patchStrategy);
  if (meta.strategy === 'replace') {
    if (!opts.ignoreChanges && !jsonEqual(before, value)) patch[key] = value;
    return;
  }
  const nested = diffMaps(before, value, meta.schema, { ...opts, retainKeys });
  if (Object.keys(nested).length > 0) patch[key] = nested;
}

function diffListField(
  key: string,
  before: unknown[],
  value: unknown[],
  patch: JsonMap,
  schema: PatchSchema | undefined,
  opts: DiffOptions,
): void {
  const meta = lookupForList(schema, key);
  if (meta.strategy !== 'merge') {
    if (!opts.ignoreChanges && !jsonEqual(before, value)) patch[key] = value;
    return;
  }
  const retainKeys = hasRetainKeys(schema?.property(key)?.patchStrategy);
  const { add, remove, order } = diffLists(before, value, meta.schema, meta.mergeKey, {
    ...opts,
    retainKeys,
  });
  if (add.length > 0) patch[key] = add;
  if (remove.length > 0) patch[`$deleteFromPrimitiveList/${key}`] = remove;
  if (order.length > 0) patch[`$setElementOrder/${key}`] = order;
}

interface ListDiff {
  add: unknown[];
  remove: unknown[];
  order: unknown[];
}

function diffLists(
  original: unknown[],
  modified: unknown[],
  schema: PatchSchema | undefined,
  mergeKey: string,
  opts: DiffOptions,
): ListDiff {
  if (original.length === 0)
    return { add: modified.length === 0 || opts.ignoreChanges ? [] : modified, remove: [], order: [] };
  const kinds = new Set([...original, ...modified].map(typeOf));
  if (kinds.size > 1) throw new Error('list elements are not all of the same type');
  if (kinds.has('slice')) throw new Error('lists of lists are not supported');
  if (kinds.has('map'))
    return diffListsOfMaps(original as JsonMap[], modified as JsonMap[], schema, mergeKey, opts);
  const { add, remove } = diffScalars(original, modified, opts);
  const changed =
    (!opts.ignoreDeletions && remove.length > 0) || (!opts.ignoreChanges && !jsonEqual(original, modified));
  return { add: orderBy(add, modified, (v) => v), remove, order: changed ? modified : [] };
}

/** Stable sort of `items` by their position in `order` (items not in it keep their place). */
function orderBy<T>(items: T[], order: readonly T[], keyOf: (v: T) => unknown): T[] {
  const position = (v: T) => order.findIndex((o) => keyOf(o) === keyOf(v));
  return items
    .map((item, i) => ({ item, i, at: position(item) }))
    .sort((a, b) => (a.at >= 0 && b.at >= 0 ? a.at - b.at : a.i - b.i))
    .map((e) => e.item);
}

const byGoString = (a: unknown, b: unknown) => {
  const x = goString(a);
  const y = goString(b);
  return x < y ? -1 : x > y ? 1 : 0;
};

function diffScalars(original: unknown[], modified: unknown[], opts: DiffOptions) {
  const before = [...original].sort(byGoString);
  const after = [...modified].sort(byGoString);
  const add: unknown[] = [];
  const remove: unknown[] = [];
  let i = 0;
  let j = 0;
  while (i < before.length || j < after.length) {
    const o = i < before.length ? goString(before[i]) : undefined;
    const m = j < after.length ? goString(after[j]) : undefined;
    if (o !== undefined && o === m) {
      i++;
      j++;
    } else if (o === undefined || (m !== undefined && o > m)) {
      if (!opts.ignoreChanges) add.push(after[j]);
      j++;
    } else {
      if (!opts.ignoreDeletions) remove.push(before[i]);
      i++;
    }
  }
  return { add, remove: remove.filter((v, k) => remove.findIndex((w) => w === v) === k) };
}

function mergeKeyOf(item: JsonMap, mergeKey: string): unknown {
  if (!(mergeKey in item))
    throw new Error(`map: ${goMap(item)} does not contain declared merge key: ${mergeKey}`);
  return item[mergeKey];
}

/** Go's `%v` of a map, for the missing-merge-key error. */
function goMap(item: JsonMap): string {
  const keys = Object.keys(item).sort();
  return `map[${keys.map((k) => `${k}:${isMap(item[k]) ? goMap(item[k] as JsonMap) : goString(item[k])}`).join(' ')}]`;
}

function diffListsOfMaps(
  original: JsonMap[],
  modified: JsonMap[],
  schema: PatchSchema | undefined,
  mergeKey: string,
  opts: DiffOptions,
): ListDiff {
  const sortByKey = (list: JsonMap[]) =>
    [...list].sort((a, b) => byGoString(mergeKeyOf(a, mergeKey), mergeKeyOf(b, mergeKey)));
  const before = sortByKey(original);
  const after = sortByKey(modified);
  let patch: JsonMap[] = [];
  const deletions: JsonMap[] = [];
  let i = 0;
  let j = 0;
  while (i < before.length || j < after.length) {
    const o = i < before.length ? (before[i] as JsonMap) : undefined;
    const m = j < after.length ? (after[j] as JsonMap) : undefined;
    const ok = o === undefined ? undefined : goString(mergeKeyOf(o, mergeKey));
    const mk = m === undefined ? undefined : goString(mergeKeyOf(m, mergeKey));
    if (o !== undefined && m !== undefined && ok === mk) {
      const nested = diffMaps(o, m, schema, opts);
      if (Object.keys(nested).length > 0) patch.push({ ...nested, [mergeKey]: m[mergeKey] });
      i++;
      j++;
    } else if (m !== undefined && (o === undefined || (ok as string) > (mk as string))) {
      if (!opts.ignoreChanges) patch.push(m);
      j++;
    } else if (o !== undefined) {
      if (!opts.ignoreDeletions) deletions.push({ $patch: 'delete', [mergeKey]: o[mergeKey] });
      i++;
    }
  }
  patch = orderBy(patch, modified, (v) => v[mergeKey]);
  const sameOrder =
    original.length === modified.length &&
    modified.every((m, k) => (original[k] as JsonMap)[mergeKey] === m[mergeKey]);
  const all = [...patch, ...deletions];
  const changed =
    (!opts.ignoreChanges && (all.length > 0 || !sameOrder)) || (!opts.ignoreDeletions && all.length > 0);
  return { add: all, remove: [], order: changed ? modified.map((m) => ({ [mergeKey]: m[mergeKey] })) : [] };
}

/**
 * Merges the deletions patch with the delta patch into one (the deltas add to or change
 * what the deletions leave; they never touch the same scalar).
 */
function mergePatches(deletions: JsonMap, delta: JsonMap, schema: PatchSchema | undefined): JsonMap {
  const out: JsonMap = { ...deletions };
  for (const [key, value] of Object.entries(delta)) {
    const existing = out[key];
    if (!(key in out) || key.startsWith('$')) out[key] = value;
    else if (isMap(existing) && isMap(value)) {
      const meta = lookupForMap(schema, key);
      out[key] = meta.strategy === 'replace' ? value : mergePatches(existing, value, meta.schema);
    } else if (Array.isArray(existing) && Array.isArray(value)) {
      const meta = lookupForList(schema, key);
      out[key] = meta.strategy === 'merge' ? mergeLists(existing, value, meta.schema, meta.mergeKey) : value;
    } else out[key] = value;
  }
  return out;
}

function mergeLists(
  deletions: unknown[],
  delta: unknown[],
  schema: PatchSchema | undefined,
  mergeKey: string,
) {
  if (mergeKey === '' || !delta.every(isMap) || !deletions.every(isMap))
    return [...delta, ...deletions.filter((d) => !delta.includes(d))];
  const merged: JsonMap[] = delta.map((item) => {
    const match = deletions.find((d) => d[mergeKey] === item[mergeKey] && d.$patch === undefined);
    return match === undefined ? item : mergePatches(match, item, schema);
  });
  const rest = deletions.filter((d) => !delta.some((item) => item[mergeKey] === d[mergeKey]));
  return [
    ...merged,
    ...rest.filter((d) => d.$patch === undefined),
    ...rest.filter((d) => d.$patch !== undefined),
  ];
}

/**
 * The strategic merge patch from the live object `current` to the new configuration
 * `modified`, deleting what was in the last applied configuration `original` and is no
 * longer in `modified`.
 */
export function threeWayStrategicPatch(
  original: JsonMap,
  modified: JsonMap,
  current: JsonMap,
  schema: PatchSchema | undefined,
): JsonMap {
  const delta = diffMaps(current, modified, schema, { ignoreDeletions: true, ignoreChanges: false });
  const deletions = diffMaps(original, modified, schema, { ignoreDeletions: false, ignoreChanges: true });
  return mergePatches(deletions, delta, schema);
}
