/**
 * The annotations in which autoscaling/v1 carries what only autoscaling/v2 can say (upstream's
 * "round-trip" annotations), the helper that drops them, and the two values they hold that
 * are not metrics: the behavior (upstream marshals its internal Go type there, so the keys are
 * Go field names such as `ScaleUp`) and the status conditions.
 */
import type { ObjectMeta } from '../types';
import { goMarshal, goUnmarshal, isRecord, optStr, ordered, rec, str, type Json, type Shape } from './gojson';

/** The v2 metrics that autoscaling/v1's single CPU target cannot express (v1 MetricSpecs). */
export const METRICS_ANNOTATION = 'autoscaling.alpha.kubernetes.io/metrics';
/** `status.currentMetrics`, all of them (v1 MetricStatuses). */
export const CURRENT_METRICS_ANNOTATION = 'autoscaling.alpha.kubernetes.io/current-metrics';
/** `status.conditions` (v1 HorizontalPodAutoscalerConditions). */
export const CONDITIONS_ANNOTATION = 'autoscaling.alpha.kubernetes.io/conditions';
/** `spec.behavior`, as the internal HorizontalPodAutoscalerBehavior. */
export const BEHAVIOR_ANNOTATION = 'autoscaling.alpha.kubernetes.io/behavior';

const ROUND_TRIP = [
  METRICS_ANNOTATION,
  BEHAVIOR_ANNOTATION,
  CURRENT_METRICS_ANNOTATION,
  CONDITIONS_ANNOTATION,
];

/**
 * Removes the round-trip annotations from object metadata (in place), as every conversion of
 * an HPA to or from the internal version does. Like Go, which omits an empty map, an
 * annotations map that this empties is removed.
 */
export function dropRoundTripAnnotations(metadata: ObjectMeta): void {
  const annotations = metadata.annotations;
  if (annotations === undefined || !ROUND_TRIP.some((key) => key in annotations)) return;
  const kept = Object.fromEntries(Object.entries(annotations).filter(([key]) => !ROUND_TRIP.includes(key)));
  if (Object.keys(kept).length === 0) delete metadata.annotations;
  else metadata.annotations = kept;
}

/** The internal HPAScalingRules as Go marshals them: no JSON tags, nil pointers as null. */
function rulesToInternal(value: unknown): Json | null {
  if (!isRecord(value)) return null;
  const policies = value['policies'];
  return ordered(
    ['StabilizationWindowSeconds', value['stabilizationWindowSeconds'] ?? null],
    ['SelectPolicy', value['selectPolicy'] ?? null],
    [
      'Policies',
      Array.isArray(policies)
        ? policies.map((p) =>
            ordered(
              ['Type', str(rec(p)['type'])],
              ['Value', rec(p)['value'] ?? 0],
              ['PeriodSeconds', rec(p)['periodSeconds'] ?? 0],
            ),
          )
        : null,
    ],
  );
}

/** A v2 `spec.behavior` as the text of the behavior annotation. */
export function encodeBehavior(behavior: Json): string {
  return goMarshal(
    ordered(
      ['ScaleUp', rulesToInternal(behavior['scaleUp'])],
      ['ScaleDown', rulesToInternal(behavior['scaleDown'])],
    ),
  );
}

const RULES: Shape = {
  fields: {
    StabilizationWindowSeconds: 'int32',
    SelectPolicy: 'string',
    Policies: { list: { fields: { Type: 'string', Value: 'int32', PeriodSeconds: 'int32' } } },
  },
};
const BEHAVIOR: Shape = { fields: { ScaleUp: RULES, ScaleDown: RULES } };

function rulesFromInternal(value: unknown): Json | undefined {
  if (!isRecord(value)) return undefined;
  const policies = value['Policies'];
  return ordered(
    ['stabilizationWindowSeconds', value['StabilizationWindowSeconds']],
    ['selectPolicy', value['SelectPolicy']],
    [
      'policies',
      Array.isArray(policies)
        ? policies.map((p) =>
            ordered(
              ['type', str(rec(p)['Type'])],
              ['value', rec(p)['Value'] ?? 0],
              ['periodSeconds', rec(p)['PeriodSeconds'] ?? 0],
            ),
          )
        : undefined,
    ],
  );
}

/**
 * The behavior annotation as a v2 `spec.behavior`; undefined when it does not decode (Go
 * ignores it then) or sets neither direction (a zero behavior is no behavior).
 */
export function decodeBehavior(text: string): Json | undefined {
  const decoded = rec(goUnmarshal(text, BEHAVIOR));
  const scaleUp = rulesFromInternal(decoded['ScaleUp']);
  const scaleDown = rulesFromInternal(decoded['ScaleDown']);
  if (scaleUp === undefined && scaleDown === undefined) return undefined;
  return ordered(['scaleUp', scaleUp], ['scaleDown', scaleDown]);
}

function condition(c: Json, time: unknown): Json {
  return ordered(
    ['type', str(c['type'])],
    ['status', str(c['status'])],
    ['lastTransitionTime', time],
    ['reason', optStr(c['reason'])],
    ['message', optStr(c['message'])],
  );
}

/** A v2 condition as a v1 one in the annotation: a missing time is Go's zero time, `null`. */
export function conditionToV1(c: Json): Json {
  return condition(c, c['lastTransitionTime'] ?? null);
}

/** A v1 condition from the annotation as a v2 one: a zero (null) time is left out. */
export function conditionFromV1(c: Json): Json {
  return condition(c, c['lastTransitionTime'] ?? undefined);
}

/** The Go type of the conditions annotation: []v1.HorizontalPodAutoscalerCondition. */
export const V1_CONDITIONS: Shape = {
  list: {
    fields: {
      type: 'string',
      status: 'string',
      lastTransitionTime: 'string',
      reason: 'string',
      message: 'string',
    },
  },
};
