/**
 * NodeName: a pod that names a node in `spec.nodeName` fits only that node.
 */
import type { Plugin, QueueingHint } from '../../framework/interface';
import type { Node, Pod } from '../../framework/types';
import { Status } from '../../framework/status';

export const NAME = 'NodeName';
export const ERR_REASON = "node(s) didn't match the requested node name";

/** Queueing hint: only the node the pod names helps. */
export function isSchedulableAfterNodeAdd(pod: Pod, _oldObj: unknown, newObj: unknown): QueueingHint {
  const wanted = pod.spec?.nodeName ?? '';
  return wanted === '' || wanted === (newObj as Node).metadata?.name ? 'Queue' : 'QueueSkip';
}

/** The NodeName plugin. */
export function nodeNamePlugin(): Plugin {
  return {
    name: NAME,
    events: [{ resource: 'Node', actions: ['Add'], hint: isSchedulableAfterNodeAdd }],
    filter(_state, pod, nodeInfo) {
      const wanted = pod.spec?.nodeName ?? '';
      return wanted === '' || wanted === nodeInfo.name ? null : Status.unresolvable(ERR_REASON);
    },
  };
}
