/**
 * Pretending nominated pods run (upstream's addGENominatedPods): the pods nominated to a node
 * that have the same or higher priority than the pod being scheduled are added to a copy of
 * the node and of the cycle state, so the pod cannot take the room preemption freed for them.
 * Lower-priority nominees are ignored: the pod may take what was freed for them.
 */
import type { CycleState } from './cycle-state';
import type { NodeInfo } from './node-info';
import type { Status } from './status';
import { podPriority, podUid, type Pod } from './types';

/** Runs PreFilterExtensions.AddPod (the framework's runPreFilterAddPod). */
interface AddPodRunner {
  runPreFilterAddPod(state: CycleState, pod: Pod, added: Pod, node: NodeInfo): Status;
}

/**
 * The node and state with the higher-or-equal priority `nominated` pods added, null when
 * there are none to add, or the Error status of a PreFilter AddPod that failed.
 */
export function withNominatedPods(
  fwk: AddPodRunner,
  state: CycleState,
  pod: Pod,
  node: NodeInfo,
  nominated: readonly Pod[],
): { state: CycleState; node: NodeInfo } | null | Status {
  const eligible = nominated.filter((p) => podPriority(p) >= podPriority(pod) && podUid(p) !== podUid(pod));
  if (eligible.length === 0) return null;
  const nodeOut = node.clone();
  const stateOut = state.clone();
  for (const p of eligible) {
    nodeOut.addPod(p);
    const status = fwk.runPreFilterAddPod(stateOut, pod, p, nodeOut);
    if (!status.isSuccess()) return status;
  }
  return { state: stateOut, node: nodeOut };
}
