/**
 * ControllerRevisions (upstream's pkg/controller/history), shared by the StatefulSet and
 * DaemonSet controllers: immutable snapshots of a workload's pod template, numbered in
 * rollout order, named `<owner>-<hash>`, owned by the workload, and pruned to
 * spec.revisionHistoryLimit.
 *
 * Upstream hashes the revision's raw JSON bytes with 32-bit FNV-1 (plus the collision count
 * in decimal) and encodes the sum with rand.SafeEncodeString. Go's JSON field order cannot
 * be reproduced from JSON objects, so the bytes hashed here are a stable JSON encoding
 * (sorted keys): the algorithm and the shape of the names are upstream's, the values differ.
 */
import type { ControllerRevision } from 'kubernetes-types/apps/v1';
import type { KubeObject } from '../../apiserver/types';
import type { ApiClient } from '../../client/rest';
import { safeEncodeString, stableJson, utf8 } from '../deployment/hash';
import { CONTROLLER_REVISIONS, controllerOf, controllerRef, hasCode } from './types';

/** A ControllerRevision as the apiserver serves it. */
export type Revision = KubeObject & Pick<ControllerRevision, 'revision'> & { data?: unknown };

/** The label a revision's hash is stored under (history.ControllerRevisionHashLabel). */
export const REVISION_HASH_LABEL = 'controller.kubernetes.io/hash';

/** The longest name prefix ControllerRevisionName keeps. */
const MAX_PREFIX = 223;

/** 32-bit FNV-1 (multiply, then xor) over bytes, continuing from `hash`. */
export function fnv1(bytes: Iterable<number>, hash = 0x811c9dc5): number {
  let h = hash >>> 0;
  for (const b of bytes) h = (Math.imul(h, 0x01000193) ^ (b & 0xff)) >>> 0;
  return h >>> 0;
}

/** HashControllerRevision: FNV-1 of the data, then the collision count in decimal, encoded. */
export function hashRevision(data: unknown, collisionCount?: number): string {
  let h = fnv1(utf8(stableJson(data)));
  if (collisionCount !== undefined) h = fnv1(utf8(String(collisionCount)), h);
  return safeEncodeString(String(h));
}

/** ControllerRevisionName: `<prefix>-<hash>`, the prefix cut to 223 characters. */
export function revisionName(prefix: string, hash: string): string {
  return `${prefix.length > MAX_PREFIX ? prefix.slice(0, MAX_PREFIX) : prefix}-${hash}`;
}

/** history.EqualRevision: the same hash label and the same data. */
export function equalRevisions(a: Revision, b: Revision): boolean {
  const [ha, hb] = [a.metadata.labels?.[REVISION_HASH_LABEL], b.metadata.labels?.[REVISION_HASH_LABEL]];
  if (ha !== hb) return false;
  return stableJson(a.data ?? null) === stableJson(b.data ?? null);
}

/** The revisions `owner` controls, in revision order (then by name, as upstream sorts). */
export function ownedRevisions(owner: KubeObject, all: readonly Revision[]): Revision[] {
  return all
    .filter((r) => controllerOf(r)?.uid === owner.metadata.uid)
    .sort((a, b) => a.revision - b.revision || (a.metadata.name ?? '').localeCompare(b.metadata.name ?? ''));
}

/** nextRevision: one past the highest revision number. */
export function nextRevision(revisions: readonly Revision[]): number {
  return revisions.reduce((max, r) => Math.max(max, r.revision), 0) + 1;
}

/** A revision `owner` would write for `data`: labels, controller reference, number. */
export function newRevision(
  owner: KubeObject,
  kind: string,
  data: unknown,
  revision: number,
  labels: Readonly<Record<string, string>>,
  collisionCount: number,
): Revision {
  const hash = hashRevision(data, collisionCount);
  return {
    apiVersion: 'apps/v1',
    kind: 'ControllerRevision',
    metadata: {
      name: revisionName(owner.metadata.name ?? '', hash),
      namespace: owner.metadata.namespace ?? '',
      labels: { ...labels, [REVISION_HASH_LABEL]: hash },
      ownerReferences: [controllerRef(owner, kind)],
    },
    data,
    revision,
  };
}

/**
 * CreateControllerRevision: creates `revision`; when its name is taken by a different
 * revision, bumps the collision count and tries the next name (up to the caller's limit).
 * Returns the stored revision and the collision count used.
 */
export function createRevision(
  client: ApiClient,
  revision: Revision,
  rebuild: (collisionCount: number) => Revision,
  collisionCount: number,
  cause: number | null,
): { revision: Revision; collisionCount: number } {
  let count = collisionCount;
  let candidate = revision;
  for (let attempt = 0; attempt < 10; attempt++) {
    const ns = candidate.metadata.namespace ?? '';
    try {
      return {
        revision: client.create<Revision>(CONTROLLER_REVISIONS, ns, candidate, cause),
        collisionCount: count,
      };
    } catch (error) {
      if (!hasCode(error, 409)) throw error;
      const existing = client.get<Revision>(CONTROLLER_REVISIONS, ns, candidate.metadata.name ?? '', cause);
      if (equalRevisions(existing, candidate)) return { revision: existing, collisionCount: count };
      count++;
      candidate = rebuild(count);
    }
  }
  throw new Error(`could not find a free name for ControllerRevision ${revision.metadata.name ?? ''}`);
}

/** Gives an existing revision a new revision number (a rollback to an earlier template). */
export function renumberRevision(
  client: ApiClient,
  revision: Revision,
  number: number,
  cause: number | null,
): Revision {
  if (revision.revision === number) return revision;
  return client.update<Revision>(CONTROLLER_REVISIONS, { ...revision, revision: number }, undefined, cause);
}

/**
 * Deletes the oldest revisions not in `live` (names of revisions still in use) beyond
 * `limit`, as truncateHistory / cleanupHistory do.
 */
export function truncateHistory(
  client: ApiClient,
  revisions: readonly Revision[],
  live: ReadonlySet<string>,
  limit: number,
  cause: number | null,
): void {
  const history = revisions.filter((r) => !live.has(r.metadata.name ?? ''));
  for (const r of history.slice(0, Math.max(0, history.length - limit))) {
    try {
      client.delete(CONTROLLER_REVISIONS, r.metadata.namespace ?? '', r.metadata.name ?? '', {}, cause);
    } catch {
      // Already gone: nothing to prune.
    }
  }
}
