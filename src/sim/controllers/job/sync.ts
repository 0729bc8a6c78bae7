/**
 * syncJob (job_controller.go): counts the Job's finished pods, decides whether it has met
 * its success criteria or must fail (backoff limit, active deadline), manages its pods, and
 * writes the status. Finished pods are counted with upstream's two-phase tracking: their UIDs
 * go to `uncountedTerminatedPods` first, then their `batch.kubernetes.io/job-tracking`
 * finalizer is removed, then they move into `succeeded` / `failed`. The terminal condition
 * (Complete or Failed) follows SuccessCriteriaMet or FailureTarget once no pod is left
 * terminating or holding the finalizer.
 */
import type { EventRecorder } from '../../client/events';
import type { ApiClient } from '../../client/rest';
import { nextRecord, NO_BACKOFF, remainingBackoff, type BackoffRecord } from './backoff';
import { formatIndexes, parseIndexes } from './indexes';
import { deletePods, manageJob, type ManageDeps } from './manage';
import * as p from './pods';
import * as st from './status';
import type { JobCondition, JobStatus, JobView, PodObject } from './types';

/** What syncJob needs from the controller. */
export interface SyncDeps extends ManageDeps {
  readonly client: ApiClient;
  readonly recorder: EventRecorder;
  /** Pod UIDs whose finalizer removal was sent but not yet observed, per Job key. */
  readonly removing: Map<string, Set<string>>;
  readonly backoff: Map<string, BackoffRecord>;
  /** Wall-clock ms now, and its timestamp. */
  now(): number;
  stamp(): string;
}

function pastBackoffLimitOnFailure(job: JobView, active: readonly PodObject[]): boolean {
  if (job.template.spec?.restartPolicy !== 'OnFailure') return false;
  const total = active.reduce((sum, pod) => sum + p.restarts(pod), 0);
  return job.backoffLimit === 0 ? total > 0 : total >= job.backoffLimit;
}

function uid(pod: PodObject): string {
  return pod.metadata.uid ?? '';
}

/** Reconciles one Job with its pods; throws the pod-management error, if any, after writing status. */
export function syncJob(d: SyncDeps, job: JobView, owned: readonly PodObject[], cause: number | null): void {
  const now = d.now();
  const stamp = d.stamp();
  const removing = d.removing.get(job.key) ?? new Set<string>();
  d.removing.set(job.key, removing);
  const status: JobStatus = JSON.parse(JSON.stringify(job.status)) as JobStatus;
  const uncountedS = new Set(status.uncountedTerminatedPods?.succeeded ?? []);
  const uncountedF = new Set(status.uncountedTerminatedPods?.failed ?? []);
  const active = owned.filter(p.isPodActive);
  let terminating = owned.filter(p.isPodTerminating).length;
  const ready = active.filter(p.isPodReady).length;
  const completions = job.completions ?? 0;
  const tracked = owned.filter((pod) => p.hasTrackingFinalizer(pod) && !removing.has(uid(pod)));
  const counted = (pod: PodObject) => uncountedS.has(uid(pod)) || uncountedF.has(uid(pod));
  const newSucceeded = tracked.filter((pod) => pod.status?.phase === 'Succeeded' && !counted(pod));
  const newFailed = tracked.filter(
    (pod) => pod.status?.phase !== 'Succeeded' && p.isPodFailed(pod, job) && !counted(pod),
  );
  const indexes = job.indexed ? parseIndexes(status.completedIndexes, completions) : new Set<number>();
  for (const pod of newSucceeded) {
    const ix = p.completionIndex(pod);
    if (job.indexed && ix >= 0 && ix < completions) indexes.add(ix);
  }
  const succeeded = job.indexed
    ? indexes.size
    : (status.succeeded ?? 0) + uncountedS.size + newSucceeded.length;
  const failed = (status.failed ?? 0) + uncountedF.size + newFailed.length;
  const record = nextRecord(
    d.backoff.get(job.key) ?? NO_BACKOFF,
    newSucceeded.map((pod) => p.finishedTime(pod, now)),
    newFailed.map((pod) => p.finishedTime(pod, now)),
  );
  d.backoff.set(job.key, record);

  if (status.startTime === undefined && !job.suspend) status.startTime = stamp;
  const start = status.startTime === undefined ? null : Date.parse(status.startTime);
  let finished: JobCondition | undefined =
    st.trueCondition(status, 'SuccessCriteriaMet') ?? st.trueCondition(status, 'FailureTarget');
  if (finished === undefined) {
    const deadline = job.activeDeadlineSeconds === null ? null : job.activeDeadlineSeconds * 1000;
    if (failed > job.backoffLimit || pastBackoffLimitOnFailure(job, active))
      finished = st.newCondition('FailureTarget', st.BACKOFF_LIMIT_EXCEEDED, st.BACKOFF_LIMIT_MESSAGE, stamp);
    else if (deadline !== null && start !== null && !job.suspend && now - start >= deadline)
      finished = st.newCondition('FailureTarget', st.DEADLINE_EXCEEDED, st.DEADLINE_MESSAGE, stamp);
    else if (deadline !== null && start !== null && !job.suspend)
      d.requeue(job.key, deadline - (now - start), cause);
  }
  if (finished === undefined) {
    const complete = job.indexed
      ? succeeded >= completions
      : job.completions === null
        ? succeeded > 0 && active.length === 0
        : succeeded >= job.completions && active.length === 0;
    if (complete)
      finished = st.newCondition('SuccessCriteriaMet', st.COMPLETIONS_REACHED, st.COMPLETIONS_MESSAGE, stamp);
  }
  const failing = finished !== undefined && finished.type === 'FailureTarget';
  let manageError: Error | null = null;
  let activeCount = active.length;
  if (finished !== undefined) {
    if (!(status.conditions ?? []).includes(finished)) {
      status.conditions = [...(status.conditions ?? []), finished];
      d.decide(`Job ${job.namespace}/${job.name}: ${finished.type} (${finished.reason ?? ''})`, cause);
    }
    if (active.length > 0) terminating += deletePods(d, job, active, cause);
    activeCount = 0;
  } else if (d.expectations.satisfied(job.key) && !job.deleting) {
    const backoffMs = remainingBackoff(record, now);
    const result = manageJob(d, job, active, succeeded, indexes, terminating, backoffMs, cause);
    terminating += result.deleted;
    manageError = result.error;
    activeCount = result.active;
  }
  status.active = activeCount;
  if (finished === undefined) {
    const suspended = st.ensureConditionStatus(
      status.conditions ?? [],
      'Suspended',
      job.suspend ? 'True' : 'False',
      job.suspend ? 'JobSuspended' : 'JobResumed',
      job.suspend ? 'Job suspended' : 'Job resumed',
      stamp,
    );
    status.conditions = suspended.conditions;
    if (suspended.changed && job.suspend)
      d.recorder.event(job.obj, 'Normal', 'Suspended', 'Job suspended', cause);
    if (suspended.changed && !job.suspend) {
      d.recorder.event(job.obj, 'Normal', 'Resumed', 'Job resumed', cause);
      // ActiveDeadlineSeconds counts the time the Job is continuously active.
      status.startTime = stamp;
    }
  }
  status.ready = ready;
  status.terminating = terminating;

  // Two-phase tracking of finished pods: record the UIDs, remove finalizers, then count.
  const toRelease = finished !== undefined ? tracked : [...newSucceeded, ...newFailed];
  for (const pod of toRelease) {
    if (pod.status?.phase === 'Succeeded' && !uncountedF.has(uid(pod))) {
      if (!job.indexed) uncountedS.add(uid(pod));
    } else if (p.isPodFailed(pod, job) || failing) {
      const ix = p.completionIndex(pod);
      if (!job.indexed || (ix >= 0 && ix < completions)) uncountedF.add(uid(pod));
    }
  }
  if (job.indexed) status.completedIndexes = formatIndexes(indexes);
  if (toRelease.length > 0) {
    status.uncountedTerminatedPods = { succeeded: [...uncountedS], failed: [...uncountedF] };
    let obj = st.writeStatus(d.client, job, job.obj, status, cause);
    for (const pod of toRelease) if (d.control.removeFinalizer(pod, cause)) removing.add(uid(pod));
    status.succeeded = job.indexed ? indexes.size : (status.succeeded ?? 0) + uncountedS.size;
    status.failed = (status.failed ?? 0) + uncountedF.size;
    status.uncountedTerminatedPods = {};
    obj = st.writeStatus(d.client, job, obj, status, cause);
    job = { ...job, obj };
  }
  const remaining = owned.filter((pod) => p.hasTrackingFinalizer(pod) && !removing.has(uid(pod)));
  if (finished !== undefined && remaining.length === 0 && terminating === 0) {
    const type = failing ? 'Failed' : 'Complete';
    status.conditions = [
      ...(status.conditions ?? []),
      st.newCondition(type, finished.reason ?? '', finished.message ?? '', stamp),
    ];
    if (!failing) status.completionTime = stamp;
    d.decide(`Job ${job.namespace}/${job.name}: ${type}`, cause);
  }
  const written = st.writeStatus(d.client, job, job.obj, status, cause);
  if (st.isFinished(written.status ?? {}) && !st.isFinished(job.obj.status ?? {})) {
    if (failing) d.recorder.event(written, 'Warning', finished?.reason ?? '', finished?.message ?? '', cause);
    else d.recorder.event(written, 'Normal', 'Completed', 'Job completed', cause);
  }
  if (manageError !== null) throw manageError;
}
