/**
 * PodTopologySpread's scoring: for every ScheduleAnyway constraint (the pod's own, or the
 * system defaults for pods selected by a Service or owned by a ReplicaSet/StatefulSet), a node
 * scores the matching pods in its domain, weighted by log(domains + 2); fewer is better, so
 * NormalizeScore turns the lowest count into 100.
 */
import type { CycleState } from '../../framework/cycle-state';
import type { Handle, NodeScore } from '../../framework/interface';
import type { NodeInfo } from '../../framework/node-info';
import { Status, type Result } from '../../framework/status';
import { MAX_NODE_SCORE, type Pod } from '../../framework/types';
import {
  LABEL_HOSTNAME,
  countPodsMatchSelector,
  matchNodeInclusionPolicies,
  nodeHasAllKeys,
  pairKey,
  podConstraints,
  type Constraint,
} from './common';

const PRE_SCORE_KEY = 'PreScorePodTopologySpread';
const INVALID_SCORE = -1;

interface PreScoreState {
  readonly constraints: Constraint[];
  readonly ignoredNodes: Set<string>;
  readonly topologyPairToPodCounts: Map<string, number>;
  readonly weights: number[];
}

/** Counts matching pods per domain of the ScheduleAnyway constraints; Skip without any. */
export function preScore(handle: Handle, state: CycleState, pod: Pod, filtered: readonly NodeInfo[]): Result {
  const allNodes = handle.snapshot().list();
  if (filtered.length === 0 || allNodes.length === 0) return Status.skip();
  const own = (pod.spec?.topologySpreadConstraints ?? []).length > 0;
  const constraints = podConstraints(handle, pod, 'ScheduleAnyway');
  if (constraints.length === 0) return Status.skip();
  // Only the pod's own constraints need every topology key: default spreading still spreads by hostname without zones.
  const requireAll = own;
  const s: PreScoreState = {
    constraints,
    ignoredNodes: new Set(),
    topologyPairToPodCounts: new Map(),
    weights: [],
  };
  const sizes = constraints.map(() => 0);
  for (const n of filtered) {
    if (requireAll && !nodeHasAllKeys(n.node, constraints)) {
      s.ignoredNodes.add(n.name);
      continue;
    }
    constraints.forEach((c, i) => {
      if (c.topologyKey === LABEL_HOSTNAME) return;
      const pair = pairKey(c.topologyKey, n.node?.metadata?.labels?.[c.topologyKey] ?? '');
      if (!s.topologyPairToPodCounts.has(pair)) {
        s.topologyPairToPodCounts.set(pair, 0);
        sizes[i] = (sizes[i] ?? 0) + 1;
      }
    });
  }
  constraints.forEach((c, i) => {
    const size = c.topologyKey === LABEL_HOSTNAME ? filtered.length - s.ignoredNodes.size : (sizes[i] ?? 0);
    s.weights.push(Math.log(size + 2));
  });
  for (const n of allNodes) {
    if (n.node === undefined || (requireAll && !nodeHasAllKeys(n.node, constraints))) continue;
    for (const c of constraints) {
      if (!matchNodeInclusionPolicies(c, pod, n.node)) continue;
      const pair = pairKey(c.topologyKey, n.node.metadata?.labels?.[c.topologyKey] ?? '');
      const current = s.topologyPairToPodCounts.get(pair);
      if (current === undefined) continue;
      s.topologyPairToPodCounts.set(
        pair,
        current + countPodsMatchSelector(n, c.selector, pod.metadata?.namespace ?? ''),
      );
    }
  }
  state.write(PRE_SCORE_KEY, s);
  return null;
}

/** The weighted counts of the node's domains, plus maxSkew - 1 each. */
export function score(state: CycleState, pod: Pod, nodeInfo: NodeInfo): number {
  const s = state.read<PreScoreState>(PRE_SCORE_KEY);
  if (s.ignoredNodes.has(nodeInfo.name)) return 0;
  const labels = nodeInfo.node?.metadata?.labels ?? {};
  let total = 0;
  s.constraints.forEach((c, i) => {
    const value = labels[c.topologyKey];
    if (value === undefined) return;
    const count =
      c.topologyKey === LABEL_HOSTNAME
        ? countPodsMatchSelector(nodeInfo, c.selector, pod.metadata?.namespace ?? '')
        : (s.topologyPairToPodCounts.get(pairKey(c.topologyKey, value)) ?? 0);
    total += count * (s.weights[i] ?? 0) + (c.maxSkew - 1);
  });
  return Math.round(total);
}

/** 100 x (max + min - score) / max; ignored nodes get 0. */
export function normalizeScore(state: CycleState, scores: NodeScore[]): Result {
  const s = state.tryRead<PreScoreState>(PRE_SCORE_KEY);
  if (s === undefined) return null;
  let min = Number.MAX_SAFE_INTEGER;
  let max = 0;
  for (const n of scores) {
    if (s.ignoredNodes.has(n.name)) {
      n.score = INVALID_SCORE;
      continue;
    }
    min = Math.min(min, n.score);
    max = Math.max(max, n.score);
  }
  for (const n of scores) {
    if (n.score === INVALID_SCORE) n.score = 0;
    else if (max === 0) n.score = MAX_NODE_SCORE;
    else n.score = Math.trunc((MAX_NODE_SCORE * (max + min - n.score)) / max);
  }
  return null;
}
