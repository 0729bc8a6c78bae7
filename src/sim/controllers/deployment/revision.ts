/**
 * Revisions and the annotations the Deployment controller keeps on ReplicaSets: the revision
 * (what `kubectl rollout history` lists), the revision history of a ReplicaSet that a
 * rollback made new again, the desired/max replicas of the last scale, and the Deployment's
 * own annotations (such as `kubernetes.io/change-cause`) copied down.
 */
import type { KubeObject } from '../../apiserver/types';
import { maxSurge } from './replicas';
import {
  ANNOTATIONS_TO_SKIP,
  DESIRED_REPLICAS_ANNOTATION,
  MAX_REPLICAS_ANNOTATION,
  REVISION_ANNOTATION,
  REVISION_HISTORY_ANNOTATION,
  replicasOf,
} from './types';
import type { Deployment, ReplicaSet } from './types';

/** Upstream keeps at most this many characters of revision history on a ReplicaSet. */
export const MAX_REV_HISTORY_LENGTH_IN_CHARS = 2000;

const INT = /^[+-]?\d+$/;

/** An object's revision: 0 without the annotation, null when it is not a number. */
export function revisionOf(obj: KubeObject): number | null {
  const v = obj.metadata.annotations?.[REVISION_ANNOTATION];
  if (v === undefined) return 0;
  return INT.test(v) ? Number(v) : null;
}

/** The highest revision among ReplicaSets (unparsable ones skipped). */
export function maxRevision(rss: readonly (ReplicaSet | null)[]): number {
  let max = 0;
  for (const rs of rss) {
    const v = rs === null ? null : revisionOf(rs);
    if (v !== null && v > max) max = v;
  }
  return max;
}

/** The second highest revision: the one before the current. */
export function lastRevision(rss: readonly (ReplicaSet | null)[]): number {
  let [max, second] = [0, 0];
  for (const rs of rss) {
    const v = rs === null ? null : revisionOf(rs);
    if (v === null) continue;
    if (v >= max) [second, max] = [max, v];
    else if (v > second) second = v;
  }
  return second;
}

function annotationsOf(obj: KubeObject): Record<string, string> {
  return (obj.metadata.annotations ??= {});
}

/** Sets the Deployment's revision annotation; true if it changed. */
export function setDeploymentRevision(d: Deployment, revision: string): boolean {
  const annotations = annotationsOf(d);
  if (annotations[REVISION_ANNOTATION] === revision) return false;
  annotations[REVISION_ANNOTATION] = revision;
  return true;
}

/** Copies the Deployment's annotations (but the controller's own) to a ReplicaSet. */
function copyDeploymentAnnotations(d: Deployment, rs: ReplicaSet): boolean {
  const target = annotationsOf(rs);
  let changed = false;
  for (const [k, v] of Object.entries(d.metadata.annotations ?? {})) {
    if (ANNOTATIONS_TO_SKIP.has(k) || target[k] === v) continue;
    target[k] = v;
    changed = true;
  }
  return changed;
}

/** Gives a Deployment the annotations of the ReplicaSet it rolls back to (keeping its own). */
export function setDeploymentAnnotationsTo(d: Deployment, rs: ReplicaSet): void {
  const kept = Object.entries(d.metadata.annotations ?? {}).filter(([k]) => ANNOTATIONS_TO_SKIP.has(k));
  const copied = Object.entries(rs.metadata.annotations ?? {}).filter(([k]) => !ANNOTATIONS_TO_SKIP.has(k));
  d.metadata.annotations = Object.fromEntries([...kept, ...copied]);
}

/** Sets the desired and max replicas annotations; true if either changed. */
export function setReplicasAnnotations(rs: ReplicaSet, desired: number, max: number): boolean {
  const annotations = annotationsOf(rs);
  let changed = false;
  for (const [k, v] of [
    [DESIRED_REPLICAS_ANNOTATION, String(desired)],
    [MAX_REPLICAS_ANNOTATION, String(max)],
  ] as const) {
    if (annotations[k] === v) continue;
    annotations[k] = v;
    changed = true;
  }
  return changed;
}

/** Whether the desired/max replicas annotations differ from these values. */
export function replicasAnnotationsNeedUpdate(rs: ReplicaSet, desired: number, max: number): boolean {
  const a = rs.metadata.annotations;
  return (
    a === undefined ||
    a[DESIRED_REPLICAS_ANNOTATION] !== String(desired) ||
    a[MAX_REPLICAS_ANNOTATION] !== String(max)
  );
}

/** Appends `oldRevision` to a revision history, dropping the oldest past the length limit. */
function appendHistory(history: string, oldRevision: string, limit: number): string | null {
  const revisions = history.split(',');
  if ((revisions[0] ?? '').length === 0) return oldRevision;
  let total = history.length + oldRevision.length + 1;
  let start = 0;
  while (total > limit && start < revisions.length) total -= (revisions[start++] ?? '').length + 1;
  return total <= limit ? [...revisions.slice(start), oldRevision].join(',') : null;
}

/**
 * Brings the new ReplicaSet's annotations up to date: the Deployment's annotations, the
 * revision (raised to `newRevision`, never lowered; the one it had goes to the revision
 * history), and for a ReplicaSet about to be created, the replicas annotations. True if
 * anything changed.
 */
export function setNewReplicaSetAnnotations(
  d: Deployment,
  rs: ReplicaSet,
  newRevision: string,
  exists: boolean,
  historyLimit = MAX_REV_HISTORY_LENGTH_IN_CHARS,
): boolean {
  let changed = copyDeploymentAnnotations(d, rs);
  const annotations = annotationsOf(rs);
  const oldRevision = annotations[REVISION_ANNOTATION];
  let oldInt = 0;
  if (oldRevision !== undefined && oldRevision !== '') {
    if (!INT.test(oldRevision)) return false;
    oldInt = Number(oldRevision);
  }
  if (!INT.test(newRevision)) return false;
  const newInt = Number(newRevision);
  if (oldInt < newInt) {
    annotations[REVISION_ANNOTATION] = newRevision;
    changed = true;
    // A ReplicaSet that had a revision and gets a newer one is being rolled back to.
    if (oldRevision !== undefined) {
      const history = appendHistory(
        annotations[REVISION_HISTORY_ANNOTATION] ?? '',
        oldRevision,
        historyLimit,
      );
      if (history !== null) annotations[REVISION_HISTORY_ANNOTATION] = history;
    }
  }
  if (!exists && setReplicasAnnotations(rs, replicasOf(d), replicasOf(d) + maxSurge(d))) changed = true;
  return changed;
}

/** Sorts by revision, oldest first (creation time and name break ties and bad revisions). */
export function byRevision(byCreation: (a: ReplicaSet, b: ReplicaSet) => number) {
  return (a: ReplicaSet, b: ReplicaSet): number => {
    const [ra, rb] = [revisionOf(a), revisionOf(b)];
    if (ra === null || rb === null || ra === rb) return byCreation(a, b);
    return ra - rb;
  };
}
