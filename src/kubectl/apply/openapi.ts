/**
 * What kubectl learns from the server's OpenAPI v3 before computing a client-side patch
 * (apply, edit, and the commands that patch what they changed): whether the kind takes a
 * strategic merge patch (its PATCH operation accepts one), and the fields' patch
 * strategies and merge keys, read into the same PatchSchema the simulated apiserver merges
 * with. Kinds the server publishes no document for fall back as kubectl does: strategic
 * merge for built-in kinds, JSON merge patches for the rest (custom resources).
 */
import { patchSchemaFromOpenAPI, type PatchSchema } from '../../sim/apiserver/patch';
import { RESOURCES } from '../../sim/apiserver/resources';
import type { RestClient } from '../client/rest';
import type { Mapping } from '../client/restmapper';

/** How objects of one kind are patched. */
export type PatchPlan =
  { readonly type: 'strategic'; readonly schema: PatchSchema | undefined } | { readonly type: 'merge' };

interface OpenApiDocument {
  paths?: Record<
    string,
    { patch?: { 'x-kubernetes-group-version-kind'?: Gvk; requestBody?: { content?: object } } }
  >;
  components?: { schemas?: Record<string, { 'x-kubernetes-group-version-kind'?: Gvk[] }> };
}

interface Gvk {
  group?: string;
  version?: string;
  kind?: string;
}

const matches = (gvk: Gvk | undefined, m: Mapping) =>
  gvk !== undefined && (gvk.group ?? '') === m.group && gvk.version === m.version && gvk.kind === m.kind;

/** Whether kubectl's scheme knows the kind (it is one of Kubernetes' own). */
const builtIn = (m: Mapping) =>
  RESOURCES.some((r) => r.group === m.group && r.version === m.version && r.kind === m.kind);

/** Looks up patch plans, fetching each group version's document once per run. */
export class PatchPlans {
  readonly #client: RestClient;
  #index: Promise<Record<string, { serverRelativeURL?: string }> | undefined> | undefined;
  readonly #documents = new Map<string, Promise<OpenApiDocument | undefined>>();

  constructor(client: RestClient) {
    this.#client = client;
  }

  /** How to patch objects of `mapping`'s kind. */
  async planFor(mapping: Mapping): Promise<PatchPlan> {
    const document = await this.#document(mapping.group, mapping.version);
    const fallback: PatchPlan = builtIn(mapping)
      ? { type: 'strategic', schema: undefined }
      : { type: 'merge' };
    if (document === undefined) return fallback;
    const operation = Object.values(document.paths ?? {}).find((p) =>
      matches(p.patch?.['x-kubernetes-group-version-kind'], mapping),
    )?.patch;
    if (operation === undefined) return fallback;
    if (!Object.keys(operation.requestBody?.content ?? {}).includes('application/strategic-merge-patch+json'))
      return builtIn(mapping) ? fallback : { type: 'merge' };
    const schemas = document.components?.schemas ?? {};
    const name = Object.keys(schemas).find((n) =>
      (schemas[n]?.['x-kubernetes-group-version-kind'] ?? []).some((g) => matches(g, mapping)),
    );
    if (name === undefined) return fallback;
    return { type: 'strategic', schema: patchSchemaFromOpenAPI(schemas, `#/components/schemas/${name}`) };
  }

  #document(group: string, version: string): Promise<OpenApiDocument | undefined> {
    const key = group === '' ? `api/${version}` : `apis/${group}/${version}`;
    let document = this.#documents.get(key);
    if (document === undefined) {
      document = this.#fetch(key);
      this.#documents.set(key, document);
    }
    return document;
  }

  async #fetch(key: string): Promise<OpenApiDocument | undefined> {
    this.#index ??= this.#client
      .json<{ paths?: Record<string, { serverRelativeURL?: string }> }>({
        path: '/openapi/v3',
        defaultTimeout: '32s',
      })
      .then((index) => index.paths)
      .catch(() => undefined);
    const url = (await this.#index)?.[key]?.serverRelativeURL;
    if (url === undefined) return undefined;
    const [path = '', search = ''] = url.split('?');
    const query: Record<string, string[]> = {};
    for (const [k, v] of new URLSearchParams(search)) (query[k] ??= []).push(v);
    return this.#client.json<OpenApiDocument>({ path, query, defaultTimeout: '32s' }).catch(() => undefined);
  }
}
