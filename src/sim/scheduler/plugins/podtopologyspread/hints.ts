/**
 * PodTopologySpread's queueing hints (simplified from upstream's): a pod change helps when
 * it can change a count — a pod in the same namespace that one of the pending pod's
 * DoNotSchedule constraints selects (or stops or starts selecting); a node change helps when
 * the node carries the constraints' topology keys.
 */
import type { Handle, QueueingHint } from '../../framework/interface';
import { labelsOf, type Node, type Pod } from '../../framework/types';
import { nodeHasAllKeys, podConstraints } from './common';

/** The hint for Pod events. */
export function podHint(handle: Handle) {
  return (pod: Pod, oldObj: unknown, newObj: unknown): QueueingHint => {
    const [old, changed] = [oldObj as Pod | undefined, newObj as Pod | undefined];
    // The pending pod itself changed (its labels): its own constraints may now be met.
    if ((changed ?? old)?.metadata?.uid === pod.metadata?.uid) return 'Queue';
    const ns = pod.metadata?.namespace;
    if ((changed ?? old)?.metadata?.namespace !== ns) return 'QueueSkip';
    const constraints = podConstraints(handle, pod, 'DoNotSchedule');
    if (old !== undefined && changed !== undefined) {
      const flips = constraints.some((c) => c.selector(labelsOf(old)) !== c.selector(labelsOf(changed)));
      return flips ? 'Queue' : 'QueueSkip';
    }
    const target = changed ?? old;
    return target !== undefined && constraints.some((c) => c.selector(labelsOf(target)))
      ? 'Queue'
      : 'QueueSkip';
  };
}

/** The hint for Node events. */
export function nodeHint(handle: Handle) {
  return (pod: Pod, oldObj: unknown, newObj: unknown): QueueingHint => {
    const constraints = podConstraints(handle, pod, 'DoNotSchedule');
    const node = (newObj ?? oldObj) as Node | undefined;
    return nodeHasAllKeys(node, constraints) ? 'Queue' : 'QueueSkip';
  };
}
