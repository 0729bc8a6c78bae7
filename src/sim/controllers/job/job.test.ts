import { describe, expect, it } from 'vitest';
import { COMPLETION_INDEX, CONTROLLER_UID, JOB_NAME, TRACKING_FINALIZER } from '.';
import { JOBS, jobManifest, setup } from './testing';

describe('job controller: completions and parallelism', () => {
  it('creates labelled, finalized pods and completes after `completions` successes', () => {
    const { client, run, pods, job, events, finishAll } = setup();
    const created = client.create(JOBS, 'default', jobManifest('pi', { completions: 3, parallelism: 2 }));
    run(2000);
    const first = pods();
    expect(first).toHaveLength(2);
    const uid = created.metadata.uid ?? '';
    for (const pod of first) {
      expect(pod.metadata.generateName).toBe('pi-');
      expect(pod.metadata.labels).toEqual({
        app: 'pi',
        [CONTROLLER_UID]: uid,
        [JOB_NAME]: 'pi',
        'controller-uid': uid,
        'job-name': 'pi',
      });
      expect(pod.metadata.finalizers).toEqual([TRACKING_FINALIZER]);
      expect(pod.metadata.ownerReferences?.[0]).toMatchObject({
        kind: 'Job',
        name: 'pi',
        uid,
        controller: true,
      });
    }
    expect(job('pi').status).toMatchObject({
      active: 2,
      ready: 0,
      terminating: 0,
      uncountedTerminatedPods: {},
    });
    expect(job('pi').status?.startTime).toBeDefined();

    finishAll('Succeeded');
    run(2000);
    // Counted pods lose their finalizer; one more pod is created for the last completion.
    expect(
      pods()
        .filter((p) => p.status?.phase === 'Succeeded')
        .every((p) => p.metadata.finalizers === undefined),
    ).toBe(true);
    expect(job('pi').status).toMatchObject({ active: 1, succeeded: 2 });
    finishAll('Succeeded');
    run(2000);
    const status = job('pi').status;
    expect(status).toMatchObject({ succeeded: 3, ready: 0, terminating: 0, uncountedTerminatedPods: {} });
    expect(status?.active).toBeUndefined();
    expect(status?.completionTime).toBeDefined();
    expect(status?.conditions?.map((c) => [c.type, c.status, c.reason, c.message])).toEqual([
      ['SuccessCriteriaMet', 'True', 'CompletionsReached', 'Reached expected number of succeeded pods'],
      ['Complete', 'True', 'CompletionsReached', 'Reached expected number of succeeded pods'],
    ]);
    const evs = events();
    expect(evs.filter((e) => e.startsWith('Normal SuccessfulCreate Created pod: pi-'))).toHaveLength(3);
    expect(evs).toContain('Normal Completed Job completed');
  });
});

describe('job controller: failures', () => {
  it('replaces failed pods after a doubling backoff, then fails with BackoffLimitExceeded', () => {
    const { cluster, client, run, pods, job, events, finishAll } = setup();
    client.create(JOBS, 'default', jobManifest('flaky', { backoffLimit: 2 }));
    run(2000);
    expect(pods()).toHaveLength(1);
    const created: number[] = [];
    for (let i = 0; i < 2; i++) {
      finishAll('Failed');
      const failedAt = cluster.kernel.clock.now();
      const count = pods().length;
      while (pods().length === count) run(500);
      created.push(cluster.kernel.clock.now() - failedAt);
    }
    // 10 s after the first failure, 20 s after the second (plus the 1 s pod-event batching).
    expect(created[0]).toBeGreaterThanOrEqual(10_000);
    expect(created[0]).toBeLessThan(12_000);
    expect(created[1]).toBeGreaterThanOrEqual(20_000);
    expect(created[1]).toBeLessThan(22_000);
    expect(job('flaky').status).toMatchObject({ failed: 2, active: 1 });
    finishAll('Failed');
    run(5000);
    const status = job('flaky').status;
    expect(status).toMatchObject({ failed: 3, terminating: 0 });
    expect(status?.conditions?.map((c) => [c.type, c.reason, c.message])).toEqual([
      ['FailureTarget', 'BackoffLimitExceeded', 'Job has reached the specified backoff limit'],
      ['Failed', 'BackoffLimitExceeded', 'Job has reached the specified backoff limit'],
    ]);
    expect(status?.completionTime).toBeUndefined();
    expect(events()).toContain('Warning BackoffLimitExceeded Job has reached the specified backoff limit');
    expect(pods().every((p) => p.metadata.finalizers === undefined)).toBe(true);
  });

  it('fails with DeadlineExceeded after activeDeadlineSeconds, deleting its active pods', () => {
    const { client, run, pods, job, events } = setup();
    client.create(
      JOBS,
      'default',
      jobManifest('slow', { parallelism: 2, completions: 4, activeDeadlineSeconds: 30 }),
    );
    run(2000);
    expect(pods()).toHaveLength(2);
    run(25_000);
    expect(job('slow').status?.conditions).toBeUndefined();
    run(5000);
    const status = job('slow').status;
    expect(status?.conditions?.map((c) => [c.type, c.reason, c.message])).toEqual([
      ['FailureTarget', 'DeadlineExceeded', 'Job was active longer than specified deadline'],
      ['Failed', 'DeadlineExceeded', 'Job was active longer than specified deadline'],
    ]);
    expect(status).toMatchObject({ failed: 2, terminating: 0 });
    expect(pods()).toHaveLength(0);
    const evs = events();
    expect(evs.filter((e) => e.startsWith('Normal SuccessfulDelete Deleted pod: slow-'))).toHaveLength(2);
    expect(evs).toContain('Warning DeadlineExceeded Job was active longer than specified deadline');
  });
});

describe('job controller: Indexed completion mode', () => {
  it('creates one pod per index, with annotation, label, hostname and env, and tracks completedIndexes', () => {
    const { client, run, pods, job, setPhase } = setup();
    client.create(
      JOBS,
      'default',
      jobManifest('idx', { completions: 3, parallelism: 3, completionMode: 'Indexed' }),
    );
    run(2000);
    const all = pods();
    expect(all.map((p) => p.metadata.annotations?.[COMPLETION_INDEX]).sort()).toEqual(['0', '1', '2']);
    for (const pod of all) {
      const ix = pod.metadata.annotations?.[COMPLETION_INDEX] ?? '';
      expect(pod.metadata.generateName).toBe(`idx-${ix}-`);
      expect(pod.metadata.labels?.[COMPLETION_INDEX]).toBe(ix);
      expect(pod.spec?.hostname).toBe(`idx-${ix}`);
      expect(pod.spec?.containers[0]?.env).toEqual([
        {
          name: 'JOB_COMPLETION_INDEX',
          valueFrom: {
            fieldRef: { apiVersion: 'v1', fieldPath: `metadata.annotations['${COMPLETION_INDEX}']` },
          },
        },
      ]);
    }
    const byIndex = (ix: string) =>
      all.find((p) => p.metadata.annotations?.[COMPLETION_INDEX] === ix)?.metadata.name ?? '';
    setPhase(byIndex('0'), 'Succeeded');
    setPhase(byIndex('2'), 'Succeeded');
    setPhase(byIndex('1'), 'Failed');
    run(15_000);
    expect(job('idx').status).toMatchObject({ completedIndexes: '0,2', succeeded: 2, failed: 1, active: 1 });
    const retry = pods().find((p) => p.status?.phase === undefined || p.status.phase === 'Pending');
    expect(retry?.metadata.annotations?.[COMPLETION_INDEX]).toBe('1');
    setPhase(retry?.metadata.name ?? '', 'Succeeded');
    run(2000);
    expect(job('idx').status).toMatchObject({ completedIndexes: '0-2', succeeded: 3 });
    expect(job('idx').status?.conditions?.map((c) => c.type)).toEqual(['SuccessCriteriaMet', 'Complete']);
  });
});

describe('job controller: suspend', () => {
  it('creates no pods while suspended, deletes them on suspend, and restarts the clock on resume', () => {
    const { client, run, pods, job, events } = setup();
    client.create(JOBS, 'default', jobManifest('later', { suspend: true, parallelism: 2, completions: 2 }));
    run(2000);
    expect(pods()).toHaveLength(0);
    expect(job('later').status?.startTime).toBeUndefined();
    expect(job('later').status?.conditions?.map((c) => [c.type, c.status])).toEqual([['Suspended', 'True']]);
    client.patch(JOBS, 'default', 'later', 'merge', { spec: { suspend: false } });
    run(2000);
    expect(pods()).toHaveLength(2);
    expect(job('later').status?.startTime).toBeDefined();
    expect(job('later').status?.conditions?.map((c) => [c.type, c.status, c.reason])).toEqual([
      ['Suspended', 'False', 'JobResumed'],
    ]);
    client.patch(JOBS, 'default', 'later', 'merge', { spec: { suspend: true } });
    run(2000);
    expect(pods().filter((p) => p.metadata.deletionTimestamp === undefined)).toHaveLength(0);
    const status = job('later').status;
    expect(status?.conditions?.map((c) => [c.type, c.status, c.reason, c.message])).toEqual([
      ['Suspended', 'True', 'JobSuspended', 'Job suspended'],
    ]);
    expect(status?.active).toBeUndefined();
    expect(events()).toEqual(
      expect.arrayContaining(['Normal Suspended Job suspended', 'Normal Resumed Job resumed']),
    );
  });
});
