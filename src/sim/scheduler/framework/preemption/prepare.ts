/**
 * Carrying out a preemption (upstream's prepareCandidate and PreemptPod): each victim gets the
 * `DisruptionTarget` condition through `pods/<name>/status`, is deleted through the API (with
 * its own grace period, so its kubelet stops it gracefully) and gets a `Preempted` event; then
 * lower-priority pods nominated to the node lose their nomination, since they may no longer fit.
 */
import type { PodCondition } from 'kubernetes-types/core/v1';
import { findResource, type ResourceInfo } from '../../../apiserver/resources';
import { ApiError } from '../../../apiserver/status';
import type { KubeObject } from '../../../apiserver/types';
import { updatedConditions } from '../../failure';
import type { Handle } from '../interface';
import { Status } from '../status';
import { podPriority, type Pod } from '../types';
import type { Candidate } from './candidates';

const PODS = findResource('', 'v1', 'pods') as ResourceInfo;

/** v1.PodReasonPreemptionByScheduler. */
export const REASON_PREEMPTION_BY_SCHEDULER = 'PreemptionByScheduler';

const isNotFound = (error: unknown) => error instanceof ApiError && error.status.code === 404;

const ns = (pod: Pod) => pod.metadata?.namespace ?? 'default';
const name = (pod: Pod) => pod.metadata?.name ?? '';

/** Marks, deletes and reports one victim (PreemptPod); returns an error message or null. */
function preemptPod(
  handle: Handle,
  candidate: Candidate,
  preemptor: Pod,
  victim: Pod,
  causedBy: number | null,
): string | null {
  const condition: PodCondition = {
    type: 'DisruptionTarget',
    status: 'True',
    reason: REASON_PREEMPTION_BY_SCHEDULER,
    message: `${preemptor.spec?.schedulerName ?? ''}: preempting to accommodate a higher priority pod`,
  };
  const conditions = updatedConditions(victim, condition, handle.kernel.clock.timestamp());
  try {
    if (conditions !== undefined)
      handle.client.patch(
        PODS,
        ns(victim),
        name(victim),
        'strategic',
        { status: { conditions } },
        causedBy,
        'status',
      );
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  try {
    handle.client.delete(PODS, ns(victim), name(victim), {}, causedBy);
  } catch (error) {
    // A victim already gone is fine (upstream logs "Victim Pod is already deleted").
    if (isNotFound(error)) return null;
    return error instanceof Error ? error.message : String(error);
  }
  handle.recorder.event(
    victim as unknown as KubeObject,
    'Normal',
    'Preempted',
    `Preempted by pod ${preemptor.metadata?.uid ?? ''} on node ${candidate.name}`,
    causedBy,
  );
  return null;
}

/** Pods nominated to `nodeName` with a lower priority than `pod` (getLowerPriorityNominatedPods). */
export function lowerPriorityNominatedPods(handle: Handle, pod: Pod, nodeName: string): Pod[] {
  return handle.nominatedPodsForNode(nodeName).filter((p) => podPriority(p) < podPriority(pod));
}

/** Clears `status.nominatedNodeName` of each pod that has one (ClearNominatedNodeName). */
function clearNominatedNodeName(handle: Handle, pods: readonly Pod[], causedBy: number | null): void {
  for (const p of pods) {
    if ((p.status?.nominatedNodeName ?? '') === '') continue;
    try {
      handle.client.patch(
        PODS,
        ns(p),
        name(p),
        'strategic',
        { status: { nominatedNodeName: null } },
        causedBy,
        'status',
      );
    } catch {
      // Not critical: upstream logs the error and carries on.
    }
  }
}

/**
 * Evicts the candidate's victims, then clears the nominations its preemption overrides.
 * Returns an Error status if a victim could not be preempted.
 */
export function prepareCandidate(
  handle: Handle,
  candidate: Candidate,
  preemptor: Pod,
  causedBy: number | null,
): Status {
  for (const victim of candidate.victims.pods) {
    const error = preemptPod(handle, candidate, preemptor, victim, causedBy);
    if (error !== null) return Status.error(error);
  }
  clearNominatedNodeName(handle, lowerPriorityNominatedPods(handle, preemptor, candidate.name), causedBy);
  return Status.success();
}
