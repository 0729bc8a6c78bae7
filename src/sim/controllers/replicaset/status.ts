/**
 * ReplicaSet status, as upstream's replica_set_utils.go computes and writes it: how many
 * active pods the ReplicaSet owns, how many carry all of the template's labels, how many are
 * ready and how many available (ready for minReadySeconds), the generation observed, and a
 * ReplicaFailure condition while creating or deleting pods fails.
 */
import { ApiError } from '../../apiserver/status';
import { matchesLabels } from '../../apiserver/selectors';
import type { ApiClient } from '../../client/rest';
import { isPodAvailable, isPodReady } from './pods';
import type {
  PodObject,
  Replicated,
  ReplicatedCondition,
  ReplicatedStatus,
  WorkloadKind,
  WorkloadObject,
} from './types';

/** The condition type set while pods cannot be created or deleted. */
export const REPLICA_FAILURE = 'ReplicaFailure';

/** Upstream's statusUpdateRetries: one GET and retry after a failed status update. */
const STATUS_UPDATE_RETRIES = 1;

/**
 * calculateStatus: the status for `pods` (the ReplicaSet's active pods). `error` is what
 * managing replicas failed with, if it did; `now` is wall-clock ms, `stamp` its timestamp.
 */
export function calculateStatus(
  rs: Replicated,
  pods: readonly PodObject[],
  error: Error | null,
  now: number,
  stamp: string,
): ReplicatedStatus {
  const template = Object.entries(rs.template?.metadata?.labels ?? {}).map(([key, value]) => ({
    key,
    op: 'in' as const,
    values: [value],
  }));
  let fullyLabeled = 0;
  let ready = 0;
  let available = 0;
  for (const pod of pods) {
    if (matchesLabels(template, pod.metadata.labels)) fullyLabeled++;
    if (isPodReady(pod)) {
      ready++;
      if (isPodAvailable(pod, rs.minReadySeconds, now)) available++;
    }
  }
  let conditions: ReplicatedCondition[] = [...(rs.status.conditions ?? [])];
  const failure = conditions.find((c) => c.type === REPLICA_FAILURE);
  if (error !== null && failure === undefined) {
    const diff = pods.length - rs.replicas;
    const reason = diff < 0 ? 'FailedCreate' : diff > 0 ? 'FailedDelete' : '';
    conditions.push({
      type: REPLICA_FAILURE,
      status: 'True',
      lastTransitionTime: stamp,
      ...(reason === '' ? {} : { reason }),
      message: error.message,
    });
  } else if (error === null && failure !== undefined) {
    conditions = conditions.filter((c) => c.type !== REPLICA_FAILURE);
  }
  // Field order and omitted zero values as the Go struct serializes them.
  return {
    replicas: pods.length,
    ...(fullyLabeled === 0 ? {} : { fullyLabeledReplicas: fullyLabeled }),
    ...(ready === 0 ? {} : { readyReplicas: ready }),
    ...(available === 0 ? {} : { availableReplicas: available }),
    ...(rs.status.observedGeneration === undefined
      ? {}
      : { observedGeneration: rs.status.observedGeneration }),
    ...(conditions.length === 0 ? {} : { conditions }),
  };
}

function unchanged(rs: Replicated, next: ReplicatedStatus): boolean {
  const cur = rs.status;
  return (
    (cur.replicas ?? 0) === next.replicas &&
    (cur.fullyLabeledReplicas ?? 0) === (next.fullyLabeledReplicas ?? 0) &&
    (cur.readyReplicas ?? 0) === (next.readyReplicas ?? 0) &&
    (cur.availableReplicas ?? 0) === (next.availableReplicas ?? 0) &&
    rs.generation === (cur.observedGeneration ?? 0) &&
    JSON.stringify(cur.conditions ?? []) === JSON.stringify(next.conditions ?? [])
  );
}

/**
 * updateReplicaSetStatus: PUTs the new status to the /status subresource unless nothing
 * changed, with observedGeneration set to the generation acted on; after a failure, GETs the
 * object and tries once more. Returns the object as written (or as it was).
 */
export function updateStatus(
  client: ApiClient,
  kind: WorkloadKind,
  rs: Replicated,
  status: ReplicatedStatus,
  cause: number | null,
): WorkloadObject {
  if (unchanged(rs, status)) return rs.obj;
  const next: ReplicatedStatus = { ...status, observedGeneration: rs.generation };
  const ordered: ReplicatedStatus = {
    replicas: next.replicas,
    ...(next.fullyLabeledReplicas === undefined ? {} : { fullyLabeledReplicas: next.fullyLabeledReplicas }),
    ...(next.readyReplicas === undefined ? {} : { readyReplicas: next.readyReplicas }),
    ...(next.availableReplicas === undefined ? {} : { availableReplicas: next.availableReplicas }),
    ...(rs.generation === 0 ? {} : { observedGeneration: rs.generation }),
    ...(next.conditions === undefined ? {} : { conditions: next.conditions }),
  };
  let obj: WorkloadObject = rs.obj;
  for (let attempt = 0; ; attempt++) {
    try {
      return client.update<WorkloadObject>(kind.resource, { ...obj, status: ordered }, 'status', cause);
    } catch (error) {
      if (attempt >= STATUS_UPDATE_RETRIES || !(error instanceof ApiError)) throw error;
      obj = client.get<WorkloadObject>(kind.resource, rs.namespace, rs.name, cause);
    }
  }
}
