/**
 * The schemas generated from the fetched v1.32 Go types, checked against the shapes of
 * kube-apiserver v1.32's own OpenAPI v3 documents (as client-go's openapitest fixtures and
 * `kubectl explain` show them).
 */
import { describe, expect, it } from 'vitest';
import { patchSchemaFromOpenAPI } from '../../sim/apiserver/patch';
import { loadOpenApiSchemas } from './load';
import { goSourcesOrSkip } from './sources';

const dir = goSourcesOrSkip('OpenAPI schemas from the Go API types');
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const META = 'io.k8s.apimachinery.pkg.apis.meta.v1';

describe.skipIf(dir === null)('schemas generated from the v1.32 Go API types', () => {
  const { schemas, warnings } = dir === null ? { schemas: {}, warnings: [] } : loadOpenApiSchemas(dir);
  const schema = (name: string) =>
    schemas[name] as Record<string, unknown> & { properties: Record<string, unknown> };
  const property = (name: string, field: string) => {
    const { description: _description, ...rest } = schema(name).properties[field] as Record<string, unknown>;
    return rest;
  };

  it('resolves every type the API structs use', () => {
    expect(warnings).toEqual([]);
    expect(Object.keys(schemas).length).toBeGreaterThan(900);
  });

  it('Deployment: a kind with metadata, spec and status', () => {
    expect(schema('io.k8s.api.apps.v1.Deployment')).toEqual({
      description: 'Deployment enables declarative updates for Pods and ReplicaSets.',
      properties: {
        apiVersion: {
          description: expect.stringMatching(/^APIVersion defines the versioned schema/),
          type: 'string',
        },
        kind: { description: expect.stringMatching(/^Kind is a string value/), type: 'string' },
        metadata: {
          allOf: [ref(`${META}.ObjectMeta`)],
          default: {},
          description: expect.stringMatching(/^Standard object's metadata\. More info: https:/),
        },
        spec: {
          allOf: [ref('io.k8s.api.apps.v1.DeploymentSpec')],
          default: {},
          description: 'Specification of the desired behavior of the Deployment.',
        },
        status: {
          allOf: [ref('io.k8s.api.apps.v1.DeploymentStatus')],
          default: {},
          description: 'Most recently observed status of the Deployment.',
        },
      },
      type: 'object',
      'x-kubernetes-group-version-kind': [{ group: 'apps', kind: 'Deployment', version: 'v1' }],
    });
    expect(schema('io.k8s.api.apps.v1.DeploymentList')).toMatchObject({
      required: ['items'],
      'x-kubernetes-group-version-kind': [{ group: 'apps', kind: 'DeploymentList', version: 'v1' }],
    });
    expect(schema('io.k8s.api.apps.v1.DeploymentSpec')).toMatchObject({ required: ['selector', 'template'] });
    expect(property('io.k8s.api.apps.v1.DeploymentSpec', 'strategy')).toEqual({
      allOf: [ref('io.k8s.api.apps.v1.DeploymentStrategy')],
      default: {},
      'x-kubernetes-patch-strategy': 'retainKeys',
    });
    expect(property('io.k8s.api.apps.v1.DeploymentSpec', 'replicas')).toEqual({
      format: 'int32',
      type: 'integer',
    });
    expect(property('io.k8s.api.apps.v1.DeploymentSpec', 'selector')).toEqual({
      allOf: [ref(`${META}.LabelSelector`)],
    });
  });

  it('PodSpec.containers: a map-type list merged by name', () => {
    expect(property('io.k8s.api.core.v1.PodSpec', 'containers')).toEqual({
      items: { allOf: [ref('io.k8s.api.core.v1.Container')], default: {} },
      type: 'array',
      'x-kubernetes-list-map-keys': ['name'],
      'x-kubernetes-list-type': 'map',
      'x-kubernetes-patch-merge-key': 'name',
      'x-kubernetes-patch-strategy': 'merge',
    });
    expect(schema('io.k8s.api.core.v1.PodSpec').required).toEqual(['containers']);
    expect(property('io.k8s.api.core.v1.PodSpec', 'nodeSelector')).toEqual({
      additionalProperties: { default: '', type: 'string' },
      type: 'object',
      'x-kubernetes-map-type': 'atomic',
    });
    expect(property('io.k8s.api.core.v1.PodSpec', 'volumes')).toMatchObject({
      'x-kubernetes-patch-merge-key': 'name',
      'x-kubernetes-patch-strategy': 'merge,retainKeys',
    });
  });

  it('Container.ports: keyed by containerPort and protocol', () => {
    expect(property('io.k8s.api.core.v1.Container', 'ports')).toEqual({
      items: { allOf: [ref('io.k8s.api.core.v1.ContainerPort')], default: {} },
      type: 'array',
      'x-kubernetes-list-map-keys': ['containerPort', 'protocol'],
      'x-kubernetes-list-type': 'map',
      'x-kubernetes-patch-merge-key': 'containerPort',
      'x-kubernetes-patch-strategy': 'merge',
    });
    expect(schema('io.k8s.api.core.v1.ContainerPort')).toMatchObject({
      required: ['containerPort'],
      properties: {
        containerPort: { default: 0, format: 'int32', type: 'integer' },
        protocol: { default: 'TCP', enum: ['SCTP', 'TCP', 'UDP'], type: 'string' },
      },
    });
    expect(schema('io.k8s.api.core.v1.Container').required).toEqual(['name']);
  });

  it('ObjectMeta', () => {
    const objectMeta = schema(`${META}.ObjectMeta`);
    expect(objectMeta.type).toBe('object');
    expect(objectMeta.required).toBeUndefined();
    expect(property(`${META}.ObjectMeta`, 'creationTimestamp')).toEqual({
      allOf: [ref(`${META}.Time`)],
      default: {},
    });
    expect(property(`${META}.ObjectMeta`, 'labels')).toEqual({
      additionalProperties: { default: '', type: 'string' },
      type: 'object',
    });
    expect(property(`${META}.ObjectMeta`, 'ownerReferences')).toMatchObject({
      items: { allOf: [ref(`${META}.OwnerReference`)], default: {} },
      type: 'array',
      'x-kubernetes-patch-merge-key': 'uid',
      'x-kubernetes-patch-strategy': 'merge',
    });
    expect(property(`${META}.ObjectMeta`, 'generation')).toEqual({ format: 'int64', type: 'integer' });
    expect(schema(`${META}.OwnerReference`)).toMatchObject({
      required: ['apiVersion', 'kind', 'name', 'uid'],
      'x-kubernetes-map-type': 'atomic',
    });
  });

  it('IntOrString, Quantity, Time, MicroTime, RawExtension and FieldsV1', () => {
    expect(schema('io.k8s.apimachinery.pkg.util.intstr.IntOrString')).toEqual({
      description: expect.stringMatching(/^IntOrString is a type that can hold an int32 or a string\./),
      format: 'int-or-string',
      oneOf: [{ type: 'integer' }, { type: 'string' }],
    });
    expect(schema('io.k8s.apimachinery.pkg.api.resource.Quantity')).toEqual({
      description: expect.any(String),
      oneOf: [{ type: 'string' }, { type: 'number' }],
    });
    for (const time of ['Time', 'MicroTime'])
      expect(schema(`${META}.${time}`)).toEqual({
        description: expect.any(String),
        format: 'date-time',
        type: 'string',
      });
    expect(schema(`${META}.Duration`)).toEqual({ description: expect.any(String), type: 'string' });
    expect(schema('io.k8s.apimachinery.pkg.runtime.RawExtension')).toEqual({
      description: expect.stringMatching(
        /^RawExtension is used to hold extensions in external versions\.\n\n/,
      ),
      type: 'object',
    });
    expect(schema(`${META}.FieldsV1`)).toEqual({ description: expect.any(String), type: 'object' });
    expect(property('io.k8s.api.core.v1.ServicePort', 'targetPort')).toEqual({
      allOf: [ref('io.k8s.apimachinery.pkg.util.intstr.IntOrString')],
      default: {},
    });
  });

  it('feeds strategic merge patch the merge keys', () => {
    const deployment = patchSchemaFromOpenAPI(schemas, '#/components/schemas/io.k8s.api.apps.v1.Deployment');
    const podSpec = deployment.property('spec')?.property('template')?.property('spec');
    const containers = podSpec?.property('containers');
    expect([containers?.patchStrategy, containers?.patchMergeKey, containers?.listType]).toEqual([
      'merge',
      'name',
      'map',
    ]);
    const ports = containers?.items()?.property('ports');
    expect(ports?.listMapKeys).toEqual(['containerPort', 'protocol']);
    expect(deployment.property('spec')?.property('strategy')?.patchStrategy).toBe('retainKeys');
  });
});
