/**
 * The data types of the simulated etcd: the shapes etcd's gRPC API returns (mvccpb.KeyValue,
 * mvccpb.Event), trimmed to what kube-apiserver uses.
 */

/** One version of a key, like etcd's `mvccpb.KeyValue`. Never mutated once stored. */
export interface KeyValue {
  readonly key: string;
  /** The stored value (usually a JSON-encoded object); '' in a DELETE event. */
  readonly value: string;
  /** Revision of the write that created the key; 0 in a DELETE event. */
  readonly createRevision: number;
  /** Revision of the write that produced this version; for a DELETE event, the delete's revision. */
  readonly modRevision: number;
  /** 1 when the key is created, +1 on every update; 0 marks a deletion (a tombstone). */
  readonly version: number;
}

/**
 * A change to one key, as a watcher sees it. For a DELETE, `kv` is the tombstone: its
 * `modRevision` is the delete's revision, its `value` is '' and `createRevision`/`version` are 0;
 * `prevKv` holds what was deleted.
 */
export interface StoreEvent {
  readonly type: 'PUT' | 'DELETE';
  readonly kv: KeyValue;
  /** The version before this change, or null for a newly created key. */
  readonly prevKv: KeyValue | null;
}

/** Who is calling the store, for the trace. */
export interface OpContext {
  /** Topology component id of the caller, e.g. `control-plane/kube-apiserver`. */
  readonly client: string;
  /** Trace step that led to this call, so the store's step joins the causal chain. */
  readonly causedBy?: number | null;
}

/**
 * The outcome of a conditional write (a one-compare etcd transaction). `revision` is the store
 * revision after the call and `step` the id of the trace step recording it.
 * On success `kv` is the version written (for a delete: the version that was deleted); on
 * failure `current` is the key's current version, or null if it does not exist.
 */
export type TxnResult =
  | { ok: true; kv: KeyValue; revision: number; step: number }
  | { ok: false; current: KeyValue | null; revision: number; step: number };

/** The result of {@link Etcd.get}. `revision` is the store's current revision (etcd's header revision). */
export interface GetResult {
  readonly kv: KeyValue | null;
  readonly revision: number;
  readonly step: number;
}

/** Options of {@link Etcd.range}. */
export interface RangeOptions {
  /** Return at most this many keys; 0 or absent means no limit. */
  readonly limit?: number;
  /** Only keys that sort strictly after this one (for paging: pass the last key of the previous page). */
  readonly startAfter?: string;
  /** Read the state as of this revision; 0 or absent means the current revision. */
  readonly revision?: number;
  /** Count the keys without returning them. */
  readonly countOnly?: boolean;
}

/**
 * The result of {@link Etcd.range}. As in etcd, `count` is the number of keys in the whole
 * requested range (the prefix, after `startAfter`) ignoring `limit`, so a pager's remaining
 * item count is `count - kvs.length`. `more` is true when `limit` cut the list short.
 * `revision` is the store's current revision (etcd's header revision).
 */
export interface RangeResult {
  readonly kvs: KeyValue[];
  readonly more: boolean;
  readonly count: number;
  readonly revision: number;
  readonly step: number;
}

/** Extra facts about one watch delivery. */
export interface WatchDelivery {
  /** The trace step ids of the delivery steps, one per event, for `causedBy` chaining. */
  readonly steps: readonly number[];
}

/** Receives the events of one revision. Called from a kernel event, never inside the write. */
export type WatchListener = (events: StoreEvent[], delivery: WatchDelivery) => void;

/** A running watch. */
export interface WatchHandle {
  /** Sequential id of this watch within its store. */
  readonly id: number;
  /** The trace step recording the WATCH request. */
  readonly step: number;
  /** Stops delivery, including of events already scheduled but not yet delivered. */
  cancel(): void;
}

/** Options of the {@link Etcd} constructor and {@link Etcd.restore}. */
export interface EtcdOptions {
  /** Topology component id of this etcd member; defaults to `control-plane/etcd`. */
  readonly id?: string;
}
