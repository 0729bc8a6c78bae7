/**
 * NodePorts: a pod asking for host ports fits only nodes where no other pod holds the same
 * port and protocol on an overlapping host IP.
 */
import type { Plugin, QueueingHint } from '../../framework/interface';
import { HostPortInfo, hostPortsOf } from '../../framework/node-info';
import type { Pod } from '../../framework/types';
import { Status } from '../../framework/status';

export const NAME = 'NodePorts';
export const ERR_REASON = "node(s) didn't have free ports for the requested pod ports";
const PRE_FILTER_KEY = `PreFilter${NAME}`;

type Ports = ReturnType<typeof hostPortsOf>;

/** Queueing hint: only the deletion of an assigned pod holding one of the pod's host ports helps. */
export function isSchedulableAfterPodDeleted(pod: Pod, oldObj: unknown): QueueingHint {
  const deleted = oldObj as Pod;
  if ((deleted.spec?.nodeName ?? '') === '' && (deleted.status?.nominatedNodeName ?? '') === '')
    return 'QueueSkip';
  const inUse = new HostPortInfo();
  for (const p of hostPortsOf(deleted)) inUse.add(p.hostIP, p.protocol, p.hostPort);
  if (inUse.size === 0) return 'QueueSkip';
  const conflict = hostPortsOf(pod).some((p) => inUse.checkConflict(p.hostIP, p.protocol, p.hostPort));
  return conflict ? 'Queue' : 'QueueSkip';
}

/** The NodePorts plugin. */
export function nodePorts(): Plugin {
  return {
    name: NAME,
    events: [
      { resource: 'Pod', actions: ['Delete'], hint: isSchedulableAfterPodDeleted },
      { resource: 'Node', actions: ['Add'] },
    ],
    preFilter(state, pod) {
      const ports = hostPortsOf(pod);
      if (ports.length === 0) return { status: Status.skip() };
      state.write(PRE_FILTER_KEY, ports);
      return null;
    },
    filter(state, _pod, nodeInfo) {
      const ports = state.read<Ports>(PRE_FILTER_KEY);
      const taken = ports.some((p) => nodeInfo.usedPorts.checkConflict(p.hostIP, p.protocol, p.hostPort));
      return taken ? Status.unschedulable(ERR_REASON) : null;
    },
  };
}
