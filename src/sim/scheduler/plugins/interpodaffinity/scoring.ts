/**
 * InterPodAffinity's scoring: each topology domain collects the weights of the incoming
 * pod's preferred (anti-)affinity terms that existing pods there match, and of existing
 * pods' terms that the incoming pod matches (their required affinity at weight 1); the
 * node's score is the sum over its domains, normalized to 0-100 between min and max.
 */
import type { CycleState } from '../../framework/cycle-state';
import type { Handle, NodeScore } from '../../framework/interface';
import type { NodeInfo } from '../../framework/node-info';
import { Status, type Result } from '../../framework/status';
import { MAX_NODE_SCORE, type Pod } from '../../framework/types';
import {
  hasAffinity,
  namespaceLabelsOf,
  podTerms,
  termMatches,
  type AffinityTerm,
  type PodTerms,
} from './terms';

const PRE_SCORE_KEY = 'PreScoreInterPodAffinity';
/** Upstream's default hardPodAffinityWeight. */
export const HARD_POD_AFFINITY_WEIGHT = 1;

/** topologyKey -> value -> score. */
type ScoreMap = Map<string, Map<string, number>>;

function processTerm(
  m: ScoreMap,
  t: AffinityTerm,
  weight: number,
  pod: Pod,
  nsLabels: Readonly<Record<string, string>> | undefined,
  nodeLabels: Readonly<Record<string, string>>,
): void {
  if (!termMatches(t, pod, nsLabels)) return;
  const v = nodeLabels[t.topologyKey];
  if (v === undefined) return;
  let values = m.get(t.topologyKey);
  if (values === undefined) m.set(t.topologyKey, (values = new Map()));
  values.set(v, (values.get(v) ?? 0) + weight);
}

function processExistingPod(
  handle: Handle,
  m: ScoreMap,
  terms: PodTerms,
  pod: Pod,
  existing: Pod,
  node: NodeInfo,
): void {
  const labels = node.node?.metadata?.labels ?? {};
  if (Object.keys(labels).length === 0) return;
  const existingNs = namespaceLabelsOf(handle, existing);
  for (const t of terms.preferredAffinity) processTerm(m, t, t.weight, existing, existingNs, labels);
  for (const t of terms.preferredAntiAffinity) processTerm(m, t, -t.weight, existing, existingNs, labels);
  const ownNs = namespaceLabelsOf(handle, pod);
  const theirs = podTerms(existing);
  for (const t of theirs.requiredAffinity) processTerm(m, t, HARD_POD_AFFINITY_WEIGHT, pod, ownNs, labels);
  for (const t of theirs.preferredAffinity) processTerm(m, t, t.weight, pod, ownNs, labels);
  for (const t of theirs.preferredAntiAffinity) processTerm(m, t, -t.weight, pod, ownNs, labels);
}

/** Builds the per-domain score map; Skip when no pod has preferences that apply. */
export function preScore(handle: Handle, state: CycleState, pod: Pod, nodes: readonly NodeInfo[]): Result {
  if (nodes.length === 0) return Status.skip();
  const terms = podTerms(pod);
  const hasConstraints = terms.preferredAffinity.length > 0 || terms.preferredAntiAffinity.length > 0;
  const m: ScoreMap = new Map();
  for (const node of handle.snapshot().list()) {
    const pods = hasConstraints ? node.pods : node.pods.filter(hasAffinity);
    for (const existing of pods) processExistingPod(handle, m, terms, pod, existing, node);
  }
  if (m.size === 0) return Status.skip();
  state.write(PRE_SCORE_KEY, m);
  return null;
}

/** The sum of the node's domains' scores. */
export function score(state: CycleState, nodeInfo: NodeInfo): number {
  const m = state.read<ScoreMap>(PRE_SCORE_KEY);
  const labels = nodeInfo.node?.metadata?.labels ?? {};
  let total = 0;
  for (const [key, values] of m) {
    const v = labels[key];
    if (v !== undefined) total += values.get(v) ?? 0;
  }
  return total;
}

/** 100 x (score - min) / (max - min). */
export function normalizeScore(state: CycleState, scores: NodeScore[]): Result {
  const m = state.tryRead<ScoreMap>(PRE_SCORE_KEY);
  if (m === undefined || m.size === 0) return null;
  let min = Number.MAX_SAFE_INTEGER;
  let max = Number.MIN_SAFE_INTEGER;
  for (const s of scores) {
    max = Math.max(max, s.score);
    min = Math.min(min, s.score);
  }
  const diff = max - min;
  for (const s of scores) s.score = diff > 0 ? Math.trunc(MAX_NODE_SCORE * ((s.score - min) / diff)) : 0;
  return null;
}
