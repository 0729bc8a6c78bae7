import { PatchError } from './errors';

/**
 * What the schema says about one field, for strategic merge: read from OpenAPI's
 * `x-kubernetes-patch-strategy` / `x-kubernetes-patch-merge-key` / `x-kubernetes-list-type` /
 * `x-kubernetes-list-map-keys`.
 *
 * Strategic merge itself only looks at `patchStrategy` and `patchMergeKey` (as kube-apiserver
 * does with the Go struct tags); the list type and map keys are carried for other users
 * (server-side apply, validation).
 */
export interface PatchSchema {
  /** Object fields; for maps (`additionalProperties`) the value schema for any key. */
  property(name: string): PatchSchema | undefined;
  /** Array element schema. */
  items(): PatchSchema | undefined;
  /** `merge`, `replace`, `retainKeys` or `merge,retainKeys`. */
  readonly patchStrategy?: string;
  readonly patchMergeKey?: string;
  readonly listType?: 'atomic' | 'set' | 'map';
  readonly listMapKeys?: readonly string[];
}

/** What strategic merge learns about one field: its strategy, merge key and sub-schema. */
export interface FieldPatchMeta {
  /** The schema of the field's value (for a list: of its elements). */
  readonly schema: PatchSchema | undefined;
  /** The strategy other than `retainKeys`: `merge`, `replace` or ''. */
  readonly strategy: string;
  readonly mergeKey: string;
}

/**
 * Splits a patch strategy like upstream's `extractRetainKeysPatchStrategy`: at most two
 * strategies, one of which must then be `retainKeys`. Returns the other one, or throws the
 * Go error text.
 */
export function otherStrategy(patchStrategy: string | undefined): string {
  const strategies = patchStrategy === undefined ? [] : patchStrategy.split(',');
  const [first = '', second] = strategies;
  if (strategies.length === 1) return first === 'retainKeys' ? '' : first;
  if (strategies.length === 2 && second !== undefined) {
    if (first === 'retainKeys') return second;
    if (second === 'retainKeys') return first;
  }
  if (strategies.length === 0) return '';
  throw PatchError.internal(`unexpected patch strategy: [${strategies.join(' ')}]`);
}

/** Patch metadata of the field `key` when its value is an object. */
export function lookupForMap(schema: PatchSchema | undefined, key: string): FieldPatchMeta {
  const field = schema?.property(key);
  return {
    schema: field,
    strategy: otherStrategy(field?.patchStrategy),
    mergeKey: field?.patchMergeKey ?? '',
  };
}

/**
 * Patch metadata of the field `key` when its value is a list. A field whose schema is not an
 * array gives its own schema for the elements, as upstream does for pointer fields.
 */
export function lookupForList(schema: PatchSchema | undefined, key: string): FieldPatchMeta {
  const field = schema?.property(key);
  return {
    schema: field?.items() ?? field,
    strategy: otherStrategy(field?.patchStrategy),
    mergeKey: field?.patchMergeKey ?? '',
  };
}
