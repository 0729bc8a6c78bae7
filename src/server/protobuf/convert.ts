/**
 * Decoded protobuf messages -> the JSON Go's encoding/json writes for the same Go values, and
 * the `runtime.Unknown` envelope around a top-level object.
 */
import protobuf from 'protobufjs';
import type { Field, Type } from 'protobufjs';
import { isProtobuf, MAGIC, ProtobufDecodeError } from './errors';
import { missingSchemaError, packageDirOf, packageNameOf } from './files';
import type { Schema } from './schema';

/* ---------------------------------------------------------------- proto -> JSON */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Decoded = Record<string, unknown>;

const META = '.k8s.io.apimachinery.pkg.apis.meta.v1';
const UNKNOWN = '.k8s.io.apimachinery.pkg.runtime.Unknown';

function isLong(value: unknown): value is { toString(): string } {
  return typeof value === 'object' && value !== null && 'low' in value && 'high' in value;
}

/** int32 values are numbers; int64 values are Long objects (or numbers, without long.js). */
function toNumber(value: unknown): number {
  if (typeof value === 'number') return value;
  if (isLong(value) || typeof value === 'string') return Number(value.toString());
  return 0;
}

const hasOwn = (message: Decoded, name: string): boolean => Object.hasOwn(message, name);

/** A metav1.Time or MicroTime: RFC 3339 in UTC (seconds, or microseconds), null when zero. */
function formatTime(message: Decoded, micro: boolean): Json {
  if (!hasOwn(message, 'seconds') && !hasOwn(message, 'nanos')) return null;
  const seconds = toNumber(message.seconds);
  const nanos = toNumber(message.nanos);
  const iso = new Date(seconds * 1000).toISOString().replace(/\.\d{3}Z$/, '');
  return micro ? `${iso}.${String(Math.floor(nanos / 1000)).padStart(6, '0')}Z` : `${iso}Z`;
}

function parseRaw(schemaRef: Schema, raw: Uint8Array, what: string): Json {
  const bytes = Buffer.from(raw);
  if (bytes.length === 0) return null;
  if (bytes.subarray(0, MAGIC.length).equals(MAGIC)) return decodeEnvelope(schemaRef, bytes);
  try {
    return JSON.parse(bytes.toString('utf8')) as Json;
  } catch {
    throw new ProtobufDecodeError(`${what} holds neither JSON nor a Kubernetes protobuf object`);
  }
}

/** Types whose Go JSON form is not a plain object of their fields. */
function convertSpecial(schemaRef: Schema, type: Type, message: Decoded): Json | undefined {
  switch (type.fullName) {
    case `${META}.Time`:
      return formatTime(message, false);
    case `${META}.MicroTime`:
      return formatTime(message, true);
    case `${META}.FieldsV1`:
      return parseRaw(schemaRef, (message.Raw as Uint8Array | undefined) ?? new Uint8Array(), 'a FieldsV1');
    case '.k8s.io.apimachinery.pkg.runtime.RawExtension':
      return parseRaw(
        schemaRef,
        (message.raw as Uint8Array | undefined) ?? new Uint8Array(),
        'a RawExtension',
      );
    case '.k8s.io.apimachinery.pkg.util.intstr.IntOrString':
      return toNumber(message.type) === 1 ? String(message.strVal ?? '') : toNumber(message.intVal);
    case '.k8s.io.apimachinery.pkg.api.resource.Quantity': {
      const text = typeof message.string === 'string' ? message.string : '';
      return text === '' ? '0' : text;
    }
    default:
      return undefined;
  }
}

function convertScalar(field: Field, value: unknown): Json {
  switch (field.type) {
    case 'string':
      return typeof value === 'string' ? value : '';
    case 'bool':
      return value === true;
    case 'bytes':
      return value instanceof Uint8Array ? Buffer.from(value).toString('base64') : '';
    default:
      return toNumber(value ?? 0);
  }
}

function isZero(value: Json): boolean {
  return value === '' || value === 0 || value === false;
}

function convertValue(schemaRef: Schema, field: Field, value: unknown): Json {
  const type = field.resolvedType;
  if (type instanceof protobuf.Type)
    return convertMessage(schemaRef, type, (value ?? type.create()) as Decoded);
  return convertScalar(field, value);
}

/** A decoded message as the JSON Go's encoding/json writes for the corresponding Go value. */
function convertMessage(schemaRef: Schema, type: Type, message: Decoded): Json {
  const special = convertSpecial(schemaRef, type, message);
  if (special !== undefined) return special;
  const pkg = schemaRef.goPackage(type);
  const only = type.fieldsArray[0];
  if (pkg.lists.has(type.name) && type.fieldsArray.length === 1 && only?.repeated === true) {
    const items = (message[only.name] as unknown[] | undefined) ?? [];
    return items.length === 0 ? null : items.map((item) => convertValue(schemaRef, only, item));
  }
  const goStruct = pkg.structs.get(type.name);
  const out: { [key: string]: Json } = {};
  for (const field of type.fieldsArray) {
    const go = goStruct?.fields.get(field.id);
    if (go?.skip === true) continue;
    const name = go?.json ?? field.name;
    // Without Go type information, behave like the common case: omitempty, non-pointer.
    const omitempty = go?.omitempty ?? true;
    const present = hasOwn(message, field.name);
    const value = message[field.name];
    if (field.map) {
      const entries = Object.entries((value as Record<string, unknown> | undefined) ?? {});
      if (entries.length > 0)
        out[name] = Object.fromEntries(
          entries.map(([key, item]) => [key, convertValue(schemaRef, field, item)]),
        );
      else if (!omitempty) out[name] = null;
    } else if (field.repeated) {
      const items = (value as unknown[] | undefined) ?? [];
      if (items.length > 0) out[name] = items.map((item) => convertValue(schemaRef, field, item));
      else if (!omitempty) out[name] = null;
    } else if (field.resolvedType instanceof protobuf.Type) {
      // A pointer that was not sent is nil; a struct value is always there, zero or not.
      if (!present && (go === undefined || go.pointer)) {
        if (go !== undefined && !omitempty) out[name] = null;
        continue;
      }
      const converted = convertValue(schemaRef, field, present ? value : undefined);
      if (
        go?.inline === true &&
        converted !== null &&
        typeof converted === 'object' &&
        !Array.isArray(converted)
      )
        Object.assign(out, converted);
      else out[name] = converted;
    } else if (go?.pointer === true) {
      if (present) out[name] = convertScalar(field, value);
      else if (!omitempty) out[name] = null;
    } else if (field.type === 'bytes' && !present) {
      if (!omitempty) out[name] = null;
    } else {
      const converted = convertScalar(field, present ? value : undefined);
      if (!(omitempty && isZero(converted))) out[name] = converted;
    }
  }
  return out;
}

/* ---------------------------------------------------------------- the envelope */

function decodeWith<T>(what: string, decode: () => T): T {
  try {
    return decode();
  } catch (error) {
    if (error instanceof ProtobufDecodeError) throw error;
    throw new ProtobufDecodeError(
      `unable to decode ${what}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

export function decodeEnvelope(schemaRef: Schema, raw: Buffer): { [key: string]: Json } {
  const unknownType = schemaRef.type('k8s.io/apimachinery/pkg/runtime', UNKNOWN);
  if (unknownType === null) throw missingSchemaError(schemaRef.dir);
  const envelope = decodeWith(
    'the protobuf envelope (runtime.Unknown)',
    () => unknownType.decode(raw.subarray(MAGIC.length)) as unknown as Decoded,
  );
  const typeMeta = (envelope.typeMeta ?? {}) as Decoded;
  const apiVersion = typeof typeMeta.apiVersion === 'string' ? typeMeta.apiVersion : '';
  const kind = typeof typeMeta.kind === 'string' ? typeMeta.kind : '';
  const body = envelope.raw instanceof Uint8Array ? Buffer.from(envelope.raw) : Buffer.alloc(0);
  const contentEncoding = typeof envelope.contentEncoding === 'string' ? envelope.contentEncoding : '';
  const contentType = typeof envelope.contentType === 'string' ? envelope.contentType : '';
  if (contentEncoding !== '')
    throw new ProtobufDecodeError(`unsupported protobuf content encoding "${contentEncoding}"`);
  if (contentType !== '' && contentType.split(';')[0]?.trim() === 'application/json') {
    const parsed = decodeWith(
      'the JSON object in the protobuf envelope',
      () => JSON.parse(body.toString('utf8')) as unknown,
    );
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
      throw new ProtobufDecodeError('the protobuf envelope does not hold a JSON object');
    return parsed as { [key: string]: Json };
  }
  if (contentType !== '' && !isProtobuf(contentType))
    throw new ProtobufDecodeError(`unsupported content type "${contentType}" in the protobuf envelope`);
  if (kind === '') throw new ProtobufDecodeError("Object 'Kind' is missing in the protobuf envelope");
  if (apiVersion === '')
    throw new ProtobufDecodeError("Object 'apiVersion' is missing in the protobuf envelope");

  const notRegistered = new ProtobufDecodeError(
    `no kind "${kind}" is registered for version "${apiVersion}"`,
  );
  const dir = packageDirOf(apiVersion);
  if (dir === null || !/^[A-Z]\w*$/.test(kind)) throw notRegistered;
  const type = schemaRef.type(dir, `${packageNameOf(dir)}.${kind}`);
  if (type === null || schemaRef.goStruct(type)?.typeMeta !== true) throw notRegistered;
  const what = `${apiVersion}, Kind=${kind}`;
  const message = decodeWith(what, () => type.decode(body) as unknown as Decoded);
  const object = decodeWith(what, () => convertMessage(schemaRef, type, message) as { [key: string]: Json });
  return { kind, apiVersion, ...object };
}
