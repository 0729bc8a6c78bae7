/**
 * InterPodAffinity's PreFilter and Filter: required pod affinity (the node's domain must
 * hold a matching pod, unless no pod matches anywhere and the pod matches itself), required
 * anti-affinity (no matching pod in the domain), and existing pods' anti-affinity against
 * the incoming pod.
 */
import type { CycleState } from '../../framework/cycle-state';
import type { Handle, PreFilterOutcome } from '../../framework/interface';
import type { NodeInfo } from '../../framework/node-info';
import { Status, type Result } from '../../framework/status';
import type { Pod } from '../../framework/types';
import { hasRequiredAntiAffinity, namespaceLabelsOf, podTerms, termMatches, type PodTerms } from './terms';

export const ERR_REASON_EXISTING_ANTI_AFFINITY = "node(s) didn't satisfy existing pods anti-affinity rules";
export const ERR_REASON_AFFINITY = "node(s) didn't match pod affinity rules";
export const ERR_REASON_ANTI_AFFINITY = "node(s) didn't match pod anti-affinity rules";
const PRE_FILTER_KEY = 'PreFilterInterPodAffinity';

interface PreFilterState {
  readonly terms: PodTerms;
  readonly nsLabels: Readonly<Record<string, string>>;
  /** `key\0value` -> count, for each of the three rules. */
  readonly existingAntiAffinity: Map<string, number>;
  readonly affinity: Map<string, number>;
  readonly antiAffinity: Map<string, number>;
}

const pair = (key: string, value: string) => `${key}\x00${value}`;
const bump = (m: Map<string, number>, k: string, d: number) => m.set(k, (m.get(k) ?? 0) + d);

/** Counts `existing` (on `node`) into the state, with multiplier 1 or -1. */
function count(handle: Handle, s: PreFilterState, pod: Pod, existing: Pod, node: NodeInfo, d: 1 | -1): void {
  const labels = node.node?.metadata?.labels ?? {};
  if (hasRequiredAntiAffinity(existing)) {
    for (const t of podTerms(existing).requiredAntiAffinity) {
      const v = labels[t.topologyKey];
      if (v !== undefined && termMatches(t, pod, s.nsLabels))
        bump(s.existingAntiAffinity, pair(t.topologyKey, v), d);
    }
  }
  const nsLabels = namespaceLabelsOf(handle, existing);
  for (const t of s.terms.requiredAffinity) {
    const v = labels[t.topologyKey];
    if (v !== undefined && termMatches(t, existing, nsLabels)) bump(s.affinity, pair(t.topologyKey, v), d);
  }
  for (const t of s.terms.requiredAntiAffinity) {
    const v = labels[t.topologyKey];
    if (v !== undefined && termMatches(t, existing, nsLabels))
      bump(s.antiAffinity, pair(t.topologyKey, v), d);
  }
}

const positive = (m: Map<string, number>) => [...m.values()].some((n) => n > 0);

/** Counts matching pods per domain; Skip when no affinity rule is involved. */
export function preFilter(handle: Handle, state: CycleState, pod: Pod): PreFilterOutcome | null {
  const s: PreFilterState = {
    terms: podTerms(pod),
    nsLabels: namespaceLabelsOf(handle, pod),
    existingAntiAffinity: new Map(),
    affinity: new Map(),
    antiAffinity: new Map(),
  };
  for (const node of handle.snapshot().list())
    for (const existing of node.pods) count(handle, s, pod, existing, node, 1);
  if (
    !positive(s.existingAntiAffinity) &&
    s.terms.requiredAffinity.length === 0 &&
    s.terms.requiredAntiAffinity.length === 0
  ) {
    return { status: Status.skip() };
  }
  state.write(PRE_FILTER_KEY, s);
  return null;
}

/** Checks the three rules on one node. */
export function filter(state: CycleState, pod: Pod, nodeInfo: NodeInfo): Result {
  const s = state.read<PreFilterState>(PRE_FILTER_KEY);
  const labels = nodeInfo.node?.metadata?.labels ?? {};
  // Required affinity: every term's key on the node, and a matching pod in each domain.
  let podsExist = true;
  for (const t of s.terms.requiredAffinity) {
    const v = labels[t.topologyKey];
    if (v === undefined) return Status.unresolvable(ERR_REASON_AFFINITY);
    if ((s.affinity.get(pair(t.topologyKey, v)) ?? 0) <= 0) podsExist = false;
  }
  if (!podsExist) {
    const selfMatch = s.terms.requiredAffinity.every((t) => termMatches(t, pod, s.nsLabels));
    if (positive(s.affinity) || !selfMatch) return Status.unresolvable(ERR_REASON_AFFINITY);
  }
  for (const t of s.terms.requiredAntiAffinity) {
    const v = labels[t.topologyKey];
    if (v !== undefined && (s.antiAffinity.get(pair(t.topologyKey, v)) ?? 0) > 0) {
      return Status.unschedulable(ERR_REASON_ANTI_AFFINITY);
    }
  }
  for (const [k, v] of Object.entries(labels)) {
    if ((s.existingAntiAffinity.get(pair(k, v)) ?? 0) > 0)
      return Status.unschedulable(ERR_REASON_EXISTING_ANTI_AFFINITY);
  }
  return null;
}

/** PreFilterExtensions: counts `other` in or out (preemption's dry run), copy on write. */
export function updateWithPod(
  handle: Handle,
  state: CycleState,
  pod: Pod,
  other: Pod,
  node: NodeInfo,
  d: 1 | -1,
): Result {
  const shared = state.tryRead<PreFilterState>(PRE_FILTER_KEY);
  if (shared === undefined) return null;
  const s: PreFilterState = {
    ...shared,
    existingAntiAffinity: new Map(shared.existingAntiAffinity),
    affinity: new Map(shared.affinity),
    antiAffinity: new Map(shared.antiAffinity),
  };
  state.write(PRE_FILTER_KEY, s);
  count(handle, s, pod, other, node, d);
  return null;
}
