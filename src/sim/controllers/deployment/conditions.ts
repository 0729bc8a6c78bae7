/**
 * Deployment conditions (`Available`, `Progressing`, `ReplicaFailure`) and the progress tests
 * upstream runs on a new status: complete, progressing, or past its progress deadline.
 * Times are the kernel's virtual clock, printed as RFC 3339 like metav1.Time.
 */
import type { ReplicaSetCondition } from 'kubernetes-types/apps/v1';
import { Reason, replicasOf } from './types';
import type { Deployment, DeploymentCondition, DeploymentStatus } from './types';

/** The largest int32: a progress deadline or history limit of this value means "none". */
const MAX_INT32 = 2147483647;

/** A new condition, both times `now`. */
export function newCondition(
  type: string,
  status: 'True' | 'False' | 'Unknown',
  reason: string,
  message: string,
  now: string,
): DeploymentCondition {
  return { type, status, lastUpdateTime: now, lastTransitionTime: now, reason, message };
}

/** The condition of a type, if there is one. */
export function getCondition(
  status: DeploymentStatus | undefined,
  type: string,
): DeploymentCondition | undefined {
  return status?.conditions?.find((c) => c.type === type);
}

/**
 * Sets a condition, unless one with the same status and reason is already there; keeps the
 * old lastTransitionTime when only the reason changes. The condition moves to the end.
 */
export function setCondition(status: DeploymentStatus, condition: DeploymentCondition): void {
  const current = getCondition(status, condition.type);
  if (current !== undefined && current.status === condition.status && current.reason === condition.reason)
    return;
  const next = { ...condition };
  if (current !== undefined && current.status === condition.status)
    next.lastTransitionTime = current.lastTransitionTime;
  status.conditions = [...(status.conditions ?? []).filter((c) => c.type !== condition.type), next];
}

/** Removes the condition of a type. */
export function removeCondition(status: DeploymentStatus, type: string): void {
  const kept = (status.conditions ?? []).filter((c) => c.type !== type);
  if (kept.length > 0) status.conditions = kept;
  else delete status.conditions;
}

/** A ReplicaSet's ReplicaFailure condition, as a Deployment condition. */
export function fromReplicaSetCondition(c: ReplicaSetCondition): DeploymentCondition {
  return {
    type: c.type,
    status: c.status,
    lastUpdateTime: c.lastTransitionTime,
    lastTransitionTime: c.lastTransitionTime,
    ...(c.reason === undefined ? {} : { reason: c.reason }),
    ...(c.message === undefined ? {} : { message: c.message }),
  };
}

/** Whether the Deployment reports ProgressDeadlineExceeded at all. */
export function hasProgressDeadline(d: Deployment): boolean {
  const s = d.spec.progressDeadlineSeconds;
  return s !== undefined && s !== MAX_INT32;
}

/** Whether old ReplicaSets are cleaned up beyond a revision history limit. */
export function hasRevisionHistoryLimit(d: Deployment): boolean {
  const l = d.spec.revisionHistoryLimit;
  return l !== undefined && l !== MAX_INT32;
}

/** All replicas updated and available, no old ones, and the latest generation observed. */
export function deploymentComplete(d: Deployment, s: DeploymentStatus | undefined): boolean {
  const want = replicasOf(d);
  return (
    (s?.updatedReplicas ?? 0) === want &&
    (s?.replicas ?? 0) === want &&
    (s?.availableReplicas ?? 0) === want &&
    (s?.observedGeneration ?? 0) >= (d.metadata.generation ?? 0)
  );
}

/** Whether `next` shows progress over the Deployment's current status. */
export function deploymentProgressing(d: Deployment, next: DeploymentStatus): boolean {
  const old = d.status ?? {};
  const oldOld = (old.replicas ?? 0) - (old.updatedReplicas ?? 0);
  const newOld = (next.replicas ?? 0) - (next.updatedReplicas ?? 0);
  return (
    (next.updatedReplicas ?? 0) > (old.updatedReplicas ?? 0) ||
    newOld < oldOld ||
    (next.readyReplicas ?? 0) > (old.readyReplicas ?? 0) ||
    (next.availableReplicas ?? 0) > (old.availableReplicas ?? 0)
  );
}

/**
 * Whether the rollout has made no progress for progressDeadlineSeconds since the
 * Progressing condition was last updated (`nowMs` and `toMs` on the same clock).
 */
export function deploymentTimedOut(
  d: Deployment,
  next: DeploymentStatus,
  nowMs: number,
  toMs: (stamp: string) => number,
): boolean {
  if (!hasProgressDeadline(d)) return false;
  const condition = getCondition(next, 'Progressing');
  if (condition === undefined) return false;
  if (condition.reason === Reason.NewRSAvailable) return false;
  if (condition.reason === Reason.TimedOut) return true;
  const from = toMs(condition.lastUpdateTime ?? '');
  return from + (d.spec.progressDeadlineSeconds ?? 0) * 1000 < nowMs;
}
