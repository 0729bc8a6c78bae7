import { describe, expect, it } from 'vitest';
import { parseLabelSelector } from '../../apiserver/selectors';
import { calculatePodRequests, ReplicaCalculator, type PodSelector } from './replica-calculator';
import type { PodMetricsInfo, PodObject } from './types';

const NOW = Date.parse('2025-01-01T01:00:00Z');
const MIN = 60_000;
const SELECTOR: PodSelector = { text: 'name=test-pod', parsed: parseLabelSelector('name=test-pod') };
const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

/** A replica calculator case, as upstream's replica_calculator_test.go writes them. */
interface Case {
  readonly currentReplicas: number;
  readonly expectedReplicas: number;
  /** Each pod's request, in milli-units. */
  readonly requests: readonly number[];
  /** Each pod's usage, in milli-units; undefined: no metric for it. */
  readonly levels: readonly (number | undefined)[];
  readonly targetUtilization: number;
  readonly expectedUtilization: number;
  readonly expectedRawValue: number;
  readonly resource?: 'cpu' | 'memory';
  readonly readiness?: readonly ('True' | 'False')[];
  readonly phases?: readonly string[];
  readonly deleted?: readonly boolean[];
  /** When each pod started, ms before now (10 min by default: past the CPU initialization period). */
  readonly startedAgo?: readonly number[];
}

function pods(c: Case): PodObject[] {
  return c.requests.map((request, i) => {
    const started = NOW - (c.startedAgo?.[i] ?? 10 * MIN);
    return {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: `test-pod-${i}`,
        namespace: 'test-namespace',
        labels: { name: 'test-pod' },
        ...(c.deleted?.[i] === true ? { deletionTimestamp: iso(NOW) } : {}),
      },
      spec: {
        containers: [{ name: 'c', resources: { requests: { [c.resource ?? 'cpu']: `${request}m` } } }],
      },
      status: {
        phase: c.phases?.[i] ?? 'Running',
        startTime: iso(started),
        conditions: [
          { type: 'Ready', status: c.readiness?.[i] ?? 'True', lastTransitionTime: iso(started + 10_000) },
        ],
      },
    };
  });
}

function calculator(list: PodObject[], levels: readonly (number | undefined)[], fail?: string) {
  return new ReplicaCalculator(
    () => {
      if (fail !== undefined) throw new Error(fail);
      const metrics: PodMetricsInfo = new Map();
      levels.forEach((value, i) => {
        if (value !== undefined) metrics.set(`test-pod-${i}`, { timestamp: NOW, windowMs: MIN, value });
      });
      return { metrics, timestamp: NOW };
    },
    () => list,
    () => NOW,
    { tolerance: 0.1, cpuInitializationPeriodMs: 5 * MIN, delayOfInitialReadinessStatusMs: 30_000 },
  );
}

const base = { requests: [1000, 1000, 1000] };

describe('ReplicaCalculator.getResourceReplicas', () => {
  it.each<[string, Case]>([
    [
      'scale up',
      {
        ...base,
        currentReplicas: 3,
        expectedReplicas: 5,
        levels: [300, 500, 700],
        targetUtilization: 30,
        expectedUtilization: 50,
        expectedRawValue: 500,
      },
    ],
    [
      'scale up, unready pods counted at 0%',
      {
        ...base,
        currentReplicas: 3,
        expectedReplicas: 4,
        readiness: ['False', 'True', 'True'],
        levels: [300, 500, 700],
        targetUtilization: 30,
        expectedUtilization: 60,
        expectedRawValue: 600,
      },
    ],
    [
      'scale up, a pod in its CPU initialization period counted at 0%',
      {
        ...base,
        currentReplicas: 3,
        expectedReplicas: 4,
        startedAgo: [MIN, 10 * MIN, 10 * MIN],
        levels: [300, 500, 700],
        targetUtilization: 30,
        expectedUtilization: 60,
        expectedRawValue: 600,
      },
    ],
    [
      'no scale up when unready pods would reverse it',
      {
        ...base,
        currentReplicas: 3,
        expectedReplicas: 3,
        readiness: ['True', 'False', 'False'],
        levels: [400, 500, 700],
        targetUtilization: 30,
        expectedUtilization: 40,
        expectedRawValue: 400,
      },
    ],
    [
      'scale up ignores failed pods',
      {
        requests: [1000, 1000, 1000, 1000],
        currentReplicas: 2,
        expectedReplicas: 4,
        phases: ['Running', 'Running', 'Failed', 'Failed'],
        levels: [500, 700, 300, 500],
        targetUtilization: 30,
        expectedUtilization: 60,
        expectedRawValue: 600,
      },
    ],
    [
      'scale up ignores pods being deleted',
      {
        requests: [1000, 1000, 1000, 1000],
        currentReplicas: 2,
        expectedReplicas: 4,
        deleted: [false, false, true, true],
        levels: [500, 700, 300, 500],
        targetUtilization: 30,
        expectedUtilization: 60,
        expectedRawValue: 600,
      },
    ],
    [
      'pending pods are unready',
      {
        ...base,
        currentReplicas: 3,
        expectedReplicas: 4,
        phases: ['Pending', 'Running', 'Running'],
        levels: [undefined, 500, 700],
        targetUtilization: 30,
        expectedUtilization: 60,
        expectedRawValue: 600,
      },
    ],
    [
      'scale down',
      {
        requests: [1000, 1000, 1000, 1000, 1000],
        currentReplicas: 5,
        expectedReplicas: 3,
        levels: [100, 300, 500, 250, 250],
        targetUtilization: 50,
        expectedUtilization: 28,
        expectedRawValue: 280,
      },
    ],
    [
      'scale down leaves unready pods out',
      {
        requests: [1000, 1000, 1000, 1000, 1000],
        currentReplicas: 5,
        expectedReplicas: 2,
        readiness: ['True', 'True', 'True', 'False', 'False'],
        levels: [100, 300, 500, 250, 250],
        targetUtilization: 50,
        expectedUtilization: 30,
        expectedRawValue: 300,
      },
    ],
    [
      'within the tolerance nothing changes',
      {
        requests: [900, 1000, 1100],
        currentReplicas: 3,
        expectedReplicas: 3,
        levels: [1010, 1030, 1020],
        targetUtilization: 100,
        expectedUtilization: 102,
        expectedRawValue: 1020,
      },
    ],
    [
      'missing metrics at the target: no change',
      {
        requests: [1000, 1000],
        currentReplicas: 2,
        expectedReplicas: 2,
        levels: [1000, undefined],
        targetUtilization: 100,
        expectedUtilization: 100,
        expectedRawValue: 1000,
      },
    ],
    [
      'missing metrics on a scale up count as 0%',
      {
        requests: [1000, 1000],
        currentReplicas: 2,
        expectedReplicas: 4,
        levels: [4000, undefined],
        targetUtilization: 100,
        expectedUtilization: 400,
        expectedRawValue: 4000,
      },
    ],
    [
      'missing metrics on a scale down count as 100% of the request',
      {
        requests: [1000, 1000, 1000, 1000],
        currentReplicas: 4,
        expectedReplicas: 3,
        levels: [100, 100, 100, undefined],
        targetUtilization: 50,
        expectedUtilization: 10,
        expectedRawValue: 100,
      },
    ],
    [
      'missing metrics on a scale down count at a target above 100%',
      {
        requests: [1000, 1000, 1000, 1000],
        currentReplicas: 4,
        expectedReplicas: 2,
        levels: [500, 500, 500, undefined],
        targetUtilization: 200,
        expectedUtilization: 50,
        expectedRawValue: 500,
      },
    ],
    [
      'memory does not look at readiness',
      {
        ...base,
        resource: 'memory',
        currentReplicas: 3,
        expectedReplicas: 5,
        readiness: ['False', 'True', 'True'],
        levels: [300, 500, 700],
        targetUtilization: 30,
        expectedUtilization: 50,
        expectedRawValue: 500,
      },
    ],
  ])('%s', (_name, c) => {
    const r = calculator(pods(c), c.levels).getResourceReplicas(
      c.currentReplicas,
      c.targetUtilization,
      c.resource ?? 'cpu',
      'test-namespace',
      SELECTOR,
      '',
    );
    expect([r.replicas, r.utilization, r.rawUtilization]).toEqual([
      c.expectedReplicas,
      c.expectedUtilization,
      c.expectedRawValue,
    ]);
  });

  it.each<[string, PodObject[], readonly (number | undefined)[], string | undefined, string]>([
    ['no pods', [], [100], undefined, 'no pods returned by selector while calculating replica count'],
    [
      'a container without a request',
      pods({
        ...base,
        currentReplicas: 3,
        expectedReplicas: 0,
        levels: [],
        targetUtilization: 0,
        expectedUtilization: 0,
        expectedRawValue: 0,
      }).map((p, i) => (i === 1 ? { ...p, spec: { containers: [{ name: 'c' }] } } : p)),
      [100, 100, 100],
      undefined,
      'missing request for cpu in container c of Pod test-pod-1',
    ],
    [
      'only unready pods have metrics',
      pods({
        ...base,
        readiness: ['False', 'False', 'False'],
        currentReplicas: 3,
        expectedReplicas: 0,
        levels: [],
        targetUtilization: 0,
        expectedUtilization: 0,
        expectedRawValue: 0,
      }),
      [100, 100, 100],
      undefined,
      'did not receive metrics for any ready pods',
    ],
    [
      'the metrics API fails',
      [],
      [],
      'unable to fetch metrics from resource metrics API: the server is currently unable to handle the request (get pods.metrics.k8s.io)',
      'unable to get metrics for resource cpu: unable to fetch metrics from resource metrics API: the server is currently unable to handle the request (get pods.metrics.k8s.io)',
    ],
  ])('fails: %s', (_name, list, levels, fail, message) => {
    expect(() =>
      calculator(list, levels, fail).getResourceReplicas(3, 50, 'cpu', 'test-namespace', SELECTOR, ''),
    ).toThrow(message);
  });
});

describe('ReplicaCalculator.getRawResourceReplicas', () => {
  it.each<[string, number, readonly (number | undefined)[], number, number, number]>([
    ['scale up to an average value', 3, [300, 500, 700], 300, 5, 500],
    ['scale down to an average value', 3, [100, 100, 100], 300, 1, 100],
    ['within the tolerance', 3, [300, 310, 320], 300, 3, 310],
    ['missing metrics on a scale down count at the target', 3, [100, 100, undefined], 300, 2, 100],
  ])('%s', (_name, current, levels, target, expected, usage) => {
    const list = pods({
      ...base,
      currentReplicas: current,
      expectedReplicas: expected,
      levels,
      targetUtilization: 0,
      expectedUtilization: 0,
      expectedRawValue: 0,
    });
    const r = calculator(list, levels).getRawResourceReplicas(
      current,
      target,
      'cpu',
      'test-namespace',
      SELECTOR,
      '',
    );
    expect([r.replicas, r.usage]).toEqual([expected, usage]);
  });
});

describe('calculatePodRequests', () => {
  const pod: PodObject = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'p' },
    spec: {
      initContainers: [
        { name: 'init', resources: { requests: { cpu: '1' } } },
        { name: 'sidecar', restartPolicy: 'Always', resources: { requests: { cpu: '50m' } } },
      ],
      containers: [
        { name: 'app', resources: { requests: { cpu: '200m' } } },
        { name: 'proxy', resources: { requests: { cpu: '0.1' } } },
      ],
    },
  };

  it('sums the containers and sidecars, or takes one container', () => {
    expect(calculatePodRequests([pod], '', 'cpu')).toEqual(new Map([['p', 350]]));
    expect(calculatePodRequests([pod], 'proxy', 'cpu')).toEqual(new Map([['p', 100]]));
  });
});
