/**
 * batch/v1 Jobs and CronJobs (upstream's pkg/apis/batch/validation). A Job whose selector
 * the registry generates (manualSelector unset) is not required to carry one here.
 */
import type { CronJob, Job } from 'kubernetes-types/batch/v1';
import type { LabelSelector } from 'kubernetes-types/meta/v1';
import type { FieldError } from './field';
import {
  FIELD_IMMUTABLE,
  Path,
  deepEqual,
  immutable,
  invalid,
  nonNegative,
  notSupported,
  required,
} from './field';
import { GoValue, goLabelSelector, goStringMap } from './gofmt';
import { cronScheduleError, isKnownTimeZone } from './cron';
import { selectorMatches, validateLabelSelector, validateObjectMeta, validateObjectMetaUpdate } from './meta';
import { isDNS1123Label, nameIsDNSSubdomain } from './names';
import { validatePodTemplateSpec } from './podspec';
import { num, rec, str } from './util';

const SPEC = Path.of('spec');
const MAX_PARALLELISM_INDEXED = 100000;

/** validateJobSpec: counts, completion mode, template and its restartPolicy. */
function jobSpecFields(spec: Record<string, unknown>, at: Path): FieldError[] {
  const errs: FieldError[] = [];
  for (const key of [
    'parallelism',
    'completions',
    'activeDeadlineSeconds',
    'backoffLimit',
    'ttlSecondsAfterFinished',
  ]) {
    errs.push(...nonNegative(spec[key], at.child(key)));
  }
  const mode = spec['completionMode'];
  if (typeof mode === 'string') {
    if (mode !== 'NonIndexed' && mode !== 'Indexed')
      errs.push(notSupported(at.child('completionMode'), mode, ['NonIndexed', 'Indexed']));
    if (mode === 'Indexed') {
      if (spec['completions'] === undefined || spec['completions'] === null) {
        errs.push(required(at.child('completions'), 'when completion mode is Indexed'));
      }
      const parallelism = num(spec['parallelism']);
      if (parallelism !== undefined && parallelism > MAX_PARALLELISM_INDEXED) {
        const msg = `must be less than or equal to ${MAX_PARALLELISM_INDEXED} when completion mode is Indexed`;
        errs.push(invalid(at.child('parallelism'), parallelism, msg));
      }
    }
  }
  const template = rec(spec['template']);
  errs.push(...validatePodTemplateSpec(template, at.child('template')));
  const rp = at.child('template', 'spec', 'restartPolicy');
  const restartPolicy = str(rec(template['spec'])['restartPolicy']) || 'Always';
  if (restartPolicy === 'Always') {
    errs.push(required(rp, 'valid values: "OnFailure", "Never"'));
  } else if (restartPolicy !== 'OnFailure' && restartPolicy !== 'Never') {
    errs.push(notSupported(rp, restartPolicy, ['OnFailure', 'Never']));
  } else if (spec['podFailurePolicy'] && restartPolicy !== 'Never') {
    errs.push(invalid(rp, restartPolicy, 'only "Never" is supported when podFailurePolicy is specified'));
  }
  return errs;
}

/** ValidateJobSpec: the fields, plus the selector and its match with the template. */
function jobSpec(spec: Record<string, unknown>): FieldError[] {
  const errs = jobSpecFields(spec, SPEC);
  const selector = spec['selector'] as LabelSelector | undefined;
  const generated = spec['manualSelector'] !== true && !selector;
  if (generated) return errs;
  if (!selector) errs.push(required(SPEC.child('selector')));
  else errs.push(...validateLabelSelector(selector, SPEC.child('selector')));
  const labels = rec(rec(spec['template'])['metadata'])['labels'];
  if (
    validateLabelSelector(selector, SPEC).length === 0 &&
    (!selector || !selectorMatches(selector, labels))
  ) {
    errs.push(
      invalid(
        SPEC.child('template', 'metadata', 'labels'),
        goStringMap(labels),
        '`selector` does not match template `labels`',
      ),
    );
  }
  return errs;
}

/** ValidateJob (create) */
export function validateJob(job: Job): FieldError[] {
  const spec = rec(job.spec);
  const errs = [...validateObjectMeta(job.metadata, true, nameIsDNSSubdomain), ...jobSpec(spec)];
  const completions = num(spec['completions']);
  if (spec['completionMode'] === 'Indexed' && completions !== undefined && completions > 0) {
    const hostname = `${str(job.metadata?.name)}-${completions - 1}`;
    if (isDNS1123Label(hostname).length > 0) {
      errs.push(
        invalid(
          Path.of('metadata', 'name'),
          str(job.metadata?.name),
          `will not able to create pod with invalid DNS label: ${hostname}`,
        ),
      );
    }
  }
  return errs;
}

/** How upstream prints a changed pod template in its immutability error (abridged). */
function goTemplate(template: unknown): GoValue {
  return new GoValue(`core.PodTemplateSpec{${JSON.stringify(template ?? {})}}`);
}

/** ValidateJobUpdate: completions, selector, template, completionMode and podFailurePolicy are immutable. */
export function validateJobUpdate(job: Job, old: Job): FieldError[] {
  const spec = rec(job.spec);
  const oldSpec = rec(old.spec);
  const errs = [...validateObjectMetaUpdate(job.metadata, old.metadata), ...jobSpec(spec)];
  const elastic = spec['completionMode'] === 'Indexed' && spec['parallelism'] === spec['completions'];
  if (!elastic)
    errs.push(
      ...immutable(
        spec['completions'],
        oldSpec['completions'],
        SPEC.child('completions'),
        spec['completions'] ?? null,
      ),
    );
  const sel = spec['selector'];
  errs.push(...immutable(sel, oldSpec['selector'], SPEC.child('selector'), goLabelSelector(sel)));
  let template = rec(spec['template']);
  let oldTemplate = rec(oldSpec['template']);
  const notStarted = !rec(old.status)['startTime'];
  if (oldSpec['suspend'] === true && notStarted) {
    // Scheduling directives of a suspended job that never ran may change.
    const strip = (t: Record<string, unknown>): Record<string, unknown> => {
      const s = { ...rec(t['spec']) };
      delete s['nodeSelector'];
      delete s['tolerations'];
      delete s['affinity'];
      const m = { ...rec(t['metadata']) };
      delete m['labels'];
      delete m['annotations'];
      return { ...t, metadata: m, spec: s };
    };
    template = strip(template);
    oldTemplate = strip(oldTemplate);
  }
  if (!deepEqual(template, oldTemplate))
    errs.push(invalid(SPEC.child('template'), goTemplate(spec['template']), FIELD_IMMUTABLE));
  errs.push(
    ...immutable(
      spec['completionMode'],
      oldSpec['completionMode'],
      SPEC.child('completionMode'),
      spec['completionMode'] ?? null,
    ),
  );
  errs.push(
    ...immutable(
      spec['podFailurePolicy'],
      oldSpec['podFailurePolicy'],
      SPEC.child('podFailurePolicy'),
      new GoValue('&batch.PodFailurePolicy{...}'),
    ),
  );
  return errs;
}

function cronJobSpec(
  spec: Record<string, unknown>,
  oldSpec: Record<string, unknown> | undefined,
): FieldError[] {
  const errs: FieldError[] = [];
  const schedule = str(spec['schedule']);
  const sp = SPEC.child('schedule');
  const timeZone = spec['timeZone'];
  if (!schedule) errs.push(required(sp));
  else {
    const err = cronScheduleError(schedule);
    if (err) errs.push(invalid(sp, schedule, err));
    // TZ in the schedule is only tolerated on objects that already had it.
    const allowTZ = oldSpec !== undefined && str(oldSpec['schedule']).includes('TZ');
    if (schedule.includes('TZ')) {
      if (!allowTZ)
        errs.push(invalid(sp, schedule, 'cannot use TZ or CRON_TZ in schedule, use timeZone field instead'));
      else if (typeof timeZone === 'string')
        errs.push(invalid(sp, schedule, 'cannot use both timeZone field and TZ or CRON_TZ in schedule'));
    }
  }
  errs.push(...nonNegative(spec['startingDeadlineSeconds'], SPEC.child('startingDeadlineSeconds')));
  if ((oldSpec === undefined || oldSpec['timeZone'] !== timeZone) && typeof timeZone === 'string') {
    const tp = SPEC.child('timeZone');
    if (timeZone === '') errs.push(invalid(tp, timeZone, 'timeZone must be nil or non-empty string'));
    else {
      if (timeZone.toLowerCase() === 'local')
        errs.push(
          invalid(
            tp,
            timeZone,
            'timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones',
          ),
        );
      else if (!isKnownTimeZone(timeZone)) errs.push(invalid(tp, timeZone, `unknown time zone ${timeZone}`));
    }
  }
  const policy = str(spec['concurrencyPolicy']) || 'Allow';
  if (!['Allow', 'Forbid', 'Replace'].includes(policy)) {
    errs.push(notSupported(SPEC.child('concurrencyPolicy'), policy, ['Allow', 'Forbid', 'Replace']));
  }
  const jt = SPEC.child('jobTemplate');
  const jobSpecValue = rec(rec(spec['jobTemplate'])['spec']);
  errs.push(...jobSpecFields(jobSpecValue, jt.child('spec')));
  if (jobSpecValue['selector']) {
    errs.push(
      invalid(
        jt.child('spec', 'selector'),
        goLabelSelector(jobSpecValue['selector']),
        '`selector` will be auto-generated',
      ),
    );
  }
  if (jobSpecValue['manualSelector'] === true)
    errs.push(notSupported(jt.child('spec', 'manualSelector'), true, ['nil', 'false']));
  errs.push(...nonNegative(spec['successfulJobsHistoryLimit'], SPEC.child('successfulJobsHistoryLimit')));
  errs.push(...nonNegative(spec['failedJobsHistoryLimit'], SPEC.child('failedJobsHistoryLimit')));
  return errs;
}

/** ValidateCronJobCreate: names leave room for the 11-character job suffix. */
export function validateCronJob(cj: CronJob): FieldError[] {
  const errs = [
    ...validateObjectMeta(cj.metadata, true, nameIsDNSSubdomain),
    ...cronJobSpec(rec(cj.spec), undefined),
  ];
  const name = str(cj.metadata?.name);
  if (name.length > 52)
    errs.push(invalid(Path.of('metadata', 'name'), name, 'must be no more than 52 characters'));
  return errs;
}

/** ValidateCronJobUpdate */
export function validateCronJobUpdate(cj: CronJob, old: CronJob): FieldError[] {
  return [
    ...validateObjectMetaUpdate(cj.metadata, old.metadata),
    ...cronJobSpec(rec(cj.spec), rec(old.spec)),
  ];
}
