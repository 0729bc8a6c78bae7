/**
 * Server-side apply and managed fields, as kube-apiserver v1.32 does them (structured-merge-diff
 * v4 under k8s.io/apimachinery's managedfields):
 *
 * - {@link serverSideApply}: a PATCH with `application/apply-patch+yaml`;
 * - {@link updateManagedFields}: every other write (create, update, patch) records what its
 *   manager changed;
 * - {@link managerFromUserAgent}: the manager name of a request without `fieldManager`.
 *
 * Inputs are never mutated. Both write functions return the object with its new
 * `metadata.managedFields`; callers run them before the registry strategy (as upstream runs
 * its field manager before `PrepareForCreate` / `PrepareForUpdate`) and keep the result's
 * managedFields.
 */

import { badRequest } from '../status';
import type { KubeObject } from '../types';
import { ApplyConflictError, unknownError } from './errors';
import { FieldSet } from './fieldpath';
import {
  capUpdateManagers,
  decodeManagedFields,
  decodeOrEmpty,
  emptyManaged,
  encodeManagedFields,
  managerId,
} from './managed';
import type { Managed } from './managed';
import { withoutNulls } from './merge';
import { rootType } from './schema';
import type { ApplySchema } from './schema';
import { formatValidationErrors, validate } from './typed';
import { ConflictSet, applyManaged, updateManaged } from './updater';
import type { Context } from './updater';
import { clone, goJson, isMap, utf8Length, valuesEqual } from './values';
import type { JsonMap } from './values';

export type { ApplySchema } from './schema';
export type { ManagedFieldsEntry } from './managed';
export { ApplyConflictError } from './errors';

/** A field path given by its field names, e.g. `['metadata', 'labels']`. */
export type FieldNamePath = readonly string[];

/** Where a write goes and what its registry strategy resets. */
export interface ManagedFieldsOptions {
  /** The subresource written (`status`), or null/undefined for the main resource. */
  readonly subresource?: string | null;
  /**
   * Fields the strategy resets, left out of every manager's ownership (upstream's
   * `GetResetFields`). Defaults to {@link resetFieldsFor} the object's kind and subresource.
   */
  readonly resetFields?: readonly FieldNamePath[];
}

/**
 * The reset fields of kube-apiserver's built-in strategies: the main resource resets `status`;
 * `/status` resets `spec`, Pods also `metadata.deletionTimestamp` and
 * `metadata.ownerReferences`, Deployments also `metadata.labels`.
 */
export function resetFieldsFor(kind: string, subresource: string | null | undefined): FieldNamePath[] {
  if (subresource === null || subresource === undefined || subresource === '') return [['status']];
  if (subresource !== 'status') return [];
  if (kind === 'Pod') return [['spec'], ['metadata', 'deletionTimestamp'], ['metadata', 'ownerReferences']];
  if (kind === 'Deployment') return [['spec'], ['metadata', 'labels']];
  return [['spec']];
}

const MAX_MANAGER_BYTES = 128;

/**
 * The default manager name when a request has no fieldManager: the User-Agent up to its first
 * `/`, without unprintable characters, cut at 128 bytes (`kubectl` from
 * `kubectl/v1.32.4 (linux/amd64) kubernetes/59526cd`).
 */
export function managerFromUserAgent(userAgent: string | undefined): string {
  const prefix = (userAgent ?? '').split('/')[0] ?? '';
  let out = '';
  let bytes = 0;
  for (const ch of prefix) {
    if (!/^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u.test(ch)) continue;
    const size = utf8Length(ch);
    if (bytes + size > MAX_MANAGER_BYTES) break;
    out += ch;
    bytes += size;
  }
  return out;
}

function contextFor(
  obj: KubeObject,
  schema: ApplySchema | undefined,
  options: ManagedFieldsOptions,
): Context {
  const paths = options.resetFields ?? resetFieldsFor(obj.kind, options.subresource);
  return {
    type: rootType(schema),
    apiVersion: obj.apiVersion,
    reset: FieldSet.of(...paths.map((p) => p.map((name) => ({ kind: 'field' as const, name })))),
  };
}

/** A plain copy of an object without its managedFields. */
function stripped(obj: KubeObject): JsonMap {
  const copy = clone(obj) as unknown as JsonMap;
  if (isMap(copy.metadata)) delete copy.metadata.managedFields;
  return copy;
}

/** The object with `managed` encoded into its metadata (removed when nobody manages anything). */
function withManaged(obj: unknown, managed: Managed): KubeObject {
  const out = (isMap(obj) ? obj : {}) as unknown as KubeObject;
  const metadata = { ...(isMap(out.metadata) ? out.metadata : {}) };
  const entries = encodeManagedFields(managed);
  if (entries === undefined) delete metadata.managedFields;
  else metadata.managedFields = entries;
  out.metadata = metadata;
  return out;
}

/** Upstream prints group/version/kind as `apps/v1, Kind=Deployment` (`/v1, Kind=Pod` for core). */
function gvkString(obj: Partial<KubeObject>): string {
  const apiVersion = typeof obj.apiVersion === 'string' ? obj.apiVersion : '';
  const gv = apiVersion.includes('/') ? apiVersion : `/${apiVersion}`;
  return `${gv}, Kind=${typeof obj.kind === 'string' ? obj.kind : ''}`;
}

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';
const MAX_ANNOTATIONS_BYTES = 256 * 1024;

/** Keeps a client-side apply annotation in step with what `kubectl` applied server-side. */
function syncLastApplied(obj: KubeObject, applied: KubeObject): void {
  const annotations = obj.metadata.annotations;
  if (annotations === undefined || (annotations[LAST_APPLIED] ?? '') === '') return;
  const config = clone(applied) as unknown as JsonMap;
  const meta = isMap(config.metadata) ? config.metadata : undefined;
  if (meta !== undefined && isMap(meta.annotations)) delete meta.annotations[LAST_APPLIED];
  const next: Record<string, string> = { ...annotations, [LAST_APPLIED]: `${goJson(config)}\n` };
  const size = Object.entries(next).reduce((n, [k, v]) => n + utf8Length(k) + utf8Length(v), 0);
  if (size > MAX_ANNOTATIONS_BYTES) delete next[LAST_APPLIED];
  obj.metadata = { ...obj.metadata, annotations: next };
}

/**
 * PATCH with `application/apply-patch+yaml`: merges `applied` (the user's partial object) into
 * `live` (null when the object does not exist yet) for `manager`. Fields the manager applied
 * before but no longer applies are removed unless another manager owns them; ownership and
 * times in `metadata.managedFields` are updated. Throws {@link ApplyConflictError} when the
 * apply changes fields other managers own and `force` is false (with `force` it takes them),
 * and ApiErrors for what upstream rejects (managedFields in the patch, a wrong kind, a patch
 * that does not fit the schema). `now` is the RFC 3339 time, to the second.
 */
export function serverSideApply(
  live: KubeObject | null,
  applied: KubeObject,
  manager: string,
  force: boolean,
  schema: ApplySchema | undefined,
  now: string,
  options: ManagedFieldsOptions = {},
): KubeObject {
  const appliedMeta: unknown = applied.metadata;
  if (isMap(appliedMeta) && appliedMeta.managedFields !== undefined && appliedMeta.managedFields !== null) {
    throw badRequest('metadata.managedFields must be nil');
  }
  if (live !== null && (applied.apiVersion !== live.apiVersion || applied.kind !== live.kind)) {
    throw badRequest(`invalid object type: ${gvkString(applied)}`);
  }
  const ctx = contextFor(applied, schema, options);
  const errors = validate(applied, ctx.type);
  if (errors.length > 0) {
    const where = `${applied.metadata?.namespace ?? ''}/${applied.metadata?.name ?? ''}; ${gvkString(applied)}`;
    throw unknownError(`failed to create typed patch object (${where}): ${formatValidationErrors(errors)}`);
  }
  let managed: Managed;
  try {
    managed = decodeManagedFields(live?.metadata.managedFields);
  } catch (error) {
    throw unknownError(`failed to decode managed fields: ${(error as Error).message}`);
  }
  const subresource = options.subresource ?? '';
  const liveObj = live === null ? {} : stripped(live);
  if (managed.fields.size === 0 && live !== null) {
    const id = managerId('before-first-apply', 'Update', ctx.apiVersion, subresource);
    managed = updateManaged(managed, {}, liveObj, id, ctx, now);
  }
  const id = managerId(manager === '' ? 'unknown' : manager, 'Apply', '', subresource);
  let outcome;
  try {
    outcome = applyManaged(managed, liveObj, clone(applied), id, force, ctx, valuesEqual);
  } catch (error) {
    if (error instanceof ConflictSet) throw new ApplyConflictError(error.conflicts);
    throw error;
  }
  const result = outcome.managed;
  if (outcome.changed || live === null) result.times.set(id, now);
  const object = outcome.changed || live === null ? withoutNulls(outcome.object) : clone(liveObj);
  const out = withManaged(object, result);
  if (manager === 'kubectl') syncLastApplied(out, applied);
  return out;
}

/** True for managedFields a client sends to clear them: `[]` or `[{}]`. */
function isReset(entries: unknown): boolean {
  if (!Array.isArray(entries)) return false;
  if (entries.length === 0) return true;
  return entries.length === 1 && isMap(entries[0]) && Object.keys(entries[0]).length === 0;
}

/**
 * For every non-apply write (create, update, patch): recomputes managedFields so `manager`
 * (operation Update, `unknown` when empty) owns the fields it changed or set, taking them from
 * other managers, as upstream's fieldmanager does. `old` is null on create. On the main
 * resource, managedFields sent in `updated` replace the stored ones (`[]` or `[{}]` clears
 * them); an object stored without managedFields stays without them on update.
 */
export function updateManagedFields(
  old: KubeObject | null,
  updated: KubeObject,
  manager: string,
  subresource: string | null,
  schema: ApplySchema | undefined,
  now: string,
  resetFields?: readonly FieldNamePath[],
): KubeObject {
  const sub = subresource ?? '';
  const ctx = contextFor(updated, schema, {
    subresource: sub,
    ...(resetFields === undefined ? {} : { resetFields }),
  });
  const liveEntries = old?.metadata.managedFields;
  const sent = updated.metadata.managedFields;
  let managed: Managed;
  if (sub !== '') managed = decodeOrEmpty(liveEntries);
  else if (isReset(sent)) managed = emptyManaged();
  else {
    managed = decodeOrEmpty(sent);
    if (managed.fields.size === 0) managed = decodeOrEmpty(liveEntries);
  }
  const next = stripped(updated);
  const isCreate = old === null || (old.metadata.uid ?? '') === '';
  if (managed.fields.size === 0 && !isCreate) return withManaged(next, managed);
  const id = managerId(manager === '' ? 'unknown' : manager, 'Update', ctx.apiVersion, sub);
  managed = updateManaged(managed, old === null ? {} : stripped(old), next, id, ctx, now);
  capUpdateManagers(managed);
  return withManaged(next, managed);
}
