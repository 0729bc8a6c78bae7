/**
 * InterPodAffinity: required pod affinity and anti-affinity filter nodes by the pods already
 * in their topology domain; preferred terms (the pod's and existing pods') score them.
 */
import type { Handle, Plugin } from '../../framework/interface';
import { filter, preFilter, updateWithPod } from './filtering';
import { podHint } from './hints';
import { normalizeScore, preScore, score } from './scoring';

export const NAME = 'InterPodAffinity';
export {
  ERR_REASON_AFFINITY,
  ERR_REASON_ANTI_AFFINITY,
  ERR_REASON_EXISTING_ANTI_AFFINITY,
} from './filtering';

/** The InterPodAffinity plugin. */
export function interPodAffinity(handle: Handle): Plugin {
  return {
    name: NAME,
    events: [
      { resource: 'Pod', actions: ['All'], hint: podHint(handle) },
      { resource: 'Node', actions: ['Add', 'UpdateNodeLabel'] },
    ],
    preFilter: (state, pod) => preFilter(handle, state, pod),
    preFilterAddPod: (state, pod, added, node) => updateWithPod(handle, state, pod, added, node, 1),
    preFilterRemovePod: (state, pod, removed, node) => updateWithPod(handle, state, pod, removed, node, -1),
    filter,
    preScore: (state, pod, nodes) => preScore(handle, state, pod, nodes),
    score: (state, _pod, node) => score(state, node),
    normalizeScore: (state, _pod, scores) => normalizeScore(state, scores),
  };
}
