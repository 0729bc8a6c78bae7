/**
 * PodTopologySpread: spreads matching pods across topology domains (nodes, zones).
 * DoNotSchedule constraints filter, ScheduleAnyway constraints (and the system defaults for
 * pods of a Service, ReplicaSet or StatefulSet) score.
 */
import type { Handle, Plugin } from '../../framework/interface';
import { filter, preFilter, updateWithPod } from './filtering';
import { nodeHint, podHint } from './hints';
import { normalizeScore, preScore, score } from './scoring';

export const NAME = 'PodTopologySpread';
export { ERR_REASON_CONSTRAINTS_NOT_MATCH, ERR_REASON_NODE_LABEL_NOT_MATCH } from './filtering';

/** The PodTopologySpread plugin. */
export function podTopologySpread(handle: Handle): Plugin {
  return {
    name: NAME,
    events: [
      { resource: 'Pod', actions: ['All'], hint: podHint(handle) },
      {
        resource: 'Node',
        actions: ['Add', 'Delete', 'UpdateNodeLabel', 'UpdateNodeTaint'],
        hint: nodeHint(handle),
      },
    ],
    preFilter: (state, pod) => preFilter(handle, state, pod),
    preFilterAddPod: (state, pod, added, node) => updateWithPod(state, pod, added, node, 1),
    preFilterRemovePod: (state, pod, removed, node) => updateWithPod(state, pod, removed, node, -1),
    filter,
    preScore: (state, pod, nodes) => preScore(handle, state, pod, nodes),
    score,
    normalizeScore: (state, _pod, scores) => normalizeScore(state, scores),
  };
}
