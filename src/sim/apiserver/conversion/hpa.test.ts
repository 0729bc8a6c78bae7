import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../types';
import { hpaV1ToV2, hpaV2ToV1 } from './hpa';
import {
  BEHAVIOR,
  CONDITIONS,
  CURRENT_METRICS,
  METRICS,
  cpu,
  fullV1,
  fullV2,
  scaleTargetRef,
  simpleV1,
  v1With,
  v2With,
} from './testdata';

type Loose = Record<string, unknown> & { spec?: Record<string, unknown>; status?: Record<string, unknown> };
const spec = (o: KubeObject) => (o as Loose).spec ?? {};
const status = (o: KubeObject) => (o as Loose).status ?? {};

describe('autoscaling/v2 -> autoscaling/v1', () => {
  const out = hpaV2ToV1(fullV2);

  it.each([
    ['spec.scaleTargetRef', spec(out)['scaleTargetRef'], scaleTargetRef],
    ['spec.minReplicas', spec(out)['minReplicas'], 2],
    ['spec.maxReplicas', spec(out)['maxReplicas'], 10],
    ['spec.targetCPUUtilizationPercentage', spec(out)['targetCPUUtilizationPercentage'], 50],
    ['status.observedGeneration', status(out)['observedGeneration'], 3],
    ['status.lastScaleTime', status(out)['lastScaleTime'], '2025-01-01T00:10:00Z'],
    ['status.currentReplicas', status(out)['currentReplicas'], 3],
    ['status.desiredReplicas', status(out)['desiredReplicas'], 4],
    ['status.currentCPUUtilizationPercentage', status(out)['currentCPUUtilizationPercentage'], 62],
  ])('%s', (_field, actual, expected) => {
    expect(actual).toEqual(expected);
  });

  it.each([
    ['the other metrics', METRICS],
    ['every current metric', CURRENT_METRICS],
    ['the behavior, with Go field names', BEHAVIOR],
    ['the conditions', CONDITIONS],
  ])('keeps %s in an annotation, as Go marshals them', (_what, key) => {
    expect(out.metadata.annotations?.[key]).toBe(fullV1.metadata.annotations?.[key]);
  });

  it('gives exactly the v1 object, keeping other annotations', () => {
    expect(out).toEqual(fullV1);
  });

  it('takes the first CPU utilization target; a CPU average value stays in the annotation', () => {
    const cpuValue = {
      type: 'Resource',
      resource: { name: 'cpu', target: { type: 'AverageValue', averageValue: '300m' } },
    };
    const v1 = hpaV2ToV1(v2With([cpuValue, cpu(70), cpu(90)]));
    expect(spec(v1)['targetCPUUtilizationPercentage']).toBe(70);
    expect(v1.metadata.annotations).toEqual({
      [METRICS]: '[{"type":"Resource","resource":{"name":"cpu","targetAverageValue":"300m"}}]',
    });
  });

  it.each([
    [
      'an Object metric with a value (the zero value of the required targetValue is "0")',
      {
        type: 'Object',
        object: {
          describedObject: { kind: 'Ingress', name: 'main', apiVersion: 'networking.k8s.io/v1' },
          target: { type: 'AverageValue', averageValue: '0.5' },
          metric: { name: 'requests-per-second' },
        },
      },
      '[{"type":"Object","object":{"target":{"kind":"Ingress","name":"main","apiVersion":"networking.k8s.io/v1"},' +
        '"metricName":"requests-per-second","targetValue":"0","averageValue":"500m"}}]',
    ],
    [
      'an External average value, with a selector Go writes in its own order',
      {
        type: 'External',
        external: {
          metric: {
            name: 'q',
            selector: {
              matchExpressions: [{ operator: 'In', key: 'z', values: ['1'] }],
              matchLabels: { b: '2', a: '1' },
            },
          },
          target: { type: 'AverageValue', averageValue: '2' },
        },
      },
      '[{"type":"External","external":{"metricName":"q","metricSelector":{"matchLabels":{"a":"1","b":"2"},' +
        '"matchExpressions":[{"key":"z","operator":"In","values":["1"]}]},"targetAverageValue":"2"}}]',
    ],
  ])('encodes %s', (_name, metric, annotation) => {
    expect(hpaV2ToV1(v2With([metric])).metadata.annotations?.[METRICS]).toBe(annotation);
  });

  it("escapes HTML characters as Go's json.Marshal does", () => {
    const v1 = hpaV2ToV1(
      v2With([cpu(50)], { conditions: [{ type: 'T', status: 'True', message: 'a < b & c' }] }),
    );
    expect(v1.metadata.annotations?.[CONDITIONS]).toBe(
      '[{"type":"T","status":"True","lastTransitionTime":null,"message":"a \\u003c b \\u0026 c"}]',
    );
  });

  it('replaces round-trip annotations a v2 object carries with its own', () => {
    const stale = {
      ...v2With([cpu(50)]),
      metadata: { name: 'web', annotations: { [METRICS]: '[]', [BEHAVIOR]: '{}' } },
    };
    const v1 = hpaV2ToV1(stale);
    expect(v1.metadata).toEqual({ name: 'web' });
    expect(spec(v1)).toEqual({ scaleTargetRef, maxReplicas: 5, targetCPUUtilizationPercentage: 50 });
  });

  it('leaves out a status the object does not have, and copies no v2-only field', () => {
    expect(hpaV2ToV1(v2With([cpu(50)]))).toEqual({
      apiVersion: 'autoscaling/v1',
      kind: 'HorizontalPodAutoscaler',
      metadata: { name: 'web' },
      spec: { scaleTargetRef, maxReplicas: 5, targetCPUUtilizationPercentage: 50 },
    });
  });
});

describe('autoscaling/v1 -> autoscaling/v2', () => {
  it('turns the annotations back into metrics, behavior, current metrics and conditions', () => {
    expect(hpaV1ToV2(fullV1)).toEqual(fullV2);
  });

  it.each([
    ['a CPU target', { targetCPUUtilizationPercentage: 70 }, {}, [cpu(70)]],
    ['no target: the 80% CPU default', {}, {}, [cpu(80)]],
    [
      'annotated metrics first, then the CPU target',
      { targetCPUUtilizationPercentage: 70 },
      { [METRICS]: '[{"type":"Resource","resource":{"name":"memory","targetAverageValue":"1Gi"}}]' },
      [
        {
          type: 'Resource',
          resource: { name: 'memory', target: { type: 'AverageValue', averageValue: '1Gi' } },
        },
        cpu(70),
      ],
    ],
    [
      'annotated metrics and no target: no default',
      {},
      { [METRICS]: '[{"type":"Pods","pods":{"metricName":"qps","targetAverageValue":"0.5"}}]' },
      [
        {
          type: 'Pods',
          pods: { metric: { name: 'qps' }, target: { type: 'AverageValue', averageValue: '500m' } },
        },
      ],
    ],
    [
      'an Object metric: the required targetValue always becomes a value',
      {},
      {
        [METRICS]:
          '[{"type":"Object","object":{"target":{"kind":"Service","name":"s"},"metricName":"m","averageValue":"2"}}]',
      },
      [
        {
          type: 'Object',
          object: {
            describedObject: { kind: 'Service', name: 's' },
            target: { type: 'AverageValue', value: '0', averageValue: '2' },
            metric: { name: 'm' },
          },
        },
      ],
    ],
    [
      'an External value, read case-insensitively as Go does',
      {},
      { [METRICS]: '[{"Type":"External","External":{"MetricName":"q","TargetValue":"10"}}]' },
      [{ type: 'External', external: { metric: { name: 'q' }, target: { type: 'Value', value: '10' } } }],
    ],
    [
      'an annotation Go cannot decode: ignored',
      { targetCPUUtilizationPercentage: 60 },
      { [METRICS]: '[{"type":"Resource","resource":{"name":"memory","targetAverageUtilization":"50"}}]' },
      [cpu(60)],
    ],
    ['an annotation that is not JSON: ignored', {}, { [METRICS]: 'not json' }, [cpu(80)]],
  ])('spec.metrics from %s', (_name, v1Spec, annotations, metrics) => {
    const v2 = hpaV1ToV2(v1With(annotations, v1Spec));
    expect(spec(v2)['metrics']).toEqual(metrics);
    expect(v2.metadata).toEqual({ name: 'web' });
  });

  it.each([
    [
      'Go field names',
      '{"ScaleUp":{"StabilizationWindowSeconds":60,"SelectPolicy":"Min","Policies":null},"ScaleDown":null}',
    ],
    [
      'v2 field names (Go matches names case-insensitively)',
      '{"scaleUp":{"stabilizationWindowSeconds":60,"selectPolicy":"Min"}}',
    ],
  ])('spec.behavior from the annotation with %s', (_name, text) => {
    expect(spec(hpaV1ToV2(v1With({ [BEHAVIOR]: text })))['behavior']).toEqual({
      scaleUp: { stabilizationWindowSeconds: 60, selectPolicy: 'Min' },
    });
  });

  it.each([
    ['empty', '{}'],
    ['both directions null', '{"ScaleUp":null,"ScaleDown":null}'],
    ['of the wrong type', '{"ScaleUp":{"StabilizationWindowSeconds":"60"}}'],
  ])('no spec.behavior from a behavior annotation that is %s', (_name, text) => {
    const v2 = hpaV1ToV2(v1With({ [BEHAVIOR]: text, keep: 'me' }));
    expect(spec(v2)).not.toHaveProperty('behavior');
    expect(v2.metadata.annotations).toEqual({ keep: 'me' });
  });

  it('status.currentCPUUtilizationPercentage becomes a CPU current metric', () => {
    expect(status(hpaV1ToV2(simpleV1))).toEqual({
      currentReplicas: 2,
      desiredReplicas: 2,
      currentMetrics: [{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: 35 } } }],
    });
  });

  it('the current-metrics annotation replaces it, and fills in the required average value', () => {
    const obj = {
      ...v1With({
        [CURRENT_METRICS]: '[{"type":"Resource","resource":{"name":"cpu","currentAverageUtilization":40}}]',
      }),
      status: { currentReplicas: 1, desiredReplicas: 1, currentCPUUtilizationPercentage: 35 },
    };
    expect(status(hpaV1ToV2(obj))['currentMetrics']).toEqual([
      { type: 'Resource', resource: { name: 'cpu', current: { averageValue: '0', averageUtilization: 40 } } },
    ]);
  });

  it('status.conditions from the annotation, even without a v1 status; a null time is left out', () => {
    const text = '[{"type":"AbleToScale","status":"True","lastTransitionTime":null,"reason":"R"}]';
    expect(status(hpaV1ToV2(v1With({ [CONDITIONS]: text })))).toEqual({
      conditions: [{ type: 'AbleToScale', status: 'True', reason: 'R' }],
    });
  });

  it('leaves the input alone', () => {
    const input = structuredClone(fullV1);
    hpaV1ToV2(input);
    expect(input).toEqual(fullV1);
  });
});

describe('round trips', () => {
  it.each([
    ['everything v2 has', fullV2],
    ['a single CPU target', v2With([cpu(50)])],
    ['no metric but CPU, with a status', v2With([cpu(50)], { currentReplicas: 1, desiredReplicas: 2 })],
  ])('v2 -> v1 -> v2 is lossless: %s', (_name, v2) => {
    expect(hpaV1ToV2(hpaV2ToV1(v2))).toEqual(v2);
  });

  it.each([
    ['a kubectl autoscale HPA', { ...simpleV1, status: { currentReplicas: 2, desiredReplicas: 2 } }],
    ['an HPA carrying v2 in annotations', fullV1],
    ['an HPA with only a spec', v1With({}, { minReplicas: 2, targetCPUUtilizationPercentage: 90 })],
  ])('v1 -> v2 -> v1 is lossless: %s', (_name, v1) => {
    expect(hpaV2ToV1(hpaV1ToV2(v1))).toEqual(v1);
  });

  it('a v1 HPA without a CPU target comes back with the 80% default, as upstream', () => {
    expect(spec(hpaV2ToV1(hpaV1ToV2(v1With({}))))['targetCPUUtilizationPercentage']).toBe(80);
  });

  it('a v1 current CPU utilization comes back also in the current-metrics annotation, as upstream', () => {
    const back = hpaV2ToV1(hpaV1ToV2(simpleV1));
    expect(status(back)).toEqual(status(simpleV1));
    expect(back.metadata.annotations).toEqual({
      [CURRENT_METRICS]:
        '[{"type":"Resource","resource":{"name":"cpu","currentAverageUtilization":35,"currentAverageValue":"0"}}]',
    });
  });
});
