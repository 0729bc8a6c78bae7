/**
 * JSON Schemas for the browser's YAML editor (src/ui/editor), made at build time from the same
 * Kubernetes v1.32 Go API types the Node server generates its OpenAPI from (fetched by
 * `.ci/fetch-k8s-protos.sh`). The browser has no apiserver OpenAPI of its own: this bundle is
 * what monaco-yaml validates and completes against.
 *
 * A Vite plugin (editor-schemas-plugin.ts) serves it as the virtual module
 * `virtual:kubelab/k8s-schemas`, which the editor imports lazily (so it is a chunk of its own).
 * Without the Go sources the module exports `null` and the editor checks YAML syntax only,
 * leaving the fields to the apiserver's dry run.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { RESOURCES, apiVersionOf } from '../sim/apiserver/resources';
import { protoDirectory } from './protobuf/files';
import { loadOpenApiSchemas } from './openapi/load';
import type { Schema } from './openapi/typeschema';

/** One kind a manifest can create, and the definition that describes it. */
export interface EditorKind {
  readonly apiVersion: string;
  readonly kind: string;
  /** The definition's name, e.g. `io.k8s.api.apps.v1.Deployment`. */
  readonly definition: string;
}

/** What the editor gets: the kinds, and every definition they reach (refs are `#/definitions/...`). */
export interface EditorSchemaBundle {
  /** The Kubernetes minor version the schemas describe, e.g. `v1.32`. */
  readonly kubernetesVersion: string;
  /** Where the Go types came from (the Debian source packages and versions). */
  readonly source: string;
  readonly kinds: readonly EditorKind[];
  readonly definitions: Readonly<Record<string, Schema>>;
}

const OPENAPI_REF = '#/components/schemas/';
const JSON_SCHEMA_REF = '#/definitions/';

/** Kinds that are requests to the apiserver rather than objects a manifest keeps. */
const NOT_MANIFEST = /Review$|^Binding$|^ComponentStatus$/;

/** The served kinds a manifest can create, by `apiVersion` and `kind`. */
export function manifestKinds(): { apiVersion: string; group: string; version: string; kind: string }[] {
  return RESOURCES.filter((r) => r.verbs.includes('create') && !NOT_MANIFEST.test(r.kind)).map((r) => ({
    apiVersion: apiVersionOf(r),
    group: r.group,
    version: r.version,
    kind: r.kind,
  }));
}

/** The `x-kubernetes-group-version-kind` entries of a definition. */
function gvks(schema: Schema): { group: string; version: string; kind: string }[] {
  const list = schema['x-kubernetes-group-version-kind'];
  return Array.isArray(list) ? (list as { group: string; version: string; kind: string }[]) : [];
}

/**
 * A definition as JSON Schema for the editor: refs point at `#/definitions/`, the
 * `x-kubernetes-*` extensions go, and objects with declared properties take no others (as the
 * apiserver's strict field validation, kubectl's default, rejects unknown fields).
 */
export function editorSchema(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(editorSchema);
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    if (key.startsWith('x-kubernetes-')) continue;
    if (key === '$ref' && typeof v === 'string' && v.startsWith(OPENAPI_REF)) {
      out[key] = JSON_SCHEMA_REF + v.slice(OPENAPI_REF.length);
    } else if (key === 'properties' && typeof v === 'object' && v !== null) {
      // Property names are data, not keywords: transform their schemas only.
      out[key] = Object.fromEntries(Object.entries(v).map(([name, s]) => [name, editorSchema(s)]));
    } else {
      out[key] = editorSchema(v);
    }
  }
  if (out.type === 'object' && out.properties !== undefined && out.additionalProperties === undefined)
    out.additionalProperties = false;
  return out;
}

/** The names of the definitions `root` refers to, directly or through others. */
function reachable(schemas: Readonly<Record<string, Schema>>, roots: readonly string[]): Set<string> {
  const seen = new Set<string>();
  const pending = [...roots];
  const visit = (value: unknown) => {
    if (Array.isArray(value)) return value.forEach(visit);
    if (typeof value !== 'object' || value === null) return;
    for (const [key, v] of Object.entries(value)) {
      if (key === '$ref' && typeof v === 'string' && v.startsWith(OPENAPI_REF))
        pending.push(v.slice(OPENAPI_REF.length));
      else visit(v);
    }
  };
  for (let name = pending.pop(); name !== undefined; name = pending.pop()) {
    if (seen.has(name) || schemas[name] === undefined) continue;
    seen.add(name);
    visit(schemas[name]);
  }
  return seen;
}

/**
 * The editor's bundle from generated OpenAPI component schemas: each manifest kind that has a
 * definition (found by its `x-kubernetes-group-version-kind`), and the definitions it reaches.
 */
export function buildEditorSchemaBundle(
  schemas: Readonly<Record<string, Schema>>,
  options: { kubernetesVersion: string; source: string },
): EditorSchemaBundle {
  const byGvk = new Map<string, string>();
  for (const [name, schema] of Object.entries(schemas))
    for (const { group, version, kind } of gvks(schema)) byGvk.set(`${group}/${version}/${kind}`, name);
  const kinds: EditorKind[] = [];
  for (const k of manifestKinds()) {
    const definition = byGvk.get(`${k.group}/${k.version}/${k.kind}`);
    if (definition !== undefined) kinds.push({ apiVersion: k.apiVersion, kind: k.kind, definition });
  }
  const definitions: Record<string, Schema> = {};
  for (const name of [
    ...reachable(
      schemas,
      kinds.map((k) => k.definition),
    ),
  ].sort())
    definitions[name] = editorSchema(schemas[name]) as Schema;
  return { ...options, kinds, definitions };
}

/** The bundle from the Go sources on this machine, or null (and why) when they are absent. */
export function loadEditorSchemaBundle(): { bundle: EditorSchemaBundle | null; message: string } {
  const dir = protoDirectory();
  if (dir === null)
    return {
      bundle: null,
      message:
        'editor schemas: no Kubernetes Go API types (run `bash .ci/fetch-k8s-protos.sh`); ' +
        'the YAML editor will check syntax only and leave fields to the apiserver',
    };
  const { schemas } = loadOpenApiSchemas(dir);
  let source = 'Kubernetes Go API types';
  try {
    source = readFileSync(path.join(dir, '.fetch-k8s-protos'), 'utf8').trim().split('\n').join(', ');
  } catch {
    // A hand-made directory has no stamp: keep the generic name.
  }
  const bundle = buildEditorSchemaBundle(schemas, { kubernetesVersion: 'v1.32', source });
  return {
    bundle,
    message: `editor schemas: ${bundle.kinds.length} kinds, ${Object.keys(bundle.definitions).length} definitions`,
  };
}
