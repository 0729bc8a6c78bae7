/** kube-controller-manager's (legacy) Endpoints controller. */
import type { ControllerDescriptor } from '../manager';
import { EndpointsController } from './controller';

export { EndpointsController, OVER_CAPACITY } from './controller';
export { MAX_ENDPOINTS_CAPACITY } from './subsets';

/** The Endpoints controller (`endpoints-controller`). */
export const endpoints: ControllerDescriptor = {
  name: 'endpoints-controller',
  setup(ctx) {
    new EndpointsController(ctx);
  },
};
