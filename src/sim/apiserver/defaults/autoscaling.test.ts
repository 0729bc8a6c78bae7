import { describe, expect, it } from 'vitest';
import { defaulted } from './testing';

const TARGET = { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' };
const CPU_80 = {
  type: 'Resource',
  resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } },
};
const SCALE_UP = {
  stabilizationWindowSeconds: 0,
  selectPolicy: 'Max',
  policies: [
    { type: 'Pods', value: 4, periodSeconds: 15 },
    { type: 'Percent', value: 100, periodSeconds: 15 },
  ],
};
const SCALE_DOWN = { selectPolicy: 'Max', policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }] };

describe('autoscaling/v2 HorizontalPodAutoscaler defaults', () => {
  it.each<[string, Record<string, unknown>, Record<string, unknown>]>([
    [
      'no metrics: CPU 80%',
      { scaleTargetRef: TARGET, maxReplicas: 5 },
      { scaleTargetRef: TARGET, maxReplicas: 5, minReplicas: 1, metrics: [CPU_80] },
    ],
    [
      'explicit metrics and min replicas kept; no behavior stays none',
      {
        scaleTargetRef: TARGET,
        maxReplicas: 5,
        minReplicas: 2,
        metrics: [
          {
            type: 'Pods',
            pods: { metric: { name: 'qps' }, target: { type: 'AverageValue', averageValue: '10' } },
          },
        ],
      },
      {
        scaleTargetRef: TARGET,
        maxReplicas: 5,
        minReplicas: 2,
        metrics: [
          {
            type: 'Pods',
            pods: { metric: { name: 'qps' }, target: { type: 'AverageValue', averageValue: '10' } },
          },
        ],
      },
    ],
    [
      'an empty behavior gets both rule sets',
      { scaleTargetRef: TARGET, maxReplicas: 5, behavior: {} },
      {
        scaleTargetRef: TARGET,
        maxReplicas: 5,
        minReplicas: 1,
        metrics: [CPU_80],
        behavior: { scaleUp: SCALE_UP, scaleDown: SCALE_DOWN },
      },
    ],
    [
      'given rule fields win, even an empty policy list',
      {
        scaleTargetRef: TARGET,
        maxReplicas: 5,
        behavior: {
          scaleDown: { stabilizationWindowSeconds: 60 },
          scaleUp: { policies: [], selectPolicy: 'Disabled' },
        },
      },
      {
        scaleTargetRef: TARGET,
        maxReplicas: 5,
        minReplicas: 1,
        metrics: [CPU_80],
        behavior: {
          scaleUp: { stabilizationWindowSeconds: 0, selectPolicy: 'Disabled', policies: [] },
          scaleDown: { ...SCALE_DOWN, stabilizationWindowSeconds: 60 },
        },
      },
    ],
  ])('%s', (_name, spec, expected) => {
    const out = defaulted({
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: { name: 'h' },
      spec,
    });
    expect(out.spec).toEqual(expected);
  });
});

describe('autoscaling/v1 HorizontalPodAutoscaler defaults', () => {
  it('defaults min replicas only', () => {
    const out = defaulted({
      apiVersion: 'autoscaling/v1',
      kind: 'HorizontalPodAutoscaler',
      metadata: { name: 'h' },
      spec: { scaleTargetRef: TARGET, maxReplicas: 5 },
    });
    expect(out.spec).toEqual({ scaleTargetRef: TARGET, maxReplicas: 5, minReplicas: 1 });
  });
});
