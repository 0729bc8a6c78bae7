/**
 * InterPodAffinity's pod queueing hint (after upstream's isSchedulableAfterPodChange): only
 * assigned pods count; one added or updated to match all the pending pod's affinity terms
 * helps, one leaving its anti-affinity terms helps, and so does the deletion of a pod whose
 * own anti-affinity kept the pending pod away.
 */
import type { Handle, QueueingHint } from '../../framework/interface';
import type { Pod } from '../../framework/types';
import { namespaceLabelsOf, podTerms, termMatches, type AffinityTerm } from './terms';

/** The hint for Pod events. */
export function podHint(handle: Handle) {
  return (pod: Pod, oldObj: unknown, newObj: unknown): QueueingHint => {
    const [old, changed] = [oldObj as Pod | undefined, newObj as Pod | undefined];
    if ((changed !== undefined && !changed.spec?.nodeName) || (old !== undefined && !old.spec?.nodeName))
      return 'QueueSkip';
    const terms = podTerms(pod);
    const matchesAll = (ts: readonly AffinityTerm[], p: Pod) =>
      ts.length > 0 && ts.every((t) => termMatches(t, p, namespaceLabelsOf(handle, p)));
    if (old !== undefined && changed !== undefined) {
      if (!matchesAll(terms.requiredAffinity, old) && matchesAll(terms.requiredAffinity, changed))
        return 'Queue';
      if (matchesAll(terms.requiredAntiAffinity, old) && !matchesAll(terms.requiredAntiAffinity, changed))
        return 'Queue';
      return 'QueueSkip';
    }
    if (changed !== undefined) return matchesAll(terms.requiredAffinity, changed) ? 'Queue' : 'QueueSkip';
    if (old === undefined) return 'Queue';
    const guarded = podTerms(old).requiredAntiAffinity.some((t) =>
      termMatches(t, pod, namespaceLabelsOf(handle, pod)),
    );
    return guarded || matchesAll(terms.requiredAntiAffinity, old) ? 'Queue' : 'QueueSkip';
  };
}
