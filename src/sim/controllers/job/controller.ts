/**
 * Upstream's Job controller (pkg/controller/job/job_controller.go): watches Jobs and pods,
 * maps each pod to its Job through its controller ownerReference, and syncs one Job at a
 * time (see {@link syncJob}). Job changes sync at once; pod changes are batched for a second
 * (syncJobBatchPeriod). A second queue, upstream's orphan queue, removes the tracking
 * finalizer from pods whose Job is gone or finished.
 */
import type { OwnerReference } from 'kubernetes-types/meta/v1';
import { objectKey } from '../../client/cache';
import type { Controller } from '../../client/controller';
import { EventRecorder } from '../../client/events';
import type { Informer } from '../../client/informer';
import type { ControllerContext } from '../manager';
import { Expectations } from '../replicaset/expectations';
import type { BackoffRecord } from './backoff';
import { JobPodControl } from './control';
import { controllerOf, hasTrackingFinalizer, isDeleting } from './pods';
import { isFinished } from './status';
import { syncJob, type SyncDeps } from './sync';
import { JOBS, PODS, readJob, type JobObject, type PodObject } from './types';

/** syncJobBatchPeriod: pod events are batched this long before the Job syncs. */
export const SYNC_JOB_BATCH_PERIOD_MS = 1000;

/** Upstream's --concurrent-job-syncs default. */
const WORKERS = 5;

export class JobController {
  readonly expectations: Expectations;
  readonly #jobs: Informer<JobObject>;
  readonly #pods: Informer<PodObject>;
  readonly #controller: Controller;
  readonly #orphans: Controller;
  readonly #deps: SyncDeps;

  constructor(private readonly ctx: ControllerContext) {
    const clock = ctx.kernel.clock;
    this.expectations = new Expectations(() => clock.now());
    this.#jobs = ctx.informers.informerFor<JobObject>(JOBS);
    this.#pods = ctx.informers.informerFor<PodObject>(PODS);
    const recorder = new EventRecorder(ctx.kernel, ctx.client, 'job-controller');
    this.#controller = ctx.controller({
      name: 'job',
      workers: WORKERS,
      maxRetries: Number.POSITIVE_INFINITY,
      sync: (key, cause) => this.sync(key, cause),
    });
    this.#orphans = ctx.controller({
      name: 'job_orphan_pod',
      sync: (key, cause) => this.#syncOrphan(key, cause),
    });
    this.#deps = {
      client: ctx.client,
      recorder,
      control: new JobPodControl(ctx.client, recorder),
      expectations: this.expectations,
      removing: new Map<string, Set<string>>(),
      backoff: new Map<string, BackoffRecord>(),
      decide: (summary, cause) => this.#decide(summary, cause),
      requeue: (key, delayMs, cause) => this.#controller.queue.addAfter(key, delayMs, cause),
      now: () => clock.epoch + clock.now(),
      stamp: () => clock.timestamp(),
    };
    this.#jobs.addHandlers({
      add: (job, cause) => this.#controller.queue.add(objectKey(job), cause),
      update: (_old, job, cause) => this.#controller.queue.add(objectKey(job), cause),
      delete: (job, cause) => {
        this.#controller.queue.add(objectKey(job), cause);
        for (const pod of this.#owned(job))
          if (hasTrackingFinalizer(pod)) this.#orphans.queue.add(objectKey(pod), cause);
      },
    });
    this.#pods.addHandlers({
      add: (pod, cause) => this.#podChanged(pod, cause, true),
      update: (old, cur, cause) => {
        if (old.metadata.resourceVersion === cur.metadata.resourceVersion) return;
        if (hasTrackingFinalizer(old) && !hasTrackingFinalizer(cur)) this.#forgetRemoval(cur);
        this.#podChanged(cur, cause, false);
      },
      delete: (pod, cause) => {
        this.#forgetRemoval(pod);
        this.#deleted(pod, cause);
      },
    });
  }

  #decide(summary: string, cause: number | null): number {
    const id = this.ctx.client.id;
    return this.ctx.kernel.trace.emit({
      from: id,
      to: id,
      kind: 'decision',
      summary: `job: ${summary}`,
      causedBy: cause,
    }).id;
  }

  /** The Job `ref` names, if it is still the same Job. */
  #resolve(namespace: string, ref: OwnerReference | undefined): JobObject | undefined {
    if (ref?.kind !== 'Job') return undefined;
    const job = this.#jobs.lister.get(`${namespace}/${ref.name}`);
    return job?.metadata.uid === ref.uid ? job : undefined;
  }

  #owned(job: JobObject): PodObject[] {
    return this.#pods.lister
      .byNamespace(job.metadata.namespace ?? '')
      .filter((pod) => controllerOf(pod)?.uid === job.metadata.uid);
  }

  #forgetRemoval(pod: PodObject): void {
    const job = this.#resolve(pod.metadata.namespace ?? '', controllerOf(pod));
    if (job !== undefined) this.#deps.removing.get(objectKey(job))?.delete(pod.metadata.uid ?? '');
  }

  #podChanged(pod: PodObject, cause: number | null, added: boolean): void {
    if (isDeleting(pod)) this.#deleted(pod, cause);
    const job = this.#resolve(pod.metadata.namespace ?? '', controllerOf(pod));
    if (job === undefined || isFinished(job.status ?? {})) {
      if (hasTrackingFinalizer(pod)) this.#orphans.queue.add(objectKey(pod), cause);
      return;
    }
    const key = objectKey(job);
    if (added && !isDeleting(pod)) this.expectations.creationObserved(key);
    this.#controller.queue.addAfter(key, SYNC_JOB_BATCH_PERIOD_MS, cause);
  }

  #deleted(pod: PodObject, cause: number | null): void {
    const job = this.#resolve(pod.metadata.namespace ?? '', controllerOf(pod));
    if (job === undefined) return;
    const key = objectKey(job);
    this.expectations.deletionObserved(key, objectKey(pod));
    this.#controller.queue.addAfter(key, SYNC_JOB_BATCH_PERIOD_MS, cause);
  }

  /** Removes the tracking finalizer of a pod whose Job is gone or finished. */
  #syncOrphan(key: string, cause: number | null): void {
    const pod = this.#pods.lister.get(key);
    if (pod === undefined || !hasTrackingFinalizer(pod)) return;
    const job = this.#resolve(pod.metadata.namespace ?? '', controllerOf(pod));
    if (job !== undefined && !isFinished(job.status ?? {})) return;
    this.#deps.control.removeFinalizer(pod, cause);
  }

  /** syncJob for the Job at `key`. Throws to be retried. */
  sync(key: string, cause: number | null): void {
    const obj = this.#jobs.lister.get(key);
    if (obj === undefined) {
      this.expectations.delete(key);
      this.#deps.removing.delete(key);
      this.#deps.backoff.delete(key);
      return;
    }
    if (isFinished(obj.status ?? {})) {
      for (const pod of this.#owned(obj))
        if (hasTrackingFinalizer(pod)) this.#orphans.queue.add(objectKey(pod), cause);
      return;
    }
    syncJob(this.#deps, readJob(obj, key), this.#owned(obj), cause);
  }
}
