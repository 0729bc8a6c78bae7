/**
 * Defaults for HorizontalPodAutoscaler in `autoscaling/v2` and `autoscaling/v1`.
 */
import type { HorizontalPodAutoscaler as HPAv1 } from 'kubernetes-types/autoscaling/v1';
import type {
  HPAScalingRules,
  HorizontalPodAutoscaler as HPAv2,
  MetricSpec,
} from 'kubernetes-types/autoscaling/v2';
import { child, cloneJson, isEmpty, isNil, isRecord } from './util';

/** The CPU utilization an HPA without metrics aims for, in percent of requests. */
export const DEFAULT_CPU_UTILIZATION = 80;

/** Scale up by at most 4 pods or 100% per 15 s, whichever is more, with no stabilization. */
const SCALE_UP_RULES: HPAScalingRules = {
  stabilizationWindowSeconds: 0,
  selectPolicy: 'Max',
  policies: [
    { type: 'Pods', value: 4, periodSeconds: 15 },
    { type: 'Percent', value: 100, periodSeconds: 15 },
  ],
};

/**
 * Scale down by at most 100% per 15 s. The stabilization window stays unset: the
 * controller's `--horizontal-pod-autoscaler-downscale-stabilization` flag supplies it.
 */
const SCALE_DOWN_RULES: HPAScalingRules = {
  selectPolicy: 'Max',
  policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }],
};

/** The given rules over a copy of the defaults: each field given (even an empty list) wins. */
function completeRules(given: unknown, defaults: HPAScalingRules): HPAScalingRules {
  const rules = cloneJson(defaults);
  if (!isRecord(given)) return rules;
  const { selectPolicy, stabilizationWindowSeconds, policies } = given as HPAScalingRules;
  if (!isNil(selectPolicy)) rules.selectPolicy = selectPolicy;
  if (!isNil(stabilizationWindowSeconds)) rules.stabilizationWindowSeconds = stabilizationWindowSeconds;
  if (!isNil(policies)) rules.policies = policies;
  return rules;
}

/**
 * autoscaling/v2 HPA: at least one replica; with no metrics, a CPU utilization target of
 * 80%; a `behavior` that is present gets both its scale-up and scale-down rules completed.
 */
export function defaultHorizontalPodAutoscalerV2(hpa: HPAv2): void {
  const spec = child(hpa, 'spec');
  if (!spec) return;
  if (isNil(spec.minReplicas)) spec.minReplicas = 1;
  if (isEmpty(spec.metrics)) {
    const cpu: MetricSpec = {
      type: 'Resource',
      resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: DEFAULT_CPU_UTILIZATION } },
    };
    spec.metrics = [cpu];
  }
  const behavior = spec.behavior;
  if (isRecord(behavior)) {
    behavior.scaleUp = completeRules(behavior.scaleUp, SCALE_UP_RULES);
    behavior.scaleDown = completeRules(behavior.scaleDown, SCALE_DOWN_RULES);
  }
}

/**
 * autoscaling/v1 HPA: at least one replica. The 80% CPU target a v1 HPA without
 * `targetCPUUtilizationPercentage` ends up with is added when it is converted to the
 * internal version, not by defaulting.
 */
export function defaultHorizontalPodAutoscalerV1(hpa: HPAv1): void {
  const spec = child(hpa, 'spec');
  if (spec && isNil(spec.minReplicas)) spec.minReplicas = 1;
}
