/**
 * What happens when a pod cannot be placed (upstream's handleSchedulingFailure): the pod goes
 * back to the queue (unschedulable or backing off) and to the nominator, a `FailedScheduling`
 * Warning event is recorded, and the pod's `PodScheduled` condition becomes False with reason
 * `Unschedulable` (or `SchedulerError`) and the same message; after preemption the same status
 * patch sets `status.nominatedNodeName`.
 */
import type { PodCondition } from 'kubernetes-types/core/v1';
import { findResource, type ResourceInfo } from '../apiserver/resources';
import type { KubeObject } from '../apiserver/types';
import type { Diagnosis } from './framework/diagnosis';
import type { Status } from './framework/status';
import { asPod, isAssigned, type Pod } from './framework/types';
import type { NominatingInfo } from './nominator';
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

/**
 * Patches the pod's status through `pods/<name>/status`: the condition if it changed, and the
 * nominated node when `nominating` overrides it with a different one ('' clears it).
 */
function updatePod(
  sched: Scheduler,
  pod: Pod,
  condition: PodCondition,
  nominating: NominatingInfo | undefined,
  causedBy: number | null,
): void {
  const conditions = updatedConditions(pod, condition, sched.kernel.clock.timestamp());
  const nominated =
    nominating !== undefined && (pod.status?.nominatedNodeName ?? '') !== nominating.nodeName
      ? { nominatedNodeName: nominating.nodeName === '' ? null : nominating.nodeName }
      : undefined;
  if (conditions === undefined && nominated === undefined) return;
  try {
    sched.client.patch(
      PODS,
      pod.metadata?.namespace ?? 'default',
      pod.metadata?.name ?? '',
      'strategic',
      { status: { ...(conditions === undefined ? {} : { conditions }), ...nominated } },
      causedBy,
      'status',
    );
  } catch {
    // Upstream logs the error and carries on; the next attempt will try again.
  }
}

/**
 * Handles a failed attempt: requeues the pod (unless it is gone or was bound meanwhile),
 * updates its nomination as `nominating` says (undefined: as its status says), records the
 * FailedScheduling event and updates the PodScheduled condition and nominated node.
 */
export function handleSchedulingFailure(
  sched: Scheduler,
  info: QueuedPodInfo,
  status: Status,
  diagnosis: Diagnosis | undefined,
  nominating: NominatingInfo | undefined,
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
  // Before the status patch, so the next cycles already count the pod on its node.
  sched.queue.nominator.add(info.pod, nominating);
  const message = status.message();
  info.lastFailure = message;
  sched.recorder.event(
    pod as unknown as KubeObject,
    'Warning',
    'FailedScheduling',
    truncateMessage(message),
    causedBy,
  );
  const condition: PodCondition = { type: 'PodScheduled', status: 'False', reason, message };
  updatePod(sched, info.pod, condition, nominating, causedBy);
}
