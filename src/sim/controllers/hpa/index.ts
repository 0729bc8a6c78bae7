/**
 * kube-controller-manager's HorizontalPodAutoscaler controller
 * (`horizontal-pod-autoscaler-controller`, upstream pkg/controller/podautoscaler).
 */
import type { ControllerDescriptor } from '../manager';
import { HorizontalController } from './controller';

export { HorizontalController } from './controller';

/** The HPA controller. */
export const horizontalPodAutoscaler: ControllerDescriptor = {
  name: 'horizontal-pod-autoscaler-controller',
  setup(ctx) {
    new HorizontalController(ctx);
  },
};
