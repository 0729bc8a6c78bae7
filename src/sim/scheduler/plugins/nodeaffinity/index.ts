/**
 * NodeAffinity: Filter keeps nodes that match the pod's `nodeSelector` and
 * requiredDuringSchedulingIgnoredDuringExecution node affinity; PreFilter narrows the search
 * to the nodes named by `metadata.name` field terms; Score sums the weights of the preferred
 * terms a node matches, normalized so the best node gets 100.
 */
import type { PreferredSchedulingTerm } from 'kubernetes-types/core/v1';
import type { Plugin, QueueingHint } from '../../framework/interface';
import { Status } from '../../framework/status';
import { MAX_NODE_SCORE, type Node, type Pod } from '../../framework/types';
import { defaultNormalizeScore } from '../helper/normalize';
import { matchRequiredNodeAffinity, preferredScore } from '../helper/selectors';

export const NAME = 'NodeAffinity';
export const ERR_REASON_POD = "node(s) didn't match Pod's node affinity/selector";
export const ERR_REASON_CONFLICT = 'pod affinity terms conflict';
const PRE_SCORE_KEY = `PreScore${NAME}`;

/** The nodes named by `metadata.name In` field terms, or undefined when any term allows all nodes. */
function nodeNamesFromTerms(
  terms: readonly { matchFields?: { key: string; operator: string; values?: string[] }[] }[],
): Set<string> | undefined {
  let names: Set<string> | undefined;
  for (const term of terms) {
    let termNames: Set<string> | undefined;
    for (const r of term.matchFields ?? []) {
      if (r.key !== 'metadata.name' || r.operator !== 'In') continue;
      const values = new Set(r.values ?? []);
      termNames = termNames === undefined ? values : new Set([...termNames].filter((n) => values.has(n)));
    }
    // A term without a node name field allows every node: terms are ORed.
    if (termNames === undefined) return undefined;
    names = new Set([...(names ?? []), ...termNames]);
  }
  return names;
}

/** Queueing hint: only a node that now matches the pod's required affinity (and did not before) helps. */
export function isSchedulableAfterNodeChange(pod: Pod, oldObj: unknown, newObj: unknown): QueueingHint {
  if (!matchRequiredNodeAffinity(pod, newObj as Node)) return 'QueueSkip';
  if (oldObj === undefined) return 'Queue';
  return matchRequiredNodeAffinity(pod, oldObj as Node) ? 'QueueSkip' : 'Queue';
}

/** The NodeAffinity plugin. */
export function nodeAffinity(): Plugin {
  return {
    name: NAME,
    events: [{ resource: 'Node', actions: ['Add', 'UpdateNodeLabel'], hint: isSchedulableAfterNodeChange }],
    preFilter(_state, pod) {
      const required = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
      if (required === undefined && pod.spec?.nodeSelector === undefined) return { status: Status.skip() };
      const terms = required?.nodeSelectorTerms ?? [];
      if (terms.length === 0) return null;
      const names = nodeNamesFromTerms(terms);
      if (names === undefined) return null;
      if (names.size === 0) return { status: Status.unresolvable(ERR_REASON_CONFLICT) };
      return { result: { nodeNames: names } };
    },
    filter(_state, pod, nodeInfo) {
      if (nodeInfo.node === undefined) return Status.error('node not found');
      return matchRequiredNodeAffinity(pod, nodeInfo.node) ? null : Status.unresolvable(ERR_REASON_POD);
    },
    preScore(state, pod, nodes) {
      if (nodes.length === 0) return null;
      const preferred = pod.spec?.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution;
      if (preferred === undefined) return Status.skip();
      state.write(PRE_SCORE_KEY, preferred);
      return null;
    },
    score(state, _pod, nodeInfo) {
      const terms = state.read<PreferredSchedulingTerm[]>(PRE_SCORE_KEY);
      return nodeInfo.node === undefined ? 0 : preferredScore(terms, nodeInfo.node);
    },
    normalizeScore(_state, _pod, scores) {
      defaultNormalizeScore(MAX_NODE_SCORE, false, scores);
      return null;
    },
  };
}
