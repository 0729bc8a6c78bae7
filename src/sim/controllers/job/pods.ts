/**
 * Pod predicates of upstream's Job controller: which pods are active, terminating, failed or
 * finished, when a pod finished, and a pod's completion index.
 */
import { timeOf } from '../replicaset/pods';
import { COMPLETION_INDEX, TRACKING_FINALIZER, type JobView, type PodObject } from './types';

export { controllerOf, isPodReady } from '../replicaset/pods';

/** Whether the pod has a deletionTimestamp. */
export function isDeleting(pod: PodObject): boolean {
  return pod.metadata.deletionTimestamp !== undefined && pod.metadata.deletionTimestamp !== null;
}

function isTerminal(pod: PodObject): boolean {
  return pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
}

/** controller.IsPodActive: not finished and not being deleted. */
export function isPodActive(pod: PodObject): boolean {
  return !isTerminal(pod) && !isDeleting(pod);
}

/** countTerminatingPods: being deleted but not finished yet. */
export function isPodTerminating(pod: PodObject): boolean {
  return isDeleting(pod) && !isTerminal(pod);
}

/**
 * isPodFailed: Failed, or (unless only failed pods are replaced) being deleted without having
 * succeeded, so that pods deleted before they could fail still count as failures.
 */
export function isPodFailed(pod: PodObject, job: JobView): boolean {
  if (pod.status?.phase === 'Failed') return true;
  if (job.podReplacementPolicy === 'Failed') return false;
  return isDeleting(pod) && pod.status?.phase !== 'Succeeded';
}

export function hasTrackingFinalizer(pod: PodObject): boolean {
  return (pod.metadata.finalizers ?? []).includes(TRACKING_FINALIZER);
}

/**
 * getFinishedTime: when the pod finished (wall-clock ms): its containers' latest finishedAt,
 * else when it turned not Ready, else its deletionTimestamp, else `now`.
 */
export function finishedTime(pod: PodObject, now: number): number {
  const statuses = [...(pod.status?.containerStatuses ?? []), ...(pod.status?.initContainerStatuses ?? [])];
  let latest: number | null = null;
  for (const s of statuses) {
    const t = timeOf(s.state?.terminated?.finishedAt);
    if (t !== null && (latest === null || t > latest)) latest = t;
  }
  if (latest !== null) return latest;
  const ready = pod.status?.conditions?.find((c) => c.type === 'Ready' && c.status === 'False');
  return timeOf(ready?.lastTransitionTime) ?? timeOf(pod.metadata.deletionTimestamp) ?? now;
}

/** getCompletionIndex: the pod's completion index annotation, or -1 when missing or invalid. */
export function completionIndex(pod: PodObject): number {
  const value = pod.metadata.annotations?.[COMPLETION_INDEX];
  if (value === undefined || !/^(0|[1-9][0-9]*)$/.test(value)) return -1;
  return Number(value);
}

/** The sum of the pod's container restarts (for restartPolicy OnFailure). */
export function restarts(pod: PodObject): number {
  const statuses = [...(pod.status?.containerStatuses ?? []), ...(pod.status?.initContainerStatuses ?? [])];
  return statuses.reduce((sum, s) => sum + s.restartCount, 0);
}

/**
 * The order upstream deletes surplus active pods in (controller.ActivePods, first deleted
 * first): unscheduled before scheduled, pending before running, not ready before ready,
 * newer before older.
 */
export function deletionOrder(a: PodObject, b: PodObject): number {
  const rank = (p: PodObject) => [
    p.spec?.nodeName === undefined || p.spec.nodeName === '' ? 0 : 1,
    p.status?.phase === 'Running' ? 1 : 0,
    p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') === true ? 1 : 0,
  ];
  const [ra, rb] = [rank(a), rank(b)];
  for (let i = 0; i < ra.length; i++) if (ra[i] !== rb[i]) return (ra[i] ?? 0) - (rb[i] ?? 0);
  return (b.metadata.creationTimestamp ?? '').localeCompare(a.metadata.creationTimestamp ?? '');
}
