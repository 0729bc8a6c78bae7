/**
 * The built-in patch metadata table: how it is cut from OpenAPI schemas, and, with the
 * upstream Go sources present, that the committed file is exactly what they generate and
 * that it says what the full OpenAPI schemas say at every field of every kind.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { builtinPatchSchema, type PatchSchema } from '../../sim/apiserver/patch';
import { BUILTIN_PATCH_META } from '../../sim/apiserver/patch/builtin-meta.generated';
import { RESOURCES, type ResourceInfo } from '../../sim/apiserver/resources';
import { loadOpenApiSchemas } from './load';
import { generatePatchMeta, PATCH_META_FILE, patchMetaTable } from './patch-meta';
import { goSourcesOrSkip } from './sources';

type Json = Record<string, unknown>;
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

describe('patchMetaTable', () => {
  const schemas = {
    'g.v1.Thing': {
      properties: {
        metadata: { allOf: [ref('Meta')], default: {} },
        spec: { allOf: [ref('g.v1.Spec')] },
        status: { allOf: [ref('g.v1.Plain')] },
      },
      'x-kubernetes-group-version-kind': [{ group: 'g', version: 'v1', kind: 'Thing' }],
    },
    'g.v1.Other': {
      properties: { spec: { allOf: [ref('g.v1.Plain')] } },
      'x-kubernetes-group-version-kind': [{ group: 'g', version: 'v1', kind: 'Other' }],
    },
    'g.v1.Spec': {
      properties: {
        items: {
          type: 'array',
          items: { allOf: [ref('g.v1.Item')], default: {} },
          'x-kubernetes-patch-strategy': 'merge',
          'x-kubernetes-patch-merge-key': 'name',
        },
        byName: { type: 'object', additionalProperties: { allOf: [ref('g.v1.Item')] } },
        plain: { type: 'array', items: { allOf: [ref('g.v1.Plain')] } },
        strategy: { allOf: [ref('g.v1.Plain')], 'x-kubernetes-patch-strategy': 'retainKeys' },
        count: { type: 'integer' },
      },
    },
    'g.v1.Item': {
      properties: {
        tags: { type: 'array', items: { type: 'string' }, 'x-kubernetes-patch-strategy': 'merge' },
      },
    },
    'g.v1.Plain': { properties: { a: { type: 'string' }, b: { type: 'array', items: { type: 'string' } } } },
    Meta: { properties: { finalizers: { type: 'array', 'x-kubernetes-patch-strategy': 'merge' } } },
  };
  const resource = (kind: string, verbs: ResourceInfo['verbs']) =>
    ({ group: 'g', version: 'v1', kind, verbs }) as ResourceInfo;

  it('keeps the fields with patch tags and the fields that lead to them', () => {
    const table = patchMetaTable(schemas, [
      resource('Thing', ['get', 'patch']),
      resource('Other', ['get', 'patch']),
      resource('Missing', ['patch']),
    ]);
    expect(table).toEqual({
      kinds: { 'g/v1/Other': 'g.v1.Other', 'g/v1/Thing': 'g.v1.Thing' },
      types: {
        Meta: { finalizers: ['', 'merge'] },
        'g.v1.Item': { tags: ['', 'merge'] },
        // A kind without any patch tags is still listed: strategic merge, not JSON merge.
        'g.v1.Other': {},
        'g.v1.Spec': {
          byName: ['{}g.v1.Item'],
          items: ['[]g.v1.Item', 'merge', 'name'],
          strategy: ['', 'retainKeys'],
        },
        'g.v1.Thing': { metadata: ['Meta'], spec: ['g.v1.Spec'] },
      },
    });
  });

  it('leaves out kinds that do not serve PATCH', () => {
    expect(patchMetaTable(schemas, [resource('Thing', ['create'])])).toEqual({ kinds: {}, types: {} });
  });
});

/** Every disagreement between the OpenAPI schema below `node` and the table's `table`. */
function disagreements(
  schemas: Json,
  node: Json,
  table: PatchSchema | undefined,
  path: string,
  ancestors: readonly string[],
  out: string[],
): void {
  const strategy = node['x-kubernetes-patch-strategy'];
  const key = node['x-kubernetes-patch-merge-key'];
  if (strategy !== table?.patchStrategy || key !== table?.patchMergeKey) {
    out.push(
      `${path}: OpenAPI ${String(strategy)}/${String(key)}, table ${table?.patchStrategy}/${table?.patchMergeKey}`,
    );
  }
  const isMap = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (node.type === 'array' && isMap(node.items)) {
    disagreements(schemas, node.items, table?.items(), `${path}[]`, ancestors, out);
    return;
  }
  if (isMap(node.additionalProperties)) {
    disagreements(schemas, node.additionalProperties, table?.property('*'), `${path}{}`, ancestors, out);
    return;
  }
  const allOf = node.allOf;
  const target = Array.isArray(allOf) && isMap(allOf[0]) ? allOf[0] : node;
  const name = typeof target.$ref === 'string' ? target.$ref.replace('#/components/schemas/', '') : '';
  const schema = schemas[name];
  if (name === '' || ancestors.includes(name) || !isMap(schema) || !isMap(schema.properties)) return;
  for (const [field, child] of Object.entries(schema.properties)) {
    if (isMap(child)) {
      disagreements(schemas, child, table?.property(field), `${path}.${field}`, [...ancestors, name], out);
    }
  }
}

const dir = goSourcesOrSkip('the built-in patch metadata table against the Go API types');

describe.skipIf(dir === null)('the committed built-in patch metadata table', () => {
  it('is what the Go API types generate (regenerate: npx tsx src/server/openapi/patch-meta.ts --write)', async () => {
    const generated = await generatePatchMeta(dir ?? '');
    expect(generated === readFileSync(PATCH_META_FILE, 'utf8'), 'builtin-meta.generated.ts is stale').toBe(
      true,
    );
  });

  it('agrees with the OpenAPI schemas at every field of every served kind', () => {
    const { schemas } = loadOpenApiSchemas(dir ?? '');
    const problems: string[] = [];
    const patchable = RESOURCES.filter((r) => r.verbs.includes('patch'));
    for (const r of patchable) {
      const root = Object.entries(schemas).find(([, s]) =>
        ((s as Json)['x-kubernetes-group-version-kind'] as Json[] | undefined)?.some(
          (g) => g.group === r.group && g.version === r.version && g.kind === r.kind,
        ),
      )?.[0];
      const table = builtinPatchSchema(r.group, r.version, r.kind);
      if (root === undefined) {
        if (table !== undefined) problems.push(`${r.kind}: in the table but has no schema`);
        continue;
      }
      if (table === undefined) problems.push(`${r.group}/${r.kind}: has a schema but no table entry`);
      else disagreements(schemas, ref(root), table, `${r.group}/${r.version}/${r.kind}`, [], problems);
    }
    expect(problems).toEqual([]);
    expect(Object.keys(BUILTIN_PATCH_META.kinds).length).toBeGreaterThan(40);
  });
});
