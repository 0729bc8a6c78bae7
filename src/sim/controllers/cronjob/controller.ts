/**
 * Upstream's CronJob controller v2 (pkg/controller/cronjob/cronjob_controllerv2.go): on the
 * virtual clock (mapped to wall time by the clock's epoch), each sync trims finished Jobs to
 * the history limits, notices Jobs that finished or vanished, and, when a schedule time has
 * come (and is not too late for startingDeadlineSeconds), creates the Job for it as
 * concurrencyPolicy allows; then it requeues itself for 100 ms after the next schedule time.
 */
import type { CronJobStatus } from 'kubernetes-types/batch/v1';
import { ApiError } from '../../apiserver/status';
import type { Controller } from '../../client/controller';
import { EventRecorder } from '../../client/events';
import type { Informer } from '../../client/informer';
import type { ControllerContext } from '../manager';
import { controllerOf } from '../replicaset/pods';
import { parseSchedule, type Schedule } from './schedule';
import * as u from './utils';
import { isKnownTimeZone } from '../../apiserver/validation/cron';
import { rfc1123z } from './zone';

/** nextScheduleDelta: requeue this long after a schedule time, so it has surely passed. */
const NEXT_SCHEDULE_DELTA_MS = 100;

export class CronJobController {
  readonly #cronJobs: Informer<u.CronJobObject>;
  readonly #jobs: Informer<u.JobObject>;
  readonly #controller: Controller;
  readonly #recorder: EventRecorder;

  constructor(private readonly ctx: ControllerContext) {
    this.#cronJobs = ctx.informers.informerFor<u.CronJobObject>(u.CRONJOBS);
    this.#jobs = ctx.informers.informerFor<u.JobObject>(u.JOBS);
    this.#recorder = new EventRecorder(ctx.kernel, ctx.client, 'cronjob-controller');
    this.#controller = ctx.controller({
      name: 'cronjob',
      workers: 5,
      sync: (key, cause) => this.sync(key, cause),
    });
    this.#controller.watch(this.#cronJobs);
    const owner = (job: u.JobObject) => {
      const ref = controllerOf(job);
      return ref?.kind === 'CronJob' ? `${job.metadata.namespace ?? ''}/${ref.name}` : null;
    };
    this.#controller.watch(this.#jobs, owner);
  }

  get #now(): number {
    return this.ctx.kernel.clock.epoch + this.ctx.kernel.clock.now();
  }

  #event(
    cj: u.CronJobObject,
    type: 'Normal' | 'Warning',
    reason: string,
    message: string,
    cause: number | null,
  ) {
    this.#recorder.event(cj, type, reason, message, cause);
  }

  /** Deletes a Job (background propagation); false if that failed. */
  #deleteJob(cj: u.CronJobObject, status: CronJobStatus, job: u.JobObject, cause: number | null): boolean {
    const name = job.metadata.name ?? '';
    try {
      this.ctx.client.delete(
        u.JOBS,
        job.metadata.namespace ?? '',
        name,
        { propagationPolicy: 'Background' },
        cause,
      );
    } catch (error) {
      this.#event(
        cj,
        'Warning',
        'FailedDelete',
        `Deleted job: ${error instanceof Error ? error.message : String(error)}`,
        cause,
      );
      return false;
    }
    status.active = (status.active ?? []).filter((r) => r.uid !== job.metadata.uid);
    this.#event(cj, 'Normal', 'SuccessfulDelete', `Deleted job ${name}`, cause);
    return true;
  }

  /** cleanupFinishedJobs: keeps the newest successful and failed Jobs up to the limits. */
  #cleanup(
    cj: u.CronJobObject,
    status: CronJobStatus,
    jobs: readonly u.JobObject[],
    cause: number | null,
  ): void {
    const limits = { Complete: cj.spec?.successfulJobsHistoryLimit, Failed: cj.spec?.failedJobsHistoryLimit };
    for (const type of ['Complete', 'Failed'] as const) {
      const limit = limits[type];
      if (typeof limit !== 'number') continue;
      const finished = jobs
        .filter((j) => u.finishedType(j) === type)
        .sort((a, b) => {
          const [sa, sb] = [a.status?.startTime, b.status?.startTime];
          if (sa === undefined || sb === undefined) return sa === sb ? 0 : sa === undefined ? 1 : -1;
          return sa === sb
            ? (a.metadata.name ?? '').localeCompare(b.metadata.name ?? '')
            : sa.localeCompare(sb);
        });
      for (const job of finished.slice(0, Math.max(0, finished.length - limit)))
        this.#deleteJob(cj, status, job, cause);
    }
  }

  sync(key: string, cause: number | null): void {
    const cj = this.#cronJobs.lister.get(key);
    if (cj === undefined) return;
    const jobs = this.#jobs.lister
      .byNamespace(cj.metadata.namespace ?? '')
      .filter((j) => controllerOf(j)?.uid === cj.metadata.uid);
    const status: CronJobStatus = JSON.parse(JSON.stringify(cj.status ?? {})) as CronJobStatus;
    if (cj.metadata.deletionTimestamp === undefined) this.#cleanup(cj, status, jobs, cause);
    const requeue = this.#syncCronJob(cj, status, jobs, cause);
    const next = u.orderedStatus(status);
    if (JSON.stringify(next) !== JSON.stringify(u.orderedStatus(cj.status ?? {})))
      this.ctx.client.update(u.CRONJOBS, { ...cj, status: next }, 'status', cause);
    if (requeue !== null) this.#controller.queue.addAfter(key, requeue, cause);
  }

  /** syncCronJob: returns when to look again (ms), or null. */
  #syncCronJob(
    cj: u.CronJobObject,
    status: CronJobStatus,
    jobs: readonly u.JobObject[],
    cause: number | null,
  ): number | null {
    const active = () => status.active ?? [];
    const uids = new Set(jobs.map((j) => j.metadata.uid));
    for (const job of jobs) {
      const found = active().some((r) => r.uid === job.metadata.uid);
      const type = u.finishedType(job);
      if (!found && type === null) {
        if (!active().some((r) => r.name === job.metadata.name))
          this.#event(
            cj,
            'Warning',
            'UnexpectedJob',
            `Saw a job that the controller did not create or forgot: ${job.metadata.name ?? ''}`,
            cause,
          );
      } else if (type !== null) {
        if (found) {
          status.active = active().filter((r) => r.uid !== job.metadata.uid);
          this.#event(
            cj,
            'Normal',
            'SawCompletedJob',
            `Saw completed job: ${job.metadata.name ?? ''}, condition: ${type}`,
            cause,
          );
        }
        const done = job.status?.completionTime;
        if (
          type === 'Complete' &&
          done !== undefined &&
          (status.lastSuccessfulTime === undefined || done > status.lastSuccessfulTime)
        )
          status.lastSuccessfulTime = done;
      }
    }
    for (const ref of active()) {
      if (uids.has(ref.uid)) continue;
      try {
        this.ctx.client.get(u.JOBS, ref.namespace ?? '', ref.name ?? '', cause);
      } catch (error) {
        if (!(error instanceof ApiError) || error.code !== 404) throw error;
        this.#event(cj, 'Normal', 'MissingJob', `Active job went missing: ${ref.name ?? ''}`, cause);
        status.active = active().filter((r) => r.uid !== ref.uid);
      }
    }
    if (cj.metadata.deletionTimestamp !== undefined) return null;
    const spec = cj.spec ?? {};
    const zone = typeof spec.timeZone === 'string' ? spec.timeZone : 'UTC';
    if (!isKnownTimeZone(zone)) {
      this.#event(
        cj,
        'Warning',
        'UnknownTimeZone',
        `invalid timeZone: "${zone}": unknown time zone ${zone}`,
        cause,
      );
      return null;
    }
    if (spec.suspend === true) return null;
    const text = typeof spec.schedule === 'string' ? spec.schedule : '';
    if (text.includes('TZ'))
      this.#event(
        cj,
        'Warning',
        'UnsupportedSchedule',
        `CRON_TZ or TZ used in schedule "${text}" is not officially supported, see https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/ for more details`,
        cause,
      );
    let schedule: Schedule;
    try {
      schedule = parseSchedule(text, zone);
    } catch (error) {
      this.#event(
        cj,
        'Warning',
        'UnparseableSchedule',
        `unparseable schedule: "${text}" : ${(error as Error).message}`,
        cause,
      );
      return null;
    }
    const now = this.#now;
    const deadline = typeof spec.startingDeadlineSeconds === 'number' ? spec.startingDeadlineSeconds : null;
    const nextIn = () => {
      const { earliest, mostRecent } = u.mostRecentScheduleTime({ ...cj, status }, now, schedule, null);
      const t = schedule.next(mostRecent ?? earliest);
      return t === null ? null : t + NEXT_SCHEDULE_DELTA_MS - now;
    };
    const { mostRecent: scheduled, missed } = u.mostRecentScheduleTime(cj, now, schedule, deadline);
    if (scheduled === null) return nextIn();
    if (u.tooManyMissed(missed))
      this.#event(
        cj,
        'Warning',
        'TooManyMissedTimes',
        `too many missed start times: ${missed}. Set or decrease .spec.startingDeadlineSeconds or check clock skew`,
        cause,
      );
    if (deadline !== null && scheduled + deadline * 1000 < now) {
      this.#event(
        cj,
        'Warning',
        'MissSchedule',
        `Missed scheduled time to start a job: ${rfc1123z(scheduled)}`,
        cause,
      );
      return nextIn();
    }
    const name = u.jobName(cj.metadata.name ?? '', scheduled);
    const stamp = this.ctx.kernel.clock.timestamp(scheduled - this.ctx.kernel.clock.epoch);
    if (active().some((r) => r.name === name) || status.lastScheduleTime === stamp) return nextIn();
    if (spec.concurrencyPolicy === 'Forbid' && active().length > 0) {
      this.#event(
        cj,
        'Normal',
        'JobAlreadyActive',
        'Not starting job because prior execution is running and concurrency policy is Forbid',
        cause,
      );
      return nextIn();
    }
    if (spec.concurrencyPolicy === 'Replace') {
      for (const ref of [...active()]) {
        const job = this.#jobs.lister.get(`${ref.namespace ?? ''}/${ref.name ?? ''}`);
        if (job !== undefined && !this.#deleteJob(cj, status, job, cause)) return null;
      }
    }
    let created: u.JobObject;
    try {
      created = this.ctx.client.create<u.JobObject>(
        u.JOBS,
        cj.metadata.namespace ?? '',
        u.jobFromTemplate(cj, scheduled, zone),
        cause,
      );
    } catch (error) {
      if (error instanceof ApiError && error.code === 409) return nextIn();
      this.#event(
        cj,
        'Warning',
        'FailedCreate',
        `Error creating job: ${error instanceof Error ? error.message : String(error)}`,
        cause,
      );
      throw error;
    }
    this.#event(cj, 'Normal', 'SuccessfulCreate', `Created job ${created.metadata.name ?? ''}`, cause);
    status.active = [...active(), u.jobRef(created)];
    status.lastScheduleTime = stamp;
    return nextIn();
  }
}
