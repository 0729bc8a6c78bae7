/**
 * kube-controller-manager's resourcequota controller: keeps each ResourceQuota's status.hard
 * and status.used current with what is stored in its namespace.
 */
import type { ControllerDescriptor } from '../manager';
import { ResourceQuotaController } from './controller';

export { ResourceQuotaController, QUOTA_RESYNC_MS } from './controller';

/** The resourcequota controller (`resourcequota-controller`). */
export const resourceQuota: ControllerDescriptor = {
  name: 'resourcequota-controller',
  setup(ctx) {
    new ResourceQuotaController(ctx);
  },
};
