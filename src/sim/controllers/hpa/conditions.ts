/** The HPA status conditions (upstream horizontal.go's setCondition and setConditionInList). */
import type { HorizontalPodAutoscalerCondition } from 'kubernetes-types/autoscaling/v2';

export type ConditionType = 'AbleToScale' | 'ScalingActive' | 'ScalingLimited';
export type ConditionStatus = 'True' | 'False' | 'Unknown';

/** A condition to set on an HPA. */
export interface ConditionUpdate {
  readonly type: ConditionType;
  readonly status: ConditionStatus;
  readonly reason: string;
  readonly message: string;
}

/**
 * Sets a condition in the list (appended if new), with a new lastTransitionTime only when its
 * status changes; `now` is an RFC 3339 timestamp.
 */
export function setCondition(
  conditions: readonly HorizontalPodAutoscalerCondition[],
  update: ConditionUpdate,
  now: string,
): HorizontalPodAutoscalerCondition[] {
  const list = [...conditions];
  const index = list.findIndex((c) => c.type === update.type);
  const existing = index >= 0 ? list[index] : undefined;
  const next: HorizontalPodAutoscalerCondition = {
    type: update.type,
    status: update.status,
    lastTransitionTime: existing?.status === update.status ? (existing.lastTransitionTime ?? now) : now,
    reason: update.reason,
    message: update.message,
  };
  if (index >= 0) list[index] = next;
  else list.push(next);
  return list;
}
