/**
 * Decoding of Kubernetes protobuf request bodies (`application/vnd.kubernetes.protobuf`),
 * which kubectl's typed commands (`kubectl create deployment|configmap|secret|...`) send.
 *
 * A body is the magic `k8s\0` followed by a `runtime.Unknown` envelope whose `typeMeta` names
 * the object's apiVersion and kind and whose `raw` bytes are the object, encoded with the
 * group's `generated.proto` schema. Decoding turns it into the JSON object a JSON client
 * would have sent for the same command, so the apiserver only ever sees JSON.
 *
 * Two things come from the upstream Kubernetes v1.32 sources (fetched by
 * `.ci/fetch-k8s-protos.sh`, never bundled):
 * - the `generated.proto` files: the wire schema;
 * - the Go struct definitions next to them (types.go): the JSON shape. kubectl's Go client
 *   writes every non-pointer field, so a decoded object is full of "", 0 and false; Go's
 *   encoding/json drops those only for `omitempty` fields, keeps them for pointer fields
 *   (`replicas: 0` is not "unset"), always writes non-pointer structs (`resources: {}`),
 *   inlines some structs (a Volume's source, an IngressRule's `http`) and renames a few fields
 *   (`Expression` -> `expression`). The struct tags say which is which, field by field.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import protobuf from 'protobufjs';
import type { Field, Type } from 'protobufjs';

/** Whether a Content-Type names the Kubernetes protobuf encoding. */
export function isProtobuf(contentType: string | undefined): boolean {
  return (contentType ?? '').split(';')[0]?.trim() === 'application/vnd.kubernetes.protobuf';
}

/** The envelope's magic prefix: `k8s\0`. */
const MAGIC = Buffer.from([0x6b, 0x38, 0x73, 0x00]);

/**
 * A body that cannot be decoded. `code` is the HTTP status that fits: 400 for a malformed or
 * unknown object, 500 when this server lacks the schema files.
 */
export class ProtobufDecodeError extends Error {
  constructor(
    message: string,
    readonly code: 400 | 500 = 400,
  ) {
    super(message);
    this.name = 'ProtobufDecodeError';
  }
}

/* ---------------------------------------------------------------- schema files */

const REPO_ROOT = path.resolve(import.meta.dirname, '../..');
const DEFAULT_DIR = path.join(REPO_ROOT, '.kubelab/protos');
/** Files every usable directory has: the core group's schema and its Go types. */
const REQUIRED_FILES = [
  'k8s.io/api/core/v1/generated.proto',
  'k8s.io/api/core/v1/types.go',
  'k8s.io/apimachinery/pkg/runtime/generated.proto',
];

function configuredDirectory(): string {
  const fromEnv = process.env.KUBELAB_PROTO_DIR;
  return fromEnv !== undefined && fromEnv !== '' ? path.resolve(fromEnv) : DEFAULT_DIR;
}

/**
 * The directory holding the Kubernetes schema files (the `generated.proto` files under k8s.io/
 * and the Go types next to them): `$KUBELAB_PROTO_DIR`, else `<repo>/.kubelab/protos`. Null
 * when it does not hold them.
 */
export function protoDirectory(): string | null {
  const dir = configuredDirectory();
  return REQUIRED_FILES.every((file) => existsSync(path.join(dir, file))) ? dir : null;
}

function missingSchemaError(dir: string): ProtobufDecodeError {
  return new ProtobufDecodeError(
    'decoding protobuf request bodies (application/vnd.kubernetes.protobuf, sent by typed kubectl commands such as ' +
      '`kubectl create deployment`) needs the Kubernetes .proto files, which are not in ' +
      `${dir}: run \`bash .ci/fetch-k8s-protos.sh\` in the repository, or set KUBELAB_PROTO_DIR to a directory that holds them`,
    500,
  );
}

/* ---------------------------------------------------------------- API groups */

/** Where each API group's schema lives under k8s.io/api (the group's short name, mostly). */
const GROUP_DIRS: Readonly<Record<string, string>> = {
  '': 'core',
  'admission.k8s.io': 'admission',
  'admissionregistration.k8s.io': 'admissionregistration',
  'apidiscovery.k8s.io': 'apidiscovery',
  'internal.apiserver.k8s.io': 'apiserverinternal',
  apps: 'apps',
  'authentication.k8s.io': 'authentication',
  'authorization.k8s.io': 'authorization',
  autoscaling: 'autoscaling',
  batch: 'batch',
  'certificates.k8s.io': 'certificates',
  'coordination.k8s.io': 'coordination',
  'discovery.k8s.io': 'discovery',
  'events.k8s.io': 'events',
  extensions: 'extensions',
  'flowcontrol.apiserver.k8s.io': 'flowcontrol',
  'imagepolicy.k8s.io': 'imagepolicy',
  'networking.k8s.io': 'networking',
  'node.k8s.io': 'node',
  policy: 'policy',
  'rbac.authorization.k8s.io': 'rbac',
  'resource.k8s.io': 'resource',
  'scheduling.k8s.io': 'scheduling',
  'storage.k8s.io': 'storage',
  'storagemigration.k8s.io': 'storagemigration',
};

/** The schema directory (relative, e.g. `k8s.io/api/apps/v1`) of an apiVersion, if known. */
function packageDirOf(apiVersion: string): string | null {
  const slash = apiVersion.indexOf('/');
  const group = slash < 0 ? '' : apiVersion.slice(0, slash);
  const version = slash < 0 ? apiVersion : apiVersion.slice(slash + 1);
  if (!/^v\d+((alpha|beta)\d+)?$/.test(version)) return null;
  if (group === 'meta.k8s.io') return `k8s.io/apimachinery/pkg/apis/meta/${version}`;
  const dir = Object.hasOwn(GROUP_DIRS, group) ? GROUP_DIRS[group] : undefined;
  return dir === undefined ? null : `k8s.io/api/${dir}/${version}`;
}

/** `k8s.io/api/apps/v1` <-> `.k8s.io.api.apps.v1` (the proto package). */
function packageNameOf(dir: string): string {
  return `.k8s.io.${dir.slice('k8s.io/'.length).replaceAll('/', '.')}`;
}
function packageDirOfName(fullName: string): string {
  return `k8s.io/${fullName.slice('.k8s.io.'.length).replaceAll('.', '/')}`;
}

/* ---------------------------------------------------------------- Go struct tags */

interface GoField {
  /** The JSON name (the Go field name when the tag gives none). */
  readonly json: string;
  readonly omitempty: boolean;
  readonly pointer: boolean;
  /** `json:",inline"`: the struct's fields appear in the parent object. */
  readonly inline: boolean;
  /** `json:"-"`: never in JSON. */
  readonly skip: boolean;
}

interface GoStruct {
  /** By protobuf field number. */
  readonly fields: Map<number, GoField>;
  /** Embeds metav1.TypeMeta: a top-level kind. */
  readonly typeMeta: boolean;
}

interface GoPackage {
  readonly structs: Map<string, GoStruct>;
  /** Named slice types (`type ExtraValue []string`), which protobuf wraps in an `items` message. */
  readonly lists: Set<string>;
}

function parseTags(tags: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const match of tags.matchAll(/(\w+):"([^"]*)"/g)) out.set(match[1] ?? '', match[2] ?? '');
  return out;
}

/** Reads the struct definitions (and their json/protobuf tags) of one Go source file. */
function parseGoSource(source: string, into: GoPackage): void {
  let current: { name: string; struct: { fields: Map<number, GoField>; typeMeta: boolean } } | null = null;
  let depth = 0;
  for (const rawLine of source.split('\n')) {
    const line = rawLine.replace(/^\s*\/\/.*$/, '');
    if (current === null) {
      const struct = /^type\s+(\w+)\s+struct\s*\{\s*$/.exec(line);
      if (struct?.[1] !== undefined) {
        current = { name: struct[1], struct: { fields: new Map(), typeMeta: false } };
        depth = 1;
        continue;
      }
      const list = /^type\s+(\w+)\s+\[\]/.exec(line);
      if (list?.[1] !== undefined) into.lists.add(list[1]);
      continue;
    }
    const code = line.replace(/`[^`]*`/, '').replace(/\/\/.*$/, '');
    depth += (code.match(/\{/g) ?? []).length - (code.match(/\}/g) ?? []).length;
    if (depth <= 0) {
      into.structs.set(current.name, current.struct);
      current = null;
      continue;
    }
    if (depth !== 1) continue;
    const field = /^\s*([^`]+?)\s+`([^`]*)`/.exec(line);
    if (field?.[1] === undefined || field[2] === undefined) continue;
    const words = field[1].split(/\s+/);
    const goName =
      words.length === 1 ? (words[0] ?? '').replace(/^\*/, '').replace(/^.*\./, '') : (words[0] ?? '');
    const goType = words.length === 1 ? (words[0] ?? '') : words.slice(1).join(' ');
    const tags = parseTags(field[2]);
    const json = (tags.get('json') ?? '').split(',');
    const options = json.slice(1);
    if (
      words.length === 1 &&
      options.includes('inline') &&
      goType.endsWith('TypeMeta') &&
      !tags.has('protobuf')
    ) {
      current.struct.typeMeta = true;
      continue;
    }
    const number = Number((tags.get('protobuf') ?? '').split(',')[1]);
    if (!Number.isInteger(number) || number <= 0) continue;
    current.struct.fields.set(number, {
      json: json[0] !== undefined && json[0] !== '' && json[0] !== '-' ? json[0] : goName,
      omitempty: options.includes('omitempty'),
      pointer: goType.startsWith('*'),
      inline: options.includes('inline'),
      skip: json[0] === '-' && options.length === 0,
    });
  }
}

/* ---------------------------------------------------------------- the loaded schema */

class Schema {
  private readonly root = new protobuf.Root();
  private readonly goPackages = new Map<string, GoPackage>();

  constructor(readonly dir: string) {
    this.root.resolvePath = (_origin, target) => (path.isAbsolute(target) ? target : path.join(dir, target));
  }

  /** The proto message `name` (fully qualified, leading dot) or null, loading its package's file if needed. */
  type(packageDir: string, name: string): Type | null {
    const file = path.join(this.dir, packageDir, 'generated.proto');
    if (!this.root.files.includes(file)) {
      if (!existsSync(file)) return null;
      this.root.loadSync(file, { keepCase: true });
      this.root.resolveAll();
    }
    const found = this.root.lookup(name);
    return found instanceof protobuf.Type ? found : null;
  }

  /** The Go package behind a proto message, parsed on first use. */
  goPackage(type: Type): GoPackage {
    const dir = packageDirOfName(type.parent?.fullName ?? '');
    let pkg = this.goPackages.get(dir);
    if (pkg === undefined) {
      pkg = { structs: new Map(), lists: new Set() };
      const abs = path.join(this.dir, dir);
      const files = existsSync(abs)
        ? readdirSync(abs).filter((f) => f.endsWith('.go') && !f.endsWith('_test.go'))
        : [];
      for (const file of files.sort()) parseGoSource(readFileSync(path.join(abs, file), 'utf8'), pkg);
      this.goPackages.set(dir, pkg);
    }
    return pkg;
  }

  goStruct(type: Type): GoStruct | undefined {
    return this.goPackage(type).structs.get(type.name);
  }
}

let loaded: Schema | null = null;

function schema(): Schema {
  const dir = configuredDirectory();
  if (loaded?.dir === dir) return loaded;
  if (protoDirectory() !== dir) throw missingSchemaError(dir);
  loaded = new Schema(dir);
  return loaded;
}

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

function decodeEnvelope(schemaRef: Schema, raw: Buffer): { [key: string]: Json } {
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

/** Decodes a protobuf body into the JSON object it encodes. */
export function decodeProtobufBody(raw: Buffer): unknown {
  if (raw.length < MAGIC.length || !raw.subarray(0, MAGIC.length).equals(MAGIC)) {
    throw new ProtobufDecodeError(
      'provided data does not appear to be a protobuf message, expected prefix [107 56 115 0]',
    );
  }
  return decodeEnvelope(schema(), raw);
}
