/**
 * One scheduling cycle (upstream's ScheduleOne, schedulingCycle and bindingCycle): pop a pod,
 * find a node, record the decision as a trace step, then assume, reserve and bind — or
 * run PostFilter (preemption) and report the failure.
 */
import type { Json } from '../kernel/trace';
import type { KubeObject } from '../apiserver/types';
import { schedulePod, type ScheduleOutcome } from './algorithm';
import { CycleState } from './framework/cycle-state';
import { fitErrorMessage, type Diagnosis } from './framework/diagnosis';
import { Status } from './framework/status';
import { podKey, type Pod } from './framework/types';
import { handleSchedulingFailure } from './failure';
import type { QueuedPodInfo } from './queue';
import { SCHEDULER_ID, type Scheduler } from './scheduler';

/** The decision step's detail: each node's filter verdict and scores, and the choice. */
function decisionDetail(pod: Pod, outcome: ScheduleOutcome, message: string | null): Json {
  const filtered: Record<string, string> = {};
  const rejectedBy: Record<string, string> = {};
  for (const [node, s] of outcome.diagnosis.nodeToStatus.entries()) {
    filtered[node] = s.message();
    rejectedBy[node] = s.plugin;
  }
  const scores: Record<string, Record<string, [number, number]>> = {};
  const totals: Record<string, number> = {};
  if (outcome.kind === 'scheduled') {
    for (const n of outcome.scores) {
      scores[n.name] = Object.fromEntries(n.scores.map((s) => [s.plugin, [s.raw, s.normalized]]));
      totals[n.name] = n.total;
    }
  }
  return {
    pod: podKey(pod),
    filtered,
    rejectedBy,
    scores,
    totals,
    chosen: outcome.kind === 'scheduled' ? outcome.host : null,
    ...(outcome.kind === 'scheduled' ? { feasible: outcome.feasible, evaluated: outcome.evaluated } : {}),
    ...(message === null ? {} : { message }),
  };
}

function emitDecision(sched: Scheduler, info: QueuedPodInfo, summary: string, detail: Json): number {
  return sched.kernel.trace.emit({
    from: SCHEDULER_ID,
    to: SCHEDULER_ID,
    kind: 'decision',
    summary,
    detail,
    causedBy: info.cause,
  }).id;
}

/** Runs PostFilter after a FitError; returns the failure's status with the full message. */
function runPostFilter(
  sched: Scheduler,
  state: CycleState,
  pod: Pod,
  numAllNodes: number,
  diagnosis: Diagnosis,
): Status {
  const fwk = sched.frameworkFor(pod);
  if (fwk !== undefined && fwk.hasPostFilterPlugins()) {
    const out = fwk.runPostFilter(state, pod, diagnosis.nodeToStatus);
    diagnosis.postFilterMsg = out.status.message();
  }
  return new Status('Unschedulable', [fitErrorMessage(numAllNodes, diagnosis)]);
}

/** Schedules the next pod in the active queue, if any. */
export function scheduleOne(sched: Scheduler): void {
  const info = sched.queue.pop();
  if (info === undefined) return;
  const pod = info.pod;
  const fwk = sched.frameworkFor(pod);
  if (fwk === undefined) {
    sched.queue.done(info.uid);
    return;
  }
  const ns = pod.metadata?.namespace ?? '';
  const name = pod.metadata?.name ?? '';
  if (pod.metadata?.deletionTimestamp !== undefined) {
    sched.recorder.event(
      pod as unknown as KubeObject,
      'Warning',
      'FailedScheduling',
      `skip schedule deleting pod: ${ns}/${name}`,
      info.cause,
    );
    sched.queue.done(info.uid);
    return;
  }
  if (sched.cache.isAssumed(pod)) {
    sched.queue.done(info.uid);
    return;
  }
  const cycle = sched.queue.schedulingCycle;
  const state = new CycleState();
  const outcome = schedulePod(sched, fwk, state, pod);

  if (outcome.kind !== 'scheduled') {
    const status =
      outcome.kind === 'unfit'
        ? runPostFilter(sched, state, pod, outcome.numAllNodes, outcome.diagnosis)
        : outcome.status;
    const step = emitDecision(
      sched,
      info,
      `schedule ${podKey(pod)}: ${status.message()}`,
      decisionDetail(pod, outcome, status.message()),
    );
    handleSchedulingFailure(sched, info, status, outcome.diagnosis, cycle, step);
    return;
  }

  const host = outcome.host;
  const summary = `schedule ${podKey(pod)}: ${host} (${outcome.feasible}/${outcome.evaluated} nodes feasible)`;
  const step = emitDecision(sched, info, summary, decisionDetail(pod, outcome, null));
  // Assume: the cache counts the pod on its node before the binding is confirmed.
  const assumed = sched.cache.assumePod(pod, host);
  const reserve = fwk.runReserve(state, assumed, host);
  if (!reserve.isSuccess()) {
    fwk.runUnreserve(state, assumed, host);
    sched.cache.forgetPod(assumed);
    handleSchedulingFailure(sched, info, reserve, undefined, cycle, step);
    return;
  }
  sched.queue.done(info.uid);
  const bound = fwk.runBind(state, assumed, host, step);
  if (!bound.isSuccess()) {
    // handleBindingCycleError: undo the reservation and retry after a backoff.
    fwk.runUnreserve(state, assumed, host);
    sched.cache.forgetPod(assumed);
    sched.queue.moveAllToActiveOrBackoffQueue(
      { resource: 'Pod', actions: ['Delete'], label: 'AssignedPodDelete', oldObj: assumed },
      step,
    );
    const status = bound.isSkip() ? Status.error('no bind plugin bound the pod') : bound;
    handleSchedulingFailure(sched, info, status, undefined, cycle, step);
    return;
  }
  sched.recorder.event(
    pod as unknown as KubeObject,
    'Normal',
    'Scheduled',
    `Successfully assigned ${ns}/${name} to ${host}`,
    step,
  );
}
