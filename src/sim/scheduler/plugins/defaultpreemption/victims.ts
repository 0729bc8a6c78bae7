/**
 * Choosing the victims on one node (upstream's DefaultPreemption.SelectVictimsOnNode and
 * filterPodsWithPDBViolation): remove every lower-priority pod, check the pod fits, then give
 * back as many as still leave room ("reprieve"), the PodDisruptionBudget-protected ones first,
 * each group from the highest priority down.
 */
import type { PodDisruptionBudget } from 'kubernetes-types/policy/v1';
import type { CycleState } from '../../framework/cycle-state';
import type { Handle } from '../../framework/interface';
import type { NodeInfo } from '../../framework/node-info';
import type { Victims } from '../../framework/preemption/candidates';
import { byImportance } from '../../framework/preemption/util';
import { Status } from '../../framework/status';
import { labelsOf, podPriority, type Pod } from '../../framework/types';
import { labelSelectorMatcher } from '../helper/selectors';

/** The node has no pod of lower priority than the preemptor. */
export const ERR_NO_VICTIMS = 'No preemption victims found for incoming pod';

/**
 * Splits pods into those whose eviction would break a PodDisruptionBudget and the rest,
 * keeping their order. Each matching budget's `disruptionsAllowed` is spent pod by pod; pods
 * already in a budget's `disruptedPods` spend nothing. Empty selectors match nothing.
 */
export function filterPodsWithPDBViolation(
  pods: readonly Pod[],
  pdbs: readonly PodDisruptionBudget[],
): { violating: Pod[]; nonViolating: Pod[] } {
  const allowed = pdbs.map((pdb) => pdb.status?.disruptionsAllowed ?? 0);
  const selectors = pdbs.map((pdb) => {
    const s = pdb.spec?.selector;
    const empty =
      s === undefined ||
      ((s.matchLabels === undefined || Object.keys(s.matchLabels).length === 0) &&
        (s.matchExpressions ?? []).length === 0);
    return empty ? () => false : labelSelectorMatcher(s);
  });
  const violating: Pod[] = [];
  const nonViolating: Pod[] = [];
  for (const pod of pods) {
    let violated = false;
    const labels = labelsOf(pod);
    if (Object.keys(labels).length > 0) {
      pdbs.forEach((pdb, i) => {
        if ((pdb.metadata?.namespace ?? '') !== (pod.metadata?.namespace ?? '')) return;
        if (!(selectors[i] as (l: Record<string, string>) => boolean)(labels)) return;
        if (pdb.status?.disruptedPods?.[pod.metadata?.name ?? ''] !== undefined) return;
        allowed[i] = (allowed[i] ?? 0) - 1;
        if ((allowed[i] ?? 0) < 0) violated = true;
      });
    }
    (violated ? violating : nonViolating).push(pod);
  }
  return { violating, nonViolating };
}

/**
 * The fewest lower-priority pods to evict from `node` (a copy; `state` too) for `pod` to fit,
 * most important first, and how many of them break a PDB. UnschedulableAndUnresolvable when
 * there is nothing to evict; the filters' status when the pod does not fit even then.
 */
export function selectVictimsOnNode(
  handle: Handle,
  state: CycleState,
  pod: Pod,
  node: NodeInfo,
  pdbs: readonly PodDisruptionBudget[],
): Victims & { status: Status } {
  const fail = (status: Status) => ({ pods: [], numPDBViolations: 0, status });
  const remove = (p: Pod) => {
    node.removePod(p);
    return handle.runPreFilterRemovePod(state, pod, p, node);
  };
  const add = (p: Pod) => {
    node.addPod(p);
    return handle.runPreFilterAddPod(state, pod, p, node);
  };
  const potential = node.pods.filter((p) => podPriority(p) < podPriority(pod));
  for (const p of potential) {
    const s = remove(p);
    if (!s.isSuccess()) return fail(new Status('Error', [s.message()]));
  }
  if (potential.length === 0) return fail(Status.unresolvable(ERR_NO_VICTIMS));
  const fits = handle.runFilterPluginsWithNominatedPods(state, pod, node);
  if (!fits.isSuccess()) return fail(fits);

  const order = byImportance(handle.kernel.clock.epoch + handle.kernel.clock.now());
  const { violating, nonViolating } = filterPodsWithPDBViolation([...potential].sort(order), pdbs);
  const victims: Pod[] = [];
  /** Puts `p` back; if the pod then no longer fits, `p` is a victim after all. */
  const reprieve = (p: Pod): boolean | Status => {
    const added = add(p);
    if (!added.isSuccess()) return new Status('Error', [added.message()]);
    if (handle.runFilterPluginsWithNominatedPods(state, pod, node).isSuccess()) return true;
    const removed = remove(p);
    if (!removed.isSuccess()) return new Status('Error', [removed.message()]);
    victims.push(p);
    return false;
  };
  let numPDBViolations = 0;
  for (const p of violating) {
    const r = reprieve(p);
    if (r instanceof Status) return fail(r);
    if (!r) numPDBViolations++;
  }
  for (const p of nonViolating) {
    const r = reprieve(p);
    if (r instanceof Status) return fail(r);
  }
  if (violating.length > 0 && nonViolating.length > 0) victims.sort(order);
  return { pods: victims, numPDBViolations, status: Status.success() };
}
