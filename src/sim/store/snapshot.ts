/**
 * The store's snapshot format: plain JSON data (assignable to the trace's `Json` type), so a
 * host can save it, ship it across the worker boundary, or embed it in a lesson.
 */

/** One retained version of a key; `version` 0 marks a deletion (tombstone, `value` ''). */
export type SnapshotVersion = {
  modRevision: number;
  createRevision: number;
  version: number;
  value: string;
};

/** A key and its retained versions, oldest first. */
export type SnapshotKey = { key: string; versions: SnapshotVersion[] };

/**
 * Everything the store holds: revisions and every retained version of every key, so reads at
 * old revisions and watches from past revisions keep working after a restore. Watches are
 * not included; clients re-establish them, as they would after an etcd restart.
 */
export type EtcdSnapshot = {
  format: 'kubelab.etcd/v1';
  revision: number;
  compactRevision: number;
  /** Keys in byte order. */
  keys: SnapshotKey[];
};

/** The snapshot format written by this version of the store. */
export const SNAPSHOT_FORMAT = 'kubelab.etcd/v1';

function fail(message: string): never {
  throw new Error(`invalid etcd snapshot: ${message}`);
}

const isRevision = (n: unknown, min: number): n is number => Number.isInteger(n) && (n as number) >= min;

/**
 * Checks that `snapshot` is well formed and consistent: revisions in range, versions of a key
 * in revision order, every revision written by at most one key, and compaction already
 * applied (at most one live version per key at or below the compact revision).
 * Throws an Error naming the first problem.
 */
export function checkSnapshot(snapshot: EtcdSnapshot): void {
  if (snapshot === null || typeof snapshot !== 'object') fail('not an object');
  if (snapshot.format !== SNAPSHOT_FORMAT) fail(`unknown format '${String(snapshot.format)}'`);
  const { revision, compactRevision, keys } = snapshot;
  if (!isRevision(revision, 1)) fail(`revision must be an integer >= 1, got ${revision}`);
  if (!isRevision(compactRevision, 0) || compactRevision > revision) {
    fail(`compactRevision must be an integer in [0, ${revision}], got ${compactRevision}`);
  }
  if (!Array.isArray(keys)) fail('keys must be an array');
  const seenKeys = new Set<string>();
  const seenRevisions = new Set<number>();
  for (const entry of keys) {
    const { key, versions } = entry;
    if (typeof key !== 'string' || key === '') fail('every key must be a non-empty string');
    if (seenKeys.has(key)) fail(`key ${key} appears twice`);
    seenKeys.add(key);
    if (!Array.isArray(versions) || versions.length === 0) fail(`key ${key} has no versions`);
    let previous = 0;
    let compacted = 0;
    for (const v of versions) {
      const where = `key ${key} version at rev ${v.modRevision}`;
      if (!isRevision(v.modRevision, 2) || v.modRevision > revision)
        fail(`${where}: modRevision out of range`);
      if (v.modRevision <= previous) fail(`${where}: versions must be in increasing revision order`);
      if (seenRevisions.has(v.modRevision)) fail(`${where}: revision written twice`);
      if (typeof v.value !== 'string') fail(`${where}: value must be a string`);
      if (!isRevision(v.version, 0)) fail(`${where}: version must be an integer >= 0`);
      if (v.version === 0 && (v.createRevision !== 0 || v.value !== '')) {
        fail(`${where}: a tombstone has createRevision 0 and value ''`);
      }
      if (v.version > 0 && (!isRevision(v.createRevision, 2) || v.createRevision > v.modRevision)) {
        fail(`${where}: createRevision out of range`);
      }
      if (v.modRevision <= compactRevision && (++compacted > 1 || v.version === 0)) {
        fail(`${where}: compacted history left behind`);
      }
      seenRevisions.add(v.modRevision);
      previous = v.modRevision;
    }
  }
}
