/** CREATE, UPDATE and PATCH: decode, default, admit, validate, store. */
import { applyDefaults } from '../defaults';
import { contentTypeOf, decodeBody, decodeObjectBody, queryParam } from '../codec';
import { mutatingAdmission, validatingAdmission } from '../admission';
import { prepareForCreate, prepareForUpdate } from '../lifecycle';
import { applyJsonPatch, applyMergePatch, applyStrategicMergePatch, PatchError } from '../patch';
import { patchSchemaFor } from '../openapi';
import { apiVersionOf, type ResourceInfo } from '../resources';
import { ApiError, badRequest, unsupportedMediaType } from '../status';
import type { KubeObject } from '../types';
import { invalidStatus, validateCreate, validateUpdate } from '../validation';
import { finishDeletionIfDone } from './delete';
import type { Reply, RequestScope } from './scope';

/** Checks that a decoded body is an object of the resource's kind and version. */
export function asObject(resource: ResourceInfo, data: unknown, raw: string): KubeObject {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw badRequest(`Object 'Kind' is missing in '${raw.slice(0, 200)}'`);
  }
  const obj = data as Partial<KubeObject>;
  if (typeof obj.kind !== 'string' || obj.kind === '')
    throw badRequest(`Object 'Kind' is missing in '${raw.slice(0, 200)}'`);
  const expected = apiVersionOf(resource);
  if (obj.apiVersion !== undefined && obj.apiVersion !== expected) {
    throw badRequest(
      `the API version in the data (${String(obj.apiVersion)}) does not match the expected API version (${expected})`,
    );
  }
  if (obj.kind !== resource.kind) {
    throw badRequest(
      `the kind in the data (${obj.kind}) does not match the expected kind (${resource.kind})`,
    );
  }
  const metadata = typeof obj.metadata === 'object' && obj.metadata !== null ? obj.metadata : {};
  return { ...(obj as KubeObject), apiVersion: expected, metadata: { ...metadata } };
}

const isDryRun = (scope: RequestScope) => (scope.req.query.dryRun ?? []).includes('All');

function validate(scope: RequestScope, obj: KubeObject, old: KubeObject | null): void {
  const errors =
    old === null ? validateCreate(scope.resource, obj) : validateUpdate(scope.resource, obj, old);
  scope.stage(errors.length === 0 ? 'validation: valid' : `validation: ${errors.length} error(s)`, {
    errors: errors.length,
  });
  if (errors.length > 0) throw new ApiError(invalidStatus(scope.resource, obj.metadata.name ?? '', errors));
}

/** POST to a collection: create an object. */
export function createObject(scope: RequestScope, body?: unknown): Reply {
  const data = body ?? decodeObjectBody(scope.req);
  let obj = asObject(scope.resource, data, scope.req.body ?? '');
  obj = applyDefaults(scope.resource, obj);
  obj = prepareForCreate(scope.kernel, scope.resource, obj, scope.namespace);
  obj = mutatingAdmission(scope, obj, 'CREATE');
  validate(scope, obj, null);
  validatingAdmission(scope, obj, 'CREATE');
  if (isDryRun(scope)) return { status: 201, body: obj };
  return { status: 201, body: scope.storage.create(scope.resource, obj, { causedBy: scope.step }) };
}

/**
 * Writes `obj` over the stored `old`: the shared tail of PUT and PATCH. A resourceVersion
 * in `obj` makes the write conditional on the object not having changed since.
 */
function updateWith(scope: RequestScope, obj: KubeObject, old: KubeObject): Reply {
  let next = applyDefaults(scope.resource, obj);
  next = prepareForUpdate(scope.resource, next, old, scope.subresource);
  next = mutatingAdmission(scope, next, 'UPDATE');
  validate(scope, next, old);
  validatingAdmission(scope, next, 'UPDATE');
  if (isDryRun(scope)) return { status: 200, body: next };
  const rv =
    next.metadata.resourceVersion === undefined || next.metadata.resourceVersion === ''
      ? old.metadata.resourceVersion
      : next.metadata.resourceVersion;
  const stored = scope.storage.update(scope.resource, next, rv, { causedBy: scope.step });
  return { status: 200, body: finishDeletionIfDone(scope, stored) };
}

/** PUT to an object: replace it. */
export function updateObject(scope: RequestScope): Reply {
  const name = scope.name ?? '';
  const obj = asObject(scope.resource, decodeObjectBody(scope.req), scope.req.body ?? '');
  if (obj.metadata.name !== undefined && obj.metadata.name !== name) {
    throw badRequest(
      `the name of the object (${obj.metadata.name}) does not match the name on the URL (${name})`,
    );
  }
  obj.metadata.name = name;
  if (scope.resource.namespaced) obj.metadata.namespace = scope.namespace ?? undefined;
  const old = scope.storage.get(scope.resource, scope.namespace, name, { causedBy: scope.step });
  return updateWith(scope, obj, old);
}

/** PATCH an object with a JSON patch, a merge patch, a strategic merge patch or an apply patch. */
export function patchObject(scope: RequestScope): Reply {
  const name = scope.name ?? '';
  const type = contentTypeOf(scope.req);
  const body = scope.req.body ?? '';
  let old: KubeObject;
  try {
    old = scope.storage.get(scope.resource, scope.namespace, name, { causedBy: scope.step });
  } catch (error) {
    if (type === 'application/apply-patch+yaml' && error instanceof ApiError && error.code === 404) {
      const applied = decodeBody(scope.req, 'yaml');
      return createObject({ ...scope, subresource: null }, applied);
    }
    throw error;
  }
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
        patched = applyStrategicMergePatch(old, body, patchSchemaFor(scope.resource));
        break;
      case 'application/apply-patch+yaml': {
        const applied = JSON.stringify(decodeBody(scope.req, 'yaml'));
        patched = applyStrategicMergePatch(old, applied, patchSchemaFor(scope.resource));
        break;
      }
      default:
        throw unsupportedMediaType();
    }
  } catch (error) {
    if (error instanceof PatchError) {
      const reason = error.status === 422 ? 'Invalid' : error.status === 500 ? 'InternalError' : 'BadRequest';
      throw new ApiError({
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        message: error.message,
        reason,
        code: error.status,
      });
    }
    throw error;
  }
  const obj = asObject(scope.resource, patched, body);
  if (obj.metadata.name !== name)
    throw badRequest(`metadata.name: Invalid value: "${obj.metadata.name ?? ''}": field is immutable`);
  scope.stage(`patch: ${type.replace('application/', '')}`, { type });
  const patchRv = queryParam(scope.req, 'resourceVersion');
  if (patchRv === undefined && obj.metadata.resourceVersion === old.metadata.resourceVersion) {
    // An unconditional patch applies to the version just read.
    obj.metadata.resourceVersion = old.metadata.resourceVersion;
  }
  return updateWith(scope, obj, old);
}
