/**
 * kube-controller-manager's CronJob controller (`cronjob-controller`): creates a Job for
 * every time a CronJob's schedule comes due on the virtual clock.
 */
import type { ControllerDescriptor } from '../manager';
import { CronJobController } from './controller';

export { CronJobController } from './controller';
export { parseSchedule, type Schedule } from './schedule';
export { SCHEDULED_TIMESTAMP } from './utils';

/** The CronJob controller (`cronjob-controller`). */
export const cronJob: ControllerDescriptor = {
  name: 'cronjob-controller',
  setup(ctx) {
    new CronJobController(ctx);
  },
};
