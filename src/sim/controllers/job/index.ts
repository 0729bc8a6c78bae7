/**
 * kube-controller-manager's Job controller (`job-controller`): runs pods until a Job's
 * completions succeed, retrying failures with backoff up to backoffLimit, within
 * activeDeadlineSeconds, in NonIndexed or Indexed completion mode, and suspendable.
 */
import type { ControllerDescriptor } from '../manager';
import { JobController } from './controller';

export { JobController, SYNC_JOB_BATCH_PERIOD_MS } from './controller';
export { MAX_POD_FAILURE_BACKOFF_MS, POD_FAILURE_BACKOFF_MS } from './backoff';
export { COMPLETION_INDEX, CONTROLLER_UID, JOB_NAME, TRACKING_FINALIZER } from './types';

/** The Job controller (`job-controller`). */
export const job: ControllerDescriptor = {
  name: 'job-controller',
  setup(ctx) {
    new JobController(ctx);
  },
};
