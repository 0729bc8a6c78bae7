/** kube-controller-manager's EndpointSlice controller. */
import type { ControllerDescriptor } from '../manager';
import { EndpointSliceController } from './controller';

export { CONTROLLER_NAME, EndpointSliceController, MANAGED_BY_LABEL, SERVICE_NAME_LABEL } from './controller';
export { MAX_ENDPOINTS_PER_SLICE } from './reconciler';

/** The EndpointSlice controller (`endpointslice-controller`). */
export const endpointSlice: ControllerDescriptor = {
  name: 'endpointslice-controller',
  setup(ctx) {
    new EndpointSliceController(ctx);
  },
};
