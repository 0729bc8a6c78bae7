/**
 * The three-way JSON merge patch `kubectl apply` sends for kinds without strategic merge
 * (custom resources; apimachinery's CreateThreeWayJSONMergePatch): the changes and
 * additions from the live object, and the deletions from the last applied configuration.
 */
import { isMap, jsonEqual, type JsonMap } from './strategic';

/** The merge patch from `current` to `modified`, deleting what `original` had and `modified` drops. */
export function threeWayMergePatch(original: JsonMap, modified: JsonMap, current: JsonMap): JsonMap {
  const deletions = keepNulls(mergeDiff(original, modified), true);
  const additions = keepNulls(mergeDiff(current, modified), false);
  return mergeInto(deletions, additions);
}

/** RFC 7386's patch from `a` to `b`. */
function mergeDiff(a: JsonMap, b: JsonMap): JsonMap {
  const patch: JsonMap = {};
  for (const [key, value] of Object.entries(b)) {
    const before = a[key];
    if (isMap(before) && isMap(value)) {
      const nested = mergeDiff(before, value);
      if (Object.keys(nested).length > 0) patch[key] = nested;
    } else if (!(key in a) || !jsonEqual(before, value)) patch[key] = value;
  }
  for (const key of Object.keys(a)) if (!(key in b)) patch[key] = null;
  return patch;
}

/** Only the nulls (deletions) of a merge patch, or only the rest. */
function keepNulls(patch: JsonMap, nulls: boolean): JsonMap {
  const out: JsonMap = {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) {
      if (nulls) out[key] = null;
    } else if (isMap(value) && Object.keys(value).length > 0) {
      const nested = keepNulls(value, nulls);
      if (Object.keys(nested).length > 0) out[key] = nested;
    } else if (!nulls) out[key] = value;
  }
  return out;
}

function mergeInto(target: JsonMap, patch: JsonMap): JsonMap {
  const out: JsonMap = { ...target };
  for (const [key, value] of Object.entries(patch))
    out[key] = isMap(out[key]) && isMap(value) ? mergeInto(out[key] as JsonMap, value) : value;
  return out;
}

/** jsonpatch.CreateMergePatch: the RFC 7386 patch that turns `original` into `modified`. */
export function createMergePatch(original: JsonMap, modified: JsonMap): JsonMap {
  return mergeDiff(original, modified);
}
