import { describe, expect, it } from 'vitest';
import { manifestAt, parseManifests } from './manifests';
import { documentSchema, schemaForKind, schemaStatus, type SchemaBundle } from './schemas';

const BUNDLE: SchemaBundle = {
  kubernetesVersion: 'v1.32',
  source: 'test',
  kinds: [
    { apiVersion: 'apps/v1', kind: 'Deployment', definition: 'io.k8s.api.apps.v1.Deployment' },
    { apiVersion: 'v1', kind: 'Service', definition: 'io.k8s.api.core.v1.Service' },
    { apiVersion: 'autoscaling/v1', kind: 'HorizontalPodAutoscaler', definition: 'hpa.v1' },
    { apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', definition: 'hpa.v2' },
  ],
  definitions: {
    'io.k8s.api.apps.v1.Deployment': { type: 'object', properties: { spec: { type: 'object' } } },
    'io.k8s.api.core.v1.Service': { type: 'object' },
    'hpa.v1': { type: 'object' },
    'hpa.v2': { type: 'object' },
  },
};

describe('schemaForKind', () => {
  it('picks the schema by apiVersion and kind together', () => {
    expect(schemaForKind(BUNDLE, 'apps/v1', 'Deployment')?.definition).toBe('io.k8s.api.apps.v1.Deployment');
    expect(schemaForKind(BUNDLE, 'autoscaling/v2', 'HorizontalPodAutoscaler')?.definition).toBe('hpa.v2');
    expect(schemaForKind(BUNDLE, 'autoscaling/v1', 'HorizontalPodAutoscaler')?.definition).toBe('hpa.v1');
  });

  it('has none for a kind in the wrong group, an unknown kind, or without schemas', () => {
    expect(schemaForKind(BUNDLE, 'v1', 'Deployment')).toBeUndefined();
    expect(schemaForKind(BUNDLE, 'example.com/v1', 'Widget')).toBeUndefined();
    expect(schemaForKind(null, 'apps/v1', 'Deployment')).toBeUndefined();
    expect(schemaForKind(BUNDLE, undefined, 'Deployment')).toBeUndefined();
  });
});

describe('documentSchema', () => {
  it('selects each kind’s definition with if/then on apiVersion and kind', () => {
    const schema = documentSchema(BUNDLE);
    expect(schema.allOf).toContainEqual({
      if: {
        properties: { apiVersion: { const: 'apps/v1' }, kind: { const: 'Deployment' } },
        required: ['apiVersion', 'kind'],
      },
      then: { $ref: '#/definitions/io.k8s.api.apps.v1.Deployment' },
    });
    expect(schema.definitions).toBe(BUNDLE.definitions);
    // A List's items are each checked as what they are.
    expect(schema.allOf).toContainEqual(
      expect.objectContaining({ then: { properties: { items: { type: 'array', items: { $ref: '#' } } } } }),
    );
    expect(schema.required).toEqual(['apiVersion', 'kind']);
  });

  it('offers the known apiVersions and kinds as completions without forbidding others', () => {
    const properties = documentSchema(BUNDLE).properties as Record<string, Record<string, unknown>>;
    expect(properties.kind?.examples).toEqual(['Deployment', 'HorizontalPodAutoscaler', 'Service']);
    expect(properties.apiVersion?.examples).toEqual(['apps/v1', 'autoscaling/v1', 'autoscaling/v2', 'v1']);
    expect(properties.kind?.enum).toBeUndefined();
  });
});

describe('schemaStatus', () => {
  const manifest = (text: string) => parseManifests(text).manifests[0];

  it('names the schema of the document under the cursor', () => {
    expect(schemaStatus(BUNDLE, manifest('apiVersion: apps/v1\nkind: Deployment\n'))).toBe(
      'apps/v1 Deployment · schema of Kubernetes v1.32',
    );
  });

  it('says when there is no schema, and why', () => {
    expect(schemaStatus(BUNDLE, manifest('apiVersion: example.com/v1\nkind: Widget\n'))).toMatch(
      /^No schema for example.com\/v1 Widget/,
    );
    expect(schemaStatus(BUNDLE, manifest('metadata: {}\n'))).toMatch(/^Write apiVersion and kind/);
    expect(schemaStatus(null, manifest('apiVersion: v1\nkind: Pod\n'))).toMatch(/^YAML syntax only/);
  });
});

describe('the document under the cursor', () => {
  it('is the one the cursor is in, or the first for the comments above it', () => {
    const text = '# edit below\napiVersion: v1\nkind: Pod\n---\napiVersion: apps/v1\nkind: Deployment\n';
    const parsed = parseManifests(text);
    expect(manifestAt(parsed, 0)?.kind).toBe('Pod');
    expect(manifestAt(parsed, text.indexOf('kind: Pod'))?.kind).toBe('Pod');
    expect(manifestAt(parsed, text.indexOf('kind: Deployment'))?.kind).toBe('Deployment');
  });
});
