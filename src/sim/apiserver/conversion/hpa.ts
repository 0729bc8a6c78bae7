/**
 * HorizontalPodAutoscaler conversion between autoscaling/v2 (the storage version; the
 * internal version has its shape) and autoscaling/v1, as upstream's autoscaling/v1
 * conversion does it. v1 has one field for metrics, `spec.targetCPUUtilizationPercentage`,
 * holding the first CPU utilization target; every other v2 metric, the behavior, all current
 * metrics and the conditions travel in round-trip annotations, which the conversion back
 * reads and removes. A v1 HPA with no metric at all gets the 80% CPU target v2 defaults to.
 */
import { DEFAULT_CPU_UTILIZATION } from '../defaults/autoscaling';
import type { KubeObject } from '../types';
import { cloneJson, goMarshal, goUnmarshal, isRecord, isSet, put, putSet, rec, type Json } from './gojson';
import {
  BEHAVIOR_ANNOTATION,
  CONDITIONS_ANNOTATION,
  CURRENT_METRICS_ANNOTATION,
  METRICS_ANNOTATION,
  V1_CONDITIONS,
  conditionFromV1,
  conditionToV1,
  decodeBehavior,
  dropRoundTripAnnotations,
  encodeBehavior,
} from './hpa-annotations';
import { V1_METRIC_STATUSES, metricStatusFromV1, metricStatusToV1 } from './hpa-metric-status';
import { V1_METRIC_SPECS, metricSpecFromV1, metricSpecToV1 } from './hpa-metrics';

const KIND = 'HorizontalPodAutoscaler';

const list = (value: unknown): Json[] => (Array.isArray(value) ? value.map(rec) : []);

/** A CPU Resource metric (spec or status); its target or current value, when it has one. */
function cpuUtilization(metric: Json, part: 'target' | 'current'): unknown {
  const resource = rec(metric['resource']);
  if (metric['type'] !== 'Resource' || !isRecord(metric['resource']) || resource['name'] !== 'cpu') return;
  const value = rec(resource[part])['averageUtilization'];
  return isSet(value) ? value : undefined;
}

const cpuTarget = (utilization: unknown): Json => ({
  type: 'Resource',
  resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: utilization } },
});

/** An autoscaling/v2 HPA as autoscaling/v1 serves it. */
export function hpaV2ToV1(obj: KubeObject): KubeObject {
  // v2 -> internal drops any round-trip annotations; internal -> v1 writes its own.
  const metadata = cloneJson(obj.metadata);
  dropRoundTripAnnotations(metadata);
  const out: KubeObject = { apiVersion: 'autoscaling/v1', kind: KIND, metadata };
  const spec = rec(obj['spec']);
  const metrics = list(spec['metrics']);
  const cpu = metrics.find((m) => cpuUtilization(m, 'target') !== undefined);
  if (isRecord(obj['spec'])) {
    const v1: Json = {};
    put(v1, 'scaleTargetRef', spec['scaleTargetRef']);
    putSet(v1, 'minReplicas', spec['minReplicas']);
    put(v1, 'maxReplicas', spec['maxReplicas']);
    if (cpu !== undefined) v1['targetCPUUtilizationPercentage'] = cpuUtilization(cpu, 'target');
    out['spec'] = v1;
  }
  const status = rec(obj['status']);
  const currentMetrics = list(status['currentMetrics']);
  const conditions = list(status['conditions']);
  if (isRecord(obj['status'])) {
    const v1: Json = {};
    putSet(v1, 'observedGeneration', status['observedGeneration']);
    putSet(v1, 'lastScaleTime', status['lastScaleTime']);
    put(v1, 'currentReplicas', status['currentReplicas']);
    put(v1, 'desiredReplicas', status['desiredReplicas']);
    // The last CPU utilization among the current metrics wins, as upstream's loop has it.
    for (const metric of currentMetrics) {
      const utilization = cpuUtilization(metric, 'current');
      if (utilization !== undefined) v1['currentCPUUtilizationPercentage'] = utilization;
    }
    out['status'] = v1;
  }

  const others = metrics.filter((m) => cpuUtilization(m, 'target') === undefined);
  const added: [string, string][] = [];
  if (others.length > 0) added.push([METRICS_ANNOTATION, goMarshal(others.map(metricSpecToV1))]);
  if (currentMetrics.length > 0) {
    added.push([CURRENT_METRICS_ANNOTATION, goMarshal(currentMetrics.map(metricStatusToV1))]);
  }
  if (isRecord(spec['behavior'])) added.push([BEHAVIOR_ANNOTATION, encodeBehavior(spec['behavior'])]);
  if (conditions.length > 0) added.push([CONDITIONS_ANNOTATION, goMarshal(conditions.map(conditionToV1))]);
  if (added.length > 0) metadata.annotations = { ...metadata.annotations, ...Object.fromEntries(added) };
  return out;
}

/** An autoscaling/v1 HPA in autoscaling/v2's shape, as it is stored. */
export function hpaV1ToV2(obj: KubeObject): KubeObject {
  const metadata = cloneJson(obj.metadata);
  const annotations = metadata.annotations ?? {};
  const decoded = <T>(key: string, decode: (text: string) => T | undefined): T | undefined => {
    const text = annotations[key];
    return typeof text === 'string' ? decode(text) : undefined;
  };

  const spec = rec(obj['spec']);
  const v2Spec: Json = {};
  put(v2Spec, 'scaleTargetRef', spec['scaleTargetRef']);
  putSet(v2Spec, 'minReplicas', spec['minReplicas']);
  put(v2Spec, 'maxReplicas', spec['maxReplicas']);
  const target = spec['targetCPUUtilizationPercentage'];
  let metrics = isSet(target) ? [cpuTarget(target)] : [];
  const others = decoded(METRICS_ANNOTATION, (text) => goUnmarshal(text, V1_METRIC_SPECS));
  // The annotated metrics come first, then the CPU target.
  if (Array.isArray(others)) metrics = [...list(others).map(metricSpecFromV1), ...metrics];
  v2Spec['metrics'] = metrics.length > 0 ? metrics : [cpuTarget(DEFAULT_CPU_UTILIZATION)];
  const behavior = decoded(BEHAVIOR_ANNOTATION, decodeBehavior);
  if (behavior !== undefined) v2Spec['behavior'] = behavior;

  const status = rec(obj['status']);
  const v2Status: Json = {};
  putSet(v2Status, 'observedGeneration', status['observedGeneration']);
  putSet(v2Status, 'lastScaleTime', status['lastScaleTime']);
  put(v2Status, 'currentReplicas', status['currentReplicas']);
  put(v2Status, 'desiredReplicas', status['desiredReplicas']);
  const current = status['currentCPUUtilizationPercentage'];
  if (isSet(current)) {
    v2Status['currentMetrics'] = [
      { type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: current } } },
    ];
  }
  // The annotation has every current metric, with more detail: it replaces the CPU one.
  const currentMetrics = decoded(CURRENT_METRICS_ANNOTATION, (text) => goUnmarshal(text, V1_METRIC_STATUSES));
  if (Array.isArray(currentMetrics))
    v2Status['currentMetrics'] = list(currentMetrics).map(metricStatusFromV1);
  const conditions = decoded(CONDITIONS_ANNOTATION, (text) => goUnmarshal(text, V1_CONDITIONS));
  if (Array.isArray(conditions)) v2Status['conditions'] = list(conditions).map(conditionFromV1);

  dropRoundTripAnnotations(metadata);
  const out: KubeObject = { apiVersion: 'autoscaling/v2', kind: KIND, metadata, spec: v2Spec };
  if (isRecord(obj['status']) || Object.keys(v2Status).length > 0) out['status'] = v2Status;
  return out;
}
