import type { Kernel } from '../kernel/kernel';
import type { Json } from '../kernel/trace';
import { checkKey, checkRevisionArg, compareFailure, plural, type CompareFailure } from './checks';
import { COMPACTED_MESSAGE, CompactedError, FUTURE_REVISION_MESSAGE, FutureRevisionError } from './errors';
import { Mvcc } from './mvcc';
import type { EtcdSnapshot } from './snapshot';
import type {
  EtcdOptions,
  GetResult,
  KeyValue,
  OpContext,
  RangeOptions,
  RangeResult,
  StoreEvent,
  TxnResult,
  WatchHandle,
  WatchListener,
} from './types';
import { WatchHub } from './watch';

// The contract's names, importable from this module too.
export { CompactedError, FutureRevisionError } from './errors';
export { registryKey } from './keys';
export type { EtcdSnapshot } from './snapshot';
export type { KeyValue, OpContext, StoreEvent, TxnResult } from './types';

/** The default topology component id of the store. */
export const DEFAULT_ETCD_ID = 'control-plane/etcd';

/**
 * A simulated single-member etcd, as kube-apiserver uses it: an MVCC key-value store where
 * every successful write gets the next global revision (a fresh store is at revision 1, so the
 * first write is revision 2), reads can look at any revision since the last compaction, writes
 * are one-compare transactions, and watches replay history from a revision and then stream.
 *
 * Every call records one trace step from the caller to the store (kind `storage`) and returns
 * its id as `step`; every watch delivery records one step per event from the store to the
 * watcher (kind `watch`), caused by the write (or, for replayed history, by the WATCH request).
 * A call that throws CompactedError or FutureRevisionError records its step too and carries
 * its id in the error's `step`.
 */
export class Etcd {
  /** Topology component id of this member, the `to` of its storage steps. */
  readonly id: string;
  readonly #kernel: Kernel;
  #mvcc: Mvcc;
  readonly #watches: WatchHub;

  constructor(kernel: Kernel, options: EtcdOptions = {}) {
    this.id = options.id ?? DEFAULT_ETCD_ID;
    this.#kernel = kernel;
    this.#mvcc = new Mvcc();
    this.#watches = new WatchHub(kernel, this.id);
  }

  /** Rebuilds a store from {@link Etcd.snapshot} data (without watches); throws if it is malformed. */
  static restore(kernel: Kernel, snapshot: EtcdSnapshot, options: EtcdOptions = {}): Etcd {
    const etcd = new Etcd(kernel, options);
    etcd.#mvcc = Mvcc.fromSnapshot(snapshot);
    return etcd;
  }

  /** The current global revision: 1 for a fresh store, +1 on every successful write. */
  get revision(): number {
    return this.#mvcc.revision;
  }

  /** Revisions below this one have been compacted away; 0 if never compacted. */
  get compactRevision(): number {
    return this.#mvcc.compactRevision;
  }

  /** Number of keys that exist now. */
  get keyCount(): number {
    return this.#mvcc.liveCount;
  }

  /** Number of active watches. */
  get watchCount(): number {
    return this.#watches.size;
  }

  /** Reads one key, now or as of `opts.revision`. */
  get(key: string, ctx: OpContext, opts: { revision?: number } = {}): GetResult {
    checkKey(key);
    const at = this.#readRevision('GET', key, ctx, opts.revision);
    const kv = this.#mvcc.at(key, at);
    const when = at === this.revision ? '' : ` at rev ${at}`;
    const step = this.#step(ctx, `GET ${key}${when}${kv === null ? ' (not found)' : ''}`, {
      op: 'GET',
      key,
      revision: this.revision,
      atRevision: at,
      found: kv !== null,
      modRevision: kv?.modRevision ?? null,
      version: kv?.version ?? null,
    });
    return { kv, revision: this.revision, step };
  }

  /**
   * Lists the keys starting with `prefix` in byte order, now or as of `opts.revision`. A prefix
   * ending in '/' (see `registryKey`) matches one directory: `/registry/pods/default/` does not
   * match `/registry/pods/default2/x`. See {@link RangeResult} for `count` and `more`.
   */
  range(prefix: string, ctx: OpContext, opts: RangeOptions = {}): RangeResult {
    const limit = opts.limit ?? 0;
    checkRevisionArg('limit', limit);
    const at = this.#readRevision('RANGE', prefix, ctx, opts.revision);
    const countOnly = opts.countOnly ?? false;
    const { kvs, count } = this.#mvcc.range(prefix, at, limit, opts.startAfter, countOnly);
    const more = !countOnly && kvs.length < count;
    const when = at === this.revision ? '' : ` at rev ${at}`;
    const what = countOnly ? `count ${count}` : `${plural(kvs.length, 'key')}${more ? ', more' : ''}`;
    const step = this.#step(ctx, `RANGE ${prefix}${when} (${what})`, {
      op: 'RANGE',
      prefix,
      revision: this.revision,
      atRevision: at,
      limit,
      startAfter: opts.startAfter ?? null,
      countOnly,
      count,
      more,
      lastKey: kvs.at(-1)?.key ?? null,
    });
    return { kvs, more, count, revision: this.revision, step };
  }

  /** Creates `key`; fails if it exists (etcd: `If(create_revision(key) = 0) Then(Put)`). */
  create(key: string, value: string, ctx: OpContext): TxnResult {
    checkKey(key);
    const current = this.#mvcc.current(key);
    const failure = compareFailure('create', key, current);
    return failure === null ? this.#put(key, value, ctx, 'create') : this.#failed(ctx, key, failure, current);
  }

  /**
   * Replaces the value of the existing `key`; fails if it does not exist, or, when
   * `expectedModRevision` is given, if the key's mod_revision differs (compare-and-swap, as
   * kube-apiserver does with an object's resourceVersion).
   */
  update(key: string, value: string, ctx: OpContext, expectedModRevision?: number): TxnResult {
    checkKey(key);
    const refused = this.#refuse('update', key, ctx, expectedModRevision);
    return refused ?? this.#put(key, value, ctx, 'update', expectedModRevision);
  }

  /** Deletes the existing `key`, with the same conditions as {@link Etcd.update}; `kv` is what was deleted. */
  delete(key: string, ctx: OpContext, expectedModRevision?: number): TxnResult {
    checkKey(key);
    const refused = this.#refuse('delete', key, ctx, expectedModRevision);
    if (refused !== null) return refused;
    const { tombstone, prev } = this.#mvcc.delete(key);
    const step = this.#step(ctx, `DELETE ${key} (rev ${tombstone.modRevision})`, {
      op: 'DELETE',
      key,
      revision: this.revision,
      modRevision: tombstone.modRevision,
      prevModRevision: prev.modRevision,
      expectedModRevision: expectedModRevision ?? null,
    });
    this.#watches.notify({ type: 'DELETE', kv: tombstone, prevKv: prev }, step);
    return { ok: true, kv: prev, revision: this.revision, step };
  }

  /**
   * Watches keys starting with `prefix`. `fromRevision` 0 means only changes made from now on;
   * otherwise every change at `fromRevision` or later is delivered, the past ones first (a
   * revision beyond the current one waits for it). Throws CompactedError if
   * 0 < `fromRevision` <= compactRevision. The listener is called once per revision, in
   * revision order, always from a kernel event and never inside the write.
   */
  watch(prefix: string, fromRevision: number, ctx: OpContext, listener: WatchListener): WatchHandle {
    checkRevisionArg('watch start revision', fromRevision);
    const now = this.revision;
    if (fromRevision > 0 && fromRevision <= this.compactRevision) {
      throw this.#unavailable('compacted', 'WATCH', prefix, ctx, fromRevision);
    }
    const replay = fromRevision > 0 ? this.#mvcc.eventsBetween(prefix, fromRevision, now) : [];
    const watchId = this.#watches.nextId;
    const from = fromRevision === 0 ? '(new events)' : `from rev ${fromRevision}`;
    const past = replay.length > 0 ? ` (${plural(replay.length, 'past event')})` : '';
    const step = this.#step(ctx, `WATCH ${prefix} ${from}${past}`, {
      op: 'WATCH',
      prefix,
      revision: now,
      fromRevision,
      watchId,
      replayed: replay.length,
    });
    const minRevision = Math.max(fromRevision, now + 1);
    return this.#watches.add({ prefix, client: ctx.client, minRevision, listener, replay, step });
  }

  /**
   * Discards every version written at or before `revision` except the latest version of each
   * key that existed then, so reads below `revision` and watches from `revision` or earlier
   * fail with CompactedError. kube-apiserver calls this every 5 minutes.
   * Throws CompactedError if `revision` <= compactRevision, FutureRevisionError if it is
   * beyond the current revision.
   */
  compact(revision: number, ctx: OpContext): { step: number } {
    checkRevisionArg('compact revision', revision);
    const target = `rev ${revision}`;
    if (revision <= this.compactRevision)
      throw this.#unavailable('compacted', 'COMPACT', target, ctx, revision);
    if (revision > this.revision) throw this.#unavailable('future', 'COMPACT', target, ctx, revision);
    const { removedVersions, removedKeys } = this.#mvcc.compact(revision);
    const step = this.#step(ctx, `COMPACT ${target}`, {
      op: 'COMPACT',
      revision: this.revision,
      compactRevision: revision,
      removedVersions,
      removedKeys,
    });
    return { step };
  }

  /** Every retained version of every key, as plain JSON data (watches are not included). */
  snapshot(): EtcdSnapshot {
    return this.#mvcc.toSnapshot();
  }

  // Observers. The UI's inspectors look at the store the way a debugger looks at a process:
  // the reads below record no trace step, change nothing and use no randomness, so the trace
  // is the same whether or not anyone is looking. Components use get, range and watch.

  /**
   * Every retained version of `key`, oldest first (a tombstone, version 0, marks a deletion);
   * empty if the store keeps no history of it. An untraced observer read (see above).
   */
  peekVersions(key: string): readonly KeyValue[] {
    return this.#mvcc.versions(key);
  }

  /**
   * The current version of every key starting with `prefix` that exists now, in key byte
   * order (`/registry/pods/default/` for one directory, as with range). An untraced observer read.
   */
  peekRange(prefix: string): KeyValue[] {
    return this.#mvcc.range(prefix, this.revision, 0).kvs;
  }

  /**
   * The changes made at `fromRevision` or later that compaction kept, oldest first, one per
   * revision (what a watch of every key from `fromRevision` would see). An untraced observer read.
   */
  peekChanges(fromRevision: number): StoreEvent[] {
    return this.#mvcc.eventsBetween('', fromRevision, this.revision);
  }

  #put(
    key: string,
    value: string,
    ctx: OpContext,
    txn: 'create' | 'update',
    expectedModRevision?: number,
  ): TxnResult {
    if (typeof value !== 'string') throw new TypeError('etcd value must be a string');
    const { kv, prev } = this.#mvcc.put(key, value);
    const step = this.#step(ctx, `PUT ${key} (rev ${kv.modRevision})`, {
      op: 'PUT',
      txn,
      key,
      revision: this.revision,
      modRevision: kv.modRevision,
      createRevision: kv.createRevision,
      version: kv.version,
      prevModRevision: prev?.modRevision ?? null,
      expectedModRevision: expectedModRevision ?? null,
      value,
    });
    this.#watches.notify({ type: 'PUT', kv, prevKv: prev }, step);
    return { ok: true, kv, revision: this.revision, step };
  }

  /** The failed result of an update or delete that may not go ahead, or null if it may. */
  #refuse(
    op: 'update' | 'delete',
    key: string,
    ctx: OpContext,
    expected: number | undefined,
  ): TxnResult | null {
    if (expected !== undefined) checkRevisionArg('expected mod_revision', expected);
    const current = this.#mvcc.current(key);
    const failure = compareFailure(op, key, current, expected);
    return failure === null ? null : this.#failed(ctx, key, failure, current, expected);
  }

  #failed(
    ctx: OpContext,
    key: string,
    { why, reason }: CompareFailure,
    current: KeyValue | null,
    expectedModRevision?: number,
  ): TxnResult {
    const step = this.#step(ctx, `TXN failed: ${why}`, {
      op: 'TXN',
      key,
      succeeded: false,
      reason,
      revision: this.revision,
      modRevision: current?.modRevision ?? null,
      expectedModRevision: expectedModRevision ?? null,
    });
    return { ok: false, current, revision: this.revision, step };
  }

  /** The revision a read looks at; throws (after recording the failed step) if it is unavailable. */
  #readRevision(op: string, target: string, ctx: OpContext, revision: number | undefined): number {
    if (revision === undefined || revision === 0) return this.revision;
    checkRevisionArg('read revision', revision);
    if (revision > this.revision) throw this.#unavailable('future', op, target, ctx, revision);
    if (revision < this.compactRevision) throw this.#unavailable('compacted', op, target, ctx, revision);
    return revision;
  }

  /** Records a request that names an unavailable revision; returns the error to throw. */
  #unavailable(
    problem: 'compacted' | 'future',
    op: string,
    target: string,
    ctx: OpContext,
    requested: number,
  ): CompactedError | FutureRevisionError {
    const message = problem === 'compacted' ? COMPACTED_MESSAGE : FUTURE_REVISION_MESSAGE;
    const step = this.#step(ctx, `${op} ${target} failed: ${message}`, {
      op,
      target,
      error: message,
      revision: this.revision,
      compactRevision: this.compactRevision,
      requestedRevision: requested,
    });
    return problem === 'compacted'
      ? new CompactedError(this.compactRevision, requested, step)
      : new FutureRevisionError(this.revision, requested, step);
  }

  #step(ctx: OpContext, summary: string, detail: Json): number {
    return this.#kernel.trace.emit({
      from: ctx.client,
      to: this.id,
      kind: 'storage',
      summary,
      detail,
      causedBy: ctx.causedBy ?? null,
    }).id;
  }
}
