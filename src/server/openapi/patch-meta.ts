/**
 * Generates src/sim/apiserver/patch/builtin-meta.generated.ts: the strategic-merge metadata
 * (`x-kubernetes-patch-strategy` / `x-kubernetes-patch-merge-key`) of every kind the simulated
 * apiserver serves, read from the OpenAPI schemas this package generates from the upstream Go
 * sources, and cut down to what strategic merge walks: the fields that carry patch metadata and
 * the fields on the way to them.
 *
 *   npx tsx src/server/openapi/patch-meta.ts --write   regenerate the file
 *   npx tsx src/server/openapi/patch-meta.ts           print it
 *
 * Needs the sources `.ci/fetch-k8s-protos.sh` fetches (or KUBELAB_PROTO_DIR).
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as prettier from 'prettier';
import { kindKey, type PatchMetaField, type PatchMetaTable } from '../../sim/apiserver/patch/builtin';
import { RESOURCES, type ResourceInfo } from '../../sim/apiserver/resources';
import { protoDirectory } from '../protobuf';
import { loadOpenApiSchemas } from './load';

type Json = Record<string, unknown>;

const REF_PREFIX = '#/components/schemas/';
const isMap = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The repository's copy of the table. */
export const PATCH_META_FILE = fileURLToPath(
  new URL('../../sim/apiserver/patch/builtin-meta.generated.ts', import.meta.url),
);
export const PATCH_META_COMMAND = 'npx tsx src/server/openapi/patch-meta.ts --write';

/** A field schema's type: a definition name, `[]T`, `{}T`, or '' (a scalar or an open object). */
function typeOf(node: Json): string {
  if (node.type === 'array' && isMap(node.items)) return `[]${typeOf(node.items)}`;
  if (isMap(node.additionalProperties)) return `{}${typeOf(node.additionalProperties)}`;
  const allOf = node.allOf;
  const target = Array.isArray(allOf) && isMap(allOf[0]) && node.properties === undefined ? allOf[0] : node;
  const ref = target.$ref;
  return typeof ref === 'string' ? ref.replace(REF_PREFIX, '') : '';
}

/** The definition a type expression ends in: `[]{}io.k8s.X` -> `io.k8s.X`. */
const baseOf = (type: string): string => type.replace(/^(\[\]|\{\})+/, '');

/** The fields of a definition: name -> [type, strategy, merge key]. */
function fieldsOf(schemas: Json, name: string): [string, string, string, string][] {
  const schema = schemas[name];
  const properties = isMap(schema) && isMap(schema.properties) ? schema.properties : {};
  return Object.entries(properties)
    .filter((entry): entry is [string, Json] => isMap(entry[1]))
    .map(([field, node]) => [
      field,
      typeOf(node),
      typeof node['x-kubernetes-patch-strategy'] === 'string' ? node['x-kubernetes-patch-strategy'] : '',
      typeof node['x-kubernetes-patch-merge-key'] === 'string' ? node['x-kubernetes-patch-merge-key'] : '',
    ]);
}

/**
 * The definition of each kind in `resources` that serves PATCH, found the way the simulated
 * apiserver finds it (by `x-kubernetes-group-version-kind`, the first definition winning).
 */
function kindsOf(schemas: Json, resources: readonly ResourceInfo[]): Map<string, string> {
  const byGvk = new Map<string, string>();
  for (const [name, schema] of Object.entries(schemas)) {
    const gvks = isMap(schema) ? schema['x-kubernetes-group-version-kind'] : undefined;
    for (const g of Array.isArray(gvks) ? (gvks as Json[]) : []) {
      const key = kindKey(String(g.group), String(g.version), String(g.kind));
      if (!byGvk.has(key)) byGvk.set(key, name);
    }
  }
  const kinds = new Map<string, string>();
  for (const r of resources) {
    const key = kindKey(r.group, r.version, r.kind);
    const name = byGvk.get(key);
    if (r.verbs.includes('patch') && name !== undefined) kinds.set(key, name);
  }
  return new Map([...kinds].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** Builds the table from OpenAPI component schemas (by name) for the served `resources`. */
export function patchMetaTable(
  schemas: Readonly<Record<string, object>>,
  resources: readonly ResourceInfo[] = RESOURCES,
): PatchMetaTable {
  const all = schemas as Json;
  const kinds = kindsOf(all, resources);
  // Every definition reachable from a kind, with its fields.
  const fields = new Map<string, [string, string, string, string][]>();
  const pending = [...kinds.values()];
  for (let name = pending.pop(); name !== undefined; name = pending.pop()) {
    if (fields.has(name) || !Object.hasOwn(all, name)) continue;
    const own = fieldsOf(all, name);
    fields.set(name, own);
    for (const [, type] of own) if (baseOf(type) !== '') pending.push(baseOf(type));
  }
  // Which of them lead to patch metadata: grow the set until nothing more joins it.
  const relevant = new Set<string>();
  for (let grown = true; grown;) {
    grown = false;
    for (const [name, own] of fields) {
      if (relevant.has(name)) continue;
      if (
        own.some(([, type, strategy, key]) => strategy !== '' || key !== '' || relevant.has(baseOf(type)))
      ) {
        relevant.add(name);
        grown = true;
      }
    }
  }
  const types: Record<string, Record<string, PatchMetaField>> = {};
  const names = [...new Set([...relevant, ...kinds.values()])].filter((n) => fields.has(n)).sort();
  for (const name of names) {
    const entry: Record<string, PatchMetaField> = {};
    for (const [field, type, strategy, key] of fields.get(name) ?? []) {
      const leads = relevant.has(baseOf(type));
      if (!leads && strategy === '' && key === '') continue;
      const row: string[] = [leads ? type : '', strategy, key];
      while (row.length > 1 && row[row.length - 1] === '') row.pop();
      entry[field] = row as unknown as PatchMetaField;
    }
    types[name] = Object.fromEntries(Object.entries(entry).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  }
  return { kinds: Object.fromEntries(kinds), types };
}

/** The generated file's text, formatted as the repository's Prettier config says. */
export async function renderPatchMeta(table: PatchMetaTable): Promise<string> {
  const source = `/**
 * GENERATED; do not edit. Regenerate with
 *   ${PATCH_META_COMMAND}
 * (src/server/openapi/patch-meta.ts) from the Kubernetes v1.32 Go API types that
 * \`bash .ci/fetch-k8s-protos.sh\` fetches: their OpenAPI schemas' x-kubernetes-patch-strategy /
 * x-kubernetes-patch-merge-key (the Go struct tags patchStrategy / patchMergeKey), cut down to
 * what strategic merge patch needs for the kinds the simulated apiserver serves.
 * src/server/openapi/patch-meta.test.ts fails when this file and the sources disagree.
 */
import type { PatchMetaTable } from './builtin';

export const BUILTIN_PATCH_META: PatchMetaTable = ${JSON.stringify(table)};
`;
  const options = (await prettier.resolveConfig(PATCH_META_FILE)) ?? {};
  return prettier.format(source, { ...options, filepath: PATCH_META_FILE });
}

/** Generates the file's text from the Go sources in `dir`. */
export async function generatePatchMeta(dir: string): Promise<string> {
  const { schemas, warnings } = loadOpenApiSchemas(dir);
  if (warnings.length > 0) throw new Error(`unresolved Go types: ${warnings.join('; ')}`);
  return renderPatchMeta(patchMetaTable(schemas));
}

async function main(argv: readonly string[]): Promise<void> {
  const dir = protoDirectory();
  if (dir === null) {
    throw new Error(
      'no Kubernetes Go API sources: run `bash .ci/fetch-k8s-protos.sh` or set KUBELAB_PROTO_DIR',
    );
  }
  const text = await generatePatchMeta(dir);
  if (argv.includes('--write')) {
    writeFileSync(PATCH_META_FILE, text);
    console.log(`wrote ${path.relative(process.cwd(), PATCH_META_FILE)} (${text.length} bytes)`);
  } else {
    process.stdout.write(text);
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
