import { describe, expect, it } from 'vitest';
import { ApiError } from '../status';
import {
  checkAgainstSchema,
  decodeOutcome,
  goJsonText,
  goPrintValue,
  parseFieldValidation,
  patchDecodeOutcome,
  type FieldValidation,
  type SchemaCheck,
} from './index';
import { deployment, SCHEMAS } from './testing';

const NONE: SchemaCheck = { unknownFields: [], typeErrors: [] };
const UNKNOWN: SchemaCheck = {
  unknownFields: [
    'unknown field "spec.bogus"',
    'unknown field "spec.template.spec.containers[0].imagePullPolicyy"',
  ],
  typeErrors: [],
};
const TYPE_ERROR =
  'json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32';
const BROKEN: SchemaCheck = { unknownFields: ['unknown field "spec.bogus"'], typeErrors: [TYPE_ERROR] };
const PREFIX = 'Deployment in version "v1" cannot be handled as a Deployment: ';

describe('decodeOutcome', () => {
  const cases: [string, SchemaCheck, FieldValidation, string | null, string[]][] = [
    ['nothing wrong, Strict', NONE, 'Strict', null, []],
    ['nothing wrong, Warn', NONE, 'Warn', null, []],
    [
      'unknown fields, Strict',
      UNKNOWN,
      'Strict',
      `${PREFIX}strict decoding error: unknown field "spec.bogus", unknown field "spec.template.spec.containers[0].imagePullPolicyy"`,
      [],
    ],
    ['unknown fields, Warn', UNKNOWN, 'Warn', null, [...UNKNOWN.unknownFields]],
    ['unknown fields, Ignore', UNKNOWN, 'Ignore', null, []],
    ['a type error wins over unknown fields, Strict', BROKEN, 'Strict', PREFIX + TYPE_ERROR, []],
    ['a type error fails under Warn', BROKEN, 'Warn', PREFIX + TYPE_ERROR, []],
    ['a type error fails under Ignore', BROKEN, 'Ignore', PREFIX + TYPE_ERROR, []],
  ];
  it.each(cases)('%s', (_name, check, mode, message, warnings) => {
    const outcome = decodeOutcome(check, 'Deployment', 'v1', mode);
    expect(outcome.warnings).toEqual(warnings);
    if (message === null) {
      expect(outcome.error).toBeNull();
      return;
    }
    expect(outcome.error).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message,
      reason: 'BadRequest',
      code: 400,
    });
  });

  it('answers a real body end to end', () => {
    const body = deployment();
    (body.spec as Record<string, unknown>).replicaz = 2;
    const check = checkAgainstSchema(body, SCHEMAS, 'io.k8s.api.apps.v1.Deployment');
    expect(decodeOutcome(check, 'Deployment', 'v1', 'Warn').warnings).toEqual([
      'unknown field "spec.replicaz"',
    ]);
    expect(decodeOutcome(check, 'Deployment', 'v1', 'Strict').error?.message).toBe(
      `${PREFIX}strict decoding error: unknown field "spec.replicaz"`,
    );
  });
});

describe('patchDecodeOutcome', () => {
  it('fails Strict with 422 Invalid on the field patch', () => {
    const value = goPrintValue({ spec: { bogus: 1 } });
    const { error, warnings } = patchDecodeOutcome(
      { unknownFields: ['unknown field "spec.bogus"'], typeErrors: [] },
      'Strict',
      value,
    );
    const body = 'Invalid value: "map[spec:map[bogus:1]]": strict decoding error: unknown field "spec.bogus"';
    expect(warnings).toEqual([]);
    expect(error).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: ` "" is invalid: patch: ${body}`,
      reason: 'Invalid',
      details: { causes: [{ reason: 'FieldValueInvalid', message: body, field: 'patch' }] },
      code: 422,
    });
  });

  it('warns under Warn, ignores under Ignore, fails type errors always', () => {
    expect(patchDecodeOutcome(UNKNOWN, 'Warn', '{}')).toEqual({
      error: null,
      warnings: UNKNOWN.unknownFields,
    });
    expect(patchDecodeOutcome(UNKNOWN, 'Ignore', '{}')).toEqual({ error: null, warnings: [] });
    expect(patchDecodeOutcome(BROKEN, 'Ignore', '{"a":1}').error?.message).toBe(
      ` "" is invalid: patch: Invalid value: "{\\"a\\":1}": ${TYPE_ERROR}`,
    );
  });
});

describe('parseFieldValidation', () => {
  const cases: [readonly string[] | undefined, FieldValidation][] = [
    [undefined, 'Warn'],
    [[], 'Warn'],
    [[''], 'Warn'],
    [['Strict'], 'Strict'],
    [['Ignore', 'Strict'], 'Ignore'],
  ];
  it.each(cases)('%j -> %s', (values, mode) => {
    expect(parseFieldValidation(values, 'CreateOptions')).toBe(mode);
  });

  it('rejects other values with a 422 on the request options', () => {
    let caught: unknown;
    try {
      parseFieldValidation(['strict'], 'PatchOptions');
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(ApiError);
    const status = (caught as ApiError).status;
    expect(status.code).toBe(422);
    expect(status.message).toBe(
      'PatchOptions.meta.k8s.io "" is invalid: fieldValidation: Unsupported value: "strict": supported values: "", "Ignore", "Strict", "Warn"',
    );
    expect(status.details).toEqual({
      group: 'meta.k8s.io',
      kind: 'PatchOptions',
      causes: [
        {
          reason: 'FieldValueNotSupported',
          message: 'Unsupported value: "strict": supported values: "", "Ignore", "Strict", "Warn"',
          field: 'fieldValidation',
        },
      ],
    });
  });
});

describe('bad values as upstream prints them', () => {
  it('prints a patch map as fmt %+v', () => {
    const v = { spec: { replicas: 3, b: ['x', 1, true], f: 1.5, n: null, big: 1234567.5, tiny: 0.00001 } };
    expect(goPrintValue(v)).toBe(
      'map[spec:map[b:[x 1 true] big:1.2345675e+06 f:1.5 n:<nil> replicas:3 tiny:1e-05]]',
    );
  });

  it('prints a patched object as json.Marshal writes a map', () => {
    expect(goJsonText({ b: [1, 'x'], a: '<a&b>', c: { z: null, y: false } })).toBe(
      '{"a":"\\u003ca\\u0026b\\u003e","b":[1,"x"],"c":{"y":false,"z":null}}',
    );
  });
});
