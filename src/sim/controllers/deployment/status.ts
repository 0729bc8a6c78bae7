/**
 * The Deployment's status as the controller computes it from its ReplicaSets (upstream's
 * calculateStatus): replica counts, the Available condition, and the observed generation
 * that tells `kubectl rollout status` the controller has seen the latest spec.
 */
import { newCondition, setCondition } from './conditions';
import type { SyncContext } from './context';
import { stableJson } from './hash';
import { maxUnavailable, replicaCount, statusCount } from './replicas';
import { Reason, replicasOf } from './types';
import type { Deployment, DeploymentStatus, ReplicaSet } from './types';

/** Drops zero counts, as Go's `omitempty` does when the status is written. */
function omitZero(status: DeploymentStatus): DeploymentStatus {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(status)) {
    if (v === undefined || (v === 0 && k !== 'collisionCount')) continue;
    if (Array.isArray(v) && v.length === 0) continue;
    out[k] = v;
  }
  return out as DeploymentStatus;
}

/** reflect.DeepEqual of two statuses as the Go types would hold them. */
export function statusEqual(a: DeploymentStatus | undefined, b: DeploymentStatus | undefined): boolean {
  return stableJson(omitZero(a ?? {})) === stableJson(omitZero(b ?? {}));
}

/** The status the Deployment should have, given its ReplicaSets (new one possibly null). */
export function calculateStatus(
  s: SyncContext,
  allRSs: readonly (ReplicaSet | null)[],
  newRS: ReplicaSet | null,
  d: Deployment,
): DeploymentStatus {
  const available = statusCount(allRSs, 'availableReplicas');
  const unavailable = Math.max(0, replicaCount(allRSs) - available);
  const status = omitZero({
    observedGeneration: d.metadata.generation ?? 0,
    replicas: statusCount(allRSs, 'replicas'),
    updatedReplicas: statusCount([newRS], 'replicas'),
    readyReplicas: statusCount(allRSs, 'readyReplicas'),
    availableReplicas: available,
    unavailableReplicas: unavailable,
    ...(d.status?.conditions === undefined ? {} : { conditions: d.status.conditions.map((c) => ({ ...c })) }),
    ...(d.status?.collisionCount === undefined ? {} : { collisionCount: d.status.collisionCount }),
  });
  const now = s.timestamp();
  if (available >= replicasOf(d) - maxUnavailable(d)) {
    const message = 'Deployment has minimum availability.';
    setCondition(status, newCondition('Available', 'True', Reason.MinimumReplicasAvailable, message, now));
  } else {
    const message = 'Deployment does not have minimum availability.';
    setCondition(status, newCondition('Available', 'False', Reason.MinimumReplicasUnavailable, message, now));
  }
  return status;
}

/** Writes the computed status if it differs from the Deployment's. */
export function syncDeploymentStatus(
  s: SyncContext,
  allRSs: readonly (ReplicaSet | null)[],
  newRS: ReplicaSet | null,
  d: Deployment,
): void {
  const next = calculateStatus(s, allRSs, newRS, d);
  if (statusEqual(d.status, next)) return;
  d.status = next;
  s.updateDeploymentStatus(d);
}
