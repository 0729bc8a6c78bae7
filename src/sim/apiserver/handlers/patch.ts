/**
 * PATCH: JSON patch, JSON merge patch and strategic merge patch apply to the stored object;
 * apply patches (`kubectl apply --server-side`) go through server-side apply, which tracks
 * which field manager owns which field and refuses to take fields from another manager
 * without `force`.
 */
import { ApplyConflictError, serverSideApply } from '../apply';
import { contentTypeOf, decodeBody, queryFlag, queryParam } from '../codec';
import { applyJsonPatch, applyMergePatch, applyStrategicMergePatch, PatchError } from '../patch';
import {
  checkAgainstSchema,
  goJsonText,
  goPrintValue,
  parseFieldValidation,
  patchDecodeOutcome,
} from '../schema';
import { ApiError, badRequest, unsupportedMediaType } from '../status';
import type { KubeObject } from '../types';
import type { Reply, RequestScope } from './scope';
import { asObject, createWith, fieldManager, updateWith } from './write';

const APPLY = 'application/apply-patch+yaml';

/** PATCH an object. */
export function patchObject(scope: RequestScope): Reply {
  const type = contentTypeOf(scope.req);
  if (type === APPLY) return applyObject(scope);
  const name = scope.name ?? '';
  const body = scope.req.body ?? '';
  const mode = parseFieldValidation(scope.req.query.fieldValidation, 'PatchOptions');
  const old = scope.storage.get(scope.resource, scope.namespace, name, { causedBy: scope.step });
  let patched: unknown;
  try {
    switch (type) {
      case 'application/json-patch+json':
        patched = applyJsonPatch(old, body);
        break;
      case 'application/merge-patch+json':
        patched = applyMergePatch(old, body);
        break;
      case 'application/strategic-merge-patch+json':
        patched = applyStrategicMergePatch(old, body, scope.openapi.patchSchemaFor(scope.resource));
        break;
      default:
        throw unsupportedMediaType();
    }
  } catch (error) {
    if (error instanceof PatchError) throw new ApiError(error.toStatus());
    throw error;
  }
  let warnings: string[] = [];
  const schema = scope.openapi.schemaOf(scope.resource);
  if (schema !== undefined) {
    const strategic = type === 'application/strategic-merge-patch+json';
    const check = checkAgainstSchema(
      patched,
      schema.schemas,
      schema.root,
      strategic ? 'unstructured' : 'json',
    );
    const badValue = strategic ? goPrintValue(JSON.parse(body) as unknown) : goJsonText(patched);
    const outcome = patchDecodeOutcome(check, mode, badValue);
    if (outcome.error !== null) throw new ApiError(outcome.error);
    warnings = outcome.warnings;
  }
  const obj = asObject(scope.resource, patched, body);
  if (obj.metadata.name !== name)
    throw badRequest(`metadata.name: Invalid value: "${obj.metadata.name ?? ''}": field is immutable`);
  scope.stage(`patch: ${type.replace('application/', '')}`, { type });
  if (
    queryParam(scope.req, 'resourceVersion') === undefined &&
    obj.metadata.resourceVersion === old.metadata.resourceVersion
  ) {
    // An unconditional patch applies to the version just read.
    obj.metadata.resourceVersion = old.metadata.resourceVersion;
  }
  return updateWith(scope, obj, old, warnings);
}

/** Server-side apply: merge the applied configuration for its field manager, create if missing. */
function applyObject(scope: RequestScope): Reply {
  const name = scope.name ?? '';
  if (queryParam(scope.req, 'fieldManager') === undefined) {
    throw new ApiError({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message:
        'PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch',
      reason: 'Invalid',
      details: {
        group: 'meta.k8s.io',
        kind: 'PatchOptions',
        causes: [
          {
            reason: 'FieldValueRequired',
            message: 'Required value: is required for apply patch',
            field: 'fieldManager',
          },
        ],
      },
      code: 422,
    });
  }
  const applied = asObject(scope.resource, decodeBody(scope.req, 'yaml'), scope.req.body ?? '');
  if (applied.metadata.name !== undefined && applied.metadata.name !== name) {
    throw badRequest(
      `the name of the object (${applied.metadata.name}) does not match the name on the URL (${name})`,
    );
  }
  applied.metadata.name = name;
  let live: KubeObject | null = null;
  try {
    live = scope.storage.get(scope.resource, scope.namespace, name, { causedBy: scope.step });
  } catch (error) {
    if (!(error instanceof ApiError && error.code === 404)) throw error;
  }
  let merged: KubeObject;
  try {
    merged = serverSideApply(
      live,
      applied,
      fieldManager(scope),
      queryFlag(scope.req, 'force'),
      scope.openapi.schemaOf(scope.resource),
      scope.kernel.clock.timestamp(),
      {
        subresource: scope.subresource,
      },
    );
  } catch (error) {
    if (error instanceof ApplyConflictError) {
      scope.stage(`server-side apply conflict: ${error.conflicts.map((c) => c.field).join(', ')}`);
      throw error.toApiError();
    }
    throw error;
  }
  scope.stage(`server-side apply by ${fieldManager(scope)}`, { manager: fieldManager(scope) });
  if (live === null) return createWith({ ...scope, subresource: null }, merged, [], true);
  merged.metadata.resourceVersion = live.metadata.resourceVersion;
  return updateWith(scope, merged, live, [], true);
}
