import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../sim/apiserver/types';
import type { DescribeContext } from './index';
import { describeHorizontalPodAutoscaler } from './policy';

const meta = { name: 'web', namespace: 'default', creationTimestamp: '2025-03-01T10:00:00Z' };
const ref = { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' };

const ctx = (v2: KubeObject | null): DescribeContext => ({
  now: 0,
  showEvents: false,
  list: async () => [],
  get: async () => v2,
});

describe('describeHorizontalPodAutoscaler', () => {
  it('prints every kind of metric with its current value', async () => {
    const hpa = {
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: meta,
      spec: {
        scaleTargetRef: ref,
        maxReplicas: 10,
        metrics: [
          {
            type: 'Pods',
            pods: { metric: { name: 'rps' }, target: { type: 'AverageValue', averageValue: '100' } },
          },
          {
            type: 'Object',
            object: {
              metric: { name: 'hits' },
              describedObject: { kind: 'Ingress', name: 'main' },
              target: { type: 'Value', value: '2k' },
            },
          },
          {
            type: 'External',
            external: { metric: { name: 'queue' }, target: { type: 'AverageValue', averageValue: '30' } },
          },
          {
            type: 'ContainerResource',
            containerResource: {
              name: 'cpu',
              container: 'app',
              target: { type: 'Utilization', averageUtilization: 60 },
            },
          },
        ],
      },
      status: {
        currentReplicas: 3,
        desiredReplicas: 4,
        currentMetrics: [
          { type: 'Pods', pods: { metric: { name: 'rps' }, current: { averageValue: '120' } } },
          {
            type: 'Object',
            object: { metric: { name: 'hits' }, describedObject: ref, current: { value: '1500' } },
          },
        ],
      },
    } as unknown as KubeObject;
    expect((await describeHorizontalPodAutoscaler(hpa, ctx(null))).split('\n')).toEqual([
      'Name:                                                                     web',
      'Namespace:                                                                default',
      'Labels:                                                                   <none>',
      'Annotations:                                                              <none>',
      'CreationTimestamp:                                                        Sat, 01 Mar 2025 10:00:00 +0000',
      'Reference:                                                                Deployment/web',
      'Metrics:                                                                  ( current / target )',
      '  "rps" on pods:                                                          120 / 100',
      '  "hits" on Ingress/main (target value):                                  1500 / 2k',
      '  "queue" (target average value):                                         <unknown> / 30',
      '  resource cpu of container "app" on pods  (as a percentage of request):  <unknown> / 60%',
      'Min replicas:                                                             <unset>',
      'Max replicas:                                                             10',
      'Deployment pods:                                                          3 current / 4 desired',
      '',
    ]);
  });

  it('reads a v1 autoscaler as v2 when the server has it, and describes v1 otherwise', async () => {
    const v1 = {
      apiVersion: 'autoscaling/v1',
      kind: 'HorizontalPodAutoscaler',
      metadata: meta,
      spec: { scaleTargetRef: ref, minReplicas: 1, maxReplicas: 3, targetCPUUtilizationPercentage: 80 },
      status: { currentReplicas: 1, desiredReplicas: 1 },
    } as unknown as KubeObject;
    expect((await describeHorizontalPodAutoscaler(v1, ctx(null))).split('\n').slice(5)).toEqual([
      'Reference:                Deployment/web',
      'Target CPU utilization:   80%',
      'Current CPU utilization:  <unknown>%',
      'Min replicas:             1',
      'Max replicas:             3',
      'Deployment pods:          1 current / 1 desired',
      '',
    ]);
    const v2 = {
      ...v1,
      apiVersion: 'autoscaling/v2',
      spec: { scaleTargetRef: ref, minReplicas: 1, maxReplicas: 3 },
    };
    expect(await describeHorizontalPodAutoscaler(v1, ctx(v2 as KubeObject))).toContain('Metrics:');
  });
});
