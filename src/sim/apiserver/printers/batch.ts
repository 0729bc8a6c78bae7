/** batch/v1 Jobs and CronJobs. */
import type { CronJob, Job, JobCondition } from 'kubernetes-types/batch/v1';
import { column } from './columns';
import { humanDuration, parseTime, since } from './duration';
import { boolPtr, formatLabelSelector } from './format';
import { templatePrinter } from './template';

function hasCondition(conditions: readonly JobCondition[] | undefined, type: string): boolean {
  const condition = conditions?.find((c) => c.type === type);
  return condition?.status === 'True';
}

function jobStatus(job: Job): string {
  const conditions = job.status?.conditions;
  if (hasCondition(conditions, 'Complete')) return 'Complete';
  if (hasCondition(conditions, 'Failed')) return 'Failed';
  if (job.metadata?.deletionTimestamp) return 'Terminating';
  if (hasCondition(conditions, 'Suspended')) return 'Suspended';
  if (hasCondition(conditions, 'FailureTarget')) return 'FailureTarget';
  return 'Running';
}

function completions(job: Job): string {
  const succeeded = job.status?.succeeded ?? 0;
  if (job.spec?.completions !== undefined && job.spec.completions !== null) {
    return `${succeeded}/${job.spec.completions}`;
  }
  const parallelism = job.spec?.parallelism ?? 0;
  return parallelism > 1 ? `${succeeded}/1 of ${parallelism}` : `${succeeded}/1`;
}

/** Start to completion, or start to now while the job runs; '' before it starts. */
function jobDuration(job: Job, now: number): string {
  const start = parseTime(job.status?.startTime);
  if (start === undefined) return '';
  const end = parseTime(job.status?.completionTime);
  return humanDuration((end ?? now) - start);
}

/** `kubectl get jobs`. */
export const jobPrinter = templatePrinter<Job>({
  columns: [
    column('Status', 'string', 'Whether the job is running, complete, failed or suspended.'),
    column('Completions', 'string', 'Succeeded pods out of the completions asked for.'),
    column('Duration', 'string', 'How long the job ran (or has been running).'),
  ],
  cells: (job, now) => [jobStatus(job), completions(job), jobDuration(job, now)],
  containers: (job) => job.spec?.template?.spec?.containers,
  selector: (job) => formatLabelSelector(job.spec?.selector),
});

/** `kubectl get cronjobs`. */
export const cronJobPrinter = templatePrinter<CronJob>({
  columns: [
    column('Schedule', 'string', 'The cron schedule.'),
    column('Timezone', 'string', 'The time zone the schedule is read in.'),
    column('Suspend', 'boolean', 'Whether new runs are suspended.'),
    column('Active', 'integer', 'Jobs currently running.'),
    column('Last Schedule', 'string', 'Time since a job was last scheduled.'),
  ],
  cells: (cj, now) => {
    const last = cj.status?.lastScheduleTime;
    return [
      cj.spec?.schedule ?? '',
      cj.spec?.timeZone ?? '<none>',
      boolPtr(cj.spec?.suspend),
      cj.status?.active?.length ?? 0,
      last ? since(last, now) : '<none>',
    ];
  },
  containers: (cj) => cj.spec?.jobTemplate?.spec?.template?.spec?.containers,
  selector: (cj) => formatLabelSelector(cj.spec?.jobTemplate?.spec?.selector),
});
