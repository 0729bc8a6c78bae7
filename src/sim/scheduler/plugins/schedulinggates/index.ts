/**
 * SchedulingGates: a pod with `spec.schedulingGates` waits outside the active queue until
 * every gate is removed.
 */
import type { Plugin } from '../../framework/interface';
import { Status } from '../../framework/status';

export const NAME = 'SchedulingGates';

/** The SchedulingGates plugin. */
export function schedulingGates(): Plugin {
  return {
    name: NAME,
    events: [{ resource: 'UnscheduledPod', actions: ['UpdatePodSchedulingGatesEliminated'] }],
    preEnqueue(pod) {
      const gates = (pod.spec?.schedulingGates ?? []).map((g) => g.name);
      if (gates.length === 0) return null;
      return Status.unresolvable(`waiting for scheduling gates: [${gates.join(' ')}]`);
    },
  };
}
