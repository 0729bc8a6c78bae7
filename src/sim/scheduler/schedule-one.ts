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
import { bindingCycle } from './binding-cycle';
import { handleSchedulingFailure } from './failure';
import type { Framework } from './framework/runtime';
import { CLEAR_NOMINATED_NODE, type NominatingInfo } from './nominator';
import type { QueuedPodInfo } from './queue';
import { SCHEDULER_ID, type Scheduler } from './scheduler';

/**
 * The decision step's detail: each node's filter verdict and scores, the choice, and the
 * node the pod is nominated to after preemption.
 */
function decisionDetail(
  pod: Pod,
  outcome: ScheduleOutcome,
  message: string | null,
  nominating?: NominatingInfo,
): Json {
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
    ...(nominating === undefined || nominating.nodeName === ''
      ? {}
      : { nominatedNodeName: nominating.nodeName }),
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

/**
 * Runs PostFilter (preemption) after a FitError; returns the failure's status with the full
 * message, and how the pod's nomination changes (undefined: as its status says).
 */
function runPostFilter(
  fwk: Framework,
  state: CycleState,
  info: QueuedPodInfo,
  numAllNodes: number,
  diagnosis: Diagnosis,
): { status: Status; nominating: NominatingInfo | undefined } {
  let nominating: NominatingInfo | undefined;
  if (fwk.hasPostFilterPlugins()) {
    const out = fwk.runPostFilter(state, info.pod, diagnosis.nodeToStatus, info.cause);
    diagnosis.postFilterMsg = out.status.message();
    if (out.nominatedNodeName !== undefined)
      nominating = { mode: 'override', nodeName: out.nominatedNodeName };
  }
  return { status: new Status('Unschedulable', [fitErrorMessage(numAllNodes, diagnosis)]), nominating };
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
    const { status, nominating } =
      outcome.kind === 'unfit'
        ? runPostFilter(fwk, state, info, outcome.numAllNodes, outcome.diagnosis)
        : { status: outcome.status, nominating: CLEAR_NOMINATED_NODE };
    const step = emitDecision(
      sched,
      info,
      `schedule ${podKey(pod)}: ${status.message()}`,
      decisionDetail(pod, outcome, status.message(), nominating),
    );
    sched.history.record({
      cycle,
      pod: podKey(pod),
      time: sched.kernel.clock.now(),
      node: null,
      message: status.message(),
      feasible: null,
      evaluated: null,
      step,
    });
    handleSchedulingFailure(sched, info, status, outcome.diagnosis, nominating, cycle, step);
    return;
  }

  const host = outcome.host;
  const summary = `schedule ${podKey(pod)}: ${host} (${outcome.feasible}/${outcome.evaluated} nodes feasible)`;
  const step = emitDecision(sched, info, summary, decisionDetail(pod, outcome, null));
  sched.history.record({
    cycle,
    pod: podKey(pod),
    time: sched.kernel.clock.now(),
    node: host,
    message: null,
    feasible: outcome.feasible,
    evaluated: outcome.evaluated,
    step,
  });
  // Assume: the cache counts the pod on its node before the binding is confirmed.
  const assumed = sched.cache.assumePod(pod, host);
  // A nominated pod placed is no longer nominated.
  sched.queue.nominator.delete(assumed);
  const reserve = fwk.runReserve(state, assumed, host);
  if (!reserve.isSuccess()) {
    fwk.runUnreserve(state, assumed, host);
    sched.cache.forgetPod(assumed);
    handleSchedulingFailure(sched, info, reserve, undefined, CLEAR_NOMINATED_NODE, cycle, step);
    return;
  }
  sched.queue.done(info.uid);
  bindingCycle(sched, fwk, state, info, assumed, host, cycle, step);
}
