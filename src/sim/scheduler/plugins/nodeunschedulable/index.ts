/**
 * NodeUnschedulable: filters out nodes with `spec.unschedulable` (cordoned), unless the pod
 * tolerates the `node.kubernetes.io/unschedulable:NoSchedule` taint.
 */
import type { Plugin, QueueingHint } from '../../framework/interface';
import type { Node, Pod } from '../../framework/types';
import { Status } from '../../framework/status';
import { tolerationsTolerateTaint } from '../helper/taints';

export const NAME = 'NodeUnschedulable';
export const ERR_REASON_UNSCHEDULABLE = 'node(s) were unschedulable';
export const TAINT_NODE_UNSCHEDULABLE = 'node.kubernetes.io/unschedulable';

/** Queueing hint: a node added schedulable, or uncordoned, helps. */
export function isSchedulableAfterNodeChange(_pod: Pod, oldObj: unknown, newObj: unknown): QueueingHint {
  const now = (newObj as Node).spec?.unschedulable === true;
  const before = oldObj === undefined ? undefined : (oldObj as Node).spec?.unschedulable === true;
  return !now && before !== false ? 'Queue' : 'QueueSkip';
}

/** The NodeUnschedulable plugin. */
export function nodeUnschedulable(): Plugin {
  return {
    name: NAME,
    events: [{ resource: 'Node', actions: ['Add', 'UpdateNodeTaint'], hint: isSchedulableAfterNodeChange }],
    filter(_state, pod, nodeInfo) {
      if (nodeInfo.node?.spec?.unschedulable !== true) return null;
      const tolerates = tolerationsTolerateTaint(pod.spec?.tolerations, {
        key: TAINT_NODE_UNSCHEDULABLE,
        effect: 'NoSchedule',
      });
      return tolerates ? null : Status.unresolvable(ERR_REASON_UNSCHEDULABLE);
    },
  };
}
