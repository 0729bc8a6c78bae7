import { describe, expect, it } from 'vitest';
import type { FieldError } from './field';
import {
  Path,
  deepEqual,
  duplicate,
  forbidden,
  formatFieldError,
  internalError,
  invalid,
  notFound,
  notSupported,
  required,
  tooLong,
  tooMany,
} from './field';
import {
  GoValue,
  OMIT_VALUE,
  goIntOrString,
  goLabelSelector,
  goQuote,
  goStringMap,
  goStringSlice,
} from './gofmt';
import { invalidStatus } from './status';

describe('formatFieldError', () => {
  const cases: Array<[FieldError, string]> = [
    [required('spec.containers[0].image'), 'spec.containers[0].image: Required value'],
    [
      required('metadata.name', 'name or generateName is required'),
      'metadata.name: Required value: name or generateName is required',
    ],
    [
      invalid('spec.replicas', -1, 'must be greater than or equal to 0'),
      'spec.replicas: Invalid value: -1: must be greater than or equal to 0',
    ],
    [invalid('metadata.name', 'Web_1', 'bad'), 'metadata.name: Invalid value: "Web_1": bad'],
    [invalid('spec.x', true, 'bad'), 'spec.x: Invalid value: true: bad'],
    [
      invalid('spec.x', null, 'must not update from a positive integer to nil value'),
      'spec.x: Invalid value: "null": must not update from a positive integer to nil value',
    ],
    [
      invalid('spec', new GoValue('0x0'), 'must be specified for an update'),
      'spec: Invalid value: 0x0: must be specified for an update',
    ],
    [
      invalid('spec.rules[0]', OMIT_VALUE, 'specifying one of OnExitCodes and OnPodConditions is required'),
      'spec.rules[0]: Invalid value: specifying one of OnExitCodes and OnPodConditions is required',
    ],
    [
      notSupported('spec.restartPolicy', 'Sometimes', ['Always', 'OnFailure', 'Never']),
      'spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"',
    ],
    [duplicate('spec.containers[1].name', 'web'), 'spec.containers[1].name: Duplicate value: "web"'],
    [
      forbidden('spec', 'pod updates may not add or remove containers'),
      'spec: Forbidden: pod updates may not add or remove containers',
    ],
    [
      tooLong('metadata.annotations', 262144),
      'metadata.annotations: Too long: may not be more than 262144 bytes',
    ],
    [
      tooMany('spec.podFailurePolicy.rules', 21, 20),
      'spec.podFailurePolicy.rules: Too many: 21: must have at most 20 items',
    ],
    [
      notFound('spec.containers[0].volumeMounts[0].name', 'data'),
      'spec.containers[0].volumeMounts[0].name: Not found: "data"',
    ],
    [internalError('spec', 'boom'), 'spec: Internal error: boom'],
    [tooLong('', 1048576), ': Too long: may not be more than 1048576 bytes'],
  ];
  it.each(cases)('%#', (error, text) => {
    expect(formatFieldError(error)).toBe(text);
  });
});

describe('Go value printing', () => {
  it.each([
    ['plain', '"plain"'],
    ['tab\there', '"tab\\there"'],
    ['quote"back\\', '"quote\\"back\\\\"'],
    ['\u0001', '"\\x01"'],
    ['héllo ✓', '"héllo ✓"'],
    ['nbsp\u00a0', '"nbsp\\u00a0"'],
  ])('quotes %j like strconv.Quote', (input, output) => {
    expect(goQuote(input)).toBe(output);
  });

  it('prints maps with sorted keys, and nil maps', () => {
    expect(goStringMap({ b: '2', a: '1' }).text).toBe('map[string]string{"a":"1", "b":"2"}');
    expect(goStringMap({}).text).toBe('map[string]string{}');
    expect(goStringMap(undefined).text).toBe('map[string]string(nil)');
  });

  it('prints slices, IntOrStrings and label selectors', () => {
    expect(goStringSlice(['a', 'b']).text).toBe('[]string{"a", "b"}');
    expect(goStringSlice(undefined).text).toBe('[]string(nil)');
    expect(goIntOrString('5x').text).toBe('intstr.IntOrString{Type:1, IntVal:0, StrVal:"5x"}');
    expect(goIntOrString(0).text).toBe('intstr.IntOrString{Type:0, IntVal:0, StrVal:""}');
    expect(goLabelSelector({ matchLabels: { app: 'y' } }).text).toBe(
      'v1.LabelSelector{MatchLabels:map[string]string{"app":"y"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}',
    );
    expect(goLabelSelector({ matchExpressions: [{ key: 'a', operator: 'In', values: ['x'] }] }).text).toBe(
      'v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement{v1.LabelSelectorRequirement{Key:"a", Operator:"In", Values:[]string{"x"}}}}',
    );
  });
});

describe('Path', () => {
  it('builds children, indexes and keys', () => {
    const p = Path.of('spec', 'template')
      .child('spec', 'containers')
      .index(2)
      .child('resources', 'limits')
      .key('cpu');
    expect(String(p)).toBe('spec.template.spec.containers[2].resources.limits[cpu]');
    expect(String(Path.of('data').key('a.b'))).toBe('data[a.b]');
  });
});

describe('deepEqual', () => {
  it('treats Go zero values as absent', () => {
    expect(deepEqual({ a: '', b: [], c: {} }, {})).toBe(true);
    expect(deepEqual({ a: 1 }, { a: 1, b: 0 })).toBe(true);
    expect(deepEqual({ a: [1, 2] }, { a: [2, 1] })).toBe(false);
    expect(deepEqual('x', undefined)).toBe(false);
  });
});

describe('invalidStatus', () => {
  const deployment = { group: 'apps', kind: 'Deployment' };
  it('builds the 422 Status of one error', () => {
    const status = invalidStatus(deployment, 'web', [
      invalid('spec.replicas', -1, 'must be greater than or equal to 0'),
    ]);
    expect(status).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message:
        'Deployment.apps "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0',
      reason: 'Invalid',
      details: {
        name: 'web',
        group: 'apps',
        kind: 'Deployment',
        causes: [
          {
            reason: 'FieldValueInvalid',
            message: 'Invalid value: -1: must be greater than or equal to 0',
            field: 'spec.replicas',
          },
        ],
      },
      code: 422,
    });
  });

  it('brackets several errors, drops duplicate messages but keeps every cause', () => {
    const errs = [
      required('spec.selector'),
      required('spec.selector'),
      required('spec.template.spec.containers'),
    ];
    const status = invalidStatus({ group: '', kind: 'Pod' }, 'p', errs);
    expect(status.message).toBe(
      'Pod "p" is invalid: [spec.selector: Required value, spec.template.spec.containers: Required value]',
    );
    expect(status.details?.causes).toHaveLength(3);
    expect(status.details).not.toHaveProperty('group');
  });

  it('omits an empty field from the cause', () => {
    const status = invalidStatus({ group: '', kind: 'ConfigMap' }, 'big', [tooLong('', 1048576)]);
    expect(status.message).toBe('ConfigMap "big" is invalid: : Too long: may not be more than 1048576 bytes');
    expect(status.details?.causes).toEqual([
      { reason: 'FieldValueTooLong', message: 'Too long: may not be more than 1048576 bytes' },
    ]);
  });
});
