/**
 * NodeMemoryPressure: a process on the node (outside any pod) takes its memory, leaving 50Mi
 * available, below the kubelet's 100Mi hard eviction threshold. The kubelet's eviction
 * manager then reports MemoryPressure (the node controller taints the node
 * `node.kubernetes.io/memory-pressure:NoSchedule`) and evicts pods one per 10 s pass, those
 * over their memory requests first; their controllers replace them elsewhere. Healing frees
 * the memory: the condition clears after the 5 min pressure transition period.
 */
import { bytesQuantity, MEMORY_THRESHOLD_BYTES } from '../node/kubelet/eviction';
import { targetKubelet } from './node-target';
import type { FaultHandler } from './types';

/** What the hog leaves available: half the threshold. */
const LEFT_BYTES = MEMORY_THRESHOLD_BYTES / 2;

export const nodeMemoryPressure: FaultHandler = {
  apply(spec, world, step) {
    const kubelet = targetKubelet(spec, world);
    const to = `${kubelet.nodeName}/kubelet`;
    const eviction = kubelet.eviction;
    const taken = Math.max(0, eviction.available() - LEFT_BYTES);
    eviction.hold(taken);
    step(
      to,
      `fill the memory of ${kubelet.nodeName}: a process holds ${bytesQuantity(taken)}, memory.available ${bytesQuantity(eviction.available())}`,
    );
    return {
      target: kubelet.nodeName,
      heal: (healStep) => {
        eviction.hold(0);
        healStep(to, `free the memory of ${kubelet.nodeName}`);
      },
    };
  },
};
