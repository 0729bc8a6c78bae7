/**
 * NodeResourcesBalancedAllocation: prefers nodes whose cpu and memory would be used in
 * similar proportions with the pod: score = (1 - standard deviation of the fractions) x 100.
 * It counts requests as asked (no non-zero defaults).
 */
import type { Plugin } from '../../framework/interface';
import { MAX_NODE_SCORE } from '../../framework/types';
import { DEFAULT_RESOURCES, podRequestList, scoreResources, type ResourceSpec } from './resource-allocation';

export const NAME = 'NodeResourcesBalancedAllocation';
const PRE_SCORE_KEY = `PreScore${NAME}`;

/** (1 - standard deviation of requested/allocatable fractions) x 100, fractions capped at 1. */
export function balancedResourceScorer(requested: number[], allocatable: number[]): number {
  const fractions: number[] = [];
  let total = 0;
  requested.forEach((req, i) => {
    const alloc = allocatable[i] ?? 0;
    if (alloc === 0) return;
    const fraction = Math.min(req / alloc, 1);
    total += fraction;
    fractions.push(fraction);
  });
  let std = 0;
  if (fractions.length === 2) {
    std = Math.abs(((fractions[0] ?? 0) - (fractions[1] ?? 0)) / 2);
  } else if (fractions.length > 2) {
    const mean = total / fractions.length;
    std = Math.sqrt(fractions.reduce((sum, f) => sum + (f - mean) * (f - mean), 0) / fractions.length);
  }
  return Math.trunc((1 - std) * MAX_NODE_SCORE);
}

/** The NodeResourcesBalancedAllocation plugin. */
export function nodeResourcesBalancedAllocation(
  resources: readonly ResourceSpec[] = DEFAULT_RESOURCES,
): Plugin {
  return {
    name: NAME,
    preScore(state, pod) {
      state.write(PRE_SCORE_KEY, podRequestList(pod, resources, true));
      return null;
    },
    score(state, pod, nodeInfo) {
      const reqs = state.tryRead<number[]>(PRE_SCORE_KEY) ?? podRequestList(pod, resources, true);
      return scoreResources(nodeInfo, resources, reqs, true, balancedResourceScorer);
    },
  };
}
