/**
 * The two operations of structured-merge-diff's Updater, on one apiVersion (the simulation
 * converts no versions): Update works out which fields a write changed and gives them to its
 * manager; Apply merges a configuration, prunes what its applier stopped applying, and refuses
 * (unless forced) to change fields other managers own.
 */

import { FieldSet } from './fieldpath';
import type { Path } from './fieldpath';
import { copyManaged, stripMeta } from './managed';
import type { Managed, VersionedSet } from './managed';
import { merge, removeItems, withZeroValues } from './merge';
import type { TypeNode } from './schema';
import { compare, toFieldSet } from './typed';
import type { Comparison } from './typed';

/** The manager name upstream uses internally for the fields one Update changes. */
const CURRENT_OPERATION = 'current-operation';

/** Fields other managers own that an apply would change, by manager identity. */
export class ConflictSet extends Error {
  constructor(readonly conflicts: ReadonlyMap<string, FieldSet>) {
    super('apply conflicts');
  }
}

/** What reset fields (`status` for the main resource, `spec` for /status) leave out of ownership. */
export interface Context {
  readonly type: TypeNode;
  readonly apiVersion: string;
  readonly reset: FieldSet;
}

const filtered = (set: FieldSet, ctx: Context) => set.recursiveDifference(ctx.reset);

function filterComparison(c: Comparison, ctx: Context): Comparison {
  return {
    added: filtered(c.added, ctx),
    modified: filtered(c.modified, ctx),
    removed: filtered(c.removed, ctx),
  };
}

/**
 * Takes the changed fields from every manager but `workflow`: what `compare` added or modified
 * conflicts (an error unless forced), what it removed nobody owns any more.
 */
function takeOwnership(managed: Managed, compared: Comparison, workflow: string, force: boolean): void {
  const conflicts = new Map<string, FieldSet>();
  const changed = compared.modified.union(compared.added);
  for (const [id, vs] of managed.fields) {
    if (id === workflow) continue;
    const conflict = vs.set.intersection(changed);
    if (!conflict.empty()) conflicts.set(id, conflict);
  }
  if (!force && conflicts.size > 0) throw new ConflictSet(conflicts);
  for (const [id, vs] of [...managed.fields]) {
    if (id === workflow) continue;
    let set = vs.set;
    const conflict = conflicts.get(id);
    if (conflict !== undefined) set = set.difference(conflict);
    set = set.difference(compared.removed);
    if (set.empty()) managed.fields.delete(id);
    else managed.fields.set(id, { ...vs, set });
  }
}

/**
 * An Update by `id` from `old` to `next` (plain objects without managedFields; `old` is `{}`
 * on create): the manager gains what changed, others lose it, and its time moves to `now`
 * when it gained anything. Returns a new Managed.
 */
export function updateManaged(
  managed: Managed,
  old: unknown,
  next: unknown,
  id: string,
  ctx: Context,
  now: string,
): Managed {
  const out = copyManaged(managed);
  const compared = filterComparison(
    compare(withZeroValues(old, ctx.type), withZeroValues(next, ctx.type), ctx.type),
    ctx,
  );
  takeOwnership(out, compared, CURRENT_OPERATION, true);
  const gained = filtered(compared.modified.union(compared.added), ctx);
  if (gained.empty()) return out;
  out.fields.set(CURRENT_OPERATION, { set: gained, apiVersion: ctx.apiVersion, applied: false });
  stripMeta(out, CURRENT_OPERATION);
  const current = out.fields.get(CURRENT_OPERATION);
  if (current === undefined) return out;
  out.fields.delete(CURRENT_OPERATION);
  const previous = out.fields.get(id);
  out.fields.set(id, {
    set: previous === undefined ? current.set : current.set.union(previous.set),
    apiVersion: current.apiVersion,
    applied: false,
  });
  out.times.set(id, now);
  return out;
}

const ensureNamed = (set: FieldSet, ctx: Context) => set.ensureNamedFieldsAreMembers(ctx.type);

/**
 * Removes from `merged` what the applier owned last time but no longer applies, unless
 * another manager owns it (upstream's prune, addBackOwnedItems and addBackDanglingItems).
 */
function prune(merged: unknown, managed: Managed, last: VersionedSet | undefined, ctx: Context): unknown {
  if (last === undefined || last.set.empty()) return merged;
  let pruned = removeItems(merged, ensureNamed(last.set, ctx), ctx.type);
  let owned = new FieldSet();
  for (const vs of managed.fields.values()) owned = owned.union(vs.set);
  const mergedSet = ensureNamed(toFieldSet(merged, ctx.type), ctx);
  const keep = ensureNamed(toFieldSet(pruned, ctx.type), ctx).union(ensureNamed(owned, ctx));
  pruned = removeItems(merged, mergedSet.difference(keep), ctx.type);
  const prunedSet = ensureNamed(toFieldSet(pruned, ctx.type), ctx);
  return removeItems(
    merged,
    mergedSet.difference(prunedSet).intersection(ensureNamed(last.set, ctx)),
    ctx.type,
  );
}

/** The outcome of an Apply: the merged object (unchanged: same as live) and the new Managed. */
export interface ApplyOutcome {
  readonly object: unknown;
  readonly managed: Managed;
  readonly changed: boolean;
}

/**
 * Applies `config` for `id` over `live` (a plain object without managedFields, `{}` when the
 * object does not exist). Throws ConflictSet when not forced and other managers own changed fields.
 */
export function applyManaged(
  managed: Managed,
  live: unknown,
  config: unknown,
  id: string,
  force: boolean,
  ctx: Context,
  equal: (a: unknown, b: unknown) => boolean,
): ApplyOutcome {
  const out = copyManaged(managed);
  const last = out.fields.get(id);
  const merged = merge(live, config, ctx.type);
  out.fields.set(id, {
    set: filtered(toFieldSet(config, ctx.type), ctx),
    apiVersion: ctx.apiVersion,
    applied: true,
  });
  const pruned = prune(merged, out, last, ctx);
  const compared = filterComparison(compare(live, pruned, ctx.type), ctx);
  takeOwnership(out, compared, id, force);
  stripMeta(out, id);
  return { object: pruned, managed: out, changed: !equal(live, pruned) };
}

/** The member paths of a conflict set, as upstream iterates them. */
export function conflictPaths(set: FieldSet): Path[] {
  return set.paths();
}
