import { describe, expect, it } from 'vitest';
import { applyStrategicMergePatch, patchSchemaFromOpenAPI } from './index';

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const wrapped = (name: string, extra: object = {}) => ({ allOf: [ref(name)], default: {}, ...extra });
const mapList = (key: string, item: string, keys: string[] = [key]) => ({
  type: 'array',
  items: wrapped(item),
  'x-kubernetes-list-map-keys': keys,
  'x-kubernetes-list-type': 'map',
  'x-kubernetes-patch-merge-key': key,
  'x-kubernetes-patch-strategy': 'merge',
});

/** A trimmed copy of the shape of kube-apiserver's /openapi/v3/apis/apps/v1 document. */
const components = {
  schemas: {
    'io.k8s.api.apps.v1.Deployment': {
      type: 'object',
      properties: {
        apiVersion: { type: 'string' },
        metadata: wrapped('io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta'),
        spec: wrapped('io.k8s.api.apps.v1.DeploymentSpec'),
      },
    },
    'io.k8s.api.apps.v1.DeploymentSpec': {
      type: 'object',
      properties: {
        replicas: { type: 'integer', format: 'int32' },
        strategy: wrapped('io.k8s.api.apps.v1.DeploymentStrategy', {
          'x-kubernetes-patch-strategy': 'retainKeys',
        }),
        template: wrapped('io.k8s.api.core.v1.PodTemplateSpec'),
      },
    },
    'io.k8s.api.apps.v1.DeploymentStrategy': {
      type: 'object',
      properties: { type: { type: 'string' }, rollingUpdate: { type: 'object' } },
    },
    'io.k8s.api.core.v1.PodTemplateSpec': {
      type: 'object',
      properties: {
        metadata: wrapped('io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta'),
        spec: wrapped('io.k8s.api.core.v1.PodSpec'),
      },
    },
    'io.k8s.api.core.v1.PodSpec': {
      type: 'object',
      properties: {
        containers: mapList('name', 'io.k8s.api.core.v1.Container'),
        volumes: {
          ...mapList('name', 'io.k8s.api.core.v1.Volume'),
          'x-kubernetes-patch-strategy': 'merge,retainKeys',
        },
        nodeSelector: {
          type: 'object',
          additionalProperties: { type: 'string', default: '' },
          'x-kubernetes-map-type': 'atomic',
        },
      },
    },
    'io.k8s.api.core.v1.Container': {
      type: 'object',
      properties: {
        name: { type: 'string' },
        image: { type: 'string' },
        args: { type: 'array', items: { type: 'string' }, 'x-kubernetes-list-type': 'atomic' },
        env: mapList('name', 'io.k8s.api.core.v1.EnvVar'),
        ports: mapList('containerPort', 'io.k8s.api.core.v1.ContainerPort', ['containerPort', 'protocol']),
      },
    },
    'io.k8s.api.core.v1.EnvVar': { type: 'object', properties: { name: { type: 'string' } } },
    'io.k8s.api.core.v1.ContainerPort': {
      type: 'object',
      properties: { containerPort: { type: 'integer' } },
    },
    'io.k8s.api.core.v1.Volume': { type: 'object', properties: { name: { type: 'string' } } },
    'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta': {
      type: 'object',
      properties: {
        labels: { type: 'object', additionalProperties: { type: 'string', default: '' } },
        finalizers: {
          type: 'array',
          items: { type: 'string', default: '' },
          'x-kubernetes-list-type': 'set',
          'x-kubernetes-patch-strategy': 'merge',
        },
      },
    },
    // Recursive, like apiextensions' JSONSchemaProps.
    'io.k8s.apiextensions.JSONSchemaProps': {
      type: 'object',
      properties: {
        properties: { type: 'object', additionalProperties: wrapped('io.k8s.apiextensions.JSONSchemaProps') },
        items: wrapped('io.k8s.apiextensions.JSONSchemaProps'),
      },
    },
  },
};

const deployment = () =>
  patchSchemaFromOpenAPI(components, '#/components/schemas/io.k8s.api.apps.v1.Deployment');
const podSpec = () => deployment().property('spec')?.property('template')?.property('spec');

describe('patchSchemaFromOpenAPI', () => {
  it('reads patch metadata through allOf and $ref wrappers', () => {
    const containers = podSpec()?.property('containers');
    expect(containers).toMatchObject({
      patchStrategy: 'merge',
      patchMergeKey: 'name',
      listType: 'map',
      listMapKeys: ['name'],
    });
    const container = containers?.items();
    expect(container?.property('env')).toMatchObject({ patchStrategy: 'merge', patchMergeKey: 'name' });
    expect(container?.property('ports')).toMatchObject({ listMapKeys: ['containerPort', 'protocol'] });
    expect(container?.property('args')).toMatchObject({ listType: 'atomic' });
    expect(container?.property('args')?.patchStrategy).toBeUndefined();
    expect(podSpec()?.property('volumes')?.patchStrategy).toBe('merge,retainKeys');
    expect(deployment().property('spec')?.property('strategy')?.patchStrategy).toBe('retainKeys');
    expect(deployment().property('metadata')?.property('finalizers')).toMatchObject({
      patchStrategy: 'merge',
      listType: 'set',
    });
  });

  it('gives the value schema for any key of a map, and nothing for unknown fields', () => {
    expect(podSpec()?.property('nodeSelector')?.property('any-key')).toBeDefined();
    expect(podSpec()?.property('nope')).toBeUndefined();
    expect(podSpec()?.items()).toBeUndefined();
  });

  it('resolves recursive schemas lazily', () => {
    let node = patchSchemaFromOpenAPI(
      components.schemas,
      '#/components/schemas/io.k8s.apiextensions.JSONSchemaProps',
    );
    for (let depth = 0; depth < 50; depth++) {
      const next = node.property('properties')?.property(`field${depth}`)?.property('items');
      expect(next).toBeDefined();
      if (next) node = next;
    }
  });

  it('throws for a reference to no schema', () => {
    expect(() => patchSchemaFromOpenAPI(components, '#/components/schemas/io.k8s.Nope')).toThrow(
      'unable to resolve #/components/schemas/io.k8s.Nope in OpenAPI V3',
    );
  });

  it('drives a strategic merge patch of a Deployment', () => {
    const original = {
      apiVersion: 'apps/v1',
      spec: {
        replicas: 1,
        strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1 } },
        template: {
          spec: { containers: [{ name: 'web', image: 'nginx:1.25', env: [{ name: 'A', value: '1' }] }] },
        },
      },
    };
    const patch = {
      spec: {
        strategy: { $retainKeys: ['type'], type: 'Recreate' },
        template: {
          spec: { containers: [{ name: 'web', image: 'nginx:1.27', env: [{ name: 'B', value: '2' }] }] },
        },
      },
    };
    expect(applyStrategicMergePatch(original, JSON.stringify(patch), deployment())).toEqual({
      apiVersion: 'apps/v1',
      spec: {
        replicas: 1,
        strategy: { type: 'Recreate' },
        template: {
          spec: {
            containers: [
              {
                name: 'web',
                image: 'nginx:1.27',
                // Without $setElementOrder, new elements go before the live ones.
                env: [
                  { name: 'B', value: '2' },
                  { name: 'A', value: '1' },
                ],
              },
            ],
          },
        },
      },
    });
  });
});
