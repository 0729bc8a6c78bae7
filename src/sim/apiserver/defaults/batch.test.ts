import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../types';
import { defaultedPodSpec, defaulted, podSpec } from './testing';

const NEVER = { restartPolicy: 'Never' };
const JOB_DEFAULTS = {
  backoffLimit: 6,
  completionMode: 'NonIndexed',
  completions: 1,
  manualSelector: false,
  parallelism: 1,
  podReplacementPolicy: 'TerminatingOrFailed',
  suspend: false,
};

function job(spec: Record<string, unknown>, labels?: Record<string, string>): KubeObject {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: 'j', ...(labels ? { labels } : {}) },
    spec,
  };
}

describe('Job defaults', () => {
  it('kubectl create job hello --image=busybox', () => {
    const out = defaulted(
      job({ template: { metadata: { creationTimestamp: null }, spec: podSpec('busybox', NEVER) } }),
    );
    expect(out.spec).toEqual({
      ...JOB_DEFAULTS,
      template: { metadata: { creationTimestamp: null }, spec: defaultedPodSpec('busybox', 'Always', NEVER) },
    });
    expect(out.metadata).toEqual({ name: 'j' });
  });

  it.each<[string, Record<string, unknown>, Record<string, unknown>]>([
    ['only completions set: parallelism 1', { completions: 5 }, { completions: 5, parallelism: 1 }],
    [
      'only parallelism set: completions stay unset',
      { parallelism: 3 },
      { parallelism: 3, completions: undefined },
    ],
    [
      'backoff limit per index: unlimited global limit',
      { backoffLimitPerIndex: 1, completionMode: 'Indexed', completions: 4 },
      { backoffLimit: 2147483647, completionMode: 'Indexed' },
    ],
    [
      'explicit values kept',
      { backoffLimit: 0, suspend: true, manualSelector: true, podReplacementPolicy: 'Failed' },
      { backoffLimit: 0, suspend: true, manualSelector: true, podReplacementPolicy: 'Failed' },
    ],
    [
      'pod failure policy: replace pods once failed, conditions match True',
      {
        podFailurePolicy: {
          rules: [
            {
              action: 'Ignore',
              onPodConditions: [{ type: 'DisruptionTarget' }, { type: 'X', status: 'False' }],
            },
          ],
        },
      },
      {
        podReplacementPolicy: 'Failed',
        podFailurePolicy: {
          rules: [
            {
              action: 'Ignore',
              onPodConditions: [
                { type: 'DisruptionTarget', status: 'True' },
                { type: 'X', status: 'False' },
              ],
            },
          ],
        },
      },
    ],
  ])('%s', (_name, spec, expected) => {
    const out = defaulted(job({ ...spec, template: { spec: podSpec('busybox:1.36', NEVER) } }));
    expect(out.spec).toMatchObject(
      Object.fromEntries(Object.entries(expected).filter(([, v]) => v !== undefined)),
    );
    for (const [key, value] of Object.entries(expected)) {
      if (value === undefined) expect(out.spec).not.toHaveProperty(key);
    }
  });

  it.each<
    [
      string,
      Record<string, string> | undefined,
      Record<string, string> | undefined,
      Record<string, string> | undefined,
    ]
  >([
    ['copied when the job has none', undefined, { app: 'batch' }, { app: 'batch' }],
    ['kept when the job has some', { team: 'x' }, { app: 'batch' }, { team: 'x' }],
    ['nothing to copy', undefined, undefined, undefined],
  ])('labels from the template: %s', (_name, jobLabels, templateLabels, expected) => {
    const template = {
      metadata: templateLabels ? { labels: templateLabels } : {},
      spec: podSpec('busybox', NEVER),
    };
    const out = defaulted(job({ template }, jobLabels));
    expect(out.metadata.labels).toEqual(expected);
    if (expected) expect(out.metadata.labels).not.toBe(template.metadata.labels);
  });
});

describe('CronJob defaults', () => {
  it('kubectl create cronjob hello --image=busybox --schedule="*/1 * * * *"', () => {
    const template = {
      metadata: { creationTimestamp: null },
      spec: podSpec('busybox', { restartPolicy: 'OnFailure' }),
    };
    const out = defaulted({
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: { name: 'hello' },
      spec: {
        jobTemplate: { metadata: { creationTimestamp: null, name: 'hello' }, spec: { template } },
        schedule: '*/1 * * * *',
      },
    });
    expect(out.spec).toEqual({
      concurrencyPolicy: 'Allow',
      failedJobsHistoryLimit: 1,
      successfulJobsHistoryLimit: 3,
      suspend: false,
      schedule: '*/1 * * * *',
      // The job template gets no Job-level defaults: the controller's Jobs get them.
      jobTemplate: {
        metadata: { creationTimestamp: null, name: 'hello' },
        spec: {
          template: {
            metadata: { creationTimestamp: null },
            spec: defaultedPodSpec('busybox', 'Always', { restartPolicy: 'OnFailure' }),
          },
        },
      },
    });
  });

  it('keeps explicit values and defaults failure-policy conditions in the job template', () => {
    const out = defaulted({
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: { name: 'c' },
      spec: {
        schedule: '@daily',
        concurrencyPolicy: 'Forbid',
        suspend: true,
        successfulJobsHistoryLimit: 0,
        failedJobsHistoryLimit: 0,
        jobTemplate: {
          spec: {
            podFailurePolicy: { rules: [{ action: 'FailJob', onPodConditions: [{ type: 'Ready' }] }] },
          },
        },
      },
    });
    expect(out.spec).toMatchObject({
      concurrencyPolicy: 'Forbid',
      suspend: true,
      successfulJobsHistoryLimit: 0,
      failedJobsHistoryLimit: 0,
      jobTemplate: {
        spec: { podFailurePolicy: { rules: [{ onPodConditions: [{ type: 'Ready', status: 'True' }] }] } },
      },
    });
  });
});
