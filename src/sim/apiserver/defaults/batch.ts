/**
 * Defaults for `batch/v1`: Job and CronJob. A CronJob's job template gets only the pod
 * spec and pod-failure-policy defaults; the Job-level ones (completions, backoff limit...)
 * are filled in when the CronJob controller creates each Job.
 */
import type { CronJob, Job, JobSpec } from 'kubernetes-types/batch/v1';
import { defaultPodTemplateSpec } from './pod';
import { child, cloneJson, isEmpty, isEmptyString, isNil, isRecord, present, records } from './util';

/** Retries a Job gets before it is marked failed. */
export const DEFAULT_BACKOFF_LIMIT = 6;
/** The backoff limit of a Job that limits retries per index instead (Go's MaxInt32). */
export const UNLIMITED_BACKOFF_LIMIT = 2147483647;

/** Pod-failure-policy conditions match status `True` unless they name one. */
function defaultPodFailurePolicy(spec: JobSpec): void {
  for (const rule of records(present(spec, 'podFailurePolicy')?.rules)) {
    for (const pattern of records(rule.onPodConditions)) {
      if (isEmptyString(pattern.status)) pattern.status = 'True';
    }
  }
}

/**
 * Job: a non-parallel job (completions and parallelism 1 when neither is set, parallelism 1
 * otherwise), six retries (unlimited when retries are limited per index), `NonIndexed`
 * completion, not suspended, no manual selector, pods replaced once terminating or failed
 * (only once failed with a pod failure policy), and object labels copied from the
 * template's when the Job has none. The selector and the `controller-uid` / `job-name`
 * labels are added by the Job registry on create, not here.
 */
export function defaultJob(job: Job): void {
  const spec = child(job, 'spec');
  if (!spec) return;
  if (isNil(spec.completions) && isNil(spec.parallelism)) {
    spec.completions = 1;
    spec.parallelism = 1;
  }
  if (isNil(spec.parallelism)) spec.parallelism = 1;
  if (isNil(spec.backoffLimit)) {
    spec.backoffLimit = isNil(spec.backoffLimitPerIndex) ? DEFAULT_BACKOFF_LIMIT : UNLIMITED_BACKOFF_LIMIT;
  }
  const template = child(spec, 'template');
  const templateLabels = template?.metadata?.labels;
  const metadata = child(job, 'metadata');
  if (metadata && isRecord(templateLabels) && !isEmpty(templateLabels) && isEmpty(metadata.labels)) {
    metadata.labels = cloneJson(templateLabels);
  }
  if (isNil(spec.completionMode)) spec.completionMode = 'NonIndexed';
  if (isNil(spec.suspend)) spec.suspend = false;
  if (isNil(spec.podReplacementPolicy)) {
    spec.podReplacementPolicy = isNil(spec.podFailurePolicy) ? 'TerminatingOrFailed' : 'Failed';
  }
  if (isNil(spec.manualSelector)) spec.manualSelector = false;
  if (template) defaultPodTemplateSpec(template);
  defaultPodFailurePolicy(spec);
}

/**
 * CronJob: concurrent runs allowed, not suspended, three successful and one failed Job
 * kept; the pod spec inside the job template is defaulted like any template.
 */
export function defaultCronJob(cronJob: CronJob): void {
  const spec = child(cronJob, 'spec');
  if (!spec) return;
  if (isEmptyString(spec.concurrencyPolicy)) spec.concurrencyPolicy = 'Allow';
  if (isNil(spec.suspend)) spec.suspend = false;
  if (isNil(spec.successfulJobsHistoryLimit)) spec.successfulJobsHistoryLimit = 3;
  if (isNil(spec.failedJobsHistoryLimit)) spec.failedJobsHistoryLimit = 1;
  const jobTemplate = child(spec, 'jobTemplate');
  const jobSpec = jobTemplate && child(jobTemplate, 'spec');
  if (!jobSpec) return;
  const template = child(jobSpec, 'template');
  if (template) defaultPodTemplateSpec(template);
  defaultPodFailurePolicy(jobSpec);
}
