/**
 * PatchSchema from an OpenAPI v3 document, the way kube-apiserver publishes it at
 * `/openapi/v3/apis/<group>/<version>`: patch metadata sits on a field's own schema, and the
 * field's type is behind a `$ref` or an `allOf: [{$ref}]` wrapper. Nodes resolve lazily, so
 * recursive schemas (JSONSchemaProps) cost nothing until a patch walks into them.
 */

import type { PatchSchema } from './schema';
import { isMap } from './values';
import type { JsonMap } from './values';

const REF_PREFIX = '#/components/schemas/';

/** Follows `$ref` and `allOf[0]` wrappers to the schema that has the properties or items. */
function resolve(schemas: JsonMap, node: JsonMap): JsonMap | undefined {
  let current = node;
  for (let hops = 0; hops < 64; hops++) {
    const allOf = current.allOf;
    if (Array.isArray(allOf) && isMap(allOf[0]) && current.properties === undefined) {
      current = allOf[0];
      continue;
    }
    const ref = current.$ref;
    if (typeof ref !== 'string') return current;
    const target = schemas[ref.startsWith(REF_PREFIX) ? ref.slice(REF_PREFIX.length) : ref];
    if (!isMap(target)) return undefined;
    current = target;
  }
  return undefined;
}

const LIST_TYPES = new Set(['atomic', 'set', 'map']);

class OpenAPIPatchSchema implements PatchSchema {
  readonly patchStrategy?: string;
  readonly patchMergeKey?: string;
  readonly listType?: 'atomic' | 'set' | 'map';
  readonly listMapKeys?: readonly string[];
  private target: JsonMap | undefined | null = null;
  private readonly children = new Map<string, PatchSchema | undefined>();

  constructor(
    private readonly schemas: JsonMap,
    private readonly node: JsonMap,
  ) {
    const strategy = node['x-kubernetes-patch-strategy'];
    const mergeKey = node['x-kubernetes-patch-merge-key'];
    const listType = node['x-kubernetes-list-type'];
    const mapKeys = node['x-kubernetes-list-map-keys'];
    if (typeof strategy === 'string') this.patchStrategy = strategy;
    if (typeof mergeKey === 'string') this.patchMergeKey = mergeKey;
    if (typeof listType === 'string' && LIST_TYPES.has(listType)) {
      this.listType = listType as 'atomic' | 'set' | 'map';
    }
    if (Array.isArray(mapKeys)) this.listMapKeys = mapKeys.filter((k): k is string => typeof k === 'string');
  }

  /** The resolved schema, computed once. */
  private resolved(): JsonMap | undefined {
    if (this.target === null) this.target = resolve(this.schemas, this.node);
    return this.target;
  }

  private child(cacheKey: string, node: unknown): PatchSchema | undefined {
    if (!this.children.has(cacheKey)) {
      this.children.set(cacheKey, isMap(node) ? new OpenAPIPatchSchema(this.schemas, node) : undefined);
    }
    return this.children.get(cacheKey);
  }

  property(name: string): PatchSchema | undefined {
    const target = this.resolved();
    const properties = target?.properties;
    if (isMap(properties) && Object.prototype.hasOwnProperty.call(properties, name)) {
      return this.child(`.${name}`, properties[name]);
    }
    return this.child('*', target?.additionalProperties);
  }

  items(): PatchSchema | undefined {
    return this.child('[]', this.resolved()?.items);
  }
}

/**
 * Builds a PatchSchema for `ref` (such as `#/components/schemas/io.k8s.api.apps.v1.Deployment`)
 * from an OpenAPI v3 document's `components.schemas` (the whole `components` object works too).
 * Throws when `ref` names no schema; a `$ref` deeper down that names none reads as a field
 * without patch metadata.
 */
export function patchSchemaFromOpenAPI(components: Record<string, unknown>, ref: string): PatchSchema {
  const schemas = isMap(components.schemas) ? components.schemas : components;
  const root: JsonMap = { $ref: ref };
  if (resolve(schemas, root) === undefined) throw new Error(`unable to resolve ${ref} in OpenAPI V3`);
  return new OpenAPIPatchSchema(schemas, root);
}
