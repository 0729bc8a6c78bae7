/**
 * Makes the requests a Plan stands for, as kubectl's resource builder does: LISTs in
 * chunks (`limit` and `continue`) with the selectors, GETs by name, either as server-side
 * Tables (for kubectl's table output) or as objects, with list items flattened into one
 * object each. Errors are collected so the other requests still run, or thrown at once.
 */
import type { KubeObject } from '../../sim/apiserver/types';
import type { RestClient } from '../client/rest';
import type { Mapping } from '../client/restmapper';
import { StatusError } from '../errors';
import type { Visit } from './args';
import { resourcePath } from './paths';

/** The Accept header for server-side printing: meta.k8s.io Tables, v1 then v1beta1, else JSON. */
export const TABLE_ACCEPT =
  'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json';

/** One thing a request returned: a Table (a page of a list, or one object) or an object. */
export interface Info {
  readonly mapping: Mapping;
  readonly object: KubeObject;
  /** For what a LIST returned: the list's resourceVersion (where a watch of it starts). */
  readonly listVersion?: string;
}

export interface FetchOptions {
  /** Ask for Tables (server-side printing). */
  readonly table: boolean;
  readonly labelSelector: string;
  readonly fieldSelector: string;
  /** `--chunk-size`: the `limit` of each LIST request; 0 lists in one request. */
  readonly chunkSize: number;
  /** Ask for whole objects in Table rows (`includeObject=Object`, for sorting). */
  readonly includeObject: boolean;
  /** Keep going after a failed request (kubectl get does; its watch mode does not). */
  readonly continueOnError: boolean;
}

/** client-go's GroupVersionResource.String(): `apps/v1, Resource=deployments`. */
const gvrString = (m: Mapping) => `${m.group}/${m.version}, Resource=${m.name}`;

/** The objects of a list response, each with the apiVersion and kind its list implies. */
function itemsOf(list: { apiVersion?: string; kind?: string; items?: KubeObject[] }): KubeObject[] {
  const kind = (list.kind ?? '').replace(/List$/, '');
  return (list.items ?? []).map((item) => ({ ...item, apiVersion: list.apiVersion ?? '', kind }));
}

/** The builder's message for a list that failed on a bad request or a missing resource. */
function listError(error: unknown, mapping: Mapping, options: FetchOptions): unknown {
  if (!(error instanceof StatusError) || (error.code !== 400 && error.code !== 404)) return error;
  const message =
    options.labelSelector === '' && options.fieldSelector === ''
      ? `Unable to list ${JSON.stringify(gvrString(mapping))}: ${error.message}`
      : `Unable to find ${JSON.stringify(gvrString(mapping))} that match label selector ${JSON.stringify(options.labelSelector)}, field selector ${JSON.stringify(options.fieldSelector)}: ${error.message}`;
  return new StatusError({ ...error.status, message });
}

async function list(client: RestClient, visit: Visit, options: FetchOptions): Promise<Info[]> {
  const infos: Info[] = [];
  const query: Record<string, string[]> = {};
  if (options.labelSelector !== '') query.labelSelector = [options.labelSelector];
  if (options.fieldSelector !== '') query.fieldSelector = [options.fieldSelector];
  if (options.chunkSize > 0) query.limit = [String(options.chunkSize)];
  if (options.table && options.includeObject) query.includeObject = ['Object'];
  let next = '';
  do {
    const page = await client
      .json<KubeObject & { items?: KubeObject[] }>({
        path: resourcePath(visit.mapping, visit.namespace),
        query: next === '' ? query : { ...query, continue: [next] },
        ...(options.table ? { headers: { accept: TABLE_ACCEPT } } : {}),
        target: { group: visit.mapping.group, resource: visit.mapping.name },
      })
      .catch((error: unknown) => {
        throw listError(error, visit.mapping, options);
      });
    const meta = page.metadata as { continue?: string; resourceVersion?: string } | undefined;
    const listVersion = meta?.resourceVersion ?? '';
    if (options.table) infos.push({ mapping: visit.mapping, object: page, listVersion });
    else infos.push(...itemsOf(page).map((object) => ({ mapping: visit.mapping, object, listVersion })));
    next = meta?.continue ?? '';
  } while (next !== '');
  return infos;
}

async function getOne(
  client: RestClient,
  visit: Visit & { type: 'get' },
  options: FetchOptions,
): Promise<Info> {
  const object = await client.json<KubeObject>({
    path: resourcePath(visit.mapping, visit.namespace, visit.name),
    ...(options.table ? { headers: { accept: TABLE_ACCEPT } } : {}),
    target: { group: visit.mapping.group, resource: visit.mapping.name, name: visit.name },
  });
  return { mapping: visit.mapping, object };
}

/** Makes the requests of `visits` in order; returns what came back and the errors. */
export async function fetchVisits(
  client: RestClient,
  visits: readonly Visit[],
  options: FetchOptions,
): Promise<{ infos: Info[]; errors: unknown[] }> {
  const infos: Info[] = [];
  const errors: unknown[] = [];
  for (const visit of visits) {
    try {
      if (visit.type === 'list') infos.push(...(await list(client, visit, options)));
      else infos.push(await getOne(client, visit, options));
    } catch (error) {
      if (!options.continueOnError) throw error;
      errors.push(error);
    }
  }
  return { infos, errors };
}

/**
 * The resourceVersion a watch of the fetched lists starts from: the lists' version when
 * they share one, else '' (the watch then starts from the server's latest state).
 */
export function listVersion(infos: readonly Info[]): string {
  const versions = new Set(infos.map((i) => i.listVersion ?? ''));
  return versions.size === 1 ? ([...versions][0] as string) : '';
}
