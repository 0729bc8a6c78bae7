/**
 * The DaemonSet's rolling update (update.go rollingUpdate), as a plan the controller carries
 * out. Without surge, old pods are deleted while fewer than maxUnavailable nodes lack an
 * available updated pod (old pods that are unavailable anyway go at once); the manage step
 * then creates their replacements. With maxSurge, an updated pod is first created next to
 * the old one, on up to maxSurge nodes at a time, and the old pod is deleted once the new
 * one is available. Both limits are scaled against desiredNumberScheduled, rounding up.
 */
import { isAvailable, isTerminating } from '../statefulset/types';
import { isUpdated, type DaemonSet, type Pod } from './types';

/** What a rolling update step does. */
export interface UpdatePlan {
  /** Old pods to delete. */
  readonly deletePods: Pod[];
  /** Nodes to create an updated pod on, next to the old one (surge). */
  readonly surgeNodes: string[];
}

/** intstr.GetScaledValueFromIntOrPercent, rounding up. */
export function scaled(value: number | string | undefined, total: number, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value === 'number') return value;
  const percent = /^(\d+)%$/.exec(value);
  if (percent === null) return Number(value) || 0;
  return Math.ceil((Number(percent[1]) * total) / 100);
}

/** updatedDesiredNodeCounts: maxSurge and maxUnavailable (at least one of them non-zero). */
export function limits(ds: DaemonSet, desired: number): { maxSurge: number; maxUnavailable: number } {
  const ru = ds.spec.updateStrategy?.rollingUpdate;
  const maxSurge = scaled(ru?.maxSurge, desired, 0);
  let maxUnavailable = scaled(ru?.maxUnavailable, desired, 1);
  if (maxSurge === 0 && maxUnavailable === 0) maxUnavailable = 1;
  return { maxSurge, maxUnavailable: maxSurge > 0 ? 0 : maxUnavailable };
}

/** findUpdatedPodsOnNode: the node's one updated and one old pod; null if it has more. */
function podsOnNode(ds: DaemonSet, pods: readonly Pod[], hash: string): { next?: Pod; old?: Pod } | null {
  let next: Pod | undefined;
  let old: Pod | undefined;
  for (const pod of pods) {
    if (isTerminating(pod)) continue;
    if (isUpdated(ds, pod, hash)) {
      if (next !== undefined) return null;
      next = pod;
    } else {
      if (old !== undefined) return null;
      old = pod;
    }
  }
  return { ...(next === undefined ? {} : { next }), ...(old === undefined ? {} : { old }) };
}

/** The plan for one sync. `byNode` holds the pods of the nodes the DaemonSet should run on. */
export function planRollingUpdate(
  ds: DaemonSet,
  byNode: ReadonlyMap<string, readonly Pod[]>,
  desired: number,
  hash: string,
  now: number,
): UpdatePlan {
  const { maxSurge, maxUnavailable } = limits(ds, desired);
  const minReady = ds.spec.minReadySeconds ?? 0;
  const available = (p: Pod) => isAvailable(p, minReady, now);
  const nodes = [...byNode.keys()].sort();
  if (maxSurge === 0) {
    let unavailable = 0;
    const replaceNow: Pod[] = [];
    const candidates: Pod[] = [];
    for (const node of nodes) {
      const found = podsOnNode(ds, byNode.get(node) ?? [], hash);
      if (found === null || (found.old === undefined) === (found.next === undefined)) unavailable++;
      else if (found.next !== undefined) {
        if (!available(found.next)) unavailable++;
      } else if (found.old !== undefined) {
        if (!available(found.old)) replaceNow.push(found.old);
        else if (unavailable < maxUnavailable) candidates.push(found.old);
      }
    }
    const room = Math.min(Math.max(0, maxUnavailable - unavailable), candidates.length);
    return { deletePods: [...replaceNow, ...candidates.slice(0, room)], surgeNodes: [] };
  }
  let surging = 0;
  const surgeNodes: string[] = [];
  const deletePods: Pod[] = [];
  for (const node of nodes) {
    const found = podsOnNode(ds, byNode.get(node) ?? [], hash);
    if (found === null) {
      surging++;
      continue;
    }
    if (found.old === undefined) continue;
    if (found.next === undefined) {
      if (!available(found.old)) surgeNodes.push(node);
      else if (surging < maxSurge) {
        surging++;
        surgeNodes.push(node);
      }
    } else if (!available(found.next)) surging++;
    else deletePods.push(found.old);
  }
  return { deletePods, surgeNodes };
}
