/**
 * Decoding-time schema checks: what kube-apiserver finds when it decodes a request body into
 * the kind's Go struct, before defaulting, admission or validation run. Two things can go
 * wrong there. A value of the wrong JSON type cannot be decoded at all (400 BadRequest,
 * `Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal
 * string into Go struct field DeploymentSpec.spec.replicas of type int32`). A field the
 * struct does not have is an unknown field, which the `fieldValidation` query parameter
 * decides about: Strict fails the request, Warn (the default) answers with `Warning`
 * headers, Ignore drops it silently.
 */
import { ApiError, badRequest } from '../status';
import type { Status } from '../types';
import { notSupported } from '../validation/field';
import { goQuote } from '../validation/gofmt';
import { invalidStatus } from '../validation/status';
import type { Schemas } from './resolve';
import { walkBody, type Decoder } from './walk';

export type { Schemas } from './resolve';
export type { Decoder } from './walk';
export { goJsonText, goPrintValue } from './govalue';

/** The `fieldValidation` query parameter's values. */
export type FieldValidation = 'Strict' | 'Warn' | 'Ignore';

/** What decoding a body against its kind's schema found. */
export interface SchemaCheck {
  /**
   * Unknown fields as upstream's strict decoder words them, `unknown field "spec.bogus"`,
   * `unknown field "spec.template.spec.containers[0].imagePullPolicyy"`, in document order
   * (at most 100, as upstream keeps).
   */
  readonly unknownFields: readonly string[];
  /**
   * Values that cannot be decoded, in upstream's words, e.g. `json: cannot unmarshal string
   * into Go struct field DeploymentSpec.spec.replicas of type int32`. The first is the one
   * upstream reports: an error from a type's own decoder (a malformed quantity or timestamp)
   * stops decoding and comes first; plain type mismatches follow in document order.
   */
  readonly typeErrors: readonly string[];
}

/**
 * Checks `body` (a decoded JSON value) against the OpenAPI v3 schema
 * `components.schemas[rootName]` (e.g. `io.k8s.api.apps.v1.Deployment`), following `$ref`s
 * and `allOf`-wrapped `$ref`s, `items`, `additionalProperties` maps (whose keys are never
 * unknown), Quantity, IntOrString (also `x-kubernetes-int-or-string`), Time and MicroTime,
 * `format` int32/int64/byte/date-time, and skipping whatever lies under
 * `x-kubernetes-preserve-unknown-fields`. `null` is accepted anywhere; `apiVersion` and
 * `kind` are always known. `decoder` picks the body decoder of POST/PUT and JSON/merge
 * patches (`json`, the default) or the map converter of strategic merge patches
 * (`unstructured`, for the patched object).
 */
export function checkAgainstSchema(
  body: unknown,
  schemas: Schemas,
  rootName: string,
  decoder: Decoder = 'json',
): SchemaCheck {
  return walkBody(body, schemas, rootName, decoder);
}

/** What to answer after decoding: an error Status, or go on (with warnings to send). */
export interface DecodeOutcome {
  readonly error: Status | null;
  /** `Warning` header texts, e.g. `unknown field "spec.bogus"`. */
  readonly warnings: string[];
}

const PROCEED: DecodeOutcome = { error: null, warnings: [] };

/** upstream's strict decoding error text: the unknown fields joined with `, `. */
function strictError(unknownFields: readonly string[]): string {
  return `strict decoding error: ${unknownFields.join(', ')}`;
}

/**
 * The answer to a POST or PUT body after decoding. A type error fails it in every mode with
 * 400 BadRequest `<Kind> in version "<version>" cannot be handled as a <Kind>: <error>`;
 * unknown fields fail it the same way under Strict (`... strict decoding error: unknown
 * field "a", unknown field "b"`), become one warning each under Warn, and are dropped under
 * Ignore. `version` is the version alone (`v1` for apps/v1).
 */
export function decodeOutcome(
  check: SchemaCheck,
  kind: string,
  version: string,
  mode: FieldValidation,
): DecodeOutcome {
  const fail = (detail: string): DecodeOutcome => ({
    error: badRequest(`${kind} in version ${goQuote(version)} cannot be handled as a ${kind}: ${detail}`)
      .status,
    warnings: [],
  });
  const [first] = check.typeErrors;
  if (first !== undefined) return fail(first);
  if (check.unknownFields.length === 0 || mode === 'Ignore') return PROCEED;
  if (mode === 'Strict') return fail(strictError(check.unknownFields));
  return { error: null, warnings: [...check.unknownFields] };
}

/**
 * The answer to a JSON, merge or strategic merge PATCH after the patched object was checked.
 * Failures are 422 Invalid on the field `patch`, its value the text `badValue` (use
 * {@link goJsonText} of the patched object for JSON and merge patches, {@link goPrintValue}
 * of the patch for strategic merge patches): ` "" is invalid: patch: Invalid value: "...":
 * strict decoding error: unknown field "spec.bogus"`. Type errors fail in every mode.
 */
export function patchDecodeOutcome(
  check: SchemaCheck,
  mode: FieldValidation,
  badValue: string,
): DecodeOutcome {
  const fail = (detail: string): DecodeOutcome => {
    const body = `Invalid value: ${goQuote(badValue)}: ${detail}`;
    const error: Status = {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: ` "" is invalid: patch: ${body}`,
      reason: 'Invalid',
      details: { causes: [{ reason: 'FieldValueInvalid', message: body, field: 'patch' }] },
      code: 422,
    };
    return { error, warnings: [] };
  };
  const [first] = check.typeErrors;
  if (first !== undefined) return fail(first);
  if (check.unknownFields.length === 0 || mode === 'Ignore') return PROCEED;
  if (mode === 'Strict') return fail(strictError(check.unknownFields));
  return { error: null, warnings: [...check.unknownFields] };
}

const ALLOWED = ['', 'Ignore', 'Strict', 'Warn'];

/**
 * The `fieldValidation` query parameter (its first value) as a mode: absent or empty means
 * Warn, upstream's default for clients that send none (kubectl sends Strict). Any other
 * value throws upstream's 422 on the request options, e.g. `CreateOptions.meta.k8s.io ""
 * is invalid: fieldValidation: Unsupported value: "strict": supported values: "", "Ignore",
 * "Strict", "Warn"`.
 */
export function parseFieldValidation(
  values: readonly string[] | undefined,
  options: 'CreateOptions' | 'UpdateOptions' | 'PatchOptions',
): FieldValidation {
  const value = values?.[0] ?? '';
  if (value === '') return 'Warn';
  if (value === 'Strict' || value === 'Warn' || value === 'Ignore') return value;
  const error = notSupported('fieldValidation', value, ALLOWED);
  throw new ApiError(invalidStatus({ group: 'meta.k8s.io', kind: options }, '', [error]));
}
