/**
 * KubeletStop: `systemctl stop kubelet` on a node. The containers keep running; the node
 * stops renewing its Lease and posting status, so after the 50 s grace period the node
 * controller marks it Ready=Unknown and taints it unreachable, and after the pods' 300 s
 * toleration the taint eviction controller deletes them (they stay Terminating: nobody on the
 * node confirms). Healing starts the kubelet again: it reports Ready and finishes those pods.
 */
import { targetKubelet } from './node-target';
import type { FaultHandler } from './types';

export const kubeletStop: FaultHandler = {
  apply(spec, world, step) {
    const kubelet = targetKubelet(spec, world);
    const to = `${kubelet.nodeName}/kubelet`;
    kubelet.process.setRunning(
      false,
      step(to, `stop kubelet on ${kubelet.nodeName} (systemctl stop kubelet)`),
    );
    return {
      target: kubelet.nodeName,
      heal: (healStep) =>
        kubelet.process.setRunning(true, healStep(to, `start kubelet on ${kubelet.nodeName}`)),
    };
  },
};
