/**
 * What the resource scoring plugins share (upstream's resourceAllocationScorer): the pod's
 * requests per scored resource, and each resource's allocatable and requested amount on a
 * node including the pod.
 */
import type { NodeInfo } from '../../framework/node-info';
import { NON_ZERO_DEFAULTS, isScalarResourceName, podRequests } from '../../framework/resource';
import type { Pod } from '../../framework/types';

/** A scored resource and its weight (NodeResourcesFitArgs.ScoringStrategy.Resources). */
export interface ResourceSpec {
  readonly name: string;
  readonly weight: number;
}

/** cpu and memory, weight 1 each: upstream's default scoring resources. */
export const DEFAULT_RESOURCES: readonly ResourceSpec[] = [
  { name: 'cpu', weight: 1 },
  { name: 'memory', weight: 1 },
];

/**
 * The pod's request of each resource. Unless `useRequested`, a container that asks for no
 * cpu or memory counts as 100m / 200Mi, so empty pods still spread.
 */
export function podRequestList(
  pod: Pod,
  resources: readonly ResourceSpec[],
  useRequested: boolean,
): number[] {
  const reqs = podRequests(pod, useRequested ? {} : { nonMissingContainerRequests: NON_ZERO_DEFAULTS });
  return resources.map((r) => reqs.get(r.name) ?? 0);
}

/** A resource's allocatable amount on a node and what is requested there with the pod; [0, 0] skips it. */
export function allocatableAndRequested(
  nodeInfo: NodeInfo,
  resource: string,
  podRequest: number,
  useRequested: boolean,
): [number, number] {
  const requested = useRequested ? nodeInfo.requested : nodeInfo.nonZeroRequested;
  if (podRequest === 0 && isScalarResourceName(resource)) return [0, 0];
  switch (resource) {
    case 'cpu':
      return [nodeInfo.allocatable.milliCPU, requested.milliCPU + podRequest];
    case 'memory':
      return [nodeInfo.allocatable.memory, requested.memory + podRequest];
    case 'ephemeral-storage':
      return [nodeInfo.allocatable.ephemeralStorage, nodeInfo.requested.ephemeralStorage + podRequest];
    default:
      if (!isScalarResourceName(resource)) return [0, 0];
      return [
        nodeInfo.allocatable.scalar.get(resource) ?? 0,
        (nodeInfo.requested.scalar.get(resource) ?? 0) + podRequest,
      ];
  }
}

/** Scores a node with `scorer` over the resources it has (allocatable 0 leaves a resource out). */
export function scoreResources(
  nodeInfo: NodeInfo,
  resources: readonly ResourceSpec[],
  podReqs: readonly number[],
  useRequested: boolean,
  scorer: (requested: number[], allocatable: number[]) => number,
): number {
  const requested = resources.map(() => 0);
  const allocatable = resources.map(() => 0);
  resources.forEach((r, i) => {
    const [alloc, req] = allocatableAndRequested(nodeInfo, r.name, podReqs[i] ?? 0, useRequested);
    if (alloc === 0) return;
    allocatable[i] = alloc;
    requested[i] = req;
  });
  return scorer(requested, allocatable);
}
