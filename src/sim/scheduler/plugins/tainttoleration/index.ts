/**
 * TaintToleration: Filter rejects a node with a NoSchedule or NoExecute taint the pod does not
 * tolerate (`node(s) had untolerated taint {key: value}`); Score counts the PreferNoSchedule
 * taints the pod does not tolerate, and NormalizeScore reverses it so fewer is better.
 */
import type { Toleration } from 'kubernetes-types/core/v1';
import type { Plugin, QueueingHint } from '../../framework/interface';
import { Status } from '../../framework/status';
import { MAX_NODE_SCORE, type Node, type Pod } from '../../framework/types';
import { defaultNormalizeScore } from '../helper/normalize';
import { doNotScheduleTaint, findMatchingUntoleratedTaint, tolerationsTolerateTaint } from '../helper/taints';

export const NAME = 'TaintToleration';
const PRE_SCORE_KEY = `PreScore${NAME}`;

const untolerated = (pod: Pod, node: Node | undefined) =>
  findMatchingUntoleratedTaint(node?.spec?.taints, pod.spec?.tolerations, doNotScheduleTaint) !== undefined;

/** Queueing hint: a node helps when the pod now tolerates all its taints and did not before. */
export function isSchedulableAfterNodeChange(pod: Pod, oldObj: unknown, newObj: unknown): QueueingHint {
  const was = oldObj === undefined || untolerated(pod, oldObj as Node);
  return was && !untolerated(pod, newObj as Node) ? 'Queue' : 'QueueSkip';
}

/** The TaintToleration plugin. */
export function taintToleration(): Plugin {
  return {
    name: NAME,
    events: [
      { resource: 'Node', actions: ['Add', 'UpdateNodeTaint'], hint: isSchedulableAfterNodeChange },
      { resource: 'UnscheduledPod', actions: ['UpdatePodTolerations'] },
    ],
    filter(_state, pod, nodeInfo) {
      const taint = findMatchingUntoleratedTaint(
        nodeInfo.node?.spec?.taints,
        pod.spec?.tolerations,
        doNotScheduleTaint,
      );
      if (taint === undefined) return null;
      return Status.unresolvable(`node(s) had untolerated taint {${taint.key}: ${taint.value ?? ''}}`);
    },
    preScore(state, pod, nodes) {
      if (nodes.length === 0) return null;
      // The tolerations that can tolerate PreferNoSchedule: those with that effect or none.
      const tolerations = (pod.spec?.tolerations ?? []).filter(
        (t: Toleration) => (t.effect ?? '') === '' || t.effect === 'PreferNoSchedule',
      );
      state.write(PRE_SCORE_KEY, tolerations);
      return null;
    },
    score(state, _pod, nodeInfo) {
      const tolerations = state.read<Toleration[]>(PRE_SCORE_KEY);
      return (nodeInfo.node?.spec?.taints ?? []).filter(
        (t) => t.effect === 'PreferNoSchedule' && !tolerationsTolerateTaint(tolerations, t),
      ).length;
    },
    normalizeScore(_state, _pod, scores) {
      defaultNormalizeScore(MAX_NODE_SCORE, true, scores);
      return null;
    },
  };
}
