import type { Container, PodStatus, Probe } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { Kernel } from '../../../kernel/kernel';
import type { ContainerStatus } from '../../cri/types';
import type { PodObject, PodRecord } from '../context';
import type { ProbeType } from './probe';
import { ResultsManager } from './results';
import { ProbeWorker } from './worker';

const KEY: Readonly<Record<ProbeType, 'livenessProbe' | 'readinessProbe' | 'startupProbe'>> = {
  liveness: 'livenessProbe',
  readiness: 'readinessProbe',
  startup: 'startupProbe',
};

/** A record of a pod with one container `c`, running as `abc` since t=0 unless a test changes it. */
function fakeRecord(container: Container, restartPolicy = 'Always'): PodRecord {
  const pod: PodObject = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'p', namespace: 'default', uid: 'uid-1' },
    spec: { containers: [container], restartPolicy },
  };
  const runtime = { id: 'abc', name: 'c', state: 'CONTAINER_RUNNING', startedAt: 0 } as ContainerStatus;
  return {
    uid: 'uid-1',
    pod,
    apiStatus: {},
    deleted: false,
    isStatic: false,
    admitted: true,
    mirror: null,
    sandbox: null,
    containers: new Map([['c', [runtime]]]),
    failures: new Map(),
    terminal: false,
    killed: false,
    startTime: null,
    queued: null,
    busy: false,
    pending: null,
    retry: null,
  };
}

function runningStatus(id = 'abc', started = true): PodStatus {
  return {
    phase: 'Running',
    containerStatuses: [
      {
        name: 'c',
        image: 'busybox',
        imageID: '',
        ready: false,
        restartCount: 0,
        containerID: `containerd://${id}`,
        state: { running: { startedAt: '2025-01-01T00:00:00Z' } },
        started,
      },
    ],
  };
}

/**
 * A worker for one probe of container `c`, whose runner answers from `script` (S success,
 * F failure, E error; success once the script is used up) and records when it ran.
 */
function harness(
  type: ProbeType,
  probe: Partial<Probe>,
  script = '',
  options: { kubeletStart?: number } = {},
) {
  const kernel = new Kernel({ seed: 7, epoch: 0 });
  const container: Container = {
    name: 'c',
    image: 'busybox',
    [KEY[type]]: {
      exec: { command: ['true'] },
      periodSeconds: 1,
      successThreshold: 1,
      failureThreshold: 3,
      ...probe,
    },
  };
  const record = fakeRecord(container);
  const state = { status: runningStatus() as PodStatus | undefined, stopped: false };
  const calls: number[] = [];
  const answers = [...script];
  const results = new ResultsManager(() => {});
  const worker = new ProbeWorker(
    {
      kernel,
      id: 'node-1/kubelet',
      kubeletStart: options.kubeletStart ?? -1e9,
      status: () => state.status,
      run: (_record, _container, _type, _id, _cause, done) => {
        calls.push(kernel.clock.now());
        const answer = answers.shift() ?? 'S';
        done(answer === 'S' ? 'Success' : 'Failure', answer === 'E', null);
      },
    },
    record,
    container,
    type,
    results,
    () => (state.stopped = true),
  );
  worker.start();
  const runTo = (ms: number) => kernel.runUntil(ms);
  return { kernel, record, state, calls, results, worker, runTo };
}

describe('probe worker: thresholds', () => {
  const cases: {
    name: string;
    type: ProbeType;
    thresholds: Partial<Probe>;
    script: string;
    expected: string[];
  }[] = [
    {
      name: 'readiness turns Failure only after failureThreshold failures in a row',
      type: 'readiness',
      thresholds: { successThreshold: 1, failureThreshold: 3 },
      script: 'SFFSFFF',
      expected: ['Success', 'Success', 'Success', 'Success', 'Success', 'Success', 'Failure'],
    },
    {
      name: 'readiness turns Success only after successThreshold successes in a row',
      type: 'readiness',
      thresholds: { successThreshold: 3, failureThreshold: 1 },
      script: 'SSFSSS',
      expected: ['Failure', 'Failure', 'Failure', 'Failure', 'Failure', 'Success'],
    },
    {
      name: 'liveness starts as Success and fails after failureThreshold failures',
      type: 'liveness',
      thresholds: { failureThreshold: 2 },
      script: 'FSFF',
      expected: ['Success', 'Success', 'Success', 'Failure'],
    },
    {
      name: 'a probe that errors is thrown away',
      type: 'liveness',
      thresholds: { failureThreshold: 1 },
      script: 'EEES',
      expected: ['Success', 'Success', 'Success', 'Success'],
    },
  ];
  it.each(cases)('$name', ({ type, thresholds, script, expected }) => {
    const { results, runTo } = harness(type, thresholds, script);
    const seen: (string | undefined)[] = [];
    for (let i = 0; i < expected.length; i++) {
      runTo(i * 1000 + 1);
      seen.push(results.get('abc'));
    }
    expect(seen).toEqual(expected);
  });
});

describe('probe worker: when it probes', () => {
  it('probes every periodSeconds, from initialDelaySeconds after the container started', () => {
    const { calls, runTo } = harness('liveness', { initialDelaySeconds: 5, periodSeconds: 2 });
    runTo(12_000);
    expect(calls).toEqual([6000, 8000, 10_000, 12_000]);
  });

  it('waits a random part of a period first when the kubelet just started, the same for a seed', () => {
    const first = () => {
      const { calls, runTo } = harness('readiness', { periodSeconds: 10 }, '', { kubeletStart: 0 });
      runTo(30_000);
      return calls;
    };
    const calls = first();
    expect(calls[0]).toBeGreaterThan(0);
    expect(calls[0]).toBeLessThan(10_000);
    expect(calls[1]).toBe((calls[0] ?? 0) + 10_000);
    expect(first()).toEqual(calls);
  });

  it('holds liveness and readiness back until the container started, and stops startup then', () => {
    const readiness = harness('readiness', {});
    readiness.state.status = runningStatus('abc', false);
    readiness.runTo(2500);
    expect(readiness.calls).toEqual([]);
    readiness.state.status = runningStatus('abc', true);
    readiness.runTo(4500);
    expect(readiness.calls).toEqual([3000, 4000]);
    const startup = harness('startup', {});
    startup.runTo(3000);
    expect(startup.calls).toEqual([]);
    expect(startup.results.get('abc')).toBe('Unknown');
  });

  it('runs a probe at once when triggered, besides the period', () => {
    const { calls, worker, runTo, kernel } = harness('readiness', { periodSeconds: 10 });
    runTo(3000);
    worker.trigger();
    kernel.runUntil(3000);
    runTo(10_500);
    expect(calls).toEqual([0, 3000, 10_000]);
  });
});

describe('probe worker: containers and pods', () => {
  it('puts liveness on hold after a failure until the container is replaced', () => {
    const { calls, results, state, runTo } = harness('liveness', { failureThreshold: 1 }, 'F');
    runTo(3500);
    expect(calls).toEqual([0]);
    expect(results.get('abc')).toBe('Failure');
    state.status = runningStatus('def');
    runTo(4500);
    expect(results.get('abc')).toBeUndefined();
    expect(results.get('def')).toBe('Success');
    expect(calls).toEqual([0, 4000]);
  });

  it('sets Failure for a container that is not running, and ends with a pod that will not restart it', () => {
    const { results, state, runTo } = harness('readiness', {}, 'S');
    runTo(500);
    expect(results.get('abc')).toBe('Success');
    state.status = {
      phase: 'Running',
      containerStatuses: [
        {
          ...runningStatus().containerStatuses?.[0],
          name: 'c',
          state: { waiting: { reason: 'CrashLoopBackOff' } },
        },
      ],
    } as PodStatus;
    runTo(1500);
    expect(results.get('abc')).toBe('Failure');
    expect(state.stopped).toBe(false);
    state.status = { phase: 'Succeeded' };
    runTo(2500);
    expect(state.stopped).toBe(true);
    expect(results.get('abc')).toBeUndefined();
  });

  it('reports liveness Success and stops once the pod is being deleted', () => {
    const { record, results, state, calls, runTo } = harness('liveness', { failureThreshold: 1 }, 'SF');
    runTo(500);
    record.pod = {
      ...record.pod,
      metadata: { ...record.pod.metadata, deletionTimestamp: '2025-01-01T00:00:01Z' },
    };
    runTo(3000);
    expect(calls).toEqual([0]);
    expect(results.get('abc')).toBeUndefined();
    expect(state.stopped).toBe(true);
  });
});
