/**
 * Scaling (upstream's sync.go): a scaling event or a paused Deployment resizes its
 * ReplicaSets without rolling anything out, proportionally when several are active, so a
 * rollout in progress keeps its ratio of old to new pods. Also the clean-up of old
 * ReplicaSets beyond revisionHistoryLimit and the Paused/Resumed conditions.
 */
import {
  getCondition,
  hasProgressDeadline,
  hasRevisionHistoryLimit,
  newCondition,
  setCondition,
} from './conditions';
import { hasReason, type SyncContext } from './context';
import { getAllReplicaSetsAndSyncRevision } from './newrs';
import {
  byCreation,
  bySizeNewer,
  bySizeOlder,
  filterActive,
  findActiveOrLatest,
  getProportion,
  intAnnotation,
  isRollingUpdate,
  isSaturated,
  maxSurge,
  replicaCount,
} from './replicas';
import { byRevision, replicasAnnotationsNeedUpdate, setReplicasAnnotations } from './revision';
import { getRollbackTo } from './rollback';
import { syncDeploymentStatus } from './status';
import { DESIRED_REPLICAS_ANNOTATION, Reason, clone, replicasOf } from './types';
import type { Deployment, ReplicaSet } from './types';

/** What scaling one ReplicaSet did: whether its size changed, and the ReplicaSet after. */
export interface Scaled {
  scaled: boolean;
  rs: ReplicaSet;
}

/**
 * Sets a ReplicaSet's size and its desired/max replicas annotations; records
 * `Scaled <up|down> replica set <name> from <old> to <new>` when the size changed.
 */
export function scaleReplicaSet(
  s: SyncContext,
  rs: ReplicaSet,
  newScale: number,
  d: Deployment,
  operation: string,
): Scaled {
  const oldScale = replicasOf(rs);
  const sizeNeedsUpdate = oldScale !== newScale;
  const [desired, max] = [replicasOf(d), replicasOf(d) + maxSurge(d)];
  if (!sizeNeedsUpdate && !replicasAnnotationsNeedUpdate(rs, desired, max)) return { scaled: false, rs };
  const copy = clone(rs);
  copy.spec.replicas = newScale;
  setReplicasAnnotations(copy, desired, max);
  const updated = s.updateReplicaSet(copy);
  if (sizeNeedsUpdate) {
    const message = `Scaled ${operation} replica set ${updated.metadata.name ?? ''} from ${oldScale} to ${newScale}`;
    s.event(d, 'Normal', 'ScalingReplicaSet', message);
  }
  return { scaled: sizeNeedsUpdate, rs: updated };
}

/** Scales a ReplicaSet to `newScale` if it is not there yet, naming the direction. */
export function scaleReplicaSetAndRecordEvent(
  s: SyncContext,
  rs: ReplicaSet,
  newScale: number,
  d: Deployment,
): Scaled {
  if (replicasOf(rs) === newScale) return { scaled: false, rs };
  return scaleReplicaSet(s, rs, newScale, d, replicasOf(rs) < newScale ? 'up' : 'down');
}

/** Shares a change of the Deployment's size out among its active ReplicaSets. */
function scaleProportionally(
  s: SyncContext,
  d: Deployment,
  newRS: ReplicaSet | null,
  oldRSs: ReplicaSet[],
): void {
  const allRSs = filterActive([...oldRSs, newRS]);
  const allowedSize = replicasOf(d) > 0 ? replicasOf(d) + maxSurge(d) : 0;
  const toAdd = allowedSize - replicaCount(allRSs);
  let operation = '';
  if (toAdd > 0) {
    allRSs.sort(bySizeNewer);
    operation = 'up';
  } else if (toAdd < 0) {
    allRSs.sort(bySizeOlder);
    operation = 'down';
  }
  let added = 0;
  const sizes = allRSs.map((rs) => {
    const proportion = toAdd !== 0 ? getProportion(rs, d, toAdd, added) : 0;
    added += proportion;
    return replicasOf(rs) + proportion;
  });
  allRSs.forEach((rs, i) => {
    let size = sizes[i] ?? replicasOf(rs);
    // Whatever the rounding left over goes to (or comes from) the largest ReplicaSet.
    if (i === 0 && toAdd !== 0) size = Math.max(0, size + toAdd - added);
    scaleReplicaSet(s, rs, size, d, operation);
  });
}

/** Scales the Deployment's ReplicaSets to its size, without rolling out (upstream's scale). */
export function scale(s: SyncContext, d: Deployment, newRS: ReplicaSet | null, oldRSs: ReplicaSet[]): void {
  const activeOrLatest = findActiveOrLatest(newRS, oldRSs);
  if (activeOrLatest !== null) {
    if (replicasOf(activeOrLatest) !== replicasOf(d))
      scaleReplicaSetAndRecordEvent(s, activeOrLatest, replicasOf(d), d);
    return;
  }
  // A saturated new ReplicaSet means the old ones (perhaps just adopted) can go.
  if (isSaturated(d, newRS)) {
    for (const old of filterActive(oldRSs)) scaleReplicaSetAndRecordEvent(s, old, 0, d);
    return;
  }
  if (isRollingUpdate(d)) scaleProportionally(s, d, newRS, oldRSs);
}

/** Deletes the oldest old ReplicaSets beyond revisionHistoryLimit, if they are scaled down. */
export function cleanupDeployment(s: SyncContext, oldRSs: readonly ReplicaSet[], d: Deployment): void {
  if (!hasRevisionHistoryLimit(d)) return;
  const cleanable = oldRSs.filter((rs) => rs.metadata.deletionTimestamp === undefined);
  const diff = cleanable.length - (d.spec.revisionHistoryLimit ?? 0);
  if (diff <= 0) return;
  cleanable.sort(byRevision(byCreation));
  for (const rs of cleanable.slice(0, diff)) {
    const busy =
      (rs.status?.replicas ?? 0) !== 0 ||
      replicasOf(rs) !== 0 ||
      (rs.metadata.generation ?? 0) > (rs.status?.observedGeneration ?? 0) ||
      rs.metadata.deletionTimestamp !== undefined;
    if (busy) continue;
    try {
      s.deleteReplicaSet(rs);
    } catch (error) {
      if (!hasReason(error, 'NotFound')) throw error;
    }
  }
}

/** Reconciles a scaling event or a paused Deployment: scale, clean up, write status. */
export function sync(s: SyncContext, d: Deployment, rsList: ReplicaSet[]): void {
  const { newRS, oldRSs } = getAllReplicaSetsAndSyncRevision(s, d, rsList, false);
  scale(s, d, newRS, oldRSs);
  if (d.spec.paused === true && getRollbackTo(d) === null) cleanupDeployment(s, oldRSs, d);
  syncDeploymentStatus(s, [...oldRSs, newRS], newRS, d);
}

/** Only brings the status up to date (a Deployment being deleted). */
export function syncStatusOnly(s: SyncContext, d: Deployment, rsList: ReplicaSet[]): void {
  const { newRS, oldRSs } = getAllReplicaSetsAndSyncRevision(s, d, rsList, false);
  syncDeploymentStatus(s, [...oldRSs, newRS], newRS, d);
}

/** Whether an active ReplicaSet was last scaled for a different Deployment size. */
export function isScalingEvent(s: SyncContext, d: Deployment, rsList: ReplicaSet[]): boolean {
  const { newRS, oldRSs } = getAllReplicaSetsAndSyncRevision(s, d, rsList, false);
  return filterActive([...oldRSs, newRS]).some((rs) => {
    const desired = intAnnotation(rs, DESIRED_REPLICAS_ANNOTATION);
    return desired !== undefined && desired !== replicasOf(d);
  });
}

/**
 * Marks pausing and resuming in the Progressing condition (Unknown), so time spent paused
 * never counts against the progress deadline.
 */
export function checkPausedConditions(s: SyncContext, d: Deployment): void {
  if (!hasProgressDeadline(d)) return;
  const cond = getCondition(d.status, 'Progressing');
  if (cond?.reason === Reason.TimedOut) return;
  const pausedCondExists = cond?.reason === Reason.Paused;
  const paused = d.spec.paused === true;
  let condition;
  if (paused && !pausedCondExists)
    condition = newCondition('Progressing', 'Unknown', Reason.Paused, 'Deployment is paused', s.timestamp());
  else if (!paused && pausedCondExists)
    condition = newCondition(
      'Progressing',
      'Unknown',
      Reason.Resumed,
      'Deployment is resumed',
      s.timestamp(),
    );
  if (condition === undefined) return;
  setCondition((d.status ??= {}), condition);
  s.updateDeploymentStatus(d);
}
