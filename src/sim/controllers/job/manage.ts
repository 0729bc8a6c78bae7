/**
 * manageJob: creates or deletes pods towards the number the Job wants running — parallelism,
 * capped by the completions still missing, none while suspended — after the pod-failure
 * backoff has passed. Indexed Jobs create pods for the lowest indexes still pending.
 */
import type { Expectations } from '../replicaset/expectations';
import { SLOW_START_INITIAL_BATCH_SIZE, slowStartBatch } from '../replicaset/batch';
import { objectKey } from '../../client/cache';
import type { JobPodControl } from './control';
import { firstPendingIndexes } from './indexes';
import { completionIndex, deletionOrder } from './pods';
import type { JobView, PodObject } from './types';

/** What manageJob needs from the controller. */
export interface ManageDeps {
  readonly control: JobPodControl;
  readonly expectations: Expectations;
  decide(summary: string, cause: number | null): number;
  requeue(key: string, delayMs: number, cause: number | null): void;
}

/** The outcome: active pods now, pods newly terminating, and the first error. */
export interface ManageResult {
  readonly active: number;
  readonly deleted: number;
  readonly error: Error | null;
}

/** Deletes `pods` of `job`, expecting their deletion; returns how many were deleted. */
export function deletePods(
  d: ManageDeps,
  job: JobView,
  pods: readonly PodObject[],
  cause: number | null,
): number {
  d.expectations.expectDeletions(job.key, pods.map(objectKey));
  let deleted = 0;
  for (const pod of pods) {
    if (d.control.deletePod(job, pod, cause)) deleted++;
    else d.expectations.deletionObserved(job.key, objectKey(pod));
  }
  return deleted;
}

/** The pods the Job wants running. */
function wantActive(job: JobView, active: number, succeeded: number): number {
  if (job.completions === null) return succeeded > 0 ? active : job.parallelism;
  return Math.max(0, Math.min(job.parallelism, job.completions - succeeded));
}

export function manageJob(
  d: ManageDeps,
  job: JobView,
  active: readonly PodObject[],
  succeeded: number,
  succeededIndexes: ReadonlySet<number>,
  terminating: number,
  backoffMs: number,
  cause: number | null,
): ManageResult {
  const what = `Job ${job.namespace}/${job.name}`;
  if (job.suspend) {
    if (active.length === 0) return { active: 0, deleted: 0, error: null };
    const step = d.decide(`${what} is suspended: deleting its ${active.length} active pods`, cause);
    return { active: 0, deleted: deletePods(d, job, active, step), error: null };
  }
  const want = wantActive(job, active.length, succeeded);
  if (active.length > want) {
    const victims = [...active].sort(deletionOrder).slice(0, active.length - want);
    const step = d.decide(`too many active pods for ${what}: want ${want}, have ${active.length}`, cause);
    const deleted = deletePods(d, job, victims, step);
    return { active: active.length - deleted, deleted, error: null };
  }
  if (active.length === want) return { active: active.length, deleted: 0, error: null };
  if (backoffMs > 0) {
    const step = d.decide(`pod failure backoff for ${what}: creating pods in ${backoffMs / 1000}s`, cause);
    d.requeue(job.key, backoffMs, step);
    return { active: active.length, deleted: 0, error: null };
  }
  let diff = want - active.length;
  if (job.podReplacementPolicy === 'Failed') diff -= terminating;
  if (diff <= 0) return { active: active.length, deleted: 0, error: null };
  let indexes: number[] | null = null;
  if (job.indexed) {
    const activeIndexes = new Set(active.map(completionIndex));
    indexes = firstPendingIndexes(succeededIndexes, activeIndexes, diff, job.completions ?? 0);
    diff = indexes.length;
    if (diff === 0) return { active: active.length, deleted: 0, error: null };
  }
  d.expectations.expectCreations(job.key, diff);
  const step = d.decide(
    `too few active pods for ${what}: want ${want}, have ${active.length}, creating ${diff}`,
    cause,
  );
  let next = 0;
  const { successes, error } = slowStartBatch(diff, SLOW_START_INITIAL_BATCH_SIZE, () => {
    return () => {
      const index = indexes === null ? null : (indexes[next++] ?? null);
      try {
        d.control.createPod(job, index, step);
        return null;
      } catch (e) {
        return e instanceof Error ? e : new Error(String(e));
      }
    };
  });
  for (let i = successes; i < diff; i++) d.expectations.creationObserved(job.key);
  return { active: active.length + successes, deleted: 0, error };
}
