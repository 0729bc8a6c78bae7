import { describe, expect, it } from 'vitest';
import { checkAgainstSchema } from './index';
import { deployment, SCHEMAS } from './testing';

const DEPLOYMENT = 'io.k8s.api.apps.v1.Deployment';
const RE = `'^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'`;
const QUANTITY_ERROR = `quantities must match the regular expression ${RE}`;

/** The fixture Deployment with values set at dotted paths (`spec.template.spec.containers.0.image`). */
function withValues(values: Record<string, unknown>): Record<string, unknown> {
  const d = deployment();
  for (const [path, value] of Object.entries(values)) {
    const keys = path.split('.');
    let at: Record<string, unknown> = d;
    for (const k of keys.slice(0, -1)) at = (at[k] ??= {}) as Record<string, unknown>;
    at[keys[keys.length - 1] as string] = value;
  }
  return d;
}

const C0 = 'spec.template.spec.containers.0';

describe('checkAgainstSchema: unknown fields', () => {
  const cases: [string, Record<string, unknown>, string[]][] = [
    ['a valid Deployment', {}, []],
    ['a field at the root', { bogus: 1 }, ['unknown field "bogus"']],
    ['a field in spec', { 'spec.bogus': true }, ['unknown field "spec.bogus"']],
    [
      'a misspelt field in a list item',
      { [`${C0}.imagePullPolicyy`]: 'Always' },
      ['unknown field "spec.template.spec.containers[0].imagePullPolicyy"'],
    ],
    [
      'a field in a nested list item',
      { [`${C0}.ports.0.hostPortt`]: 80 },
      ['unknown field "spec.template.spec.containers[0].ports[0].hostPortt"'],
    ],
    ['a field ObjectMeta lacks', { 'metadata.label': { a: 'b' } }, ['unknown field "metadata.label"']],
    ['a field matched case-sensitively', { 'spec.Replicas': 3 }, ['unknown field "spec.Replicas"']],
    ['an unknown field set to null', { 'spec.bogus': null }, ['unknown field "spec.bogus"']],
    [
      'several, in document order and without descending into them',
      {
        'metadata.labelz': {},
        'spec.zzz': { deeper: 1 },
        'spec.template.spec.nodeName2': 'a',
        'status.x': 1,
      },
      [
        'unknown field "metadata.labelz"',
        'unknown field "spec.template.spec.nodeName2"',
        'unknown field "spec.zzz"',
        'unknown field "status.x"',
      ],
    ],
    [
      'any key of a map',
      { 'metadata.labels': { 'x.io/any': 'v' }, 'spec.template.spec.nodeSelector': { a: '' } },
      [],
    ],
    [
      'anything inside an opaque FieldsV1',
      { 'metadata.managedFields.0.fieldsV1': { 'f:x': { '.': {} } } },
      [],
    ],
    ['apiVersion and kind', { apiVersion: 'apps/v1', kind: 'Deployment' }, []],
  ];
  it.each(cases)('%s', (_name, values, expected) => {
    const check = checkAgainstSchema(withValues(values), SCHEMAS, DEPLOYMENT);
    expect(check.unknownFields).toEqual(expected);
    expect(check.typeErrors).toEqual([]);
  });

  it('keeps at most 100, as upstream does', () => {
    const spec = Object.fromEntries(Array.from({ length: 150 }, (_, i) => [`f${i}`, i]));
    const check = checkAgainstSchema({ kind: 'Deployment', spec }, SCHEMAS, DEPLOYMENT);
    expect(check.unknownFields).toHaveLength(100);
    expect(check.unknownFields[99]).toBe('unknown field "spec.f99"');
  });

  it('skips everything under x-kubernetes-preserve-unknown-fields', () => {
    const widget = {
      kind: 'Widget',
      spec: { config: { any: { thing: [1, { goes: true }] } }, port: 'http' },
    };
    const check = checkAgainstSchema(widget, SCHEMAS, 'com.example.v1.Widget');
    expect(check).toEqual({ unknownFields: [], typeErrors: [] });
  });
});

const cannot = (what: string, field: string, type: string) =>
  `json: cannot unmarshal ${what} into Go struct field ${field} of type ${type}`;

describe('checkAgainstSchema: type errors', () => {
  const cases: [string, Record<string, unknown>, string][] = [
    [
      'string into int32',
      { 'spec.replicas': '3' },
      cannot('string', 'DeploymentSpec.spec.replicas', 'int32'),
    ],
    [
      '1.5 into int32',
      { 'spec.replicas': 1.5 },
      cannot('number 1.5', 'DeploymentSpec.spec.replicas', 'int32'),
    ],
    [
      'an int32 overflow',
      { 'spec.replicas': 3000000000 },
      cannot('number 3000000000', 'DeploymentSpec.spec.replicas', 'int32'),
    ],
    [
      'string into int64',
      { 'spec.template.spec.terminationGracePeriodSeconds': '30' },
      cannot('string', 'PodSpec.spec.template.spec.terminationGracePeriodSeconds', 'int64'),
    ],
    ['string into bool', { 'spec.paused': 'true' }, cannot('string', 'DeploymentSpec.spec.paused', 'bool')],
    [
      'object into string (list indexes are not in the path)',
      { [`${C0}.image`]: { name: 'nginx' } },
      cannot('object', 'Container.spec.template.spec.containers.image', 'string'),
    ],
    [
      'number into a named string type',
      { [`${C0}.imagePullPolicy`]: 1 },
      cannot('number', 'Container.spec.template.spec.containers.imagePullPolicy', 'v1.PullPolicy'),
    ],
    [
      'array into a struct',
      { 'spec.template': [] },
      cannot('array', 'DeploymentSpec.spec.template', 'v1.PodTemplateSpec'),
    ],
    ['string into ObjectMeta', { metadata: 'web' }, cannot('string', 'Deployment.metadata', 'v1.ObjectMeta')],
    [
      'object into a list',
      { 'spec.template.spec.containers': { name: 'web' } },
      cannot('object', 'PodSpec.spec.template.spec.containers', '[]v1.Container'),
    ],
    [
      'string as a list item',
      { 'spec.template.spec.containers': ['nginx'] },
      cannot('string', 'PodSpec.spec.template.spec.containers', 'v1.Container'),
    ],
    [
      'string into []string',
      { [`${C0}.args`]: '--v=2' },
      cannot('string', 'Container.spec.template.spec.containers.args', '[]string'),
    ],
    [
      'array into map[string]string',
      { 'spec.selector.matchLabels': ['app=web'] },
      cannot('array', 'LabelSelector.spec.selector.matchLabels', 'map[string]string'),
    ],
    [
      'number as a map value (map keys are not in the path)',
      { 'metadata.labels': { tier: 1 } },
      cannot('number', 'ObjectMeta.metadata.labels', 'string'),
    ],
    [
      'string into a ResourceList',
      { [`${C0}.resources.limits`]: '500m' },
      cannot(
        'string',
        'ResourceRequirements.spec.template.spec.containers.resources.limits',
        'v1.ResourceList',
      ),
    ],
    [
      '1.5 into an IntOrString',
      { 'spec.strategy.rollingUpdate.maxSurge': 1.5 },
      cannot('number 1.5', 'RollingUpdateDeployment.spec.strategy.rollingUpdate.maxSurge', 'int32'),
    ],
    [
      'bool into an IntOrString',
      { [`${C0}.livenessProbe.httpGet.port`]: true },
      cannot('bool', 'HTTPGetAction.spec.template.spec.containers.livenessProbe.httpGet.port', 'int32'),
    ],
    ['bool into a Quantity', { [`${C0}.resources.limits`]: { cpu: true } }, QUANTITY_ERROR],
    ['a malformed Quantity', { 'spec.template.spec.overhead': { cpu: 'lots' } }, QUANTITY_ERROR],
    [
      'number into a Time',
      { 'metadata.creationTimestamp': 5 },
      cannot('number', 'ObjectMeta.metadata.creationTimestamp', 'string'),
    ],
    [
      'a malformed Time',
      { 'metadata.creationTimestamp': 'yesterday' },
      'parsing time "yesterday" as "2006-01-02T15:04:05Z07:00": cannot parse "yesterday" as "2006"',
    ],
  ];
  it.each(cases)('%s', (_name, values, expected) => {
    expect(checkAgainstSchema(withValues(values), SCHEMAS, DEPLOYMENT).typeErrors).toEqual([expected]);
  });

  it('lists plain mismatches in document order', () => {
    const body = withValues({ 'spec.replicas': 'three', 'spec.paused': 1 });
    expect(checkAgainstSchema(body, SCHEMAS, DEPLOYMENT).typeErrors).toEqual([
      cannot('string', 'DeploymentSpec.spec.replicas', 'int32'),
      cannot('number', 'DeploymentSpec.spec.paused', 'bool'),
    ]);
  });

  it("puts a type's own decoder error first: it stops decoding and wins", () => {
    const body = withValues({
      'spec.replicas': 'three',
      [`${C0}.resources.limits`]: { cpu: 'x' },
      'spec.paused': 1,
    });
    expect(checkAgainstSchema(body, SCHEMAS, DEPLOYMENT).typeErrors).toEqual([
      QUANTITY_ERROR,
      cannot('string', 'DeploymentSpec.spec.replicas', 'int32'),
    ]);
  });

  it('reports no unknown fields inside a value of the wrong type', () => {
    const check = checkAgainstSchema(withValues({ 'spec.replicas': { bogus: 1 } }), SCHEMAS, DEPLOYMENT);
    expect(check.unknownFields).toEqual([]);
    expect(check.typeErrors).toEqual([cannot('object', 'DeploymentSpec.spec.replicas', 'int32')]);
  });

  it('reports unknown fields and type errors side by side', () => {
    const check = checkAgainstSchema(
      withValues({ 'spec.bogus': 1, 'spec.replicas': '1' }),
      SCHEMAS,
      DEPLOYMENT,
    );
    expect(check.unknownFields).toEqual(['unknown field "spec.bogus"']);
    expect(check.typeErrors).toHaveLength(1);
  });

  it('accepts numbers and strings for IntOrString and Quantity', () => {
    const body = withValues({
      'spec.strategy.rollingUpdate': { maxSurge: 2, maxUnavailable: '50%' },
      [`${C0}.livenessProbe.httpGet.port`]: 8080,
      [`${C0}.resources`]: { limits: { cpu: 2, memory: '1Gi' }, requests: { cpu: 0.5, memory: ' 64Mi ' } },
    });
    expect(checkAgainstSchema(body, SCHEMAS, DEPLOYMENT)).toEqual({ unknownFields: [], typeErrors: [] });
  });

  it('accepts null anywhere', () => {
    const body = withValues({
      metadata: { name: 'web', labels: { a: null }, creationTimestamp: null, managedFields: null },
      'spec.replicas': null,
      'spec.paused': null,
      'spec.strategy': { rollingUpdate: { maxSurge: null } },
      'spec.template.spec.containers': [
        null,
        { name: null, resources: { limits: { cpu: null } }, args: [null] },
      ],
    });
    expect(checkAgainstSchema(body, SCHEMAS, DEPLOYMENT)).toEqual({ unknownFields: [], typeErrors: [] });
  });

  it('checks []byte fields as base64', () => {
    const secret = (data: unknown) =>
      checkAgainstSchema({ kind: 'Secret', data }, SCHEMAS, 'io.k8s.api.core.v1.Secret');
    expect(secret({ ok: 'aGVsbG8=' }).typeErrors).toEqual([]);
    expect(secret({ bad: 'hello' }).typeErrors).toEqual(['illegal base64 data at input byte 4']);
    expect(secret({ bad: 5 }).typeErrors).toEqual([cannot('number', 'Secret.data', '[]uint8')]);
    expect(secret('x').typeErrors).toEqual([cannot('string', 'Secret.data', 'map[string][]uint8')]);
  });

  it('checks MicroTime with its six fractional digits', () => {
    const lease = (renewTime: string) =>
      checkAgainstSchema({ spec: { renewTime } }, SCHEMAS, 'io.k8s.api.coordination.v1.Lease').typeErrors;
    expect(lease('2024-05-01T10:00:00.123456Z')).toEqual([]);
    expect(lease('2024-05-01T10:00:00Z')).toEqual([
      'parsing time "2024-05-01T10:00:00Z" as "2006-01-02T15:04:05.000000Z07:00": cannot parse "Z" as ".000000"',
    ]);
  });

  it('honours x-kubernetes-int-or-string', () => {
    const widget = (port: unknown) =>
      checkAgainstSchema({ spec: { port } }, SCHEMAS, 'com.example.v1.Widget').typeErrors;
    expect(widget(80)).toEqual([]);
    expect(widget('http')).toEqual([]);
    expect(widget([80])).toHaveLength(1);
  });
});
