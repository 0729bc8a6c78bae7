/**
 * Finding a node for one pod (upstream's schedulePod, findNodesThatFitPod,
 * findNodesThatPassFilters, numFeasibleNodesToFind, prioritizeNodes and selectHost).
 */
import type { CycleState } from './framework/cycle-state';
import { addPluginStatus, newDiagnosis, type Diagnosis } from './framework/diagnosis';
import type { NodeInfo } from './framework/node-info';
import type { Framework, NodePluginScores } from './framework/runtime';
import { Status } from './framework/status';
import type { Pod } from './framework/types';
import type { Scheduler } from './scheduler';

/** Below this many nodes every node is checked; above, at least this many feasible nodes are found. */
export const MIN_FEASIBLE_NODES_TO_FIND = 100;
/** The adaptive percentage never drops below this. */
export const MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND = 5;

export const ERR_NO_NODES_AVAILABLE = 'no nodes available to schedule pods';

/**
 * How many feasible nodes to look for before scoring: all nodes in clusters under 100 nodes;
 * otherwise `percentage` of them (adaptive when 0: 50% minus 1% per 125 nodes, at least 5%),
 * and never fewer than 100.
 */
export function numFeasibleNodesToFind(percentage: number, numAllNodes: number): number {
  if (numAllNodes < MIN_FEASIBLE_NODES_TO_FIND) return numAllNodes;
  let p = percentage;
  if (p === 0) p = Math.max(50 - Math.trunc(numAllNodes / 125), MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND);
  const n = Math.trunc((numAllNodes * p) / 100);
  return n < MIN_FEASIBLE_NODES_TO_FIND ? MIN_FEASIBLE_NODES_TO_FIND : n;
}

/** What a scheduling attempt found. */
export type ScheduleOutcome =
  | {
      readonly kind: 'scheduled';
      readonly host: string;
      readonly evaluated: number;
      readonly feasible: number;
      /** Every scored node's scores; empty when only one node fitted (no scoring then). */
      readonly scores: readonly NodePluginScores[];
      readonly diagnosis: Diagnosis;
    }
  | { readonly kind: 'unfit'; readonly numAllNodes: number; readonly diagnosis: Diagnosis }
  | { readonly kind: 'error'; readonly status: Status; readonly diagnosis: Diagnosis };

/** Runs Filter on the nodes, starting where the last cycle stopped, until enough fit. */
function findNodesThatPassFilters(
  sched: Scheduler,
  fwk: Framework,
  state: CycleState,
  pod: Pod,
  diagnosis: Diagnosis,
  nodes: readonly NodeInfo[],
): NodeInfo[] | Status {
  const want = numFeasibleNodesToFind(
    fwk.percentageOfNodesToScore ?? sched.percentageOfNodesToScore,
    nodes.length,
  );
  const feasible: NodeInfo[] = [];
  if (!fwk.hasFilterPlugins()) {
    for (let i = 0; i < want; i++)
      feasible.push(nodes[(sched.nextStartNodeIndex + i) % nodes.length] as NodeInfo);
    return feasible;
  }
  for (let i = 0; i < nodes.length && feasible.length < want; i++) {
    const node = nodes[(sched.nextStartNodeIndex + i) % nodes.length] as NodeInfo;
    const status = fwk.runFilterPluginsWithNominatedPods(state, pod, node);
    if (status.code === 'Error') return status;
    if (status.isSuccess()) feasible.push(node);
    else {
      diagnosis.nodeToStatus.set(node.name, status);
      addPluginStatus(diagnosis, status);
    }
  }
  return feasible;
}

/** Picks the highest total score; ties are broken by reservoir sampling with the kernel's RNG. */
export function selectHost(
  scores: readonly NodePluginScores[],
  rng: { int(min: number, max: number): number },
): string {
  const [first, ...rest] = scores;
  if (first === undefined) throw new Error('empty priorityList');
  let selected = first;
  let count = 1;
  for (const s of rest) {
    if (s.total > selected.total) {
      selected = s;
      count = 1;
    } else if (s.total === selected.total) {
      count++;
      if (rng.int(0, count - 1) === 0) selected = s;
    }
  }
  return selected.name;
}

/** One scheduling attempt for `pod` on the cache's current snapshot. */
export function schedulePod(sched: Scheduler, fwk: Framework, state: CycleState, pod: Pod): ScheduleOutcome {
  const diagnosis = newDiagnosis();
  const snapshot = sched.takeSnapshot();
  const allNodes = snapshot.list();
  if (allNodes.length === 0) {
    return {
      kind: 'error',
      status: new Status('UnschedulableAndUnresolvable', [ERR_NO_NODES_AVAILABLE]),
      diagnosis,
    };
  }
  const pre = fwk.runPreFilter(state, pod, allNodes);
  for (const p of pre.pluginsWithNodes) diagnosis.unschedulablePlugins.add(p);
  if (!pre.status.isSuccess()) {
    if (!pre.status.isRejected()) return { kind: 'error', status: pre.status, diagnosis };
    diagnosis.nodeToStatus.setAbsentNodesStatus(pre.status);
    diagnosis.preFilterMsg = pre.status.message();
    addPluginStatus(diagnosis, pre.status);
    return { kind: 'unfit', numAllNodes: allNodes.length, diagnosis };
  }
  // A node nominated in an earlier cycle (after preemption) is likely the only one that fits:
  // it is tried first (evaluateNominatedNode).
  const nominated = snapshot.get(pod.status?.nominatedNodeName ?? '');
  if (nominated !== undefined) {
    const fits = findNodesThatPassFilters(sched, fwk, state, pod, diagnosis, [nominated]);
    const only = Array.isArray(fits) ? fits[0] : undefined;
    if (only !== undefined) {
      const evaluated = 1 + diagnosis.nodeToStatus.size;
      return { kind: 'scheduled', host: only.name, evaluated, feasible: 1, scores: [], diagnosis };
    }
  }
  let nodes = allNodes;
  if (pre.result !== undefined) {
    const names = pre.result.nodeNames;
    nodes = allNodes.filter((n) => names.has(n.name));
    const plugins = [...pre.pluginsWithNodes].sort().join(' ');
    diagnosis.nodeToStatus.setAbsentNodesStatus(
      Status.unresolvable(`node(s) didn't satisfy plugin(s) [${plugins}]`),
    );
  }
  const feasible = findNodesThatPassFilters(sched, fwk, state, pod, diagnosis, nodes);
  const processed = (Array.isArray(feasible) ? feasible.length : 0) + diagnosis.nodeToStatus.size;
  sched.nextStartNodeIndex = (sched.nextStartNodeIndex + processed) % allNodes.length;
  if (!Array.isArray(feasible)) return { kind: 'error', status: feasible, diagnosis };
  if (feasible.length === 0) return { kind: 'unfit', numAllNodes: allNodes.length, diagnosis };
  const evaluated = feasible.length + diagnosis.nodeToStatus.size;
  const only = feasible.length === 1 ? feasible[0] : undefined;
  if (only !== undefined)
    return { kind: 'scheduled', host: only.name, evaluated, feasible: 1, scores: [], diagnosis };

  let scores: NodePluginScores[];
  if (!fwk.hasScorePlugins()) {
    scores = feasible.map((n) => ({ name: n.name, scores: [], total: 1 }));
  } else {
    const preScore = fwk.runPreScore(state, pod, feasible);
    if (!preScore.isSuccess()) return { kind: 'error', status: preScore, diagnosis };
    const scored = fwk.runScore(state, pod, feasible);
    if (scored instanceof Status) return { kind: 'error', status: scored, diagnosis };
    scores = scored;
  }
  const host = selectHost(scores, sched.kernel.rng);
  return { kind: 'scheduled', host, evaluated, feasible: feasible.length, scores, diagnosis };
}
