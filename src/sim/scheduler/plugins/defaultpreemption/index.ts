/**
 * DefaultPreemption (PostFilter): when no node fits a pod, evict lower-priority pods from the
 * node where that costs least and nominate the pod there (upstream's
 * plugins/defaultpreemption with the framework's preemption evaluator). When preemption cannot
 * help it says why, in upstream's words (`preemption: 0/4 nodes are available: 1 Preemption is
 * not helpful for scheduling, 3 No preemption victims found for incoming pod.`).
 *
 * The search looks at a window of the potential nodes starting at an offset drawn from the
 * kernel's seeded RNG, for at least 10% of them and at least 100
 * (minCandidateNodesPercentage, minCandidateNodesAbsolute).
 */
import type { Handle, Plugin } from '../../framework/interface';
import { Evaluator, type PreemptionInterface } from '../../framework/preemption/preemption';
import { REASON_PREEMPTION_BY_SCHEDULER } from '../../framework/preemption/prepare';
import { Status } from '../../framework/status';
import { podPriority, type Pod } from '../../framework/types';
import { selectVictimsOnNode } from './victims';

export { ERR_NOT_HELPFUL } from '../../framework/preemption/preemption';
export { ERR_NO_VICTIMS } from './victims';

export const NAME = 'DefaultPreemption';

/** The plugin's arguments (DefaultPreemptionArgs), with upstream's defaults. */
export interface DefaultPreemptionArgs {
  readonly minCandidateNodesPercentage: number;
  readonly minCandidateNodesAbsolute: number;
}

export const DEFAULT_ARGS: DefaultPreemptionArgs = {
  minCandidateNodesPercentage: 10,
  minCandidateNodesAbsolute: 100,
};

/** How many candidates to look for among `numNodes` potential nodes (calculateNumCandidates). */
export function calculateNumCandidates(args: DefaultPreemptionArgs, numNodes: number): number {
  const n = Math.max(
    Math.trunc((numNodes * args.minCandidateNodesPercentage) / 100),
    args.minCandidateNodesAbsolute,
  );
  return Math.min(n, numNodes);
}

/** Whether a pod is terminating because the scheduler preempted it. */
function terminatingByPreemption(pod: Pod): boolean {
  if (pod.metadata?.deletionTimestamp === undefined) return false;
  const c = pod.status?.conditions?.find((x) => x.type === 'DisruptionTarget');
  return c !== undefined && c.status === 'True' && c.reason === REASON_PREEMPTION_BY_SCHEDULER;
}

/**
 * Why `pod` may not preempt, or '' (PodEligibleToPreemptOthers): never with
 * preemptionPolicy Never; and not again while a lower-priority victim of its last preemption
 * is still terminating on its nominated node, unless the filters now rule that node out.
 */
export function podEligibleToPreemptOthers(handle: Handle, pod: Pod, nominatedNodeStatus: Status): string {
  if (pod.spec?.preemptionPolicy === 'Never') return 'not eligible due to preemptionPolicy=Never.';
  const nominated = pod.status?.nominatedNodeName ?? '';
  if (nominated === '' || nominatedNodeStatus.code === 'UnschedulableAndUnresolvable') return '';
  const node = handle.snapshot().get(nominated);
  const waiting = node?.pods.some((p) => podPriority(p) < podPriority(pod) && terminatingByPreemption(p));
  return waiting === true ? 'not eligible due to a terminating pod on the nominated node.' : '';
}

/** DefaultPreemption's answers to the evaluator's questions (its preemption.Interface). */
export function defaultPreemptionInterface(
  handle: Handle,
  args: DefaultPreemptionArgs = DEFAULT_ARGS,
): PreemptionInterface {
  return {
    getOffsetAndNumCandidates: (numNodes) => ({
      offset: handle.kernel.rng.int(0, numNodes - 1),
      numCandidates: calculateNumCandidates(args, numNodes),
    }),
    podEligibleToPreemptOthers: (pod, status) => podEligibleToPreemptOthers(handle, pod, status),
    selectVictimsOnNode: (state, pod, node, pdbs) => selectVictimsOnNode(handle, state, pod, node, pdbs),
  };
}

/** The DefaultPreemption plugin. */
export function defaultPreemption(handle: Handle, args: DefaultPreemptionArgs = DEFAULT_ARGS): Plugin {
  const evaluator = new Evaluator(handle, defaultPreemptionInterface(handle, args));
  return {
    name: NAME,
    postFilter(state, pod, statuses, causedBy) {
      const out = evaluator.preempt(state, pod, statuses, causedBy);
      const message = out.status.message();
      if (message === '') return out;
      return { ...out, status: new Status(out.status.code, [`preemption: ${message}`]) };
    },
  };
}
