/**
 * DefaultPreemption (PostFilter), as far as its verdict goes: when no node fits, it asks on
 * which nodes evicting lower-priority pods would let the pod fit, and reports why none would,
 * in upstream's words (`preemption: 0/4 nodes are available: 1 Preemption is not helpful for
 * scheduling, 3 No preemption victims found for incoming pod.`).
 *
 * NOT SIMULATED: the preemption itself. When some node would fit after evictions, upstream
 * picks a candidate, deletes the victims and nominates the node; here the plugin only returns
 * Success without a message (so the FailedScheduling message matches upstream's) and the pod
 * stays pending until something else frees room.
 */
import type { Handle, Plugin } from '../../framework/interface';
import type { CycleState } from '../../framework/cycle-state';
import { NodeToStatus, fitErrorMessage, newDiagnosis } from '../../framework/diagnosis';
import type { NodeInfo } from '../../framework/node-info';
import { Status } from '../../framework/status';
import { podPriority, type Pod } from '../../framework/types';

export const NAME = 'DefaultPreemption';
export const ERR_NO_VICTIMS = 'No preemption victims found for incoming pod';
export const ERR_NOT_HELPFUL = 'Preemption is not helpful for scheduling';

/** Why a pod may not preempt at all, or '' when it may (PodEligibleToPreemptOthers). */
export function ineligibility(pod: Pod): string {
  return pod.spec?.preemptionPolicy === 'Never' ? 'not eligible due to preemptionPolicy=Never.' : '';
}

/**
 * The dry run on one node (SelectVictimsOnNode, without the reprieve step): remove every
 * lower-priority pod and run the filters again. Success means the node is a candidate.
 */
export function selectVictimsOnNode(
  handle: Handle,
  state: CycleState,
  pod: Pod,
  node: NodeInfo,
): { victims: Pod[]; status: Status } {
  const copy = node.clone();
  const victims = copy.pods.filter((p) => podPriority(p) < podPriority(pod));
  if (victims.length === 0) return { victims, status: Status.unresolvable(ERR_NO_VICTIMS) };
  for (const victim of victims) {
    copy.removePod(victim);
    const s = handle.runPreFilterRemovePod(state, pod, victim, copy);
    if (!s.isSuccess()) return { victims: [], status: s };
  }
  const status = handle.runFilterPlugins(state, pod, copy);
  return { victims: status.isSuccess() ? victims : [], status };
}

/** The DefaultPreemption plugin (verdict only; see above). */
export function defaultPreemption(handle: Handle): Plugin {
  return {
    name: NAME,
    postFilter(state, pod, statuses) {
      const notEligible = ineligibility(pod);
      if (notEligible !== '') return { status: Status.unschedulable(`preemption: ${notEligible}`) };
      const allNodes = handle.snapshot().list();
      if (allNodes.length === 0) return { status: Status.error('no nodes available') };
      const nodeStatuses = new NodeToStatus();
      let candidates = 0;
      for (const node of statuses.nodesForStatusCode(allNodes, 'Unschedulable')) {
        const { victims, status } = selectVictimsOnNode(handle, state.clone(), pod, node);
        if (status.isSuccess() && victims.length > 0) candidates++;
        else if (status.isSuccess())
          nodeStatuses.set(
            node.name,
            Status.error(`expected at least one victim pod on node "${node.name}"`),
          );
        else nodeStatuses.set(node.name, status);
      }
      if (candidates > 0) return { status: Status.success() };
      const diagnosis = { ...newDiagnosis(), nodeToStatus: nodeStatuses };
      nodeStatuses.setAbsentNodesStatus(Status.unresolvable(ERR_NOT_HELPFUL));
      const message = fitErrorMessage(allNodes.length, diagnosis);
      return { nominatedNodeName: '', status: Status.unschedulable(`preemption: ${message}`) };
    },
  };
}
