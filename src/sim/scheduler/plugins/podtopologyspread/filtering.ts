/**
 * PodTopologySpread's PreFilter and Filter: for every DoNotSchedule constraint, count the
 * matching pods per topology domain; a node fits if placing the pod there keeps
 * `count + self - global minimum <= maxSkew`.
 */
import type { CycleState } from '../../framework/cycle-state';
import type { Handle, PreFilterOutcome } from '../../framework/interface';
import type { NodeInfo } from '../../framework/node-info';
import { Status, type Result } from '../../framework/status';
import { labelsOf, type Pod } from '../../framework/types';
import {
  countPodsMatchSelector,
  matchNodeInclusionPolicies,
  nodeHasAllKeys,
  pairKey,
  podConstraints,
  type Constraint,
} from './common';

export const ERR_REASON_CONSTRAINTS_NOT_MATCH = "node(s) didn't match pod topology spread constraints";
export const ERR_REASON_NODE_LABEL_NOT_MATCH = `${ERR_REASON_CONSTRAINTS_NOT_MATCH} (missing required label)`;
export const PRE_FILTER_KEY = 'PreFilterPodTopologySpread';

/** PreFilter's counts. */
export interface PreFilterState {
  readonly constraints: Constraint[];
  /** Matching pods per `key\0value` domain. */
  readonly tpPairToMatchNum: Map<string, number>;
}

/** The smallest count among the key's domains, and how many domains the key has. */
function minMatch(s: PreFilterState, key: string): { min: number; domains: number } {
  let min = Number.MAX_SAFE_INTEGER;
  let domains = 0;
  for (const [pair, n] of s.tpPairToMatchNum) {
    if (!pair.startsWith(`${key}\x00`)) continue;
    domains++;
    min = Math.min(min, n);
  }
  return { min, domains };
}

/** Counts matching pods per domain of the DoNotSchedule constraints; Skip without any. */
export function preFilter(handle: Handle, state: CycleState, pod: Pod): PreFilterOutcome | null {
  const constraints = podConstraints(handle, pod, 'DoNotSchedule');
  if (constraints.length === 0) return { status: Status.skip() };
  const s: PreFilterState = { constraints, tpPairToMatchNum: new Map() };
  for (const node of handle.snapshot().list()) {
    if (node.node === undefined || !nodeHasAllKeys(node.node, constraints)) continue;
    for (const c of constraints) {
      if (!matchNodeInclusionPolicies(c, pod, node.node)) continue;
      const pair = pairKey(c.topologyKey, node.node.metadata?.labels?.[c.topologyKey] ?? '');
      const count = countPodsMatchSelector(node, c.selector, pod.metadata?.namespace ?? '');
      s.tpPairToMatchNum.set(pair, (s.tpPairToMatchNum.get(pair) ?? 0) + count);
    }
  }
  state.write(PRE_FILTER_KEY, s);
  return null;
}

/** Checks every DoNotSchedule constraint on one node. */
export function filter(state: CycleState, pod: Pod, nodeInfo: NodeInfo): Result {
  const s = state.read<PreFilterState>(PRE_FILTER_KEY);
  const labels = nodeInfo.node?.metadata?.labels ?? {};
  for (const c of s.constraints) {
    const value = labels[c.topologyKey];
    if (value === undefined) return Status.unresolvable(ERR_REASON_NODE_LABEL_NOT_MATCH);
    const { min, domains } = minMatch(s, c.topologyKey);
    const minMatchNum = domains < c.minDomains ? 0 : min;
    const self = c.selector(labelsOf(pod)) ? 1 : 0;
    const matchNum = s.tpPairToMatchNum.get(pairKey(c.topologyKey, value)) ?? 0;
    if (matchNum + self - minMatchNum > c.maxSkew)
      return Status.unschedulable(ERR_REASON_CONSTRAINTS_NOT_MATCH);
  }
  return null;
}

/** PreFilterExtensions: counts `other` in or out of its domains (preemption's dry run). */
export function updateWithPod(
  state: CycleState,
  pod: Pod,
  other: Pod,
  nodeInfo: NodeInfo,
  delta: 1 | -1,
): Result {
  const shared = state.tryRead<PreFilterState>(PRE_FILTER_KEY);
  const node = nodeInfo.node;
  if (shared === undefined || node === undefined) return null;
  // Copy on write: a dry run's state is a clone of the cycle's, whose values are shared.
  const s: PreFilterState = {
    constraints: shared.constraints,
    tpPairToMatchNum: new Map(shared.tpPairToMatchNum),
  };
  state.write(PRE_FILTER_KEY, s);
  if (
    (other.metadata?.namespace ?? '') !== (pod.metadata?.namespace ?? '') ||
    !nodeHasAllKeys(node, s.constraints)
  )
    return null;
  for (const c of s.constraints) {
    if (!matchNodeInclusionPolicies(c, pod, node) || !c.selector(labelsOf(other))) continue;
    const pair = pairKey(c.topologyKey, node.metadata?.labels?.[c.topologyKey] ?? '');
    s.tpPairToMatchNum.set(pair, (s.tpPairToMatchNum.get(pair) ?? 0) + delta);
  }
  return null;
}
