/**
 * Preemption candidates and the choice among them (upstream's Candidate, candidatesToVictimsMap
 * and pickOneNodeForPreemption).
 */
import { podPriority, type Pod } from '../types';
import { earliestPodStartTime } from './util';

/** The pods to evict from a node, most important first, and how many of them break a PDB. */
export interface Victims {
  readonly pods: readonly Pod[];
  readonly numPDBViolations: number;
}

/** A node the preemptor would fit on once its victims are gone. */
export interface Candidate {
  readonly name: string;
  readonly victims: Victims;
}

/** 2^31: added to every priority so sums compare right when priorities are negative. */
const PRIORITY_OFFSET = 2 ** 31;

/**
 * The default criteria, in order; each scores a node higher when it is preferable:
 * 1. fewest PodDisruptionBudget violations;
 * 2. the lowest highest-priority victim;
 * 3. the smallest sum of victim priorities;
 * 4. the fewest victims;
 * 5. the latest start among the highest-priority victims (disturb the newest work).
 */
export function defaultScoreFuncs(
  nodesToVictims: ReadonlyMap<string, Victims>,
  now: number,
): ((node: string) => number)[] {
  const v = (node: string): Victims => nodesToVictims.get(node) ?? { pods: [], numPDBViolations: 0 };
  return [
    (node) => -v(node).numPDBViolations,
    (node) => {
      const first = v(node).pods[0];
      return first === undefined ? 0 : -podPriority(first);
    },
    (node) => -v(node).pods.reduce((sum, p) => sum + podPriority(p) + PRIORITY_OFFSET, 0),
    (node) => -v(node).pods.length,
    (node) => earliestPodStartTime(v(node).pods, now) ?? Number.MIN_SAFE_INTEGER,
  ];
}

/**
 * Picks the node to preempt on (pickOneNodeForPreemption): each criterion keeps the nodes with
 * its best score and stops as soon as one node is left; if all tie, the first candidate wins.
 * Upstream ranges over a Go map there, so its final tie-break is arbitrary; here it is the
 * candidates' order, which keeps runs deterministic.
 */
export function pickOneNodeForPreemption(
  nodesToVictims: ReadonlyMap<string, Victims>,
  scoreFuncs: readonly ((node: string) => number)[],
): string {
  let candidates = [...nodesToVictims.keys()];
  if (candidates.length === 0) return '';
  for (const score of scoreFuncs) {
    let best = -Infinity;
    let selected: string[] = [];
    for (const node of candidates) {
      const s = score(node);
      if (s > best) {
        best = s;
        selected = [];
      }
      if (s === best) selected.push(node);
    }
    if (selected.length === 1) return selected[0] as string;
    candidates = selected;
  }
  return candidates[0] as string;
}

/** Candidates by node name (candidatesToVictimsMap). */
export function candidatesToVictimsMap(candidates: readonly Candidate[]): Map<string, Victims> {
  return new Map(candidates.map((c) => [c.name, c.victims]));
}
