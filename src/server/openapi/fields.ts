/**
 * A struct's `properties` and `required`, field by field as openapi-gen writes them: JSON name
 * from the `json` tag (inline members flattened in), description from the doc comment (plus
 * the possible values of an `+enum` type), defaults, and the `x-kubernetes-*` extensions that
 * strategic merge patch and server-side apply read.
 */
import { description, marker, markers } from './comments';
import { jsonTag, tagValue, type GoField, type GoType } from './goast';
import { enforcedDefault, typeSchema, underlying, withSiblings, type Schema, type Warn } from './typeschema';
import type { Scope, Universe } from './universe';

export interface Properties {
  readonly properties: Record<string, Schema>;
  readonly required: string[];
}

/** The struct behind a (possibly pointer, possibly named) field type, with the scope to read it in. */
function structOf(universe: Universe, type: GoType, scope: Scope) {
  const found = underlying(universe, type.kind === 'pointer' ? type.elem : type, scope);
  return found.type.kind === 'struct' ? { fields: found.type.fields, scope: found.scope } : undefined;
}

/** Whether a field may be left out: `+optional` or omitempty, unless it says `+required`. */
export function isOptional(field: GoField): boolean {
  const found = markers(field.doc);
  if (found.has('required')) return false;
  return found.has('optional') || jsonTag(field).options.includes('omitempty');
}

/** The JSON name of a field that appears in JSON as a property, or null (inline, `-`, unexported). */
export function propertyName(field: GoField): string | null {
  const { name, options } = jsonTag(field);
  if (name === '-' && options.length === 0) return null;
  if (options.includes('inline') || (field.embedded && name === '')) return null;
  if (!/^[A-Z]/.test(field.name)) return null;
  return name === '' ? field.name : name;
}

/** Collects the properties of a struct's fields, flattening inline members like encoding/json. */
export function structProperties(
  universe: Universe,
  fields: readonly GoField[],
  scope: Scope,
  warn: Warn,
): Properties {
  const out: Properties = { properties: {}, required: [] };
  const depthOf = new Map<string, number>();
  const visit = (members: readonly GoField[], memberScope: Scope, depth: number) => {
    for (const field of members) {
      const { name: json, options } = jsonTag(field);
      const inline = options.includes('inline') || (field.embedded && json === '');
      if (inline && json !== '-') {
        const inner = structOf(universe, field.type, memberScope);
        if (inner === undefined) warn(`cannot inline ${field.name} in ${memberScope.pkg}`);
        else if (depth < 16) visit(inner.fields, inner.scope, depth + 1);
        continue;
      }
      const name = propertyName(field);
      if (name === null || (depthOf.get(name) ?? Infinity) <= depth) continue;
      depthOf.set(name, depth);
      out.properties[name] = fieldSchema(universe, field, memberScope, warn);
      const at = out.required.indexOf(name);
      if (at >= 0) out.required.splice(at, 1);
      if (!isOptional(field)) out.required.push(name);
    }
  };
  visit(fields, scope, 0);
  return out;
}

/** The schema of one field: its type's schema with description, default and extensions. */
export function fieldSchema(universe: Universe, field: GoField, scope: Scope, warn: Warn): Schema {
  const schema = typeSchema(universe, field.type, scope, warn);
  const enumInfo = enumOf(universe, field.type, scope);
  const text = description(enumInfo === undefined ? field.doc : [...field.doc, ...enumInfo.lines]);
  const found = markers(field.doc);
  const listMapKeys = found.get('listMapKey');
  return withSiblings(schema, {
    description: text === '' ? undefined : text,
    default:
      explicitDefault(universe, field, scope, warn) ??
      enforcedDefault(universe, field.type, scope, jsonTag(field).options.includes('omitempty')),
    enum: enumInfo?.values,
    'x-kubernetes-patch-strategy': tagValue(field.tag, 'patchStrategy') ?? marker(field.doc, 'patchStrategy'),
    'x-kubernetes-patch-merge-key':
      tagValue(field.tag, 'patchMergeKey') ?? marker(field.doc, 'patchMergeKey'),
    'x-kubernetes-list-type': found.get('listType')?.[0],
    'x-kubernetes-list-map-keys': listMapKeys === undefined ? undefined : [...listMapKeys],
    'x-kubernetes-map-type': found.get('mapType')?.[0] ?? found.get('structType')?.[0],
  });
}

/** A `+default=<json>` or `+default=ref(<Const>)` marker's value. */
function explicitDefault(universe: Universe, field: GoField, scope: Scope, warn: Warn): unknown {
  const value = marker(field.doc, 'default');
  if (value === undefined) return undefined;
  const ref = /^ref\((?:([A-Za-z0-9_]+)\.)?([A-Za-z0-9_]+)\)$/.exec(value);
  if (ref?.[2] !== undefined) {
    const pkg = ref[1] === undefined ? scope.pkg : (scope.imports.get(ref[1]) ?? ref[1]);
    const found = universe.consts(pkg).find((c) => c.name === ref[2]);
    if (found?.value === null || found === undefined) warn(`default ${value}: no such constant in ${pkg}`);
    return found?.value ?? undefined;
  }
  try {
    return JSON.parse(value) as unknown;
  } catch {
    warn(`default ${value} of ${field.name} is not JSON`);
    return undefined;
  }
}

/**
 * For a field whose type is an `+enum` string type: its constants' values, sorted, and the
 * description lines listing them (each with its constant's doc, minus the constant's name).
 */
function enumOf(universe: Universe, type: GoType, scope: Scope) {
  const named = type.kind === 'pointer' ? type.elem : type;
  if (named.kind !== 'name') return undefined;
  const resolved = universe.resolve(scope, named.pkg, named.name);
  if (resolved.kind !== 'declared' || !markers(resolved.declared.decl.doc).has('enum')) return undefined;
  const { pkg, decl } = resolved.declared;
  const consts = universe
    .consts(pkg)
    .filter((c): c is typeof c & { value: string } => c.type === decl.name && typeof c.value === 'string');
  if (consts.length === 0) return undefined;
  const byValue = new Map<string, string>();
  for (const c of consts) {
    const prose = c.doc.filter((line) => !line.trim().startsWith('+')).join(' ');
    const text = prose
      .trim()
      .replace(new RegExp(`^${c.name}`), '')
      .trim()
      .replace(/\s+/g, ' ');
    if (!byValue.has(c.value)) byValue.set(c.value, text);
  }
  const values = [...byValue.keys()].sort();
  const lines = values.map((v) => {
    const text = byValue.get(v) ?? '';
    return ` - \`${JSON.stringify(v)}\`${text === '' ? '' : ` ${text}`}`;
  });
  return { values, lines: ['', 'Possible enum values:', ...lines] };
}
