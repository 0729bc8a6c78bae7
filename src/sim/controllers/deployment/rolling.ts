/**
 * The RollingUpdate strategy (upstream's rolling.go): grow the new ReplicaSet as far as max
 * surge allows, shrink old ones as far as max unavailable allows (unhealthy old replicas
 * first), one step per sync; each step's writes wake the controller for the next.
 */
import { deploymentComplete } from './conditions';
import type { SyncContext } from './context';
import { getAllReplicaSetsAndSyncRevision } from './newrs';
import { syncRolloutStatus } from './progress';
import {
  byCreation,
  filterActive,
  maxUnavailable,
  newRSNewReplicas,
  replicaCount,
  statusCount,
} from './replicas';
import { cleanupDeployment, scaleReplicaSetAndRecordEvent } from './sync';
import { replicasOf } from './types';
import type { Deployment, ReplicaSet } from './types';

/** Scales the new ReplicaSet toward the Deployment's size, within max surge. */
function reconcileNewReplicaSet(
  s: SyncContext,
  allRSs: readonly (ReplicaSet | null)[],
  newRS: ReplicaSet,
  d: Deployment,
): boolean {
  if (replicasOf(newRS) === replicasOf(d)) return false;
  if (replicasOf(newRS) > replicasOf(d))
    return scaleReplicaSetAndRecordEvent(s, newRS, replicasOf(d), d).scaled;
  return scaleReplicaSetAndRecordEvent(s, newRS, newRSNewReplicas(d, allRSs, newRS), d).scaled;
}

/** Scales down old ReplicaSets' unavailable replicas, at most `maxCleanup` in all. */
function cleanupUnhealthyReplicas(
  s: SyncContext,
  oldRSs: ReplicaSet[],
  d: Deployment,
  maxCleanup: number,
): { oldRSs: ReplicaSet[]; count: number } {
  oldRSs.sort(byCreation);
  let total = 0;
  for (const [i, rs] of oldRSs.entries()) {
    if (total >= maxCleanup) break;
    const available = rs.status?.availableReplicas ?? 0;
    if (replicasOf(rs) === 0 || replicasOf(rs) === available) continue;
    const count = Math.min(maxCleanup - total, replicasOf(rs) - available);
    const next = replicasOf(rs) - count;
    if (next > replicasOf(rs))
      throw new Error(
        `when cleaning up unhealthy replicas, got invalid request to scale down ${rs.metadata.namespace ?? ''}/${rs.metadata.name ?? ''} ${replicasOf(rs)} -> ${next}`,
      );
    oldRSs[i] = scaleReplicaSetAndRecordEvent(s, rs, next, d).rs;
    total += count;
  }
  return { oldRSs, count: total };
}

/** Scales old ReplicaSets down, oldest first, while enough pods stay available. */
function scaleDownOldReplicaSetsForRollingUpdate(
  s: SyncContext,
  allRSs: readonly (ReplicaSet | null)[],
  oldRSs: ReplicaSet[],
  d: Deployment,
): number {
  const minAvailable = replicasOf(d) - maxUnavailable(d);
  const available = statusCount(allRSs, 'availableReplicas');
  if (available <= minAvailable) return 0;
  oldRSs.sort(byCreation);
  const wanted = available - minAvailable;
  let total = 0;
  for (const rs of oldRSs) {
    if (total >= wanted) break;
    if (replicasOf(rs) === 0) continue;
    const count = Math.min(replicasOf(rs), wanted - total);
    scaleReplicaSetAndRecordEvent(s, rs, replicasOf(rs) - count, d);
    total += count;
  }
  return total;
}

/**
 * Scales old ReplicaSets down as far as availability allows: never below the Deployment's
 * size minus max unavailable, and counting the new ReplicaSet's unavailable pods against it.
 */
function reconcileOldReplicaSets(
  s: SyncContext,
  allRSs: readonly (ReplicaSet | null)[],
  oldRSs: ReplicaSet[],
  newRS: ReplicaSet,
  d: Deployment,
): boolean {
  if (replicaCount(oldRSs) === 0) return false;
  const minAvailable = replicasOf(d) - maxUnavailable(d);
  const newRSUnavailable = replicasOf(newRS) - (newRS.status?.availableReplicas ?? 0);
  const maxScaledDown = replicaCount(allRSs) - minAvailable - newRSUnavailable;
  if (maxScaledDown <= 0) return false;
  // Upstream gives up on this step (without an error) when a scale-down fails.
  let cleaned;
  try {
    cleaned = cleanupUnhealthyReplicas(s, oldRSs, d, maxScaledDown);
  } catch {
    return false;
  }
  let scaledDown;
  try {
    scaledDown = scaleDownOldReplicaSetsForRollingUpdate(s, [...cleaned.oldRSs, newRS], cleaned.oldRSs, d);
  } catch {
    return false;
  }
  return cleaned.count + scaledDown > 0;
}

/** One step of a rolling update. */
export function rolloutRolling(s: SyncContext, d: Deployment, rsList: ReplicaSet[]): void {
  const { newRS, oldRSs } = getAllReplicaSetsAndSyncRevision(s, d, rsList, true);
  if (newRS === null) throw new Error('no new replica set'); // created above, or an error was thrown
  const allRSs = [...oldRSs, newRS];
  if (reconcileNewReplicaSet(s, allRSs, newRS, d)) return syncRolloutStatus(s, allRSs, newRS, d);
  if (reconcileOldReplicaSets(s, allRSs, filterActive(oldRSs), newRS, d))
    return syncRolloutStatus(s, allRSs, newRS, d);
  if (deploymentComplete(d, d.status)) cleanupDeployment(s, oldRSs, d);
  syncRolloutStatus(s, allRSs, newRS, d);
}
