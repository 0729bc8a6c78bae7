import { describe, expect, it } from 'vitest';
import { buildEditorSchemaBundle, editorSchema, loadEditorSchemaBundle } from './editor-schemas';
import { goSourcesOrSkip } from './openapi/sources';

const REF = '#/components/schemas/';

describe('editorSchema', () => {
  it('points refs at #/definitions, drops x-kubernetes-*, and closes objects with properties', () => {
    expect(
      editorSchema({
        type: 'object',
        'x-kubernetes-group-version-kind': [{ group: 'apps', version: 'v1', kind: 'Deployment' }],
        properties: {
          spec: { allOf: [{ $ref: `${REF}io.k8s.api.apps.v1.DeploymentSpec` }] },
          // A property named like a keyword is still a property.
          type: { type: 'string' },
        },
      }),
    ).toEqual({
      type: 'object',
      additionalProperties: false,
      properties: {
        spec: { allOf: [{ $ref: '#/definitions/io.k8s.api.apps.v1.DeploymentSpec' }] },
        type: { type: 'string' },
      },
    });
    // Maps keep their value schema; open objects stay open.
    expect(editorSchema({ type: 'object', additionalProperties: { type: 'string' } })).toEqual({
      type: 'object',
      additionalProperties: { type: 'string' },
    });
    expect(editorSchema({ type: 'object' })).toEqual({ type: 'object' });
  });
});

describe('buildEditorSchemaBundle', () => {
  it('keeps the served kinds and only the definitions they reach', () => {
    const bundle = buildEditorSchemaBundle(
      {
        'io.k8s.api.apps.v1.Deployment': {
          type: 'object',
          'x-kubernetes-group-version-kind': [{ group: 'apps', version: 'v1', kind: 'Deployment' }],
          properties: { spec: { $ref: `${REF}io.k8s.api.apps.v1.DeploymentSpec` } },
        },
        'io.k8s.api.apps.v1.DeploymentSpec': {
          type: 'object',
          properties: { replicas: { type: 'integer' } },
        },
        'io.k8s.api.apps.v1.Unused': { type: 'object' },
        'io.k8s.api.authentication.v1.TokenReview': {
          type: 'object',
          'x-kubernetes-group-version-kind': [
            { group: 'authentication.k8s.io', version: 'v1', kind: 'TokenReview' },
          ],
        },
      },
      { kubernetesVersion: 'v1.32', source: 'test' },
    );
    expect(bundle.kinds).toEqual([
      { apiVersion: 'apps/v1', kind: 'Deployment', definition: 'io.k8s.api.apps.v1.Deployment' },
    ]);
    expect(Object.keys(bundle.definitions)).toEqual([
      'io.k8s.api.apps.v1.Deployment',
      'io.k8s.api.apps.v1.DeploymentSpec',
    ]);
  });
});

describe('the bundle from the upstream Go types', () => {
  const dir = goSourcesOrSkip('editor schemas');
  it.runIf(dir !== null)('has the common kinds, each with its definition', () => {
    const { bundle } = loadEditorSchemaBundle();
    expect(bundle).not.toBeNull();
    const kinds = new Map(bundle?.kinds.map((k) => [`${k.apiVersion} ${k.kind}`, k.definition]));
    for (const kind of ['apps/v1 Deployment', 'v1 Service', 'v1 Pod', 'v1 ConfigMap', 'batch/v1 Job'])
      expect(bundle?.definitions[kinds.get(kind) ?? '']).toBeDefined();
    const spec = bundle?.definitions['io.k8s.api.apps.v1.DeploymentSpec'] as { required?: string[] };
    expect(spec.required).toEqual(expect.arrayContaining(['selector', 'template']));
  });
});
