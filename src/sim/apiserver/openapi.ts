/**
 * OpenAPI v3 as kube-apiserver serves it: an index at /openapi/v3 and one document per
 * group-version, whose paths and operations are generated from the resource table (as
 * upstream generates them from its routes). kubectl reads these to learn that the server
 * validates fields itself (`fieldValidation` on PATCH), and which kind each path serves.
 *
 * Component schemas: the v1.32 definitions are not yet available to the project (no npm
 * package ships them), so each kind's schema is an open object that keeps unknown fields.
 * Consequences until they arrive: `kubectl explain` has no field documentation, and
 * strategic merge patches fall back to JSON merge semantics (as upstream does for types it
 * has no schema for).
 */
import type { PatchSchema } from './patch';
import { RESOURCES, apiVersionOf, type ResourceInfo } from './resources';

/** The OpenAPI schema name of a kind, e.g. `io.k8s.api.apps.v1.Deployment`. */
export function schemaName(r: Pick<ResourceInfo, 'group' | 'version' | 'kind'>): string {
  if (r.group === 'metrics.k8s.io') return `io.k8s.metrics.pkg.apis.metrics.${r.version}.${r.kind}`;
  const short = r.group === '' ? 'core' : (r.group.split('.')[0] ?? r.group);
  return `io.k8s.api.${short}.${r.version}.${r.kind}`;
}

/** The path of a group-version's document, relative to /openapi/v3: `api/v1`, `apis/apps/v1`. */
function docPath(group: string, version: string): string {
  return group === '' ? `api/${version}` : `apis/${group}/${version}`;
}

function groupVersions(): { group: string; version: string }[] {
  const seen = new Map<string, { group: string; version: string }>();
  for (const r of RESOURCES) seen.set(docPath(r.group, r.version), { group: r.group, version: r.version });
  return [...seen.values()];
}

/** A stable content hash (FNV-1a, hex) for the `hash` query kubectl caches documents by. */
function hash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).toUpperCase().padStart(8, '0');
}

const FIELD_VALIDATION = {
  name: 'fieldValidation',
  in: 'query',
  description:
    'fieldValidation instructs the server on how to handle objects in the request (POST/PUT/PATCH) containing unknown or duplicate fields. Valid values are: Ignore, Warn (default), Strict.',
  schema: { type: 'string', uniqueItems: true },
};
const DRY_RUN = { name: 'dryRun', in: 'query', schema: { type: 'string', uniqueItems: true } };
const FIELD_MANAGER = { name: 'fieldManager', in: 'query', schema: { type: 'string', uniqueItems: true } };
const PATCH_TYPES = [
  'application/apply-patch+yaml',
  'application/json-patch+json',
  'application/merge-patch+json',
  'application/strategic-merge-patch+json',
];

function operations(r: ResourceInfo, item: boolean) {
  const gvk = { group: r.group, version: r.version, kind: r.kind };
  const ref = { $ref: `#/components/schemas/${schemaName(r)}` };
  const ok = { '200': { description: 'OK', content: { 'application/json': { schema: ref } } } };
  const op = (action: string, extra: object = {}) => ({
    'x-kubernetes-action': action,
    'x-kubernetes-group-version-kind': gvk,
    responses: ok,
    ...extra,
  });
  const body = (types: string[]) => ({
    requestBody: { content: Object.fromEntries(types.map((t) => [t, { schema: ref }])), required: true },
  });
  const ops: Record<string, object> = {};
  if (item) {
    if (r.verbs.includes('get')) ops.get = op('get');
    if (r.verbs.includes('update'))
      ops.put = op('put', { parameters: [DRY_RUN, FIELD_MANAGER, FIELD_VALIDATION], ...body(['*/*']) });
    if (r.verbs.includes('patch'))
      ops.patch = op('patch', {
        parameters: [DRY_RUN, FIELD_MANAGER, FIELD_VALIDATION],
        ...body(PATCH_TYPES),
      });
    if (r.verbs.includes('delete')) ops.delete = op('delete', { parameters: [DRY_RUN] });
  } else {
    if (r.verbs.includes('list')) ops.get = op('list');
    if (r.verbs.includes('create'))
      ops.post = op('post', { parameters: [DRY_RUN, FIELD_MANAGER, FIELD_VALIDATION], ...body(['*/*']) });
    if (r.verbs.includes('deletecollection')) ops.delete = op('deletecollection');
  }
  return ops;
}

/** The OpenAPI v3 document of one group-version. */
export function groupVersionDocument(group: string, version: string) {
  const resources = RESOURCES.filter((r) => r.group === group && r.version === version);
  const paths: Record<string, object> = {};
  const schemas: Record<string, object> = {};
  const prefix = group === '' ? `/api/${version}` : `/apis/${group}/${version}`;
  for (const r of resources) {
    const collection = r.namespaced
      ? `${prefix}/namespaces/{namespace}/${r.plural}`
      : `${prefix}/${r.plural}`;
    paths[collection] = operations(r, false);
    paths[`${collection}/{name}`] = operations(r, true);
    schemas[schemaName(r)] = {
      type: 'object',
      description: `${r.kind} (${apiVersionOf(r)}).`,
      'x-kubernetes-group-version-kind': [{ group: r.group, version: r.version, kind: r.kind }],
      'x-kubernetes-preserve-unknown-fields': true,
    };
  }
  return {
    openapi: '3.0.0',
    info: { title: 'Kubernetes', version: 'v1.32.4' },
    paths,
    components: { schemas },
  };
}

/** The /openapi/v3 index: where each group-version's document is. */
export function openApiIndex() {
  const paths: Record<string, { serverRelativeURL: string }> = {};
  for (const { group, version } of groupVersions()) {
    const path = docPath(group, version);
    paths[path] = {
      serverRelativeURL: `/openapi/v3/${path}?hash=${hash(JSON.stringify(groupVersionDocument(group, version)))}`,
    };
  }
  return { paths };
}

/** Answers a GET under /openapi, or undefined for a path that names no document. */
export function serveOpenApi(path: string): object | undefined {
  if (path === '/openapi/v3' || path === '/openapi/v3/') return openApiIndex();
  const match = /^\/openapi\/v3\/(?:api\/(v1)|apis\/([^/]+)\/([^/]+))$/.exec(path);
  if (match === null) return undefined;
  const group = match[2] ?? '';
  const version = match[1] ?? match[3] ?? '';
  return groupVersions().some((gv) => gv.group === group && gv.version === version)
    ? groupVersionDocument(group, version)
    : undefined;
}

/** The strategic-merge metadata of a kind; undefined while no schema carries it. */
export function patchSchemaFor(_resource: ResourceInfo): PatchSchema | undefined {
  return undefined;
}
