/**
 * Validation of a custom resource against its CRD's structural schema, with the messages
 * kube-apiserver's apiextensions validator (kube-openapi) gives: `Required value`,
 * `Unsupported value: "x": supported values: ...`, `Invalid value: "integer": spec.node in
 * body must be of type string: "integer"`, `... should be at least 1 chars long`. Covers the
 * schema keywords the Fault CRD uses (type, properties, required, enum, minLength).
 */
import { invalid, notSupported, required, type FieldError } from '../apiserver/validation/field';
import type { StructuralSchema } from './crd';

/** The JSON type name kube-openapi reports for a value. */
function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function typeMatches(type: string, value: unknown): boolean {
  const actual = jsonType(value);
  return type === actual || (type === 'number' && actual === 'integer');
}

/** The schema errors of `value` at `path` (a dotted field path, `''` for the root). */
export function validateSchema(schema: StructuralSchema, value: unknown, path = ''): FieldError[] {
  const at = (name: string) => (path === '' ? name : `${path}.${name}`);
  if (schema.type !== undefined && !typeMatches(schema.type, value)) {
    const actual = jsonType(value);
    return [invalid(path, actual, `${path} in body must be of type ${schema.type}: "${actual}"`)];
  }
  const errors: FieldError[] = [];
  if (typeof value === 'string') {
    if (schema.enum !== undefined && !schema.enum.includes(value))
      errors.push(notSupported(path, value, schema.enum));
    if (schema.minLength !== undefined && [...value].length < schema.minLength)
      errors.push(invalid(path, value, `${path} in body should be at least ${schema.minLength} chars long`));
  }
  if (schema.type === 'object' && typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const obj = value as Record<string, unknown>;
    for (const name of schema.required ?? []) if (!(name in obj)) errors.push(required(at(name)));
    for (const [name, child] of Object.entries(schema.properties ?? {})) {
      if (name === 'metadata' && path === '') continue; // ObjectMeta is validated on its own
      if (obj[name] !== undefined) errors.push(...validateSchema(child, obj[name], at(name)));
    }
  }
  return errors;
}
