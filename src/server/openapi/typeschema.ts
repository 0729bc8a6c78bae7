/**
 * The schema of a Go type expression, as openapi-gen writes it where a field uses the type:
 * builtins become `type`/`format`, named non-struct types are inlined, struct types (and types
 * with their own OpenAPI methods) become `$ref`s to their definitions, slices and maps get
 * `items` / `additionalProperties`. Also the zero-value defaults openapi-gen enforces.
 */
import { marker } from './comments';
import type { GoType } from './goast';
import { definitionName } from './names';
import type { Declared, Resolved, Scope, Universe } from './universe';

export type Schema = Record<string, unknown>;

export const REF_PREFIX = '#/components/schemas/';

/** OpenAPI type and format of Go's builtins (openapi-gen's table). */
const BUILTIN_SCHEMAS: Readonly<Record<string, readonly [string, string]>> = {
  string: ['string', ''],
  bool: ['boolean', ''],
  byte: ['integer', 'byte'],
  uint8: ['integer', 'byte'],
  int8: ['integer', 'byte'],
  rune: ['integer', 'int32'],
  int: ['integer', 'int32'],
  int16: ['integer', 'int32'],
  int32: ['integer', 'int32'],
  uint: ['integer', 'int32'],
  uint16: ['integer', 'int32'],
  int64: ['integer', 'int64'],
  uint32: ['integer', 'int64'],
  uint64: ['integer', 'int64'],
  float32: ['number', 'float'],
  float64: ['number', 'double'],
  any: ['object', ''],
};

/** Well-known external types with a definition of their own (and so a `$ref`). */
export const EXTERNAL_DEFINITIONS = new Set(['k8s.io/apimachinery/pkg/api/resource.Quantity']);

function builtinSchema(name: string): Schema {
  const [type, format] = BUILTIN_SCHEMAS[name] ?? ['object', ''];
  return format === '' ? { type } : { type, format };
}

function zeroValue(name: string): unknown {
  if (name === 'string') return '';
  if (name === 'bool') return false;
  return name === 'any' ? undefined : 0;
}

/** Whether a declaration gets an OpenAPI definition of its own (a struct, or a custom schema). */
export function isDefinition(universe: Universe, declared: Declared): boolean {
  const { decl, pkg } = declared;
  if (decl.alias || !/^[A-Z]/.test(decl.name)) return false;
  if (marker(decl.doc, 'k8s:openapi-gen') === 'false') return false;
  if (universe.method(pkg, decl.name, 'OpenAPISchemaType') !== undefined) return true;
  return underlying(universe, decl.type, declared.scope).type.kind === 'struct';
}

/**
 * The type a named type stands for, following names (not pointers) to a non-name type, with
 * the scope that type is written in.
 */
export function underlying(
  universe: Universe,
  type: GoType,
  scope: Scope,
  depth = 0,
): { type: GoType; scope: Scope } {
  if (type.kind !== 'name' || depth > 32) return { type, scope };
  const resolved = universe.resolve(scope, type.pkg, type.name);
  if (resolved.kind === 'declared')
    return underlying(universe, resolved.declared.decl.type, resolved.declared.scope, depth + 1);
  if (resolved.kind === 'external')
    return { type: resolved.type, scope: { pkg: resolved.pkg, imports: new Map() } };
  return { type, scope };
}

/** Reports types the generator could not resolve, once each. */
export type Warn = (message: string) => void;

/** The schema of `type` where a field or element uses it. */
export function typeSchema(universe: Universe, type: GoType, scope: Scope, warn: Warn): Schema {
  switch (type.kind) {
    case 'pointer':
      return typeSchema(universe, type.elem, scope, warn);
    case 'slice':
    case 'array': {
      const elem = underlying(universe, type.elem, scope).type;
      if (elem.kind === 'name' && (elem.name === 'byte' || elem.name === 'uint8') && elem.pkg === null)
        return { type: 'string', format: 'byte' };
      return { type: 'array', items: elementSchema(universe, type.elem, scope, warn) };
    }
    case 'map':
      return { type: 'object', additionalProperties: elementSchema(universe, type.value, scope, warn) };
    case 'struct':
      warn(`anonymous struct in ${scope.pkg}`);
      return { type: 'object' };
    case 'other':
      return { type: 'object' };
    case 'name':
      return namedSchema(universe, universe.resolve(scope, type.pkg, type.name), warn);
  }
}

function namedSchema(universe: Universe, resolved: Resolved, warn: Warn): Schema {
  switch (resolved.kind) {
    case 'builtin':
      return builtinSchema(resolved.name);
    case 'declared': {
      const { declared } = resolved;
      if (isDefinition(universe, declared))
        return { $ref: REF_PREFIX + definitionName(declared.pkg, declared.decl.name) };
      return typeSchema(universe, declared.decl.type, declared.scope, warn);
    }
    case 'external': {
      const full = `${resolved.pkg}.${resolved.name}`;
      if (EXTERNAL_DEFINITIONS.has(full))
        return { $ref: REF_PREFIX + definitionName(resolved.pkg, resolved.name) };
      if (full === 'time.Time') return { type: 'string', format: 'date-time' };
      return typeSchema(universe, resolved.type, { pkg: resolved.pkg, imports: new Map() }, warn);
    }
    case 'unknown':
      warn(`unknown type ${resolved.pkg}.${resolved.name}`);
      return { type: 'object' };
  }
}

/**
 * Puts a `$ref` schema that gains siblings (description, default, extensions) behind
 * `allOf`, as OpenAPI v3 documents from kube-apiserver do.
 */
export function withSiblings(schema: Schema, siblings: Schema): Schema {
  const extra = Object.fromEntries(Object.entries(siblings).filter(([, v]) => v !== undefined));
  if (Object.keys(extra).length === 0) return schema;
  if (typeof schema.$ref === 'string') {
    const { $ref, ...rest } = schema;
    return { allOf: [{ $ref }], ...rest, ...extra };
  }
  return { ...schema, ...extra };
}

/** The schema of a slice element or map value: the type's schema with its enforced default. */
function elementSchema(universe: Universe, type: GoType, scope: Scope, warn: Warn): Schema {
  const schema = typeSchema(universe, type, scope, warn);
  return withSiblings(schema, { default: enforcedDefault(universe, type, scope, false) });
}

/**
 * The default openapi-gen gives a value that can never be absent: `{}` for structs, the zero
 * value for builtins without `omitempty`; nothing for pointers, slices and maps.
 */
export function enforcedDefault(
  universe: Universe,
  type: GoType,
  scope: Scope,
  omitEmpty: boolean,
  depth = 0,
): unknown {
  if (depth > 32) return undefined;
  switch (type.kind) {
    case 'pointer':
    case 'slice':
    case 'array':
    case 'map':
    case 'other':
      return undefined;
    case 'struct': {
      const [only, ...others] = type.fields;
      if (only?.embedded === true && others.length === 0)
        return enforcedDefault(universe, only.type, scope, omitEmpty, depth + 1);
      return {};
    }
    case 'name': {
      const resolved = universe.resolve(scope, type.pkg, type.name);
      switch (resolved.kind) {
        case 'builtin':
          return omitEmpty ? undefined : zeroValue(resolved.name);
        case 'declared':
          return enforcedDefault(
            universe,
            resolved.declared.decl.type,
            resolved.declared.scope,
            omitEmpty,
            depth + 1,
          );
        case 'external':
          if (resolved.type.kind === 'struct') return {};
          return enforcedDefault(universe, resolved.type, scope, omitEmpty, depth + 1);
        case 'unknown':
          return undefined;
      }
    }
  }
}
