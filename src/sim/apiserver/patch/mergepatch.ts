/**
 * RFC 7386 JSON merge patch (`application/merge-patch+json`) as kube-apiserver v1.32 applies
 * it, with gopkg.in/evanphx/json-patch.v4's `MergePatch`: objects merge key by key, `null`
 * deletes, anything else (lists included) replaces. Like v4, nulls are pruned from objects
 * that a patch adds, also inside added lists, while a list element that is itself null stays.
 */

import { PatchError } from './errors';
import { GoJsonError, parseGoJson, unmarshalTypeError } from './gojson';
import { cloneJson, hasKey, isMap, setKey } from './values';
import type { JsonMap } from './values';

/** Removes null members from objects, recursively (v4's `pruneNulls`); mutates `value`. */
function pruneNulls(value: unknown): void {
  if (isMap(value)) pruneMapNulls(value);
  else if (Array.isArray(value)) for (const item of value) if (item !== null) pruneNulls(item);
}

function pruneMapNulls(map: JsonMap): void {
  for (const [key, value] of Object.entries(map)) {
    if (value === null) delete map[key];
    else pruneNulls(value);
  }
}

/** v4's `merge`: the value that results from patching `current` with `patch`. */
function merge(current: unknown, patch: unknown): unknown {
  if (!isMap(current)) {
    pruneNulls(patch);
    return patch;
  }
  if (!isMap(patch)) return patch;
  mergeMaps(current, patch);
  return current;
}

/** v4's `mergeDocs`: patches `doc` in place. */
function mergeMaps(doc: JsonMap, patch: JsonMap): void {
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) {
      delete doc[key];
      continue;
    }
    const current = hasKey(doc, key) ? doc[key] : null;
    if (current === null) {
      pruneNulls(value);
      setKey(doc, key, value);
    } else {
      setKey(doc, key, merge(current, value));
    }
  }
}

/**
 * Decodes a merge patch body as patch.go does: a strict decode into a `map[string]interface{}`
 * first (`error decoding patch: ...`), then json-patch's own check that refuses `null`.
 */
export function decodeMergePatch(patch: string): JsonMap {
  let parsed: unknown;
  try {
    parsed = parseGoJson(patch);
    if (parsed !== null && !isMap(parsed)) throw unmarshalTypeError(parsed, 'map[string]interface {}');
  } catch (e) {
    if (e instanceof GoJsonError) throw PatchError.badRequest(`error decoding patch: ${e.message}`);
    throw e;
  }
  if (parsed === null) throw PatchError.badRequest('Invalid JSON Patch');
  return parsed;
}

/** Merges an already decoded merge patch into a copy of `original`. */
export function mergePatchValue(original: unknown, patch: JsonMap): unknown {
  const doc = cloneJson(original);
  const copy = cloneJson(patch);
  if (isMap(doc)) {
    mergeMaps(doc, copy);
    return doc;
  }
  pruneMapNulls(copy);
  return copy;
}

/**
 * Applies an `application/merge-patch+json` body to `original`, returning a new document.
 * Throws PatchError 400 when the body is not a JSON object.
 */
export function applyMergePatch(original: unknown, patch: string): unknown {
  return mergePatchValue(original, decodeMergePatch(patch));
}
