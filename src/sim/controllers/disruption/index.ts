/**
 * kube-controller-manager's disruption controller: keeps PodDisruptionBudget status
 * (expectedPods, currentHealthy, desiredHealthy, disruptionsAllowed, disruptedPods and the
 * DisruptionAllowed condition) current for the eviction subresource to read.
 */
import type { ControllerDescriptor } from '../manager';
import { DisruptionController } from './controller';

export { DisruptionController } from './controller';
export { DELETION_TIMEOUT_MS } from './budget';

/** The disruption controller (`disruption-controller`). */
export const disruption: ControllerDescriptor = {
  name: 'disruption-controller',
  setup(ctx) {
    new DisruptionController(ctx);
  },
};
