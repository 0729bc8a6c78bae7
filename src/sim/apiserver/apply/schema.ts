/**
 * The types server-side apply merges by, read from an OpenAPI v3 `components.schemas` map the
 * way kube-openapi's schema conversion reads it for structured-merge-diff: objects with
 * properties are structs, `additionalProperties` makes a map, `x-kubernetes-map-type: atomic`
 * makes either a leaf, lists are atomic unless `x-kubernetes-list-type` (or, for lists without
 * one, a `merge` patch strategy) makes them sets or maps keyed by `x-kubernetes-list-map-keys`
 * (the patch merge key). Without a schema every object is a granular map of deduced values and
 * every list is atomic, as upstream treats types it has no schema for.
 */

import { hasKey, isMap } from './values';
import type { JsonMap } from './values';

/** The scalar kinds a schema can ask for (`untyped` takes any scalar). */
export type ScalarType = 'numeric' | 'string' | 'boolean' | 'untyped';

/** A list type: atomic (a leaf), a set of scalars (no keys) or a map list (keyed). */
export interface ListType {
  readonly atomic: boolean;
  /** The key fields of a map list; empty for a set. */
  readonly keys: readonly string[];
  elem(): TypeNode;
}

/** One declared field of a struct. */
export interface FieldType {
  readonly type: TypeNode;
  /** The OpenAPI `default`, or undefined. */
  readonly default: unknown;
  readonly required: boolean;
}

/** A struct or map type. */
export interface MapType {
  readonly atomic: boolean;
  /** The declared fields in declaration order. */
  readonly fieldNames: readonly string[];
  field(name: string): FieldType | undefined;
  /** The type of undeclared keys; null when the schema allows none. */
  elem(): TypeNode | null;
}

/** A type: which of scalar, list and map values it accepts, and how each merges. */
export interface TypeNode {
  readonly scalar: ScalarType | null;
  readonly list: ListType | null;
  readonly map: MapType | null;
}

function untypedAtomic(): TypeNode {
  const self: TypeNode = {
    scalar: 'untyped',
    list: { atomic: true, keys: [], elem: () => self },
    map: { atomic: true, fieldNames: [], field: () => undefined, elem: () => self },
  };
  return self;
}

/** Upstream's `__untyped_atomic_`: any value, lists and maps as leaves. */
export const UNTYPED: TypeNode = untypedAtomic();

function deduced(): TypeNode {
  const self: TypeNode = {
    scalar: 'untyped',
    list: { atomic: true, keys: [], elem: () => UNTYPED },
    map: { atomic: false, fieldNames: [], field: () => undefined, elem: () => self },
  };
  return self;
}

/** Upstream's `__untyped_deduced_`: granular maps all the way down, atomic lists. */
export const DEDUCED: TypeNode = deduced();

const UNTYPED_SCALAR: TypeNode = { scalar: 'untyped', list: null, map: null };

/** Types whose schemas upstream replaces with an untyped scalar. */
const UNTYPED_NAMES = new Set([
  'io.k8s.apimachinery.pkg.api.resource.Quantity',
  'io.k8s.apimachinery.pkg.runtime.RawExtension',
]);

function lazy<T>(make: () => T): () => T {
  let value: { v: T } | undefined;
  return () => (value ??= { v: make() }).v;
}

function refName(node: JsonMap): string | undefined {
  let ref = node.$ref;
  const allOf = node.allOf;
  if (typeof ref !== 'string' && Array.isArray(allOf) && allOf.length === 1 && isMap(allOf[0])) {
    ref = allOf[0].$ref;
  }
  if (typeof ref !== 'string' || ref === '') return undefined;
  return ref.slice(ref.lastIndexOf('/') + 1);
}

function listRelationship(node: JsonMap): { atomic: boolean; keys: readonly string[] } {
  const listType = node['x-kubernetes-list-type'];
  if (listType !== undefined) {
    if (listType === 'set') return { atomic: false, keys: [] };
    if (listType === 'map') {
      const keys = node['x-kubernetes-list-map-keys'];
      return { atomic: false, keys: Array.isArray(keys) ? keys.filter((k) => typeof k === 'string') : [] };
    }
    return { atomic: true, keys: [] };
  }
  const strategy = node['x-kubernetes-patch-strategy'];
  if (strategy === 'merge' || strategy === 'merge,retainKeys') {
    const key = node['x-kubernetes-patch-merge-key'];
    return { atomic: false, keys: typeof key === 'string' ? [key] : [] };
  }
  return { atomic: true, keys: [] };
}

function withMapRelationship(type: TypeNode, atomic: boolean): TypeNode {
  const map = type.map;
  if (map === null || map.atomic === atomic) return type;
  return { ...type, map: { ...map, atomic, field: (n) => map.field(n), elem: () => map.elem() } };
}

/** Converts the OpenAPI schemas of one document into TypeNodes, lazily and with a cache per name. */
class Converter {
  private readonly named = new Map<string, TypeNode>();

  constructor(private readonly schemas: Readonly<Record<string, unknown>>) {}

  /** The type a named schema defines (DEDUCED when the name is unknown). */
  byName(name: string): TypeNode {
    const cached = this.named.get(name);
    if (cached !== undefined) return cached;
    let type: TypeNode = DEDUCED;
    const schema = hasKey(this.schemas as JsonMap, name) ? this.schemas[name] : undefined;
    if (UNTYPED_NAMES.has(name)) type = UNTYPED_SCALAR;
    else if (isMap(schema) && refName(schema) === undefined) type = this.parse(schema, false);
    this.named.set(name, type);
    return type;
  }

  /** The type of a field or item schema: a (possibly allOf-wrapped) reference, or inline. */
  ref(node: JsonMap, preserve: boolean): TypeNode {
    const name = refName(node);
    if (name === undefined) return this.parse(node, preserve);
    const mapType = node['x-kubernetes-map-type'];
    const type = this.byName(name);
    if (mapType === 'atomic') return withMapRelationship(type, true);
    if (mapType === 'granular') return withMapRelationship(type, false);
    return type;
  }

  private parse(node: JsonMap, inherited: boolean): TypeNode {
    const preserve = inherited || node['x-kubernetes-preserve-unknown-fields'] === true;
    if (node['x-kubernetes-int-or-string'] === true) return UNTYPED_SCALAR;
    const rawType = Array.isArray(node.type) ? node.type[0] : node.type;
    const type = typeof rawType === 'string' ? rawType : '';
    switch (type) {
      case '':
        return { scalar: 'untyped', list: this.list(node, preserve), map: this.object(node, preserve) };
      case 'object':
        return { scalar: null, list: null, map: this.object(node, preserve) };
      case 'array':
        return { scalar: null, list: this.list(node, preserve), map: null };
      case 'integer':
      case 'number':
        return { scalar: 'numeric', list: null, map: null };
      case 'boolean':
        return { scalar: 'boolean', list: null, map: null };
      case 'string':
        return {
          scalar: node.format === undefined || node.format === 'byte' ? 'string' : 'untyped',
          list: null,
          map: null,
        };
      default:
        return UNTYPED_SCALAR;
    }
  }

  private list(node: JsonMap, preserve: boolean): ListType {
    const { atomic, keys } = listRelationship(node);
    const items = node.items;
    return { atomic, keys, elem: lazy(() => (isMap(items) ? this.ref(items, preserve) : UNTYPED)) };
  }

  private object(node: JsonMap, preserve: boolean): MapType {
    const properties = isMap(node.properties) ? node.properties : {};
    const names = Object.keys(properties);
    const required = new Set(Array.isArray(node.required) ? node.required : []);
    const fields = new Map<string, () => FieldType>();
    for (const name of names) {
      const prop = properties[name];
      const schema = isMap(prop) ? prop : {};
      fields.set(
        name,
        lazy(() => ({
          type: this.ref(schema, preserve),
          default: schema.default,
          required: required.has(name),
        })),
      );
    }
    const additional = node.additionalProperties;
    const elem = lazy((): TypeNode | null => {
      if (additional === undefined) return preserve || names.length === 0 ? DEDUCED : null;
      if (isMap(additional)) return this.ref(additional, preserve);
      return additional === true ? DEDUCED : null;
    });
    return {
      atomic: node['x-kubernetes-map-type'] === 'atomic',
      fieldNames: names,
      field: (name) => fields.get(name)?.(),
      elem,
    };
  }
}

/** Where apply finds the types of a resource: an OpenAPI v3 schemas map and the kind's schema name. */
export interface ApplySchema {
  readonly schemas: Readonly<Record<string, object>>;
  /** The schema name of the kind, e.g. `io.k8s.api.apps.v1.Deployment`. */
  readonly root: string;
}

/** The root type of a resource; DEDUCED when there is no schema. */
export function rootType(schema: ApplySchema | undefined): TypeNode {
  if (schema === undefined) return DEDUCED;
  const schemas = isMap((schema.schemas as JsonMap).schemas)
    ? ((schema.schemas as JsonMap).schemas as JsonMap)
    : schema.schemas;
  return new Converter(schemas).byName(schema.root);
}

/** The type of a map's key: its declared field, else the element type (DEDUCED when none). */
export function fieldTypeOf(map: MapType, name: string): TypeNode {
  return map.field(name)?.type ?? map.elem() ?? DEDUCED;
}
