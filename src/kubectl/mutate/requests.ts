/**
 * The write requests of kubectl's resource.Helper: create (POST), get, patch of each
 * content type, replace (PUT) and delete, with the query parameters kubectl adds
 * (`fieldManager`, `fieldValidation`, `dryRun`).
 */
import type { KubeObject } from '../../sim/apiserver/types';
import type { RestClient } from '../client/rest';
import type { Mapping } from '../client/restmapper';
import { resourcePath } from '../resource/paths';

/** The patch types kubectl sends, by `--type` name. */
export const PATCH_CONTENT_TYPES = {
  json: 'application/json-patch+json',
  merge: 'application/merge-patch+json',
  strategic: 'application/strategic-merge-patch+json',
  apply: 'application/apply-patch+yaml',
} as const;

/** A patch type name. */
export type PatchType = keyof typeof PATCH_CONTENT_TYPES;

/** Query parameters of one write: each optional. */
export interface WriteQuery {
  readonly fieldManager?: string;
  readonly fieldValidation?: string;
  readonly dryRun?: boolean;
  readonly force?: boolean;
}

function queryOf(query: WriteQuery): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  if (query.dryRun) out.dryRun = ['All'];
  if (query.fieldManager !== undefined) out.fieldManager = [query.fieldManager];
  if (query.fieldValidation !== undefined) out.fieldValidation = [query.fieldValidation];
  if (query.force !== undefined) out.force = [String(query.force)];
  return out;
}

const target = (mapping: Mapping, name?: string) => ({
  group: mapping.group,
  resource: mapping.name,
  ...(name === undefined ? {} : { name }),
});

/** GETs one object. */
export function getObject(client: RestClient, mapping: Mapping, namespace: string, name: string) {
  return client.json<KubeObject>({
    path: resourcePath(mapping, namespace, name),
    target: target(mapping, name),
  });
}

/** POSTs `object` to its collection. */
export function createObject(
  client: RestClient,
  mapping: Mapping,
  namespace: string,
  object: unknown,
  query: WriteQuery = {},
  subresourceOf?: { name: string; subresource: string },
) {
  const path =
    subresourceOf === undefined
      ? resourcePath(mapping, namespace)
      : resourcePath(mapping, namespace, subresourceOf.name, subresourceOf.subresource);
  return client.json<KubeObject>({
    method: 'POST',
    path,
    query: queryOf(query),
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(object),
    target: target(mapping),
  });
}

/** PUTs `object` in place of the stored one. */
export function replaceObject(
  client: RestClient,
  mapping: Mapping,
  namespace: string,
  name: string,
  object: unknown,
  query: WriteQuery = {},
) {
  return client.json<KubeObject>({
    method: 'PUT',
    path: resourcePath(mapping, namespace, name),
    query: queryOf(query),
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(object),
    target: target(mapping, name),
  });
}

/** PATCHes one object (or its `subresource`) with a patch of `type`. */
export function patchObject(
  client: RestClient,
  mapping: Mapping,
  namespace: string,
  name: string,
  type: PatchType,
  patch: string,
  query: WriteQuery = {},
  subresource?: string,
) {
  return client.json<KubeObject>({
    method: 'PATCH',
    path: resourcePath(mapping, namespace, name, subresource === '' ? undefined : subresource),
    query: queryOf(query),
    headers: { 'content-type': PATCH_CONTENT_TYPES[type] },
    body: patch,
    target: target(mapping, name),
  });
}

/** DELETEs one object with DeleteOptions `options`; resolves with what the server returned. */
export function deleteObject(
  client: RestClient,
  mapping: Mapping,
  namespace: string,
  name: string,
  options: Record<string, unknown>,
  query: WriteQuery = {},
) {
  return client.json<KubeObject>({
    method: 'DELETE',
    path: resourcePath(mapping, namespace, name),
    query: queryOf(query),
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(options),
    target: target(mapping, name),
  });
}
