import { SortedKeys } from './keys';
import { SNAPSHOT_FORMAT, checkSnapshot, type EtcdSnapshot } from './snapshot';
import type { KeyValue, StoreEvent } from './types';

/** Index of the last version in `versions` written at or before `revision`, or -1. */
function indexAt(versions: readonly KeyValue[], revision: number): number {
  let lo = 0;
  let hi = versions.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((versions[mid] as KeyValue).modRevision <= revision) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

const isLive = (kv: KeyValue | undefined): kv is KeyValue => kv !== undefined && kv.version > 0;

/** What one matching page of a range holds. */
export interface MvccRange {
  readonly kvs: KeyValue[];
  readonly count: number;
}

/**
 * The multi-version key space behind {@link Etcd}, with no tracing or watching: every key's
 * versions (oldest first, a tombstone marking a deletion), a global revision, and two sorted
 * key indexes. `#live` holds the keys that exist now, so ranges at the current revision are
 * binary searches; `#all` holds every key with retained history, for ranges at old revisions.
 * `#changes` records which key each revision in (compactRevision, revision] wrote, so watches
 * can replay history in revision order.
 */
export class Mvcc {
  #revision = 1;
  #compactRevision = 0;
  readonly #versions = new Map<string, KeyValue[]>();
  #all = new SortedKeys();
  #live = new SortedKeys();
  /** `#changes[i]` is the key written at revision `#compactRevision + 1 + i` (none for rev 1). */
  #changes: (string | undefined)[] = [undefined];

  get revision(): number {
    return this.#revision;
  }

  get compactRevision(): number {
    return this.#compactRevision;
  }

  /** Number of keys that exist now. */
  get liveCount(): number {
    return this.#live.size;
  }

  /** The current version of `key`, or null if it does not exist. */
  current(key: string): KeyValue | null {
    const last = this.#versions.get(key)?.at(-1);
    return isLive(last) ? last : null;
  }

  /** The version of `key` as of `revision` (not compacted away), or null if it did not exist then. */
  at(key: string, revision: number): KeyValue | null {
    const versions = this.#versions.get(key);
    if (versions === undefined) return null;
    const kv = versions[indexAt(versions, revision)];
    return isLive(kv) ? kv : null;
  }

  /** Every retained version of `key`, oldest first, tombstones included (a copy). */
  versions(key: string): KeyValue[] {
    return [...(this.#versions.get(key) ?? [])];
  }

  /** Writes `value` under `key` at a new revision; returns the new version and the one it replaced. */
  put(key: string, value: string): { kv: KeyValue; prev: KeyValue | null } {
    const prev = this.current(key);
    const revision = ++this.#revision;
    const kv: KeyValue = {
      key,
      value,
      createRevision: prev === null ? revision : prev.createRevision,
      modRevision: revision,
      version: prev === null ? 1 : prev.version + 1,
    };
    this.#append(key, kv);
    if (prev === null) this.#live.insert(key);
    return { kv, prev };
  }

  /** Deletes the existing key `key` at a new revision; returns the tombstone and the deleted version. */
  delete(key: string): { tombstone: KeyValue; prev: KeyValue } {
    const prev = this.current(key);
    if (prev === null) throw new Error(`cannot delete missing key ${key}`);
    const revision = ++this.#revision;
    const tombstone: KeyValue = { key, value: '', createRevision: 0, modRevision: revision, version: 0 };
    this.#append(key, tombstone);
    this.#live.remove(key);
    return { tombstone, prev };
  }

  /**
   * The keys starting with `prefix` (and after `startAfter`) that existed at `revision`:
   * the first `limit` of them (all if `limit` is 0; none if `countOnly`) and how many there are.
   */
  range(prefix: string, revision: number, limit: number, startAfter?: string, countOnly = false): MvccRange {
    const index = revision === this.#revision ? this.#live : this.#all;
    let start = index.lowerBound(prefix);
    if (startAfter !== undefined) start = Math.max(start, index.upperBound(startAfter));
    const want = countOnly ? 0 : limit === 0 ? Infinity : limit;
    const kvs: KeyValue[] = [];
    if (index === this.#live) {
      const end = index.prefixEnd(prefix, start);
      for (let i = start; i < end && kvs.length < want; i++) {
        kvs.push(this.current(index.at(i) as string) as KeyValue);
      }
      return { kvs, count: Math.max(0, end - start) };
    }
    let count = 0;
    for (let i = start; i < index.size; i++) {
      const key = index.at(i) as string;
      if (!key.startsWith(prefix)) break;
      const kv = this.at(key, revision);
      if (kv === null) continue;
      count++;
      if (kvs.length < want) kvs.push(kv);
    }
    return { kvs, count };
  }

  /** The change made at `revision` (which must not be compacted), or null if none was. */
  eventAt(revision: number): StoreEvent | null {
    const key = this.#changes[revision - this.#compactRevision - 1];
    if (key === undefined) return null;
    const versions = this.#versions.get(key) as KeyValue[];
    const i = indexAt(versions, revision);
    const kv = versions[i] as KeyValue;
    const prev = versions[i - 1];
    return { type: kv.version === 0 ? 'DELETE' : 'PUT', kv, prevKv: isLive(prev) ? prev : null };
  }

  /** The changes to keys starting with `prefix` at revisions `from`..`to`, in revision order. */
  eventsBetween(prefix: string, from: number, to: number): StoreEvent[] {
    const events: StoreEvent[] = [];
    for (let revision = Math.max(from, this.#compactRevision + 1); revision <= to; revision++) {
      const key = this.#changes[revision - this.#compactRevision - 1];
      if (key === undefined || !key.startsWith(prefix)) continue;
      const event = this.eventAt(revision);
      if (event !== null) events.push(event);
    }
    return events;
  }

  /**
   * Discards every version written at or before `revision` except the latest one of each key
   * that still existed at `revision`. Only keys written since the last compaction can hold
   * such versions, so the work is proportional to the writes being compacted.
   * The caller checks that compactRevision < `revision` <= revision.
   */
  compact(revision: number): { removedVersions: number; removedKeys: number } {
    const touched = new Set<string>();
    for (let i = 0; i < revision - this.#compactRevision; i++) {
      const key = this.#changes[i];
      if (key !== undefined) touched.add(key);
    }
    let removedVersions = 0;
    const emptied = new Set<string>();
    for (const key of touched) {
      const versions = this.#versions.get(key) as KeyValue[];
      const i = indexAt(versions, revision);
      const keepFrom = isLive(versions[i]) ? i : i + 1;
      if (keepFrom <= 0) continue;
      removedVersions += keepFrom;
      versions.splice(0, keepFrom);
      if (versions.length === 0) {
        this.#versions.delete(key);
        emptied.add(key);
      }
    }
    this.#all.removeAll(emptied);
    this.#changes.splice(0, revision - this.#compactRevision);
    this.#compactRevision = revision;
    return { removedVersions, removedKeys: emptied.size };
  }

  /** Every retained version as plain data. */
  toSnapshot(): EtcdSnapshot {
    const keys = this.#all.toArray().map((key) => ({
      key,
      versions: (this.#versions.get(key) as KeyValue[]).map((kv) => ({
        modRevision: kv.modRevision,
        createRevision: kv.createRevision,
        version: kv.version,
        value: kv.value,
      })),
    }));
    return {
      format: SNAPSHOT_FORMAT,
      revision: this.#revision,
      compactRevision: this.#compactRevision,
      keys,
    };
  }

  /** Rebuilds a key space from a snapshot; throws if the snapshot is malformed. */
  static fromSnapshot(snapshot: EtcdSnapshot): Mvcc {
    checkSnapshot(snapshot);
    const mvcc = new Mvcc();
    mvcc.#revision = snapshot.revision;
    mvcc.#compactRevision = snapshot.compactRevision;
    mvcc.#changes = new Array<string | undefined>(snapshot.revision - snapshot.compactRevision).fill(
      undefined,
    );
    const compact = snapshot.compactRevision;
    for (const { key, versions } of snapshot.keys) {
      const kvs = versions.map((v): KeyValue => ({
        key,
        value: v.value,
        createRevision: v.createRevision,
        modRevision: v.modRevision,
        version: v.version,
      }));
      mvcc.#versions.set(key, kvs);
      for (const kv of kvs) if (kv.modRevision > compact) mvcc.#changes[kv.modRevision - compact - 1] = key;
    }
    const keys = [...mvcc.#versions.keys()];
    mvcc.#all = new SortedKeys(keys);
    mvcc.#live = new SortedKeys(keys.filter((key) => mvcc.current(key) !== null));
    return mvcc;
  }

  #append(key: string, kv: KeyValue): void {
    const versions = this.#versions.get(key);
    if (versions === undefined) {
      this.#versions.set(key, [kv]);
      this.#all.insert(key);
    } else {
      versions.push(kv);
    }
    this.#changes.push(key);
  }
}
