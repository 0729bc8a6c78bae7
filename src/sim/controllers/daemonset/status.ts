/**
 * DaemonSet status (daemon_controller.go updateDaemonSetStatus): per node that should run
 * the DaemonSet, whether a pod is there, and whether the oldest one is ready, available and
 * updated; pods on nodes that should not run it are misscheduled.
 */
import type { DaemonSetStatus } from 'kubernetes-types/apps/v1';
import type { ApiClient } from '../../client/rest';
import { isAvailable, isReady } from '../statefulset/types';
import { DAEMONSETS, isUpdated, type DaemonSet, type Pod } from './types';

/**
 * The status for the nodes' verdicts and the pods on each node; `waiting` is true when a
 * ready pod is not yet available (minReadySeconds), so the caller looks again later.
 */
export function calculateStatus(
  ds: DaemonSet,
  verdicts: ReadonlyMap<string, { shouldRun: boolean }>,
  byNode: ReadonlyMap<string, readonly Pod[]>,
  hash: string,
  now: number,
): { status: DaemonSetStatus; waiting: boolean } {
  let [desired, scheduled, misscheduled, ready, available, updated] = [0, 0, 0, 0, 0, 0];
  const minReady = ds.spec.minReadySeconds ?? 0;
  let waiting = false;
  for (const [node, verdict] of verdicts) {
    const here = [...(byNode.get(node) ?? [])].sort((a, b) =>
      (a.metadata.creationTimestamp ?? '').localeCompare(b.metadata.creationTimestamp ?? ''),
    );
    const pod = here[0];
    if (!verdict.shouldRun) {
      if (pod !== undefined) misscheduled++;
      continue;
    }
    desired++;
    if (pod === undefined) continue;
    scheduled++;
    if (isReady(pod)) {
      ready++;
      if (isAvailable(pod, minReady, now)) available++;
      else waiting = true;
    }
    if (isUpdated(ds, pod, hash)) updated++;
  }
  const status: DaemonSetStatus = {
    currentNumberScheduled: scheduled,
    numberMisscheduled: misscheduled,
    desiredNumberScheduled: desired,
    numberReady: ready,
    observedGeneration: ds.metadata.generation ?? 0,
    updatedNumberScheduled: updated,
    numberAvailable: available,
    numberUnavailable: desired - available,
    ...(ds.status?.collisionCount === undefined ? {} : { collisionCount: ds.status.collisionCount }),
  };
  return { status, waiting };
}

/** Writes the status through /status when anything changed, keeping the conditions. */
export function writeStatus(
  client: ApiClient,
  ds: DaemonSet,
  status: DaemonSetStatus,
  cause: number | null,
): void {
  const old = ds.status ?? {};
  const same = (Object.keys(status) as (keyof DaemonSetStatus)[]).every(
    (k) => (old[k] ?? 0) === (status[k] ?? 0),
  );
  if (!same)
    client.update(
      DAEMONSETS,
      { ...ds, status: { ...status, ...(old.conditions ? { conditions: old.conditions } : {}) } },
      'status',
      cause,
    );
}
