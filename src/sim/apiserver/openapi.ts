/**
 * OpenAPI v3 as kube-apiserver serves it: an index at /openapi/v3 and one document per
 * group-version, whose paths and operations are generated from the resource table (as
 * upstream generates them from its routes). kubectl reads these to learn that the server
 * validates fields itself (`fieldValidation` on PATCH), which kind each path serves, and, for
 * `kubectl explain`, every field's type and documentation.
 *
 * Component schemas arrive as data ({@link OpenApi}'s constructor): the Node server generates
 * them from the Kubernetes Go API types the way upstream's openapi-gen does. Each document
 * then holds the schemas reachable from its kinds, and strategic merge patches use their
 * `x-kubernetes-patch-*` metadata. Without them, each kind's schema is an open object that
 * keeps unknown fields and `kubectl explain` has no fields, but strategic merge still knows the
 * built-in kinds' merge keys (from a generated table, see patch/builtin.ts).
 */
import { builtinPatchSchema, patchSchemaFromOpenAPI, type PatchSchema } from './patch';
import { RESOURCES, apiVersionOf, type ResourceInfo } from './resources';

const REF_PREFIX = '#/components/schemas/';

/** The OpenAPI schema name of a kind, e.g. `io.k8s.api.apps.v1.Deployment`. */
export function schemaName(r: Pick<ResourceInfo, 'group' | 'version' | 'kind'>): string {
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

/** The operations on a collection or item path; `list` is the schema the list verb returns. */
function operations(r: ResourceInfo, item: boolean, schema: string, list: string) {
  const gvk = { group: r.group, version: r.version, kind: r.kind };
  const ref = { $ref: REF_PREFIX + schema };
  const ok = (s: object) => ({
    '200': { description: 'OK', content: { 'application/json': { schema: s } } },
  });
  const op = (action: string, extra: object = {}, response: object = ref) => ({
    'x-kubernetes-action': action,
    'x-kubernetes-group-version-kind': gvk,
    responses: ok(response),
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
    if (r.verbs.includes('list')) ops.get = op('list', {}, { $ref: REF_PREFIX + list });
    if (r.verbs.includes('create'))
      ops.post = op('post', { parameters: [DRY_RUN, FIELD_MANAGER, FIELD_VALIDATION], ...body(['*/*']) });
    if (r.verbs.includes('deletecollection')) ops.delete = op('deletecollection');
  }
  return ops;
}

/** The placeholder schema of a kind that has no generated one. */
function placeholder(r: ResourceInfo): object {
  return {
    type: 'object',
    description: `${r.kind} (${apiVersionOf(r)}).`,
    'x-kubernetes-group-version-kind': [{ group: r.group, version: r.version, kind: r.kind }],
    'x-kubernetes-preserve-unknown-fields': true,
  };
}

/** Every `$ref` target named inside a schema. */
function refsOf(value: unknown, out: string[]): void {
  if (Array.isArray(value)) {
    for (const item of value) refsOf(item, out);
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      if (key === '$ref' && typeof item === 'string' && item.startsWith(REF_PREFIX))
        out.push(item.slice(REF_PREFIX.length));
      else refsOf(item, out);
    }
  }
}

/** The group, version and kind keys a schema declares in `x-kubernetes-group-version-kind`. */
function gvkKeys(schema: object): string[] {
  const gvks = (schema as { 'x-kubernetes-group-version-kind'?: unknown })['x-kubernetes-group-version-kind'];
  if (!Array.isArray(gvks)) return [];
  return gvks.map((g: { group?: unknown; version?: unknown; kind?: unknown }) =>
    [g.group, g.version, g.kind].map(String).join('/'),
  );
}

/**
 * The OpenAPI documents of one apiserver, built on demand and cached (the schemas never
 * change while it runs).
 */
export class OpenApi {
  readonly #schemas: Readonly<Record<string, object>> | undefined;
  /** `group/version/kind` -> schema name, from the schemas' x-kubernetes-group-version-kind. */
  readonly #byGvk = new Map<string, string>();
  readonly #documents = new Map<string, object>();
  readonly #patchSchemas = new Map<ResourceInfo, PatchSchema | undefined>();
  #index: object | undefined;

  /** `schemas`: OpenAPI v3 component schemas by name; placeholders when absent. */
  constructor(schemas?: Readonly<Record<string, object>>) {
    this.#schemas = schemas;
    for (const [name, schema] of Object.entries(schemas ?? {})) {
      for (const key of gvkKeys(schema)) if (!this.#byGvk.has(key)) this.#byGvk.set(key, name);
    }
  }

  /** The generated schema name of a kind, or undefined when there is none. */
  #generated(r: Pick<ResourceInfo, 'group' | 'version' | 'kind'>): string | undefined {
    return this.#byGvk.get(`${r.group}/${r.version}/${r.kind}`);
  }

  /** The OpenAPI v3 document of one group-version. */
  document(group: string, version: string): object {
    const key = docPath(group, version);
    const cached = this.#documents.get(key);
    if (cached !== undefined) return cached;
    const paths: Record<string, object> = {};
    const schemas: Record<string, object> = {};
    const pending: string[] = [];
    const prefix = group === '' ? `/api/${version}` : `/apis/${group}/${version}`;
    for (const r of RESOURCES.filter((res) => res.group === group && res.version === version)) {
      const generated = this.#generated(r);
      const name = generated ?? schemaName(r);
      const list = generated === undefined ? undefined : this.#generated({ ...r, kind: `${r.kind}List` });
      const collection = r.namespaced
        ? `${prefix}/namespaces/{namespace}/${r.plural}`
        : `${prefix}/${r.plural}`;
      paths[collection] = operations(r, false, name, list ?? name);
      paths[`${collection}/{name}`] = operations(r, true, name, list ?? name);
      if (generated === undefined) schemas[name] = placeholder(r);
      else pending.push(name, ...(list === undefined ? [] : [list]));
    }
    // Everything the kinds refer to, transitively.
    for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
      const schema = this.#schemas?.[next];
      if (schema === undefined || Object.hasOwn(schemas, next)) continue;
      schemas[next] = schema;
      refsOf(schema, pending);
    }
    const sorted = Object.fromEntries(
      Object.entries(schemas).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
    );
    const doc = {
      openapi: '3.0.0',
      info: { title: 'Kubernetes', version: 'v1.32.4' },
      paths,
      components: { schemas: sorted },
    };
    this.#documents.set(key, doc);
    return doc;
  }

  /** The /openapi/v3 index: where each group-version's document is, with a content hash. */
  index(): object {
    if (this.#index !== undefined) return this.#index;
    const paths: Record<string, { serverRelativeURL: string }> = {};
    for (const { group, version } of groupVersions()) {
      const path = docPath(group, version);
      const content = hash(JSON.stringify(this.document(group, version)));
      paths[path] = { serverRelativeURL: `/openapi/v3/${path}?hash=${content}` };
    }
    this.#index = { paths };
    return this.#index;
  }

  /** Answers a GET under /openapi, or undefined for a path that names no document. */
  serve(path: string): object | undefined {
    if (path === '/openapi/v3' || path === '/openapi/v3/') return this.index();
    const match = /^\/openapi\/v3\/(?:api\/(v1)|apis\/([^/]+)\/([^/]+))$/.exec(path);
    if (match === null) return undefined;
    const group = match[2] ?? '';
    const version = match[1] ?? match[3] ?? '';
    return groupVersions().some((gv) => gv.group === group && gv.version === version)
      ? this.document(group, version)
      : undefined;
  }

  /**
   * The schemas and the root schema name of a kind, for decoding checks and server-side
   * apply; undefined when no generated schema describes it.
   */
  schemaOf(
    resource: ResourceInfo,
  ): { readonly schemas: Readonly<Record<string, object>>; readonly root: string } | undefined {
    const root = this.#schemas === undefined ? undefined : this.#generated(resource);
    return root === undefined || this.#schemas === undefined ? undefined : { schemas: this.#schemas, root };
  }

  /**
   * The strategic-merge metadata of a kind: from its generated schema when there is one, else
   * from the built-in table (kube-apiserver knows its own types' patch tags without OpenAPI);
   * undefined for kinds neither describes (custom resources), whose patches merge as JSON.
   */
  patchSchemaFor(resource: ResourceInfo): PatchSchema | undefined {
    if (!this.#patchSchemas.has(resource)) {
      const name = this.#schemas === undefined ? undefined : this.#generated(resource);
      const schema =
        name === undefined || this.#schemas === undefined
          ? builtinPatchSchema(resource.group, resource.version, resource.kind)
          : patchSchemaFromOpenAPI(this.#schemas, REF_PREFIX + name);
      this.#patchSchemas.set(resource, schema);
    }
    return this.#patchSchemas.get(resource);
  }
}
