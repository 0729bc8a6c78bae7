/**
 * The decoding walk: visits a JSON value alongside its schema the way upstream's decoder
 * visits it, collecting unknown fields and type mismatches with upstream's wording.
 *
 * Two decoders are modelled. `json` is the request-body decoder (sigs.k8s.io/json, a fork of
 * encoding/json): a mismatch is remembered and decoding goes on, the first one remembered is
 * reported, but an error raised by a type's own decoder (a bad quantity or timestamp, a
 * boolean IntOrString) stops decoding at once and is reported instead. `unstructured` is
 * the map-to-struct converter strategic merge patches go through: every error stops it, its
 * texts differ (`cannot restore slice from map`), and unknown fields come out sorted.
 */
import { parseQuantity, isQuantityError } from '../validation/quantity';
import { goQuote } from '../validation/gofmt';
import { base64Error } from './gobase64';
import { goTimeParseError } from './gotime';
import { NAMED_TYPES } from './named';
import { goKindName, goTypeName, resolve, type Resolved, type Schemas } from './resolve';

/** Which upstream decoder to model. */
export type Decoder = 'json' | 'unstructured';

/** Upstream keeps at most this many strict-decoding errors. */
const MAX_UNKNOWN = 100;

interface State {
  readonly schemas: Schemas;
  readonly decoder: Decoder;
  readonly unknown: string[];
  readonly mismatches: string[];
  fatal?: string;
}

/** Where a value sits: its strict path, the json field names above it, its struct. */
interface Where {
  readonly path: string;
  readonly fields: readonly string[];
  readonly struct: string;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** encoding/json's name for a JSON value's type. */
function jsonKind(v: unknown): string {
  if (typeof v === 'string') return 'string';
  if (typeof v === 'number') return 'number';
  if (typeof v === 'boolean') return 'bool';
  return Array.isArray(v) ? 'array' : 'object';
}

/** reflect's kind of the Go value the unstructured map holds for a JSON value. */
function mapKind(v: unknown): string {
  if (typeof v === 'number') return Number.isInteger(v) ? 'int64' : 'float64';
  if (typeof v === 'string' || typeof v === 'boolean') return jsonKind(v);
  return Array.isArray(v) ? 'slice' : 'map';
}

function inRange(n: number, bits: 32 | 64): boolean {
  const limit = 2 ** (bits - 1);
  return Number.isInteger(n) && n >= -limit && n < limit;
}

/** `into Go struct field Struct.a.b` or `into Go value`, as UnmarshalTypeError prints. */
function target(where: Where | undefined): string {
  if (where === undefined || (where.struct === '' && where.fields.length === 0)) return 'Go value';
  return `Go struct field ${where.struct}.${where.fields.join('.')}`;
}

function unmarshalError(value: string, where: Where | undefined, goType: string): string {
  return `json: cannot unmarshal ${value} into ${target(where)} of type ${goType}`;
}

function child(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}

/** A mismatch the json decoder remembers and moves past; the converter stops at it. */
function mismatch(st: State, message: string): void {
  if (st.decoder === 'json') st.mismatches.push(message);
  else st.fatal = message;
}

/** The converter's text for a value that does not fit its field. */
function converterError(v: unknown, r: Resolved, schemas: Schemas): string {
  const from = mapKind(v);
  const s = r.shape;
  if (s.kind === 'struct') return `cannot restore struct from: ${from}`;
  if (s.kind === 'map') return `cannot restore map from ${from}`;
  if (s.kind === 'array' || (s.kind === 'scalar' && s.scalar === 'bytes')) {
    return `cannot restore slice from ${from}`;
  }
  if (s.kind === 'scalar') {
    // Go converts ints to strings and floats to ints, so those fail with another text.
    if (from === 'int64' && s.scalar === 'string') return `cannot convert int64 to ${goTypeName(r, schemas)}`;
    if (from === 'float64' && (s.scalar === 'int32' || s.scalar === 'int64')) {
      return `cannot convert float64 to ${goTypeName(r, schemas)}`;
    }
    return `unrecognized type: ${goKindName(s.scalar)}`;
  }
  return `unrecognized type: ${from}`;
}

function wrongType(st: State, v: unknown, r: Resolved, where: Where): void {
  if (st.decoder === 'json') mismatch(st, unmarshalError(jsonKind(v), where, goTypeName(r, st.schemas)));
  else st.fatal = converterError(v, r, st.schemas);
}

/** Errors from apimachinery's own decoders; encoding/json type errors get the field context. */
function customDecoderError(st: State, v: unknown, r: Resolved, where: Where): string | undefined {
  const context = st.decoder === 'json' ? where : undefined;
  switch (r.shape.kind) {
    case 'quantity': {
      const text = typeof v === 'string' ? v.trim() : typeof v === 'number' ? v : JSON.stringify(v);
      const q = parseQuantity(text);
      return isQuantityError(q) ? q.error : undefined;
    }
    case 'intOrString':
      if (typeof v === 'string') return undefined;
      if (typeof v === 'number') {
        return inRange(v, 32) ? undefined : unmarshalError(`number ${String(v)}`, context, 'int32');
      }
      return unmarshalError(jsonKind(v), context, 'int32');
    case 'time':
      if (typeof v !== 'string') return unmarshalError(jsonKind(v), context, 'string');
      return goTimeParseError(v, r.shape.micro);
    default:
      return undefined;
  }
}

function walkScalar(st: State, v: unknown, r: Resolved, where: Where): void {
  if (r.shape.kind !== 'scalar') return;
  switch (r.shape.scalar) {
    case 'string':
      if (typeof v !== 'string') wrongType(st, v, r, where);
      return;
    case 'bytes': {
      if (typeof v !== 'string') return wrongType(st, v, r, where);
      const err = base64Error(v);
      if (err !== undefined) mismatch(st, st.decoder === 'json' ? err : `error decoding from json: ${err}`);
      return;
    }
    case 'int32':
    case 'int64':
      if (typeof v !== 'number') return wrongType(st, v, r, where);
      if (st.decoder === 'unstructured') {
        // The converter truncates integral floats and wraps overflowing ints silently.
        if (!Number.isInteger(v)) st.fatal = converterError(v, r, st.schemas);
      } else if (!inRange(v, r.shape.scalar === 'int32' ? 32 : 64)) {
        mismatch(st, unmarshalError(`number ${String(v)}`, where, goTypeName(r, st.schemas)));
      }
      return;
    case 'float64':
      if (typeof v !== 'number') wrongType(st, v, r, where);
      return;
    case 'bool':
      if (typeof v !== 'boolean') wrongType(st, v, r, where);
      return;
  }
}

function walkStruct(st: State, v: Record<string, unknown>, r: Resolved, where: Where, root: boolean): void {
  if (r.shape.kind !== 'struct') return;
  const { name, props } = r.shape;
  for (const [key, value] of Object.entries(v)) {
    if (st.fatal !== undefined) return;
    if (root && (key === 'apiVersion' || key === 'kind')) continue;
    const path = child(where.path, key);
    if (!Object.hasOwn(props, key)) {
      if (st.unknown.length < MAX_UNKNOWN) {
        st.unknown.push(`unknown field ${st.decoder === 'json' ? goQuote(path) : `"${path}"`}`);
      }
      continue;
    }
    const named = NAMED_TYPES[`${name}.${key}`];
    const next = { path, fields: [...where.fields, key], struct: name };
    walk(st, value, resolve(props[key], st.schemas, named), next, false);
  }
}

/** Decodes `v` as the schema `r` describes, at `where`. */
function walk(st: State, v: unknown, r: Resolved, where: Where, root: boolean): void {
  if (v === null || v === undefined || st.fatal !== undefined) return;
  const s = r.shape;
  switch (s.kind) {
    case 'any':
      return;
    case 'quantity':
    case 'intOrString':
    case 'time': {
      const err = customDecoderError(st, v, r, where);
      if (err !== undefined) st.fatal = err;
      return;
    }
    case 'array': {
      if (!Array.isArray(v)) return wrongType(st, v, r, where);
      const items = resolve(s.items, st.schemas, r.named);
      v.forEach((item, i) => walk(st, item, items, { ...where, path: `${where.path}[${i}]` }, false));
      return;
    }
    case 'map': {
      if (!isPlainObject(v)) return wrongType(st, v, r, where);
      const values = resolve(s.values, st.schemas);
      for (const [key, value] of Object.entries(v)) {
        // The converter does not put map keys in its paths.
        const path = st.decoder === 'json' ? child(where.path, key) : where.path;
        walk(st, value, values, { ...where, path }, false);
      }
      return;
    }
    case 'struct':
      if (!isPlainObject(v)) return wrongType(st, v, r, where);
      return walkStruct(st, v, r, where, root);
    case 'scalar':
      return walkScalar(st, v, r, where);
  }
}

/** What one walk found. */
export interface WalkResult {
  readonly unknownFields: string[];
  readonly typeErrors: string[];
}

/** Walks `body` against the component schema `rootName`. */
export function walkBody(body: unknown, schemas: Schemas, rootName: string, decoder: Decoder): WalkResult {
  const st: State = { schemas, decoder, unknown: [], mismatches: [] };
  const root = resolve({ $ref: `#/components/schemas/${rootName}` }, schemas);
  walk(st, body, root, { path: '', fields: [], struct: '' }, true);
  const unknownFields = decoder === 'unstructured' ? [...st.unknown].sort() : st.unknown;
  const typeErrors = st.fatal === undefined ? st.mismatches : [st.fatal, ...st.mismatches];
  return { unknownFields, typeErrors };
}
