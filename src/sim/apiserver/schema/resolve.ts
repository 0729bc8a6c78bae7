/**
 * Reads an OpenAPI v3 schema as the Go type behind it: which decoder upstream would run
 * (a struct, a slice, a map, a scalar, or one of apimachinery's own JSON decoders for
 * Quantity, IntOrString, Time and MicroTime), and the Go type name its errors print
 * (`int32`, `[]v1.Container`, `map[string]string`, `v1.ResourceList`, `v1.PodSpec`...).
 */

/** Component schemas by name, as `components.schemas` holds them. */
export type Schemas = Readonly<Record<string, object>>;

const QUANTITY = 'io.k8s.apimachinery.pkg.api.resource.Quantity';
const INT_OR_STRING = 'io.k8s.apimachinery.pkg.util.intstr.IntOrString';
const TIME = 'io.k8s.apimachinery.pkg.apis.meta.v1.Time';
const MICRO_TIME = 'io.k8s.apimachinery.pkg.apis.meta.v1.MicroTime';

/** The Go kinds of scalar fields. */
export type ScalarKind = 'string' | 'bytes' | 'int32' | 'int64' | 'float64' | 'bool';

/** How a value is decoded. */
export type Shape =
  | { readonly kind: 'any' }
  | { readonly kind: 'quantity' }
  | { readonly kind: 'intOrString' }
  | { readonly kind: 'time'; readonly micro: boolean }
  | { readonly kind: 'array'; readonly items: unknown }
  | { readonly kind: 'map'; readonly values: unknown }
  | { readonly kind: 'struct'; readonly name: string; readonly props: Readonly<Record<string, unknown>> }
  | { readonly kind: 'scalar'; readonly scalar: ScalarKind };

/** A resolved schema: its shape, the component it came from, and a named Go type if known. */
export interface Resolved {
  readonly shape: Shape;
  readonly ref?: string;
  readonly named?: string;
}

type Json = Readonly<Record<string, unknown>>;

const isRecord = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The short Go name of a component: `io.k8s.api.apps.v1.DeploymentSpec` -> `DeploymentSpec`. */
export function shortName(ref: string): string {
  return ref.slice(ref.lastIndexOf('.') + 1);
}

/** The qualified Go name of a component: `io.k8s.api.apps.v1.DeploymentSpec` -> `v1.DeploymentSpec`. */
function qualifiedName(ref: string): string {
  const parts = ref.split('.');
  return parts.length < 2 ? ref : `${parts[parts.length - 2] ?? ''}.${parts[parts.length - 1] ?? ''}`;
}

function refName(ref: string): string {
  return ref.replace(/^#\/(components\/schemas|definitions)\//, '');
}

function oneOfTypes(s: Json): string[] {
  const alts = Array.isArray(s.oneOf) ? s.oneOf : Array.isArray(s.anyOf) ? s.anyOf : [];
  return alts.map((a) => (isRecord(a) && typeof a.type === 'string' ? a.type : '')).sort();
}

function shapeOf(s: Json, ref: string | undefined, preserve: boolean, intOrString: boolean): Shape {
  if (preserve) return { kind: 'any' };
  const alts = oneOfTypes(s).join(',');
  if (ref === QUANTITY || alts === 'number,string') return { kind: 'quantity' };
  if (ref === INT_OR_STRING || intOrString || s.format === 'int-or-string' || alts === 'integer,string') {
    return { kind: 'intOrString' };
  }
  if (ref === MICRO_TIME) return { kind: 'time', micro: true };
  if (ref === TIME || (s.type === 'string' && s.format === 'date-time'))
    return { kind: 'time', micro: false };
  switch (s.type) {
    case 'array':
      return { kind: 'array', items: s.items };
    case 'string':
      return { kind: 'scalar', scalar: s.format === 'byte' ? 'bytes' : 'string' };
    case 'integer':
      return { kind: 'scalar', scalar: s.format === 'int64' ? 'int64' : 'int32' };
    case 'number':
      return { kind: 'scalar', scalar: 'float64' };
    case 'boolean':
      return { kind: 'scalar', scalar: 'bool' };
  }
  if (isRecord(s.properties) && Object.keys(s.properties).length > 0) {
    return { kind: 'struct', name: ref === undefined ? '' : shortName(ref), props: s.properties };
  }
  if (isRecord(s.additionalProperties)) return { kind: 'map', values: s.additionalProperties };
  if (s.additionalProperties === true) return { kind: 'map', values: {} };
  // An object with no declared fields is one of apimachinery's opaque types (RawExtension,
  // FieldsV1), whose decoders take any JSON.
  return { kind: 'any' };
}

/**
 * Follows `$ref`s and single-element `allOf` wrappers to the schema that describes a value.
 * `x-kubernetes-preserve-unknown-fields` and `x-kubernetes-int-or-string` count at any level.
 */
export function resolve(schema: unknown, schemas: Schemas, named?: string): Resolved {
  let s: Json = isRecord(schema) ? schema : {};
  let ref: string | undefined;
  let preserve = false;
  let intOrString = false;
  for (let depth = 0; depth < 32; depth++) {
    preserve ||= s['x-kubernetes-preserve-unknown-fields'] === true;
    intOrString ||= s['x-kubernetes-int-or-string'] === true;
    if (typeof s.$ref === 'string') {
      ref = refName(s.$ref);
      const target = schemas[ref];
      s = isRecord(target) ? target : {};
    } else if (
      Array.isArray(s.allOf) &&
      s.allOf.length === 1 &&
      s.type === undefined &&
      isRecord(s.allOf[0])
    ) {
      s = s.allOf[0];
    } else break;
  }
  const shape = shapeOf(s, ref, preserve, intOrString);
  return { shape, ...(ref === undefined ? {} : { ref }), ...(named === undefined ? {} : { named }) };
}

/** The Go type name upstream's decoding errors print for a value of this schema. */
export function goTypeName(r: Resolved, schemas: Schemas): string {
  const s = r.shape;
  switch (s.kind) {
    case 'any':
      return r.ref === undefined ? 'interface {}' : qualifiedName(r.ref);
    case 'quantity':
      return 'resource.Quantity';
    case 'intOrString':
      return 'intstr.IntOrString';
    case 'time':
      return s.micro ? 'v1.MicroTime' : 'v1.Time';
    case 'array':
      return `[]${goTypeName(resolve(s.items, schemas, r.named), schemas)}`;
    case 'map': {
      const values = resolve(s.values, schemas);
      // Every Quantity-valued map in the built-in APIs is core/v1's ResourceList.
      return values.shape.kind === 'quantity'
        ? 'v1.ResourceList'
        : `map[string]${goTypeName(values, schemas)}`;
    }
    case 'struct':
      return r.ref === undefined ? 'struct {}' : qualifiedName(r.ref);
    case 'scalar':
      if (r.named !== undefined && s.scalar !== 'bytes') return r.named;
      return s.scalar === 'bytes' ? '[]uint8' : s.scalar;
  }
}

/** The Go kind of a scalar, as reflect prints it (`string` for every named string type). */
export function goKindName(scalar: ScalarKind): string {
  return scalar === 'bytes' ? 'slice' : scalar;
}
