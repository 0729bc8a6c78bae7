/**
 * Which JSON Schema a YAML document is checked against: the one for its `apiVersion` and
 * `kind`, from the bundle generated at build time from the Kubernetes v1.32 Go API types
 * (src/server/editor-schemas.ts). monaco-yaml gets one schema for the whole stream; inside
 * it, an `if`/`then` per kind picks the definition for each document, so a Deployment and a
 * Service in one file are each checked as what they are, and unknown kinds (a CRD's) are
 * left to the apiserver.
 */
import type { Manifest } from './manifests';

/** A JSON Schema, as plain data. */
export type JsonSchema = Record<string, unknown>;

/** One kind with a schema (mirrors src/server/editor-schemas.ts, which makes the bundle). */
export interface SchemaKind {
  readonly apiVersion: string;
  readonly kind: string;
  /** The definition's name, e.g. `io.k8s.api.apps.v1.Deployment`. */
  readonly definition: string;
}

/** The generated schemas: the kinds a manifest can create, and the definitions they use. */
export interface SchemaBundle {
  readonly kubernetesVersion: string;
  readonly source: string;
  readonly kinds: readonly SchemaKind[];
  readonly definitions: Readonly<Record<string, JsonSchema>>;
}

/** The schema for `apiVersion` and `kind`, if the bundle has one. */
export function schemaForKind(
  bundle: SchemaBundle | null,
  apiVersion: string | undefined,
  kind: string | undefined,
): SchemaKind | undefined {
  if (bundle === null || apiVersion === undefined || kind === undefined) return undefined;
  return bundle.kinds.find((k) => k.apiVersion === apiVersion && k.kind === kind);
}

const unique = (values: readonly string[]) => [...new Set(values)].sort();

/**
 * The schema monaco-yaml checks every document with: `apiVersion` and `kind` (with the known
 * ones offered as completions), then, for each kind in the bundle, "if this is that kind, it
 * is that definition".
 */
export function documentSchema(bundle: SchemaBundle): JsonSchema {
  return {
    type: 'object',
    title: 'Kubernetes object',
    properties: {
      apiVersion: {
        type: 'string',
        description:
          'The API group and version of the object, e.g. apps/v1 for a Deployment or v1 for a Pod.',
        examples: unique(bundle.kinds.map((k) => k.apiVersion)),
      },
      kind: {
        type: 'string',
        description: 'The kind of object, e.g. Deployment, Service, Pod, ConfigMap.',
        examples: unique(bundle.kinds.map((k) => k.kind)),
      },
    },
    required: ['apiVersion', 'kind'],
    allOf: [
      ...bundle.kinds.map((k) => ({
        if: {
          properties: { apiVersion: { const: k.apiVersion }, kind: { const: k.kind } },
          required: ['apiVersion', 'kind'],
        },
        then: { $ref: `#/definitions/${k.definition}` },
      })),
      // A v1 List (what `kubectl edit` opens for several objects): each item is checked as
      // the kind it is.
      {
        if: { properties: { apiVersion: { const: 'v1' }, kind: { const: 'List' } }, required: ['kind'] },
        then: { properties: { items: { type: 'array', items: { $ref: '#' } } } },
      },
    ],
    definitions: bundle.definitions,
  };
}

/** A line for the status bar: which schema checks the document under the cursor. */
export function schemaStatus(bundle: SchemaBundle | null, manifest: Manifest | undefined): string {
  if (bundle === null)
    return 'YAML syntax only: this build has no Kubernetes schemas. Validate asks the apiserver.';
  if (manifest === undefined || manifest.kind === undefined || manifest.apiVersion === undefined)
    return 'Write apiVersion and kind to get field completion and checks.';
  if (manifest.apiVersion === 'v1' && manifest.kind === 'List')
    return `v1 List · each item checked by its kind (Kubernetes ${bundle.kubernetesVersion})`;
  const found = schemaForKind(bundle, manifest.apiVersion, manifest.kind);
  if (found === undefined)
    return `No schema for ${manifest.apiVersion} ${manifest.kind} here: Validate asks the apiserver.`;
  return `${found.apiVersion} ${found.kind} · schema of Kubernetes ${bundle.kubernetesVersion}`;
}
