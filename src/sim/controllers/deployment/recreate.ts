/**
 * The Recreate strategy (upstream's recreate.go): scale every old ReplicaSet to zero, wait
 * until none of their pods is left (in any non-terminal phase), and only then create and
 * scale up the new ReplicaSet.
 */
import { deploymentComplete } from './conditions';
import type { SyncContext } from './context';
import { getAllReplicaSetsAndSyncRevision } from './newrs';
import { syncRolloutStatus } from './progress';
import { filterActive, statusCount } from './replicas';
import { cleanupDeployment, scaleReplicaSetAndRecordEvent } from './sync';
import { replicasOf } from './types';
import type { Deployment, Pod, ReplicaSet } from './types';

/** Whether old pods may still be running: an old ReplicaSet reports some, or one exists. */
export function oldPodsRunning(
  newRS: ReplicaSet | null,
  oldRSs: ReplicaSet[],
  podMap: Map<string, Pod[]>,
): boolean {
  if (statusCount(oldRSs, 'replicas') > 0) return true;
  for (const [uid, pods] of podMap) {
    if (newRS !== null && newRS.metadata.uid === uid) continue;
    // Failed and Succeeded pods have stopped; anything else (Unknown too) may still run.
    if (pods.some((p) => p.status?.phase !== 'Failed' && p.status?.phase !== 'Succeeded')) return true;
  }
  return false;
}

/** One step of a Recreate rollout. */
export function rolloutRecreate(
  s: SyncContext,
  d: Deployment,
  rsList: ReplicaSet[],
  podMap: Map<string, Pod[]>,
): void {
  // The new ReplicaSet is not created yet, so nothing scales up before old pods are gone.
  let { newRS, oldRSs } = getAllReplicaSetsAndSyncRevision(s, d, rsList, false);
  let allRSs: (ReplicaSet | null)[] = [...oldRSs, newRS];
  let scaledDown = false;
  for (const rs of filterActive(oldRSs))
    if (scaleReplicaSetAndRecordEvent(s, rs, 0, d).scaled) scaledDown = true;
  if (scaledDown) return syncRolloutStatus(s, allRSs, newRS, d);
  if (oldPodsRunning(newRS, oldRSs, podMap)) return syncRolloutStatus(s, allRSs, newRS, d);
  if (newRS === null) {
    ({ newRS, oldRSs } = getAllReplicaSetsAndSyncRevision(s, d, rsList, true));
    allRSs = [...oldRSs, newRS];
  }
  if (newRS !== null) scaleReplicaSetAndRecordEvent(s, newRS, replicasOf(d), d);
  if (deploymentComplete(d, d.status)) cleanupDeployment(s, oldRSs, d);
  syncRolloutStatus(s, allRSs, newRS, d);
}
