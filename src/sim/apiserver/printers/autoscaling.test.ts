import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../types';
import { formatHPAMetrics, horizontalPodAutoscalerPrinter } from './autoscaling';

const NOW = Date.parse('2025-01-01T00:00:00Z');
const created = new Date(NOW - 12 * 60_000).toISOString();

describe('horizontalpodautoscalers', () => {
  it('has the v1.32 columns', () => {
    expect(horizontalPodAutoscalerPrinter.columns.map((c) => `${c.name}:${c.type}`)).toEqual([
      'Name:string',
      'Reference:string',
      'Targets:string',
      'MinPods:string',
      'MaxPods:string',
      'Replicas:string',
      'Age:string',
    ]);
  });

  it('prints an autoscaling/v2 object', () => {
    const hpa = {
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: { name: 'web', creationTimestamp: created },
      spec: {
        scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' },
        minReplicas: 1,
        maxReplicas: 10,
        metrics: [
          {
            type: 'Resource',
            resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } },
          },
        ],
      },
      status: {
        currentReplicas: 3,
        desiredReplicas: 3,
        currentMetrics: [
          {
            type: 'Resource',
            resource: { name: 'cpu', current: { averageUtilization: 62, averageValue: '124m' } },
          },
        ],
      },
    };
    expect(horizontalPodAutoscalerPrinter.print(hpa, NOW).cells).toEqual([
      'web',
      'Deployment/web',
      'cpu: 62%/50%',
      '1',
      10,
      3,
      '12m',
    ]);
  });

  it('converts an autoscaling/v1 object', () => {
    const hpa = {
      apiVersion: 'autoscaling/v1',
      kind: 'HorizontalPodAutoscaler',
      metadata: { name: 'web' },
      spec: {
        scaleTargetRef: { kind: 'Deployment', name: 'web' },
        maxReplicas: 5,
        targetCPUUtilizationPercentage: 80,
      },
      status: { currentReplicas: 0, desiredReplicas: 0 },
    };
    expect(horizontalPodAutoscalerPrinter.print(hpa as KubeObject, NOW).cells).toEqual([
      'web',
      'Deployment/web',
      'cpu: <unknown>/80%',
      '<unset>',
      5,
      0,
      '<unknown>',
    ]);
    const { apiVersion: _drop, ...unversioned } = { ...hpa, status: { currentCPUUtilizationPercentage: 12 } };
    expect(horizontalPodAutoscalerPrinter.print(unversioned as unknown as KubeObject, NOW).cells[2]).toBe(
      'cpu: 12%/80%',
    );
  });
});

describe('formatHPAMetrics', () => {
  it.each<[string, object[], object[], string]>([
    ['no metrics', [], [], '<none>'],
    [
      'utilization, not measured yet',
      [
        {
          type: 'Resource',
          resource: { name: 'memory', target: { type: 'Utilization', averageUtilization: 70 } },
        },
      ],
      [],
      'memory: <unknown>/70%',
    ],
    [
      'resource average value (decimal stays decimal)',
      [
        {
          type: 'Resource',
          resource: { name: 'memory', target: { type: 'AverageValue', averageValue: '1024Mi' } },
        },
      ],
      [{ type: 'Resource', resource: { name: 'memory', current: { averageValue: '536870912' } } }],
      'memory: 536870912/1Gi',
    ],
    [
      'utilization target without a value',
      [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization' } } }],
      [],
      'cpu: <unknown>/<auto>',
    ],
    [
      'container resource',
      [
        {
          type: 'ContainerResource',
          containerResource: {
            name: 'cpu',
            container: 'app',
            target: { type: 'Utilization', averageUtilization: 60 },
          },
        },
      ],
      [
        {
          type: 'ContainerResource',
          containerResource: { name: 'cpu', container: 'app', current: { averageUtilization: 30 } },
        },
      ],
      'cpu: 30%/60%',
    ],
    [
      'pods metric',
      [
        {
          type: 'Pods',
          pods: { metric: { name: 'qps' }, target: { type: 'AverageValue', averageValue: '1k' } },
        },
      ],
      [{ type: 'Pods', pods: { metric: { name: 'qps' }, current: { averageValue: '1500m' } } }],
      '1500m/1k',
    ],
    [
      'object metric, value and average value',
      [
        {
          type: 'Object',
          object: {
            metric: { name: 'rps' },
            describedObject: { kind: 'Ingress', name: 'i' },
            target: { type: 'Value', value: '10k' },
          },
        },
        {
          type: 'Object',
          object: {
            metric: { name: 'rps' },
            describedObject: { kind: 'Ingress', name: 'i' },
            target: { type: 'AverageValue', averageValue: '2' },
          },
        },
      ],
      [{ type: 'Object', object: { metric: { name: 'rps' }, current: { value: '2500' } } }],
      '2500/10k, <unknown>/2 (avg)',
    ],
    [
      'external metric, and more than two',
      [
        { type: 'External', external: { metric: { name: 'queue' }, target: { type: 'Value', value: '30' } } },
        {
          type: 'External',
          external: { metric: { name: 'queue' }, target: { type: 'AverageValue', averageValue: '5' } },
        },
        {
          type: 'Resource',
          resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } },
        },
        { type: 'Weird' },
      ],
      [
        { type: 'External', external: { metric: { name: 'queue' }, current: { value: '12' } } },
        { type: 'External', external: { metric: { name: 'queue' }, current: { averageValue: '4' } } },
      ],
      '12/30, 4/5 (avg) + 2 more...',
    ],
  ])('%s', (_name, specs, statuses, expected) => {
    expect(formatHPAMetrics(specs as never, statuses as never)).toBe(expected);
  });
});
