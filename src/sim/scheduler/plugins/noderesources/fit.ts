/**
 * NodeResourcesFit: Filter keeps nodes with room for the pod's requests (`Too many pods`,
 * `Insufficient cpu`, `Insufficient memory`, `Insufficient <resource>`); Score prefers the
 * least allocated nodes (the LeastAllocated strategy, cpu and memory weighted equally).
 */
import type { Plugin, QueueingHint } from '../../framework/interface';
import { NodeInfo } from '../../framework/node-info';
import { podResource, type Resource } from '../../framework/resource';
import { Status } from '../../framework/status';
import { MAX_NODE_SCORE, isAssigned, type Node, type Pod } from '../../framework/types';
import { DEFAULT_RESOURCES, podRequestList, scoreResources, type ResourceSpec } from './resource-allocation';

export const NAME = 'NodeResourcesFit';
const PRE_FILTER_KEY = `PreFilter${NAME}`;
const PRE_SCORE_KEY = `PreScore${NAME}`;

/** A resource the node lacks for the pod. */
export interface InsufficientResource {
  readonly resourceName: string;
  readonly reason: string;
  readonly requested: number;
  readonly used: number;
  readonly capacity: number;
}

/** What the node lacks for a pod requesting `req` (upstream's fitsRequest), in upstream's order. */
export function fitsRequest(req: Resource, nodeInfo: NodeInfo): InsufficientResource[] {
  const out: InsufficientResource[] = [];
  const alloc = nodeInfo.allocatable;
  const used = nodeInfo.requested;
  if (nodeInfo.pods.length + 1 > alloc.allowedPodNumber) {
    out.push({
      resourceName: 'pods',
      reason: 'Too many pods',
      requested: 1,
      used: nodeInfo.pods.length,
      capacity: alloc.allowedPodNumber,
    });
  }
  if (req.milliCPU === 0 && req.memory === 0 && req.ephemeralStorage === 0 && req.scalar.size === 0)
    return out;
  const check = (name: string, want: number, allocatable: number, inUse: number) => {
    if (want > 0 && want > allocatable - inUse) {
      out.push({
        resourceName: name,
        reason: `Insufficient ${name}`,
        requested: want,
        used: inUse,
        capacity: allocatable,
      });
    }
  };
  check('cpu', req.milliCPU, alloc.milliCPU, used.milliCPU);
  check('memory', req.memory, alloc.memory, used.memory);
  check('ephemeral-storage', req.ephemeralStorage, alloc.ephemeralStorage, used.ephemeralStorage);
  for (const name of [...req.scalar.keys()].sort()) {
    check(name, req.scalar.get(name) ?? 0, alloc.scalar.get(name) ?? 0, used.scalar.get(name) ?? 0);
  }
  return out;
}

/** LeastAllocated: (allocatable - requested) / allocatable, as 0-100, averaged by weight. */
export function leastAllocatedScorer(resources: readonly ResourceSpec[]) {
  return (requested: number[], allocatable: number[]): number => {
    let nodeScore = 0;
    let weightSum = 0;
    requested.forEach((req, i) => {
      const capacity = allocatable[i] ?? 0;
      if (capacity === 0) return;
      const weight = resources[i]?.weight ?? 1;
      const score = req > capacity ? 0 : Math.trunc(((capacity - req) * MAX_NODE_SCORE) / capacity);
      nodeScore += score * weight;
      weightSum += weight;
    });
    return weightSum === 0 ? 0 : Math.trunc(nodeScore / weightSum);
  };
}

/** Whether the pod fits the node when nothing runs there (upstream's isFit). */
function isFit(pod: Pod, node: Node): boolean {
  return fitsRequest(podResource(pod), new NodeInfo(node)).length === 0;
}

/** Queueing hint: only the deletion of an assigned pod frees resources. */
export function isSchedulableAfterPodDeleted(_pod: Pod, oldObj: unknown, newObj: unknown): QueueingHint {
  return newObj === undefined && isAssigned(oldObj as Pod) ? 'Queue' : 'QueueSkip';
}

/**
 * Queueing hint: a node added or grown may help only if the pod would fit it empty, and,
 * for an update, if some resource the pod requests grew.
 */
export function isSchedulableAfterNodeChange(pod: Pod, oldObj: unknown, newObj: unknown): QueueingHint {
  const node = newObj as Node;
  if (!isFit(pod, node)) return 'QueueSkip';
  if (oldObj === undefined) return 'Queue';
  const req = podResource(pod);
  const before = new NodeInfo(oldObj as Node).allocatable;
  const after = new NodeInfo(node).allocatable;
  if (after.allowedPodNumber > before.allowedPodNumber) return 'Queue';
  const grew =
    (req.milliCPU > 0 && after.milliCPU > before.milliCPU) ||
    (req.memory > 0 && after.memory > before.memory) ||
    (req.ephemeralStorage > 0 && after.ephemeralStorage > before.ephemeralStorage) ||
    [...req.scalar].some(
      ([name, v]) => v > 0 && (after.scalar.get(name) ?? 0) > (before.scalar.get(name) ?? 0),
    );
  return grew ? 'Queue' : 'QueueSkip';
}

/** The NodeResourcesFit plugin, scoring `resources` (cpu and memory by default). */
export function nodeResourcesFit(resources: readonly ResourceSpec[] = DEFAULT_RESOURCES): Plugin {
  const scorer = leastAllocatedScorer(resources);
  return {
    name: NAME,
    events: [
      { resource: 'Pod', actions: ['Delete'], hint: isSchedulableAfterPodDeleted },
      { resource: 'Node', actions: ['Add', 'UpdateNodeAllocatable'], hint: isSchedulableAfterNodeChange },
    ],
    preFilter(state, pod) {
      state.write(PRE_FILTER_KEY, podResource(pod));
      return null;
    },
    filter(state, _pod, nodeInfo) {
      const insufficient = fitsRequest(state.read<Resource>(PRE_FILTER_KEY), nodeInfo);
      return insufficient.length === 0 ? null : Status.unschedulable(...insufficient.map((r) => r.reason));
    },
    preScore(state, pod) {
      state.write(PRE_SCORE_KEY, podRequestList(pod, resources, false));
      return null;
    },
    score(state, pod, nodeInfo) {
      const reqs = state.tryRead<number[]>(PRE_SCORE_KEY) ?? podRequestList(pod, resources, false);
      return scoreResources(nodeInfo, resources, reqs, false, scorer);
    },
  };
}
