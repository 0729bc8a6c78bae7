/**
 * Rollout progress (upstream's progress.go): the Progressing condition that `kubectl rollout
 * status` reads (NewReplicaSetAvailable when complete, ReplicaSetUpdated while pods move,
 * ProgressDeadlineExceeded when nothing moved for progressDeadlineSeconds of virtual time),
 * ReplicaSet failures surfaced as ReplicaFailure, and a requeue for the deadline check.
 */
import {
  deploymentComplete,
  deploymentProgressing,
  deploymentTimedOut,
  fromReplicaSetCondition,
  getCondition,
  hasProgressDeadline,
  newCondition,
  removeCondition,
  setCondition,
} from './conditions';
import type { SyncContext } from './context';
import { calculateStatus, statusEqual } from './status';
import { Reason } from './types';
import type { Deployment, DeploymentCondition, DeploymentStatus, ReplicaSet } from './types';

/** ReplicaFailure conditions of the new ReplicaSet, else of any ReplicaSet. */
function replicaFailures(
  allRSs: readonly (ReplicaSet | null)[],
  newRS: ReplicaSet | null,
): DeploymentCondition[] {
  const failures = (rs: ReplicaSet | null) =>
    (rs?.status?.conditions ?? []).filter((c) => c.type === 'ReplicaFailure').map(fromReplicaSetCondition);
  const own = failures(newRS);
  return own.length > 0 ? own : allRSs.flatMap(failures);
}

/** Which Progressing condition the new status earns, if any changes. */
function progressCondition(
  s: SyncContext,
  d: Deployment,
  next: DeploymentStatus,
  newRS: ReplicaSet | null,
): void {
  const name = newRS?.metadata.name;
  const subject = name === undefined ? `Deployment "${d.metadata.name ?? ''}"` : `ReplicaSet "${name}"`;
  const now = s.timestamp();
  if (deploymentComplete(d, next)) {
    const message = `${subject} has successfully progressed.`;
    setCondition(next, newCondition('Progressing', 'True', Reason.NewRSAvailable, message, now));
  } else if (deploymentProgressing(d, next)) {
    // Progress refreshes lastUpdateTime even with the same reason, so the deadline restarts.
    const condition = newCondition(
      'Progressing',
      'True',
      Reason.ReplicaSetUpdated,
      `${subject} is progressing.`,
      now,
    );
    const current = getCondition(d.status, 'Progressing');
    if (current !== undefined) {
      if (current.status === 'True') condition.lastTransitionTime = current.lastTransitionTime;
      removeCondition(next, 'Progressing');
    }
    setCondition(next, condition);
  } else if (deploymentTimedOut(d, next, s.now(), (t) => s.toVirtualMs(t))) {
    const message = `${subject} has timed out progressing.`;
    setCondition(next, newCondition('Progressing', 'False', Reason.TimedOut, message, now));
  }
}

/**
 * Requeues a Deployment that shows no progress for when its deadline passes (plus a second,
 * as upstream does); returns the delay in ms, or -1 if no check is needed.
 */
export function requeueStuckDeployment(s: SyncContext, d: Deployment, next: DeploymentStatus): number {
  const current = getCondition(d.status, 'Progressing');
  if (!hasProgressDeadline(d) || current === undefined) return -1;
  if (deploymentComplete(d, next) || current.reason === Reason.TimedOut) return -1;
  const deadline = s.toVirtualMs(current.lastUpdateTime ?? '') + (d.spec.progressDeadlineSeconds ?? 0) * 1000;
  const after = deadline - s.now();
  if (after < 1000) {
    s.enqueueRateLimited(d);
    return 0;
  }
  s.enqueueAfter(d, after + 1000);
  return after;
}

/** Writes the status of a rollout in progress, with its Progressing condition. */
export function syncRolloutStatus(
  s: SyncContext,
  allRSs: readonly (ReplicaSet | null)[],
  newRS: ReplicaSet | null,
  d: Deployment,
): void {
  const next = calculateStatus(s, allRSs, newRS, d);
  if (!hasProgressDeadline(d)) removeCondition(next, 'Progressing');
  const current = getCondition(d.status, 'Progressing');
  const complete =
    next.replicas === next.updatedReplicas &&
    current !== undefined &&
    current.reason === Reason.NewRSAvailable;
  if (hasProgressDeadline(d) && !complete) progressCondition(s, d, next, newRS);
  const failures = replicaFailures(allRSs, newRS);
  const failure = failures[0];
  if (failure !== undefined) setCondition(next, failure);
  else removeCondition(next, 'ReplicaFailure');
  if (statusEqual(d.status, next)) {
    requeueStuckDeployment(s, d, next);
    return;
  }
  d.status = next;
  s.updateDeploymentStatus(d);
}
