/**
 * The simulated apiserver with generated schemas: what its /openapi/v3 documents hold, and
 * strategic merge patches that use the schemas' merge keys.
 */
import { describe, expect, it } from 'vitest';
import { OpenApi } from '../../sim/apiserver/openapi';
import { RESOURCES } from '../../sim/apiserver/resources';
import type { HttpMethod } from '../../sim/apiserver/types';
import { createCluster } from '../../sim/cluster';
import { loadOpenApiSchemas } from './load';
import { goSourcesOrSkip } from './sources';

interface Doc {
  paths: Record<
    string,
    Record<string, { responses: { '200': { content: { 'application/json': { schema: unknown } } } } }>
  >;
  components: { schemas: Record<string, object> };
}

function refs(value: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) value.forEach((v) => refs(v, out));
  else if (typeof value === 'object' && value !== null)
    for (const [k, v] of Object.entries(value)) {
      if (k === '$ref' && typeof v === 'string') out.add(v.replace('#/components/schemas/', ''));
      else refs(v, out);
    }
  return out;
}

describe('OpenApi with given schemas', () => {
  const schemas = {
    'io.k8s.api.apps.v1.Deployment': {
      type: 'object',
      properties: { spec: { $ref: '#/components/schemas/io.k8s.api.apps.v1.DeploymentSpec' } },
      'x-kubernetes-group-version-kind': [{ group: 'apps', version: 'v1', kind: 'Deployment' }],
    },
    'io.k8s.api.apps.v1.DeploymentList': {
      type: 'object',
      'x-kubernetes-group-version-kind': [{ group: 'apps', version: 'v1', kind: 'DeploymentList' }],
    },
    'io.k8s.api.apps.v1.DeploymentSpec': {
      type: 'object',
      properties: { template: { $ref: '#/components/schemas/T' } },
    },
    T: { type: 'object' },
    Unused: { type: 'object' },
  };
  const openapi = new OpenApi(schemas);
  const apps = openapi.document('apps', 'v1') as Doc;

  it('puts the schemas reachable from the kinds in each document, placeholders for the rest', () => {
    const names = Object.keys(apps.components.schemas);
    expect(names).toContain('io.k8s.api.apps.v1.DeploymentSpec');
    expect(names).toContain('T');
    expect(names).not.toContain('Unused');
    expect(apps.components.schemas['io.k8s.api.apps.v1.StatefulSet']).toMatchObject({
      'x-kubernetes-preserve-unknown-fields': true,
    });
  });

  it('points list operations at the List kind', () => {
    const list = apps.paths['/apis/apps/v1/namespaces/{namespace}/deployments']?.get;
    expect(list?.responses['200'].content['application/json'].schema).toEqual({
      $ref: '#/components/schemas/io.k8s.api.apps.v1.DeploymentList',
    });
  });

  it('hashes documents by content', () => {
    const url = (o: OpenApi) =>
      (o.index() as { paths: Record<string, { serverRelativeURL: string }> }).paths['apis/apps/v1'];
    expect(url(openapi)).not.toEqual(url(new OpenApi()));
    expect(url(openapi)).toEqual(url(new OpenApi(schemas)));
  });

  it('reads patch metadata from the schemas, else from the built-in table', () => {
    const find = (kind: string) => RESOURCES.find((r) => r.group === 'apps' && r.kind === kind)!;
    const conditions = (o: OpenApi, kind: string) =>
      o.patchSchemaFor(find(kind))?.property('status')?.property('conditions')?.patchMergeKey;
    // The given Deployment schema has no status: it wins over the table.
    expect(openapi.patchSchemaFor(find('Deployment'))).toBeDefined();
    expect(conditions(openapi, 'Deployment')).toBeUndefined();
    expect(conditions(openapi, 'StatefulSet')).toBe('type');
    expect(conditions(new OpenApi(), 'Deployment')).toBe('type');
    const custom = { ...find('Deployment'), group: 'example.com', kind: 'Widget' };
    expect(new OpenApi().patchSchemaFor(custom)).toBeUndefined();
  });
});

const dir = goSourcesOrSkip('the apiserver with generated OpenAPI schemas');

describe.skipIf(dir === null)('the apiserver with the generated schemas', () => {
  const schemas = dir === null ? {} : loadOpenApiSchemas(dir).schemas;

  function client(withSchemas: boolean) {
    const cluster = createCluster({ seed: 1, ...(withSchemas ? { openapiSchemas: schemas } : {}) });
    return (method: HttpMethod, path: string, body?: unknown, contentType = 'application/json') => {
      const response = cluster.apiserver.handle({
        method,
        path,
        query: {},
        headers: { 'content-type': contentType },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        client: 'kubectl',
      });
      if (!('body' in response)) throw new Error('expected a JSON response');
      return { status: response.status, body: response.body as Doc & Record<string, never> };
    };
  }

  it('serves self-contained documents for every group-version', () => {
    const call = client(true);
    const index = call('GET', '/openapi/v3').body as unknown as {
      paths: Record<string, { serverRelativeURL: string }>;
    };
    for (const [path, { serverRelativeURL }] of Object.entries(index.paths)) {
      expect(serverRelativeURL).toMatch(new RegExp(`^/openapi/v3/${path}\\?hash=[0-9A-F]{8}$`));
      const doc = call('GET', `/openapi/v3/${path}`).body;
      for (const name of refs(doc)) expect(doc.components.schemas, `${path}: ${name}`).toHaveProperty([name]);
    }
    const core = call('GET', '/openapi/v3/api/v1').body.components.schemas;
    expect(core['io.k8s.api.core.v1.Pod']).toMatchObject({ properties: { spec: expect.any(Object) } });
    expect(core).toHaveProperty(['io.k8s.apimachinery.pkg.api.resource.Quantity']);
  });

  const deployment = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'default' },
    spec: {
      selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: {
          containers: [
            { name: 'app', image: 'nginx:1.27' },
            { name: 'sidecar', image: 'busybox:1.36' },
          ],
        },
      },
    },
  };
  const patch = {
    spec: { template: { spec: { containers: [{ name: 'sidecar', image: 'busybox:1.37' }] } } },
  };
  const images = (body: unknown) =>
    (body as typeof deployment).spec.template.spec.containers.map((c) => `${c.name}=${c.image}`);

  it.each([
    [true, ['app=nginx:1.27', 'sidecar=busybox:1.37']],
    [false, ['app=nginx:1.27', 'sidecar=busybox:1.37']],
  ])('strategic merge patch with schemas=%s merges containers by name', (withSchemas, expected) => {
    const call = client(withSchemas);
    expect(call('POST', '/apis/apps/v1/namespaces/default/deployments', deployment).status).toBe(201);
    const patched = call(
      'PATCH',
      '/apis/apps/v1/namespaces/default/deployments/web',
      patch,
      'application/strategic-merge-patch+json',
    );
    expect(patched.status).toBe(200);
    expect(images(patched.body)).toEqual(expected);
  });
});
