/** HPAs at both versions for the conversion tests: the same object as v2 stores it and as v1 serves it. */
import type { KubeObject } from '../types';

export const HPA = 'HorizontalPodAutoscaler';
export const METRICS = 'autoscaling.alpha.kubernetes.io/metrics';
export const CURRENT_METRICS = 'autoscaling.alpha.kubernetes.io/current-metrics';
export const CONDITIONS = 'autoscaling.alpha.kubernetes.io/conditions';
export const BEHAVIOR = 'autoscaling.alpha.kubernetes.io/behavior';

export const scaleTargetRef = { kind: 'Deployment', name: 'web', apiVersion: 'apps/v1' };

/** A v2 CPU utilization target. */
export const cpu = (averageUtilization: number) => ({
  type: 'Resource',
  resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization } },
});

/** An HPA that uses everything v2 has, with the CPU utilization target last (so order survives v1). */
export const fullV2: KubeObject = {
  apiVersion: 'autoscaling/v2',
  kind: HPA,
  metadata: { name: 'web', namespace: 'default', annotations: { team: 'a' } },
  spec: {
    scaleTargetRef,
    minReplicas: 2,
    maxReplicas: 10,
    metrics: [
      {
        type: 'Resource',
        resource: { name: 'memory', target: { type: 'AverageValue', averageValue: '500Mi' } },
      },
      {
        type: 'Pods',
        pods: {
          metric: { name: 'packets-per-second' },
          target: { type: 'AverageValue', averageValue: '1k' },
        },
      },
      {
        type: 'External',
        external: {
          metric: { name: 'queue_messages', selector: { matchLabels: { queue: 'jobs' } } },
          target: { type: 'Value', value: '30' },
        },
      },
      {
        type: 'ContainerResource',
        containerResource: {
          name: 'cpu',
          target: { type: 'Utilization', averageUtilization: 60 },
          container: 'app',
        },
      },
      cpu(50),
    ],
    behavior: {
      scaleUp: {
        stabilizationWindowSeconds: 0,
        selectPolicy: 'Max',
        policies: [
          { type: 'Pods', value: 4, periodSeconds: 15 },
          { type: 'Percent', value: 100, periodSeconds: 15 },
        ],
      },
      scaleDown: { selectPolicy: 'Max', policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }] },
    },
  },
  status: {
    observedGeneration: 3,
    lastScaleTime: '2025-01-01T00:10:00Z',
    currentReplicas: 3,
    desiredReplicas: 4,
    currentMetrics: [
      { type: 'Resource', resource: { name: 'memory', current: { averageValue: '400Mi' } } },
      {
        type: 'Resource',
        resource: { name: 'cpu', current: { averageValue: '250m', averageUtilization: 62 } },
      },
    ],
    conditions: [
      {
        type: 'AbleToScale',
        status: 'True',
        lastTransitionTime: '2025-01-01T00:00:00Z',
        reason: 'ReadyForNewScale',
        message: 'recommended size matches current size',
      },
      { type: 'ScalingActive', status: 'False', reason: 'FailedGetResourceMetric' },
    ],
  },
};

/** `fullV2` as autoscaling/v1 serves it: one CPU target, the rest in annotations (Go's JSON). */
export const fullV1: KubeObject = {
  apiVersion: 'autoscaling/v1',
  kind: HPA,
  metadata: {
    name: 'web',
    namespace: 'default',
    annotations: {
      team: 'a',
      [METRICS]:
        '[{"type":"Resource","resource":{"name":"memory","targetAverageValue":"500Mi"}},' +
        '{"type":"Pods","pods":{"metricName":"packets-per-second","targetAverageValue":"1k"}},' +
        '{"type":"External","external":{"metricName":"queue_messages",' +
        '"metricSelector":{"matchLabels":{"queue":"jobs"}},"targetValue":"30"}},' +
        '{"type":"ContainerResource","containerResource":{"name":"cpu","targetAverageUtilization":60,"container":"app"}}]',
      [CURRENT_METRICS]:
        '[{"type":"Resource","resource":{"name":"memory","currentAverageValue":"400Mi"}},' +
        '{"type":"Resource","resource":{"name":"cpu","currentAverageUtilization":62,"currentAverageValue":"250m"}}]',
      [BEHAVIOR]:
        '{"ScaleUp":{"StabilizationWindowSeconds":0,"SelectPolicy":"Max","Policies":' +
        '[{"Type":"Pods","Value":4,"PeriodSeconds":15},{"Type":"Percent","Value":100,"PeriodSeconds":15}]},' +
        '"ScaleDown":{"StabilizationWindowSeconds":null,"SelectPolicy":"Max","Policies":' +
        '[{"Type":"Percent","Value":100,"PeriodSeconds":15}]}}',
      [CONDITIONS]:
        '[{"type":"AbleToScale","status":"True","lastTransitionTime":"2025-01-01T00:00:00Z",' +
        '"reason":"ReadyForNewScale","message":"recommended size matches current size"},' +
        '{"type":"ScalingActive","status":"False","lastTransitionTime":null,"reason":"FailedGetResourceMetric"}]',
    },
  },
  spec: { scaleTargetRef, minReplicas: 2, maxReplicas: 10, targetCPUUtilizationPercentage: 50 },
  status: {
    observedGeneration: 3,
    lastScaleTime: '2025-01-01T00:10:00Z',
    currentReplicas: 3,
    desiredReplicas: 4,
    currentCPUUtilizationPercentage: 62,
  },
};

/** A plain v1 HPA, as `kubectl autoscale` makes one. */
export const simpleV1: KubeObject = {
  apiVersion: 'autoscaling/v1',
  kind: HPA,
  metadata: { name: 'web', namespace: 'default' },
  spec: { scaleTargetRef, minReplicas: 1, maxReplicas: 5, targetCPUUtilizationPercentage: 70 },
  status: { currentReplicas: 2, desiredReplicas: 2, currentCPUUtilizationPercentage: 35 },
};

/** A v1 HPA with the given annotations and spec fields (scaleTargetRef and maxReplicas set). */
export function v1With(annotations: Record<string, string>, spec: Record<string, unknown> = {}): KubeObject {
  return {
    apiVersion: 'autoscaling/v1',
    kind: HPA,
    metadata: { name: 'web', ...(Object.keys(annotations).length > 0 ? { annotations } : {}) },
    spec: { scaleTargetRef, maxReplicas: 5, ...spec },
  };
}

/** A v2 HPA with the given metrics (and, optionally, status). */
export function v2With(metrics: unknown[], status?: Record<string, unknown>): KubeObject {
  return {
    apiVersion: 'autoscaling/v2',
    kind: HPA,
    metadata: { name: 'web' },
    spec: { scaleTargetRef, maxReplicas: 5, metrics },
    ...(status === undefined ? {} : { status }),
  };
}
