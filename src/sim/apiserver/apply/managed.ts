/**
 * `metadata.managedFields` as the apiserver's fieldmanager keeps it: decoded into one field set
 * per manager identity (manager name, operation, apiVersion for updaters, subresource), and
 * encoded back into entries sorted as upstream sorts them. Also the housekeeping around it:
 * stripping server-owned metadata from sets and capping the number of updater entries.
 */

import { FieldSet, FieldsDecodeError } from './fieldpath';
import { compareStrings, goJson, goQuote, isMap } from './values';

/** One `metadata.managedFields` entry. `time` is absent for an applier whose applies changed nothing. */
export interface ManagedFieldsEntry {
  manager: string;
  operation: 'Apply' | 'Update';
  apiVersion: string;
  time?: string;
  fieldsType: 'FieldsV1';
  fieldsV1: object;
  subresource?: string;
}

/** What one manager owns, at which apiVersion, and whether through apply. */
export interface VersionedSet {
  readonly set: FieldSet;
  readonly apiVersion: string;
  readonly applied: boolean;
}

/** Every manager's fields and the time of its last change, keyed by manager identity. */
export interface Managed {
  readonly fields: Map<string, VersionedSet>;
  readonly times: Map<string, string | undefined>;
}

/** An empty Managed. */
export const emptyManaged = (): Managed => ({ fields: new Map(), times: new Map() });

/** A copy that can be changed without touching the original. */
export const copyManaged = (m: Managed): Managed => ({ fields: new Map(m.fields), times: new Map(m.times) });

/**
 * The identity upstream keys managers by: the JSON of the entry without its fields, time and
 * (for appliers) apiVersion, e.g. `{"manager":"kubectl","operation":"Update","apiVersion":"apps/v1"}`.
 */
export function managerId(
  manager: string,
  operation: string,
  apiVersion: string,
  subresource: string,
): string {
  const parts: string[] = [];
  if (manager !== '') parts.push(`"manager":${goJson(manager)}`);
  if (operation !== '') parts.push(`"operation":${goJson(operation)}`);
  if (operation !== 'Apply' && apiVersion !== '') parts.push(`"apiVersion":${goJson(apiVersion)}`);
  if (subresource !== '') parts.push(`"subresource":${goJson(subresource)}`);
  return `{${parts.join(',')}}`;
}

interface IdParts {
  readonly manager: string;
  readonly operation: string;
  readonly apiVersion: string;
  readonly subresource: string;
}

/** The parts of a manager identity. */
export function parseManagerId(id: string): IdParts {
  const raw: unknown = JSON.parse(id);
  const o = isMap(raw) ? raw : {};
  const str = (k: string) => (typeof o[k] === 'string' ? (o[k] as string) : '');
  return {
    manager: str('manager'),
    operation: str('operation'),
    apiVersion: str('apiVersion'),
    subresource: str('subresource'),
  };
}

/** How conflict messages name a manager: `"kubectl-edit" using apps/v1`, `"kubectl"` for an applier. */
export function describeManager(id: string): string {
  const p = parseManagerId(id);
  let text = goQuote(p.manager);
  if (p.subresource !== '') text += ` with subresource ${goQuote(p.subresource)}`;
  return p.operation === 'Update' ? `${text} using ${p.apiVersion}` : text;
}

/** Decodes managedFields; throws an Error with upstream's text when an entry is malformed. */
export function decodeManagedFields(entries: unknown): Managed {
  const out = emptyManaged();
  if (entries === undefined || entries === null) return out;
  if (!Array.isArray(entries)) throw new Error('managedFields must be a list');
  entries.forEach((raw: unknown, i) => {
    const e = isMap(raw) ? raw : {};
    const operation = e.operation;
    if (operation !== 'Apply' && operation !== 'Update')
      throw new Error('operation must be `Apply` or `Update`');
    const apiVersion = typeof e.apiVersion === 'string' ? e.apiVersion : '';
    if (apiVersion === '') throw new Error('apiVersion must not be empty');
    if (e.fieldsType === undefined || e.fieldsType === '')
      throw new Error(`missing fieldsType in managed fields entry ${i}`);
    if (e.fieldsType !== 'FieldsV1')
      throw new Error(`invalid fieldsType "${String(e.fieldsType)}" in managed fields entry ${i}`);
    const id = managerId(
      typeof e.manager === 'string' ? e.manager : '',
      operation,
      apiVersion,
      typeof e.subresource === 'string' ? e.subresource : '',
    );
    let set: FieldSet;
    try {
      set = FieldSet.fromFieldsV1(e.fieldsV1 ?? {});
    } catch (error) {
      if (error instanceof FieldsDecodeError)
        throw new Error(`error decoding set: ${error.message}`, { cause: error });
      throw error;
    }
    out.fields.set(id, { set, apiVersion, applied: operation === 'Apply' });
    out.times.set(id, typeof e.time === 'string' ? e.time : undefined);
  });
  return out;
}

/** Decodes managedFields, or gives an empty Managed when they are malformed. */
export function decodeOrEmpty(entries: unknown): Managed {
  try {
    return decodeManagedFields(entries);
  } catch {
    return emptyManaged();
  }
}

const seconds = (time: string | undefined) => {
  if (time === undefined) return 0;
  const ms = Date.parse(time);
  return Number.isNaN(ms) ? 0 : Math.floor(ms / 1000);
};

function compareEntries(p: ManagedFieldsEntry, q: ManagedFieldsEntry): number {
  if (p.operation !== q.operation) return compareStrings(p.operation, q.operation);
  const ps = seconds(p.time);
  const qs = seconds(q.time);
  if (ps !== qs) return ps < qs ? -1 : 1;
  return (
    compareStrings(p.manager, q.manager) ||
    compareStrings(p.apiVersion, q.apiVersion) ||
    compareStrings(p.subresource ?? '', q.subresource ?? '')
  );
}

/** The entries of a Managed, sorted as upstream sorts them; undefined when nobody manages anything. */
export function encodeManagedFields(managed: Managed): ManagedFieldsEntry[] | undefined {
  if (managed.fields.size === 0) return undefined;
  const entries: ManagedFieldsEntry[] = [];
  for (const [id, vs] of managed.fields) {
    const p = parseManagerId(id);
    const time = managed.times.get(id);
    entries.push({
      manager: p.manager,
      operation: vs.applied ? 'Apply' : p.operation === 'Apply' ? 'Apply' : 'Update',
      apiVersion: vs.apiVersion,
      ...(time === undefined ? {} : { time }),
      fieldsType: 'FieldsV1',
      fieldsV1: vs.set.toFieldsV1(),
      ...(p.subresource === '' ? {} : { subresource: p.subresource }),
    });
  }
  return entries.sort(compareEntries);
}

/** Fields no manager ever owns: type information and metadata the server sets. */
const STRIPPED = FieldSet.of(
  ...[
    ['apiVersion'],
    ['kind'],
    ['metadata'],
    ['metadata', 'name'],
    ['metadata', 'namespace'],
    ['metadata', 'creationTimestamp'],
    ['metadata', 'selfLink'],
    ['metadata', 'uid'],
    ['metadata', 'clusterName'],
    ['metadata', 'generation'],
    ['metadata', 'managedFields'],
    ['metadata', 'resourceVersion'],
  ].map((p) => p.map((name) => ({ kind: 'field' as const, name }))),
);

/** Removes server-owned metadata from a manager's set, dropping the manager when nothing is left. */
export function stripMeta(managed: Managed, id: string): void {
  const vs = managed.fields.get(id);
  if (vs === undefined) return;
  const set = vs.set.difference(STRIPPED);
  if (set.empty()) managed.fields.delete(id);
  else managed.fields.set(id, { ...vs, set });
}

/** The most updater entries kept; older ones are merged into `ancient-changes`. */
export const MAX_UPDATE_MANAGERS = 10;

/** Merges the oldest updater entries into one bucket per apiVersion until at most ten remain. */
export function capUpdateManagers(managed: Managed): void {
  const updaters = [...managed.fields].filter(([, vs]) => !vs.applied).map(([id]) => id);
  if (updaters.length <= MAX_UPDATE_MANAGERS) return;
  updaters.sort((a, b) => {
    const as = seconds(managed.times.get(a));
    const bs = seconds(managed.times.get(b));
    return as !== bs ? (as < bs ? -1 : 1) : compareStrings(a, b);
  });
  const firstByVersion = new Map<string, string>();
  let length = updaters.length;
  for (let i = 0; i < updaters.length && length > MAX_UPDATE_MANAGERS; i++) {
    const id = updaters[i] ?? '';
    const vs = managed.fields.get(id);
    if (vs === undefined) continue;
    const time = managed.times.get(id);
    const bucket = managerId('ancient-changes', 'Update', vs.apiVersion, '');
    const first = firstByVersion.get(vs.apiVersion);
    if (first === undefined) {
      firstByVersion.set(vs.apiVersion, id);
      continue;
    }
    if (!managed.fields.has(bucket)) {
      const moved = managed.fields.get(first);
      managed.fields.delete(first);
      if (moved !== undefined) managed.fields.set(bucket, moved);
    }
    const into = managed.fields.get(bucket)?.set ?? new FieldSet();
    managed.fields.set(bucket, { set: vs.set.union(into), apiVersion: vs.apiVersion, applied: vs.applied });
    managed.fields.delete(id);
    length--;
    managed.times.set(bucket, time);
  }
}
