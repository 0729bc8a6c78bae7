/**
 * What happens when a pod cannot be placed (upstream's handleSchedulingFailure): the pod goes
 * back to the queue (unschedulable or backing off), a `FailedScheduling` Warning event is
 * recorded, and the pod's `PodScheduled` condition becomes False with reason `Unschedulable`
 * (or `SchedulerError`) and the same message.
 */
import type { PodCondition } from 'kubernetes-types/core/v1';
import { findResource, type ResourceInfo } from '../apiserver/resources';
import type { KubeObject } from '../apiserver/types';
import type { Diagnosis } from './framework/diagnosis';
import type { Status } from './framework/status';
import { asPod, isAssigned, type Pod } from './framework/types';
import type { QueuedPodInfo } from './queue';
import type { Scheduler } from './scheduler';

const PODS = findResource('', 'v1', 'pods') as ResourceInfo;

/** Event notes are cut to this length (validation.NoteLengthLimit). */
export const NOTE_LENGTH_LIMIT = 1024;

/** Cuts a message to the event note limit, ending in ` ...` (truncateMessage). */
export function truncateMessage(message: string): string {
  if (message.length <= NOTE_LENGTH_LIMIT) return message;
  const suffix = ' ...';
  return message.slice(0, NOTE_LENGTH_LIMIT - suffix.length) + suffix;
}

/**
 * The pod's conditions with `condition` set (podutil.UpdatePodCondition): the transition
 * time only moves when the status changes. Returns undefined when nothing changed.
 */
export function updatedConditions(
  pod: Pod,
  condition: PodCondition,
  now: string,
): PodCondition[] | undefined {
  const conditions = [...(pod.status?.conditions ?? [])];
  const index = conditions.findIndex((c) => c.type === condition.type);
  const old = conditions[index];
  if (old === undefined) return [...conditions, { ...condition, lastTransitionTime: now }];
  const next: PodCondition = {
    ...condition,
    lastTransitionTime: condition.status === old.status ? (old.lastTransitionTime ?? now) : now,
  };
  const equal =
    next.status === old.status &&
    next.reason === old.reason &&
    next.message === old.message &&
    (next.lastProbeTime ?? null) === (old.lastProbeTime ?? null) &&
    next.lastTransitionTime === old.lastTransitionTime;
  if (equal) return undefined;
  conditions[index] = next;
  return conditions;
}

/** Patches `status.conditions` of the pod through `pods/<name>/status`, if the condition changed. */
function updatePod(sched: Scheduler, pod: Pod, condition: PodCondition, causedBy: number | null): void {
  const conditions = updatedConditions(pod, condition, sched.kernel.clock.timestamp());
  if (conditions === undefined) return;
  try {
    sched.client.patch(
      PODS,
      pod.metadata?.namespace ?? 'default',
      pod.metadata?.name ?? '',
      'strategic',
      { status: { conditions } },
      causedBy,
      'status',
    );
  } catch {
    // Upstream logs the error and carries on; the next attempt will try again.
  }
}

/**
 * Handles a failed attempt: requeues the pod (unless it is gone or was bound meanwhile),
 * records the FailedScheduling event and updates the PodScheduled condition.
 */
export function handleSchedulingFailure(
  sched: Scheduler,
  info: QueuedPodInfo,
  status: Status,
  diagnosis: Diagnosis | undefined,
  podSchedulingCycle: number,
  causedBy: number | null,
): void {
  const pod = info.pod;
  const reason = status.isRejected() ? 'Unschedulable' : 'SchedulerError';
  if (diagnosis !== undefined) {
    info.unschedulablePlugins = new Set([...diagnosis.unschedulablePlugins, ...diagnosis.pendingPlugins]);
  }
  const cached = sched.cachedPod(pod.metadata?.namespace ?? '', pod.metadata?.name ?? '');
  if (cached === undefined || isAssigned(asPod(cached))) {
    sched.queue.done(info.uid);
  } else {
    info.pod = asPod(cached);
    sched.queue.addUnschedulableIfNotPresent(info, podSchedulingCycle);
  }
  const message = status.message();
  sched.recorder.event(
    pod as unknown as KubeObject,
    'Warning',
    'FailedScheduling',
    truncateMessage(message),
    causedBy,
  );
  updatePod(sched, info.pod, { type: 'PodScheduled', status: 'False', reason, message }, causedBy);
}
