/**
 * NodeNetworkPartition: the node's network is cut. Its kubelet keeps running its pods but
 * reaches no apiserver (no Lease, no status, no watch), so the control plane sees what it sees
 * of a stopped kubelet; and pod traffic to or from the node is lost. Healing reconnects it.
 */
import { targetKubelet } from './node-target';
import type { FaultHandler } from './types';

export const nodeNetworkPartition: FaultHandler = {
  apply(spec, world, step) {
    const kubelet = targetKubelet(spec, world);
    const node = kubelet.nodeName;
    const cause = step(`${node}/cni`, `cut ${node} off the network`);
    world.network?.setNodePartitioned(node, true);
    kubelet.process.setReachable(false, cause);
    return {
      target: node,
      heal: (healStep) => {
        const healed = healStep(`${node}/cni`, `reconnect ${node} to the network`);
        world.network?.setNodePartitioned(node, false);
        kubelet.process.setReachable(true, healed);
      },
    };
  },
};
