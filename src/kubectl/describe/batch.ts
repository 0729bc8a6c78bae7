/** Jobs and CronJobs. */
import type { CronJob, Job, JobTemplateSpec } from 'kubernetes-types/batch/v1';
import type { LabelSelector } from 'kubernetes-types/meta/v1';
import { humanDuration, parseTime } from '../../sim/apiserver/printers/duration';
import { boolPtr } from '../../sim/apiserver/printers/format';
import type { KubeObject } from '../../sim/apiserver/types';
import { describeEvents, eventsFor, targetOf } from './events';
import { printAnnotationsMultiline, printControlledBy, printLabelsMultiline, rfc1123z } from './format';
import type { DescribeContext } from './index';
import { describePodTemplate } from './pod';
import { selectorText } from './workloads';
import { DescribeWriter, LEVEL_0, type PrefixWriter } from './writer';

const isSet = <T>(value: T | undefined | null): value is T => value !== undefined && value !== null;

/** `Selector:` with the selector's string form, or the reason it has none. */
function writeSelector(w: PrefixWriter, selector: LabelSelector | undefined): void {
  try {
    w.write(LEVEL_0, `Selector:\t${selectorText(selector)}\n`);
  } catch (error) {
    w.write(LEVEL_0, `Selector:\tFailed to get selector: ${(error as Error).message}\n`);
  }
}

/** The completed indexes, cut after the first comma past 50 characters, or `<none>`. */
function capIndexes(indexes: string | undefined, softLimit: number): string {
  if (!indexes) return '<none>';
  const comma = indexes.indexOf(',', softLimit);
  return comma === -1 ? indexes : `${indexes.slice(0, comma + 1)}...`;
}

/** Describes a Job: its completion settings, timing and pod counts. */
export async function describeJob(obj: KubeObject, ctx: DescribeContext): Promise<string> {
  const job = obj as unknown as Job;
  const events = await eventsFor(ctx, targetOf(obj));
  const spec = job.spec;
  const status = job.status ?? {};
  const w = new DescribeWriter();
  w.write(LEVEL_0, `Name:\t${job.metadata?.name ?? ''}\n`);
  w.write(LEVEL_0, `Namespace:\t${job.metadata?.namespace ?? ''}\n`);
  writeSelector(w, spec?.selector);
  printLabelsMultiline(w, 'Labels', job.metadata?.labels);
  printAnnotationsMultiline(w, 'Annotations', job.metadata?.annotations);
  printControlledBy(w, job.metadata);
  if (isSet(spec?.parallelism)) w.write(LEVEL_0, `Parallelism:\t${spec.parallelism}\n`);
  w.write(LEVEL_0, `Completions:\t${isSet(spec?.completions) ? spec.completions : '<unset>'}\n`);
  if (isSet(spec?.completionMode)) w.write(LEVEL_0, `Completion Mode:\t${spec.completionMode}\n`);
  if (isSet(spec?.suspend)) w.write(LEVEL_0, `Suspend:\t${spec.suspend}\n`);
  if (isSet(spec?.backoffLimit)) w.write(LEVEL_0, `Backoff Limit:\t${spec.backoffLimit}\n`);
  if (isSet(spec?.ttlSecondsAfterFinished)) {
    w.write(LEVEL_0, `TTL Seconds After Finished:\t${spec.ttlSecondsAfterFinished}\n`);
  }
  if (status.startTime) w.write(LEVEL_0, `Start Time:\t${rfc1123z(status.startTime)}\n`);
  if (status.completionTime) w.write(LEVEL_0, `Completed At:\t${rfc1123z(status.completionTime)}\n`);
  const started = parseTime(status.startTime);
  const completed = parseTime(status.completionTime);
  if (status.startTime && status.completionTime) {
    w.write(LEVEL_0, `Duration:\t${humanDuration((completed ?? 0) - (started ?? 0))}\n`);
  }
  if (isSet(spec?.activeDeadlineSeconds)) {
    w.write(LEVEL_0, `Active Deadline Seconds:\t${spec.activeDeadlineSeconds}s\n`);
  }
  const counts = `${status.succeeded ?? 0} Succeeded / ${status.failed ?? 0} Failed`;
  if (isSet(status.ready)) {
    w.write(LEVEL_0, `Pods Statuses:\t${status.active ?? 0} Active (${status.ready} Ready) / ${counts}\n`);
  } else {
    w.write(LEVEL_0, `Pods Statuses:\t${status.active ?? 0} Active / ${counts}\n`);
  }
  if (spec?.completionMode === 'Indexed') {
    w.write(LEVEL_0, `Completed Indexes:\t${capIndexes(status.completedIndexes, 50)}\n`);
  }
  describePodTemplate(spec?.template, w);
  if (events) describeEvents(events, w, ctx.now);
  return w.toString();
}

function describeJobTemplate(template: JobTemplateSpec | undefined, w: PrefixWriter): void {
  const spec = template?.spec;
  if (spec?.selector) writeSelector(w, spec.selector);
  else w.write(LEVEL_0, 'Selector:\t<unset>\n');
  w.write(LEVEL_0, `Parallelism:\t${isSet(spec?.parallelism) ? spec.parallelism : '<unset>'}\n`);
  w.write(LEVEL_0, `Completions:\t${isSet(spec?.completions) ? spec.completions : '<unset>'}\n`);
  if (isSet(spec?.activeDeadlineSeconds)) {
    w.write(LEVEL_0, `Active Deadline Seconds:\t${spec.activeDeadlineSeconds}s\n`);
  }
  describePodTemplate(spec?.template, w);
}

/** Describes a CronJob: schedule, history limits, job template and active jobs. */
export async function describeCronJob(obj: KubeObject, ctx: DescribeContext): Promise<string> {
  const cj = obj as unknown as CronJob;
  const events = await eventsFor(ctx, targetOf(obj));
  const spec = cj.spec;
  const w = new DescribeWriter();
  w.write(LEVEL_0, `Name:\t${cj.metadata?.name ?? ''}\n`);
  w.write(LEVEL_0, `Namespace:\t${cj.metadata?.namespace ?? ''}\n`);
  printLabelsMultiline(w, 'Labels', cj.metadata?.labels);
  printAnnotationsMultiline(w, 'Annotations', cj.metadata?.annotations);
  w.write(LEVEL_0, `Schedule:\t${spec?.schedule ?? ''}\n`);
  w.write(LEVEL_0, `Concurrency Policy:\t${spec?.concurrencyPolicy ?? ''}\n`);
  w.write(LEVEL_0, `Suspend:\t${boolPtr(spec?.suspend)}\n`);
  const limit = (value: number | undefined) => (isSet(value) ? String(value) : '<unset>');
  w.write(LEVEL_0, `Successful Job History Limit:\t${limit(spec?.successfulJobsHistoryLimit)}\n`);
  w.write(LEVEL_0, `Failed Job History Limit:\t${limit(spec?.failedJobsHistoryLimit)}\n`);
  const deadline = spec?.startingDeadlineSeconds;
  w.write(LEVEL_0, `Starting Deadline Seconds:\t${isSet(deadline) ? `${deadline}s` : '<unset>'}\n`);
  describeJobTemplate(spec?.jobTemplate, w);
  const last = cj.status?.lastScheduleTime;
  w.write(LEVEL_0, `Last Schedule Time:\t${last ? rfc1123z(last) : '<unset>'}\n`);
  const active = cj.status?.active ?? [];
  w.write(LEVEL_0, 'Active Jobs:\t');
  w.line(active.length === 0 ? '<none>' : active.map((j) => j.name ?? '').join(', '));
  if (events) describeEvents(events, w, ctx.now);
  return w.toString();
}
