/**
 * OpenAPI v3 component schemas from parsed Go API packages, the way openapi-gen (and
 * kube-apiserver's v3 builder) makes them: one definition per exported struct type, named
 * after its package (`io.k8s.api.apps.v1.Deployment`), plus the types that declare their own
 * schema through `OpenAPISchemaType` / `OpenAPISchemaFormat` / `OpenAPIV3OneOfTypes` methods
 * (metav1.Time, IntOrString...) and resource.Quantity, whose package is not fetched.
 */
import { description, marker, markers } from './comments';
import type { GoField, GoFile } from './goast';
import { propertyName, structProperties } from './fields';
import { definitionName, groupVersionOf } from './names';
import { isDefinition, underlying, type Schema } from './typeschema';
import { Universe, type Declared } from './universe';

export interface GeneratedSchemas {
  /** Definition name -> schema, keys sorted. */
  readonly schemas: Record<string, Schema>;
  /** Types the generator could not resolve (their uses became open objects). */
  readonly warnings: readonly string[];
}

const QUANTITY = 'io.k8s.apimachinery.pkg.api.resource.Quantity';
const META = 'k8s.io/apimachinery/pkg/apis/meta/v1';

/** Quantity's schema: its package is not fetched, so its description is ours. */
const QUANTITY_SCHEMA: Schema = {
  description:
    'Quantity is a fixed-point decimal number written as a string: digits with an optional ' +
    'decimal SI suffix (m, k, M, G, T, P, E), binary SI suffix (Ki, Mi, Gi, Ti, Pi, Ei) or ' +
    'exponent (e3), for example 100m, 1.5, 128Mi or 1e3.',
  oneOf: [{ type: 'string' }, { type: 'number' }],
};

/** Sorts object keys at every level (arrays keep their order), as Go's JSON encoding of maps does. */
export function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (typeof value !== 'object' || value === null) return value;
  const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(entries.map(([k, v]) => [k, sortKeys(v)]));
}

/** A schema from `OpenAPISchemaType`-style methods, or undefined when the type has none. */
function customSchema(universe: Universe, declared: Declared): Schema | undefined {
  const { pkg, decl } = declared;
  const types = universe.method(pkg, decl.name, 'OpenAPISchemaType');
  if (types === undefined) return undefined;
  const format = universe.method(pkg, decl.name, 'OpenAPISchemaFormat');
  const oneOf = universe.method(pkg, decl.name, 'OpenAPIV3OneOfTypes');
  const schema: Schema = {};
  if (Array.isArray(oneOf) && oneOf.length > 0) schema.oneOf = oneOf.map((type: string) => ({ type }));
  else if (Array.isArray(types) && types[0] !== undefined) schema.type = types[0];
  if (typeof format === 'string' && format !== '') schema.format = format;
  return schema;
}

/** The type of a field, if it is a name in the meta/v1 package (`metav1.ObjectMeta` -> ObjectMeta). */
function metaTypeOf(universe: Universe, field: GoField, declared: Declared): string | null {
  const type = field.type.kind === 'pointer' ? field.type.elem : field.type;
  if (type.kind !== 'name') return null;
  const resolved = universe.resolve(declared.scope, type.pkg, type.name);
  return resolved.kind === 'declared' && resolved.declared.pkg === META ? type.name : null;
}

/**
 * `x-kubernetes-group-version-kind` of a top-level kind: a struct in a k8s.io/api group
 * package that embeds TypeMeta and has ObjectMeta (a kind) or ListMeta (a kind's list).
 */
function groupVersionKind(universe: Universe, declared: Declared, fields: readonly GoField[]) {
  const gv = groupVersionOf(declared.pkg);
  if (gv === null) return undefined;
  const metas = new Set(fields.map((f) => metaTypeOf(universe, f, declared)));
  if (!metas.has('TypeMeta') || !(metas.has('ObjectMeta') || metas.has('ListMeta'))) return undefined;
  return [{ group: gv.group, kind: declared.decl.name, version: gv.version }];
}

/** `x-kubernetes-unions` of a `+union` struct: its discriminator and the members it selects. */
function unions(fields: readonly GoField[]) {
  let discriminator: string | undefined;
  const members: Record<string, string> = {};
  for (const field of fields) {
    const name = propertyName(field);
    if (name === null) continue;
    if (markers(field.doc).has('unionDiscriminator')) discriminator = name;
    else members[name] = field.name;
  }
  const union: Schema = { 'fields-to-discriminateBy': members };
  if (discriminator !== undefined) union.discriminator = discriminator;
  return [union];
}

function definition(universe: Universe, declared: Declared, warn: (m: string) => void): Schema {
  const { decl } = declared;
  const text = description(decl.doc);
  const custom = customSchema(universe, declared);
  if (custom !== undefined) return text === '' ? custom : { description: text, ...custom };
  const struct = underlying(universe, decl.type, declared.scope);
  const fields = struct.type.kind === 'struct' ? struct.type.fields : [];
  const { properties, required } = structProperties(universe, fields, struct.scope, warn);
  const schema: Schema = { type: 'object' };
  if (text !== '') schema.description = text;
  if (Object.keys(properties).length > 0) schema.properties = properties;
  if (required.length > 0) schema.required = required;
  const structType = marker(decl.doc, 'structType');
  if (structType !== undefined) schema['x-kubernetes-map-type'] = structType;
  if (markers(decl.doc).has('union')) schema['x-kubernetes-unions'] = unions(fields);
  const gvk = groupVersionKind(universe, declared, fields);
  if (gvk !== undefined) schema['x-kubernetes-group-version-kind'] = gvk;
  return schema;
}

/**
 * Generates the component schemas of every definition in `packages` (import path -> parsed
 * files of that package).
 */
export function generateSchemas(packages: ReadonlyMap<string, readonly GoFile[]>): GeneratedSchemas {
  const universe = new Universe(packages);
  const warnings = new Set<string>();
  const warn = (message: string) => warnings.add(message);
  const schemas: Record<string, Schema> = { [QUANTITY]: QUANTITY_SCHEMA };
  for (const declared of universe.declarations()) {
    if (!isDefinition(universe, declared)) continue;
    schemas[definitionName(declared.pkg, declared.decl.name)] = definition(universe, declared, warn);
  }
  return { schemas: sortKeys(schemas) as Record<string, Schema>, warnings: [...warnings].sort() };
}
