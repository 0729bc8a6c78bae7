/**
 * The CronJob controller's helpers (pkg/controller/cronjob/utils.go): which schedule times
 * were missed, Job names and templates, and how Jobs finish.
 */
import type { CronJobStatus, JobStatus } from 'kubernetes-types/batch/v1';
import type { ObjectReference } from 'kubernetes-types/core/v1';
import { findResource, type ResourceInfo } from '../../apiserver/resources';
import type { KubeObject } from '../../apiserver/types';
import type { Schedule } from './schedule';
import { rfc3339 } from './zone';

export const CRONJOBS = findResource('batch', 'v1', 'cronjobs') as ResourceInfo;
export const JOBS = findResource('batch', 'v1', 'jobs') as ResourceInfo;

/** The annotation recording when a Job was scheduled to run. */
export const SCHEDULED_TIMESTAMP = 'batch.kubernetes.io/cronjob-scheduled-timestamp';

export type CronJobObject = KubeObject & { spec?: Record<string, unknown>; status?: CronJobStatus };
export type JobObject = KubeObject & { spec?: Record<string, unknown>; status?: JobStatus };

/** Schedules missed by more than this many are reported as TooManyMissedTimes. */
const MAX_MISSED = 100;

/** The Job's finished condition type (Complete or Failed), if it has finished. */
export function finishedType(job: JobObject): 'Complete' | 'Failed' | null {
  for (const c of job.status?.conditions ?? [])
    if ((c.type === 'Complete' || c.type === 'Failed') && c.status === 'True') return c.type;
  return null;
}

/** getJobName: `<cronjob>-<scheduled time in unix minutes>`. */
export function jobName(cronJob: string, scheduled: number): string {
  return `${cronJob}-${Math.floor(scheduled / 60_000)}`;
}

/** The Job to create for a scheduled time (getJobFromTemplate2). */
export function jobFromTemplate(cj: CronJobObject, scheduled: number, zone: string): JobObject {
  const template = (cj.spec?.jobTemplate ?? {}) as {
    metadata?: KubeObject['metadata'];
    spec?: Record<string, unknown>;
  };
  const name = cj.metadata.name ?? '';
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: {
      name: jobName(name, scheduled),
      ...(template.metadata?.labels === undefined ? {} : { labels: { ...template.metadata.labels } }),
      annotations: { ...template.metadata?.annotations, [SCHEDULED_TIMESTAMP]: rfc3339(zone, scheduled) },
      ownerReferences: [
        {
          apiVersion: 'batch/v1',
          kind: 'CronJob',
          name,
          uid: cj.metadata.uid ?? '',
          controller: true,
          blockOwnerDeletion: true,
        },
      ],
    },
    spec: JSON.parse(JSON.stringify(template.spec ?? {})) as Record<string, unknown>,
  };
}

/** The reference the CronJob's status.active keeps to a Job. */
export function jobRef(job: JobObject): ObjectReference {
  return {
    kind: 'Job',
    namespace: job.metadata.namespace ?? '',
    name: job.metadata.name ?? '',
    uid: job.metadata.uid ?? '',
    apiVersion: 'batch/v1',
    resourceVersion: job.metadata.resourceVersion ?? '',
  };
}

/**
 * mostRecentScheduleTime: from the last schedule time (or creation), the latest activation
 * at or before `now` and how many were missed; `deadlineSeconds` moves the start forward.
 */
export function mostRecentScheduleTime(
  cj: CronJobObject,
  now: number,
  schedule: Schedule,
  deadlineSeconds: number | null,
): { earliest: number; mostRecent: number | null; missed: number } {
  const last = cj.status?.lastScheduleTime;
  let earliest = Date.parse(last ?? cj.metadata.creationTimestamp ?? '');
  if (deadlineSeconds !== null) earliest = Math.max(earliest, now - deadlineSeconds * 1000);
  let mostRecent: number | null = null;
  let missed = 0;
  for (let t = schedule.next(earliest); t !== null && t <= now; t = schedule.next(t)) {
    mostRecent = t;
    missed++;
    if (missed > MAX_MISSED * 1000) break;
  }
  return { earliest, mostRecent, missed };
}

/** Whether `missed` is more than upstream tolerates without a TooManyMissedTimes warning. */
export function tooManyMissed(missed: number): boolean {
  return missed > MAX_MISSED;
}

/** The CronJob status in the Go struct's order. */
export function orderedStatus(s: CronJobStatus): CronJobStatus {
  return {
    ...(s.active === undefined || s.active.length === 0 ? {} : { active: s.active }),
    ...(s.lastScheduleTime === undefined ? {} : { lastScheduleTime: s.lastScheduleTime }),
    ...(s.lastSuccessfulTime === undefined ? {} : { lastSuccessfulTime: s.lastSuccessfulTime }),
  };
}
