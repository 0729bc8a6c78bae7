/**
 * CREATE and UPDATE (and the shared tail of PATCH): decode and check against the schema,
 * default, track managed fields, prepare, admit, validate, store.
 */
import { mutatingAdmission, validatingAdmission } from '../admission';
import { managerFromUserAgent, updateManagedFields } from '../apply';
import { decodeObjectBody, queryParam } from '../codec';
import { applyDefaults } from '../defaults';
import { prepareForCreate, prepareForUpdate } from '../lifecycle';
import { apiVersionOf, type ResourceInfo } from '../resources';
import { checkAgainstSchema, decodeOutcome, parseFieldValidation } from '../schema';
import { ApiError, badRequest, conflict } from '../status';
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

export const isDryRun = (scope: RequestScope) => (scope.req.query.dryRun ?? []).includes('All');

/** Who owns the fields this request writes: `?fieldManager=`, else the client's User-Agent. */
export function fieldManager(scope: RequestScope): string {
  return queryParam(scope.req, 'fieldManager') ?? managerFromUserAgent(scope.req.headers['user-agent']);
}

/**
 * Decodes a POST/PUT body against the kind's schema: type errors, and unknown fields under
 * `fieldValidation=Strict`, are a 400; under Warn they come back as warnings.
 */
function decodeChecked(
  scope: RequestScope,
  options: 'CreateOptions' | 'UpdateOptions',
): { obj: KubeObject; warnings: string[] } {
  const data = decodeObjectBody(scope.req);
  const mode = parseFieldValidation(scope.req.query.fieldValidation, options);
  const schema = scope.openapi.schemaOf(scope.resource);
  let warnings: string[] = [];
  if (schema !== undefined) {
    const outcome = decodeOutcome(
      checkAgainstSchema(data, schema.schemas, schema.root),
      scope.resource.kind,
      scope.resource.version,
      mode,
    );
    if (outcome.error !== null) throw new ApiError(outcome.error);
    warnings = outcome.warnings;
  }
  return { obj: asObject(scope.resource, data, scope.req.body ?? ''), warnings };
}

function validate(scope: RequestScope, obj: KubeObject, old: KubeObject | null): void {
  const errors =
    old === null ? validateCreate(scope.resource, obj) : validateUpdate(scope.resource, obj, old);
  scope.stage(errors.length === 0 ? 'validation: valid' : `validation: ${errors.length} error(s)`, {
    errors: errors.length,
  });
  if (errors.length > 0) throw new ApiError(invalidStatus(scope.resource, obj.metadata.name ?? '', errors));
}

/**
 * Creates `obj` (already decoded and checked). With `managed`, its managedFields were set by
 * server-side apply; otherwise the field manager takes ownership of what it wrote.
 */
export function createWith(
  scope: RequestScope,
  decoded: KubeObject,
  warnings: readonly string[],
  managed = false,
): Reply {
  let obj = applyDefaults(scope.resource, decoded);
  if (!managed) {
    obj = updateManagedFields(
      null,
      obj,
      fieldManager(scope),
      null,
      scope.openapi.schemaOf(scope.resource),
      scope.kernel.clock.timestamp(),
    );
  }
  obj = prepareForCreate(scope.kernel, scope.resource, obj, scope.namespace);
  obj = mutatingAdmission(scope, obj, 'CREATE');
  validate(scope, obj, null);
  validatingAdmission(scope, obj, 'CREATE');
  if (isDryRun(scope)) return { status: 201, body: obj, warnings };
  const isService = scope.resource.group === '' && scope.resource.plural === 'services';
  if (isService) {
    obj = scope.services.allocate(obj);
    const spec = obj.spec as { clusterIP?: string } | undefined;
    scope.stage(`service allocation: clusterIP ${spec?.clusterIP ?? '<none>'}`);
  }
  try {
    return {
      status: 201,
      body: scope.storage.create(scope.resource, obj, { causedBy: scope.step }),
      warnings,
    };
  } catch (error) {
    if (isService) scope.services.release(obj);
    throw error;
  }
}

/** POST to a collection: create an object. */
export function createObject(scope: RequestScope): Reply {
  const { obj, warnings } = decodeChecked(scope, 'CreateOptions');
  return createWith(scope, obj, warnings);
}

/**
 * Writes `obj` over the stored `old`: the shared tail of PUT and PATCH. A resourceVersion
 * in `obj` makes the write conditional on the object not having changed since.
 */
export function updateWith(
  scope: RequestScope,
  obj: KubeObject,
  old: KubeObject,
  warnings: readonly string[] = [],
  managed = false,
): Reply {
  let next = applyDefaults(scope.resource, obj);
  if (!managed) {
    next = updateManagedFields(
      old,
      next,
      fieldManager(scope),
      scope.subresource,
      scope.openapi.schemaOf(scope.resource),
      scope.kernel.clock.timestamp(),
    );
  }
  const managedFields = next.metadata.managedFields;
  next = prepareForUpdate(scope.resource, next, old, scope.subresource);
  next.metadata = { ...next.metadata, managedFields };
  if (managedFields === undefined) delete next.metadata.managedFields;
  next = mutatingAdmission(scope, next, 'UPDATE');
  // As upstream's registry does, a write made from a stale copy is a conflict before it is
  // validated: the client must read the object again, not fix a field someone else changed.
  const sent = next.metadata.resourceVersion;
  if (sent !== undefined && /^\d+$/.test(sent) && sent !== old.metadata.resourceVersion)
    throw conflict(scope.resource, old.metadata.name ?? '');
  validate(scope, next, old);
  validatingAdmission(scope, next, 'UPDATE');
  if (isDryRun(scope)) return { status: 200, body: next, warnings };
  const rv =
    next.metadata.resourceVersion === undefined || next.metadata.resourceVersion === ''
      ? old.metadata.resourceVersion
      : next.metadata.resourceVersion;
  const stored = scope.storage.update(scope.resource, next, rv, { causedBy: scope.step });
  return { status: 200, body: finishDeletionIfDone(scope, stored), warnings };
}

/** PUT to an object: replace it. */
export function updateObject(scope: RequestScope): Reply {
  const name = scope.name ?? '';
  const { obj, warnings } = decodeChecked(scope, 'UpdateOptions');
  if (obj.metadata.name !== undefined && obj.metadata.name !== name) {
    throw badRequest(
      `the name of the object (${obj.metadata.name}) does not match the name on the URL (${name})`,
    );
  }
  obj.metadata.name = name;
  if (scope.resource.namespaced) obj.metadata.namespace = scope.namespace ?? undefined;
  const old = scope.storage.get(scope.resource, scope.namespace, name, { causedBy: scope.step });
  return updateWith(scope, obj, old, warnings);
}
