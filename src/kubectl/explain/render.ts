/**
 * `kubectl explain`'s plaintext output from an OpenAPI v3 document, as kubectl v1.32's
 * built-in template renders it: the kind (found through the operations of the resource's
 * paths), then the schema of the kind or of the field path (DESCRIPTION and FIELDS, or each
 * field's type tree with `--recursive`), following `$ref`, `allOf`, `items` and
 * `additionalProperties`, and stopping at reference cycles.
 */
import { goSprint } from '../printers/gofmt';
import { indent, wrap } from './wrap';

type Schema = Record<string, unknown>;

/** An OpenAPI v3 document of one group-version. */
export interface OpenApiDocument {
  readonly paths?: Record<string, Schema>;
  readonly components?: { readonly schemas?: Record<string, Schema> };
}

/** The resource explained: group, version and plural. */
export interface Gvr {
  readonly group: string;
  readonly version: string;
  readonly resource: string;
}

/** An error the template throws: printed as it is (it starts with `error: `). */
export class ExplainError extends Error {}

const isSchema = (v: unknown): v is Schema => typeof v === 'object' && v !== null && !Array.isArray(v);
/** Go template truthiness of a value. */
const truthy = (v: unknown): boolean =>
  v !== undefined &&
  v !== null &&
  v !== false &&
  v !== '' &&
  v !== 0 &&
  !(Array.isArray(v) && v.length === 0) &&
  !(isSchema(v) && Object.keys(v).length === 0);
const sortedKeys = (o: Schema): string[] => Object.keys(o).sort();
/** `additionalProperties` when it is a schema (not the boolean form). */
const mapValues = (s: Schema): Schema | undefined =>
  truthy(s.additionalProperties) && typeof s.additionalProperties !== 'boolean'
    ? (s.additionalProperties as Schema)
    : undefined;

/** A context of the rendering: the document, and the refs seen on the way (cycle detection). */
interface Walk {
  readonly doc: OpenApiDocument;
  readonly history: ReadonlySet<string>;
}

/** resolveRef: the schema a fragment-only `$ref` points at, or undefined. */
function resolveRef(ref: unknown, doc: OpenApiDocument): Schema | undefined {
  if (typeof ref !== 'string' || !ref.startsWith('#')) return undefined;
  let current: unknown = doc;
  for (const part of ref.slice(1).split('/')) {
    if (part === '') continue;
    if (!isSchema(current) || !isSchema(current[part])) return undefined;
    current = current[part];
  }
  return current as Schema;
}

const refOf = (s: Schema): string => (typeof s.$ref === 'string' ? s.$ref : '');

/** The template's typeGuess: `string`, `[]Container`, `map[string]string`, `Object`... */
function typeGuess(schema: unknown, doc: OpenApiDocument): string {
  if (!truthy(schema)) throw new Error("expected schema argument to subtemplate 'typeguess'");
  const s = schema as Schema;
  if (truthy(s.items)) return `[]${typeGuess(s.items, doc)}`;
  const values = mapValues(s);
  if (values !== undefined) return `map[string]${typeGuess(values, doc)}`;
  const allOf = Array.isArray(s.allOf) ? s.allOf : [];
  if (allOf.length === 1 && !truthy(s.properties)) return typeGuess(allOf[0], doc);
  const ref = refOf(s);
  if (ref !== '') {
    const target = resolveRef(ref, doc);
    if (target === undefined || !truthy(target.type) || target.type === 'object')
      return ref.split('/').at(-1)?.split('.').at(-1) || 'Object';
    return String(target.type);
  }
  return s.type === 'object' ? 'Object' : truthy(s.type) ? String(s.type) : 'Object';
}

/** The enum of a field: `ENUM:` one per line (long view), or `enum: a, b, ....` under the field. */
function extractEnum(schema: Schema, long: boolean, limit: number, indentAmount = 0): string {
  const values = Array.isArray(schema.enum) ? schema.enum : [];
  if (values.length === 0) return '';
  let out = long ? 'ENUM:' : `\n${indent(indentAmount, '')}enum: `;
  for (const [i, value] of values.entries()) {
    if (limit > -1 && i >= limit) {
      out += ', ....';
      break;
    }
    if (i > 0 && !long) out += ', ';
    else if (long) out += '\n    ';
    out += value === '' ? '""' : goSprint(value);
  }
  return out;
}

/** The descriptions of a schema and of what it is made of (allOf, items, map values). */
function description(schema: unknown, doc: OpenApiDocument): string {
  const s = resolveRef(isSchema(schema) ? schema.$ref : undefined, doc) ?? schema;
  if (!truthy(s)) return '';
  const r = s as Schema;
  let out = truthy(r.description) ? `${String(r.description)}\n` : '';
  for (const part of Array.isArray(r.allOf) ? r.allOf : []) out += description(part, doc);
  if (truthy(r.items)) out += description(r.items, doc);
  const values = mapValues(r);
  if (values !== undefined) out += description(values, doc);
  return out;
}

/** One field's line (`  name\t<type> -required-`), and its description unless `short`. */
function fieldDetail(
  name: string,
  parent: Schema,
  short: boolean,
  level: number,
  doc: OpenApiDocument,
): string {
  const amount = level * 2;
  const field = (parent.properties as Schema)[name] as Schema;
  let out = `${indent(amount, name)}\t<${typeGuess(field, doc)}>`;
  if (Array.isArray(parent.required) && parent.required.includes(name)) out += ' -required-';
  out += `${extractEnum(field, false, 4, amount)}\n`;
  if (!short) {
    const text = truthy(field.description) ? String(field.description) : '<no description>';
    out += `${indent(amount + 2, wrap(text, 78 - amount))}\n\n`;
  }
  return out;
}

/** The fields of a schema (and, recursively, theirs), stopping at refs already followed. */
function fieldList(schema: Schema, level: number, recursive: boolean, walk: Walk): string {
  const ref = refOf(schema);
  if (ref !== '' && walk.history.has(ref)) return '';
  const next: Walk = { ...walk, history: new Set([...walk.history, ref]) };
  const s = resolveRef(ref, walk.doc) ?? schema;
  let out = '';
  const properties = isSchema(s.properties) ? s.properties : {};
  for (const name of sortedKeys(properties)) {
    out += fieldDetail(name, s, recursive, level, walk.doc);
    if (recursive) out += fieldList(properties[name] as Schema, level + 1, recursive, next);
  }
  for (const part of Array.isArray(s.allOf) ? s.allOf : [])
    out += fieldList(part as Schema, level, recursive, next);
  if (truthy(s.items)) out += fieldList(s.items as Schema, level, recursive, next);
  const values = mapValues(s);
  if (values !== undefined) out += fieldList(values, level, recursive, next);
  return out;
}

/** The explanation of `schema` at `path`, or '' when the path leads nowhere. */
function output(schema: Schema, path: readonly string[], recursive: boolean, walk: Walk): string {
  const ref = refOf(schema);
  const next: Walk = { ...walk, history: new Set([...walk.history, ref]) };
  const s = resolveRef(ref, walk.doc) ?? schema;
  if (path.length === 0) {
    const text = description(s, walk.doc) || '<empty>';
    let out = `DESCRIPTION:\n${indent(4, wrap(text, 76))}\n`;
    const fields = fieldList(s, 1, recursive, { doc: walk.doc, history: new Set() });
    if (fields !== '') out += `FIELDS:\n${fields}`;
    return out;
  }
  if (ref !== '' && walk.history.has(ref)) return '';
  const [first = '', ...rest] = path;
  const properties = isSchema(s.properties) ? s.properties : undefined;
  if (properties !== undefined && truthy(properties[first])) {
    const field = properties[first] as Schema;
    let out = '';
    if (rest.length === 0)
      out += `FIELD: ${first} <${typeGuess(field, walk.doc)}>\n${extractEnum(field, true, -1)}\n\n`;
    return out + output(field, rest, recursive, { doc: walk.doc, history: new Set() });
  }
  if (truthy(s.items)) return output(s.items as Schema, path, recursive, next);
  const values = mapValues(s);
  if (values !== undefined) return output(values, path, recursive, next);
  for (const part of Array.isArray(s.allOf) ? s.allOf : []) {
    const out = output(part as Schema, path, recursive, next);
    if (out !== '') return out;
  }
  return '';
}

/** Go's %v of a GVK map: `map[group:apps kind:Deployment version:v1]`. */
const goMap = (m: Schema) =>
  `map[${sortedKeys(m)
    .map((k) => `${k}:${goSprint(m[k])}`)
    .join(' ')}]`;

const sameGvk = (a: unknown, b: Schema) =>
  isSchema(a) &&
  Object.keys(a).length === Object.keys(b).length &&
  Object.keys(b).every((k) => a[k] === b[k]);

/** The kind the resource's paths serve (their operations' x-kubernetes-group-version-kind). */
function gvkOf(doc: OpenApiDocument, gvr: Gvr): Schema | undefined {
  const prefix = gvr.group === '' ? '/api' : `/apis/${gvr.group}`;
  const base = `${prefix}/${gvr.version}`;
  const candidates = [
    `${base}/${gvr.resource}`,
    `${base}/${gvr.resource}/{name}`,
    `${base}/namespaces/{namespace}/${gvr.resource}`,
    `${base}/namespaces/{namespace}/${gvr.resource}/{name}`,
  ];
  let gvk: unknown;
  for (const path of candidates) {
    const element = doc.paths?.[path];
    if (!truthy(element)) continue;
    for (const method of ['get', 'post', 'put', 'patch', 'delete']) {
      const operation = (element as Schema)[method];
      if (!truthy(operation)) continue;
      gvk = (operation as Schema)['x-kubernetes-group-version-kind'];
      if (truthy(gvk)) break;
    }
  }
  return truthy(gvk) ? (gvk as Schema) : undefined;
}

/**
 * Renders the explanation of `gvr` at `fieldPath` through `write`. Throws an ExplainError
 * (after the header was written, as kubectl's template does) for what it cannot find.
 */
export function renderExplain(
  doc: OpenApiDocument,
  gvr: Gvr,
  fieldPath: readonly string[],
  recursive: boolean,
  write: (text: string) => void,
): void {
  const gvk = gvkOf(doc, gvr);
  if (gvk === undefined)
    throw new ExplainError(
      `error: GVR (${gvr.group}/${gvr.version}, Resource=${gvr.resource}) not found in OpenAPI schema`,
    );
  if (truthy(gvk.group)) write(`GROUP:      ${goSprint(gvk.group)}\n`);
  write(`KIND:       ${goSprint(gvk.kind)}\nVERSION:    ${goSprint(gvk.version)}\n\n`);
  const schemas = doc.components?.schemas ?? {};
  let text = '';
  for (const name of sortedKeys(schemas)) {
    const schema = schemas[name] as Schema;
    const kinds = schema['x-kubernetes-group-version-kind'];
    if (!Array.isArray(kinds) || !kinds.some((k) => sameGvk(k, gvk))) continue;
    text = output(schema, fieldPath, recursive, { doc, history: new Set() });
    if (text === '')
      throw new ExplainError(`error: field ${JSON.stringify(fieldPath.at(-1) ?? '')} does not exist`);
    break;
  }
  if (text === '') throw new ExplainError(`error: GVK ${goMap(gvk)} not found in OpenAPI schema`);
  write(`${text}\n`);
}
