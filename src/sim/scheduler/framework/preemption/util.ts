/**
 * The pod ordering preemption uses (upstream's scheduler util: MoreImportantPod,
 * GetPodStartTime, GetEarliestPodStartTime). Times are wall-clock milliseconds.
 */
import { podPriority, type Pod } from '../types';

/** When the pod started, or `now` for pods not started yet (assumed or just bound). */
export function podStartTime(pod: Pod, now: number): number {
  const start = pod.status?.startTime;
  return start === undefined ? now : Date.parse(start);
}

/** Whether `a` matters more than `b`: higher priority, then the one running longer. */
export function moreImportantPod(a: Pod, b: Pod, now: number): boolean {
  const pa = podPriority(a);
  const pb = podPriority(b);
  if (pa !== pb) return pa > pb;
  return podStartTime(a, now) < podStartTime(b, now);
}

/** A comparator sorting the more important pods first. */
export function byImportance(now: number): (a: Pod, b: Pod) => number {
  return (a, b) => (moreImportantPod(a, b, now) ? -1 : moreImportantPod(b, a, now) ? 1 : 0);
}

/** The earliest start time among the highest-priority pods of `pods` (undefined when empty). */
export function earliestPodStartTime(pods: readonly Pod[], now: number): number | undefined {
  const [first] = pods;
  if (first === undefined) return undefined;
  let earliest = podStartTime(first, now);
  let maxPriority = podPriority(first);
  for (const pod of pods) {
    const p = podPriority(pod);
    if (p === maxPriority) earliest = Math.min(earliest, podStartTime(pod, now));
    else if (p > maxPriority) {
      maxPriority = p;
      earliest = podStartTime(pod, now);
    }
  }
  return earliest;
}
