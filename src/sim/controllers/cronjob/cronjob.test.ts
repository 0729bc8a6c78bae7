import { describe, expect, it } from 'vitest';
import { findResource, type ResourceInfo } from '../../apiserver/resources';
import type { KubeObject } from '../../apiserver/types';
import { ApiClient } from '../../client/rest';
import { cronJob, SCHEDULED_TIMESTAMP } from '.';
import type { CronJobObject, JobObject } from './utils';
import { clusterWith } from '../testing';

const CRONJOBS = findResource('batch', 'v1', 'cronjobs') as ResourceInfo;
const JOBS = findResource('batch', 'v1', 'jobs') as ResourceInfo;
const EVENTS = findResource('', 'v1', 'events') as ResourceInfo;
const MIN = 60_000;

function setup() {
  const cluster = clusterWith([cronJob]);
  const client = new ApiClient(cluster.apiserver, 'kubectl', 'kubectl');
  const kernel = cluster.kernel;
  /** Runs until virtual `minutes` after the start (plus a second). */
  const runTo = (minutes: number) => kernel.runUntil(minutes * MIN + 1000);
  const jobs = () =>
    client
      .list<JobObject>(JOBS, 'default')
      .items.map((j) => j.metadata.name ?? '')
      .sort();
  const cj = (name: string) => client.get<CronJobObject>(CRONJOBS, 'default', name);
  const events = () =>
    client
      .list<KubeObject & { reason?: string; message?: string }>(EVENTS, 'default')
      .items.map((e) => `${e.reason ?? ''} ${e.message ?? ''}`);
  /** Marks a Job finished, as the Job controller would. */
  const finish = (name: string, type: 'Complete' | 'Failed') => {
    const job = client.get<JobObject>(JOBS, 'default', name);
    const now = kernel.clock.timestamp();
    const cond = (t: string) => ({
      type: t,
      status: 'True',
      lastProbeTime: now,
      lastTransitionTime: now,
      reason: type === 'Complete' ? 'CompletionsReached' : 'BackoffLimitExceeded',
      message: 'x',
    });
    const status =
      type === 'Complete'
        ? {
            conditions: [cond('SuccessCriteriaMet'), cond('Complete')],
            startTime: now,
            completionTime: now,
            succeeded: 1,
            uncountedTerminatedPods: {},
            ready: 0,
            terminating: 0,
          }
        : {
            conditions: [cond('FailureTarget'), cond('Failed')],
            startTime: now,
            failed: 1,
            uncountedTerminatedPods: {},
            ready: 0,
            terminating: 0,
          };
    client.update(JOBS, { ...job, status }, 'status');
  };
  return { kernel, client, runTo, jobs, cj, events, finish };
}

function manifest(name: string, schedule: string, spec: Record<string, unknown> = {}) {
  return {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name },
    spec: {
      schedule,
      ...spec,
      jobTemplate: {
        metadata: { labels: { app: name } },
        spec: {
          template: { spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox:1.36' }] } },
        },
      },
    },
  };
}

// The cluster's clock starts at 2025-01-01T00:00:00Z: unix minute 29_943_360.
const T0 = Date.UTC(2025, 0, 1) / MIN;

describe('cronjob controller: scheduling', () => {
  it('creates Jobs named after the scheduled minute, owned and annotated, at the right virtual times', () => {
    const { client, runTo, jobs, cj, events } = setup();
    const created = client.create(CRONJOBS, 'default', manifest('tick', '*/5 * * * *'));
    runTo(4);
    expect(jobs()).toEqual([]);
    runTo(5);
    expect(jobs()).toEqual([`tick-${T0 + 5}`]);
    const job = client.get<JobObject>(JOBS, 'default', `tick-${T0 + 5}`);
    expect(job.metadata.annotations?.[SCHEDULED_TIMESTAMP]).toBe('2025-01-01T00:05:00Z');
    expect(job.metadata.labels).toMatchObject({ app: 'tick' });
    expect(job.metadata.ownerReferences).toEqual([
      {
        apiVersion: 'batch/v1',
        kind: 'CronJob',
        name: 'tick',
        uid: created.metadata.uid,
        controller: true,
        blockOwnerDeletion: true,
      },
    ]);
    runTo(12);
    expect(jobs()).toEqual([`tick-${T0 + 5}`, `tick-${T0 + 10}`]);
    const status = cj('tick').status;
    expect(status?.lastScheduleTime).toBe('2025-01-01T00:10:00Z');
    expect(status?.active?.map((r) => r.name)).toEqual([`tick-${T0 + 5}`, `tick-${T0 + 10}`]);
    expect(events()).toContain(`SuccessfulCreate Created job tick-${T0 + 5}`);
  });

  it('runs @hourly Jobs on the hour and honours spec.timeZone', () => {
    const { client, runTo, jobs } = setup();
    client.create(CRONJOBS, 'default', manifest('hourly', '@hourly'));
    client.create(CRONJOBS, 'default', manifest('tokyo', '30 9 * * *', { timeZone: 'Asia/Tokyo' }));
    // 09:30 in Tokyo is 00:30 UTC.
    runTo(29);
    expect(jobs()).toEqual([]);
    runTo(30);
    expect(jobs()).toEqual([`tokyo-${T0 + 30}`]);
    runTo(59);
    expect(jobs()).toEqual([`tokyo-${T0 + 30}`]);
    runTo(60);
    expect(jobs()).toEqual([`hourly-${T0 + 60}`, `tokyo-${T0 + 30}`]);
    expect(
      client.get<JobObject>(JOBS, 'default', `tokyo-${T0 + 30}`).metadata.annotations?.[SCHEDULED_TIMESTAMP],
    ).toBe('2025-01-01T09:30:00+09:00');
  });

  it('does nothing while suspended, and skips a schedule time older than startingDeadlineSeconds', () => {
    const { client, runTo, jobs, events } = setup();
    client.create(
      CRONJOBS,
      'default',
      manifest('late', '*/10 * * * *', { suspend: true, startingDeadlineSeconds: 60 }),
    );
    runTo(25);
    expect(jobs()).toEqual([]);
    client.patch(CRONJOBS, 'default', 'late', 'merge', { spec: { suspend: false } });
    runTo(26);
    // 00:20 is more than 60 s ago: it is not run late.
    expect(jobs()).toEqual([]);
    expect(events()).toEqual([]);
    runTo(30);
    expect(jobs()).toEqual([`late-${T0 + 30}`]);
  });
});

describe('cronjob controller: concurrency policies and history', () => {
  it('Forbid skips a run while one is active; Replace deletes the active one', () => {
    const { client, runTo, jobs, events } = setup();
    client.create(CRONJOBS, 'default', manifest('forbid', '* * * * *', { concurrencyPolicy: 'Forbid' }));
    client.create(CRONJOBS, 'default', manifest('replace', '* * * * *', { concurrencyPolicy: 'Replace' }));
    runTo(1);
    runTo(2);
    expect(jobs()).toEqual([`forbid-${T0 + 1}`, `replace-${T0 + 2}`]);
    expect(events()).toEqual(
      expect.arrayContaining([
        'JobAlreadyActive Not starting job because prior execution is running and concurrency policy is Forbid',
        `SuccessfulDelete Deleted job replace-${T0 + 1}`,
      ]),
    );
  });

  it('notices finished Jobs and keeps only the newest within the history limits', () => {
    const { client, runTo, jobs, cj, events, finish } = setup();
    client.create(
      CRONJOBS,
      'default',
      manifest('hist', '* * * * *', { successfulJobsHistoryLimit: 2, failedJobsHistoryLimit: 1 }),
    );
    for (let m = 1; m <= 5; m++) {
      runTo(m);
      finish(`hist-${T0 + m}`, m === 2 || m === 4 ? 'Failed' : 'Complete');
    }
    runTo(5.5);
    expect(jobs()).toEqual([`hist-${T0 + 3}`, `hist-${T0 + 4}`, `hist-${T0 + 5}`]);
    const status = cj('hist').status;
    expect(status?.active).toBeUndefined();
    expect(status?.lastSuccessfulTime).toBe('2025-01-01T00:05:01Z');
    expect(events()).toEqual(
      expect.arrayContaining([
        `SawCompletedJob Saw completed job: hist-${T0 + 1}, condition: Complete`,
        `SawCompletedJob Saw completed job: hist-${T0 + 2}, condition: Failed`,
        `SuccessfulDelete Deleted job hist-${T0 + 1}`,
        `SuccessfulDelete Deleted job hist-${T0 + 2}`,
      ]),
    );
  });
});
