/**
 * How the HPA controller turns a metric recommendation into the replica count it sets
 * (upstream horizontal.go's normalizeDesiredReplicas and normalizeDesiredReplicasWithBehaviors):
 * it remembers each HPA's recent recommendations and scale events, stabilizes (a scale-down
 * waits for the highest recommendation of the stabilization window, 5 minutes by default),
 * then limits the change by the scaling rules (without `behavior`: at most double, or 4, per
 * sync; with it: its policies over their periods) and by minReplicas/maxReplicas. The
 * conditions it reports are upstream's reasons and messages.
 */
import type { HPAScalingRules, HorizontalPodAutoscalerBehavior } from 'kubernetes-types/autoscaling/v2';

interface Recommendation {
  readonly replicas: number;
  readonly at: number;
}

interface ScaleEvent {
  /** Replicas added (scale-up events) or removed (scale-down events). */
  readonly replicaChange: number;
  readonly at: number;
  outdated: boolean;
}

/** A condition to set: its reason and message, and for ScalingLimited, whether it holds. */
export interface Outcome {
  readonly replicas: number;
  readonly ableToScale: { readonly reason: string; readonly message: string };
  readonly limited: { readonly status: 'True' | 'False'; readonly reason: string; readonly message: string };
}

const SCALE_UP_LIMIT_FACTOR = 2;
const SCALE_UP_LIMIT_MINIMUM = 4;

const WITHIN_RANGE = {
  reason: 'DesiredWithinRange',
  message: 'the desired count is within the acceptable range',
};
const READY = { reason: 'ReadyForNewScale', message: 'recommended size matches current size' };
const SCALE_UP_LIMIT = {
  reason: 'ScaleUpLimit',
  message: 'the desired replica count is increasing faster than the maximum scale rate',
};
const TOO_MANY = {
  reason: 'TooManyReplicas',
  message: 'the desired replica count is more than the maximum replica count',
};
const TOO_FEW = {
  reason: 'TooFewReplicas',
  message: 'the desired replica count is less than the minimum replica count',
};
const SCALE_DOWN_LIMIT = {
  reason: 'ScaleDownLimit',
  message: 'the desired replica count is decreasing faster than the maximum scale rate',
};
const SCALE_DOWN_STABILIZED = {
  reason: 'ScaleDownStabilized',
  message: 'recent recommendations were higher than current one, applying the highest recent recommendation',
};
const SCALE_UP_STABILIZED = {
  reason: 'ScaleUpStabilized',
  message: 'recent recommendations were lower than current one, applying the lowest recent recommendation',
};

/** convertDesiredReplicasWithRules: min/max and the default scale-up limit (no behavior). */
export function convertDesiredReplicasWithRules(current: number, desired: number, min: number, max: number) {
  const scaleUpLimit = Math.max(SCALE_UP_LIMIT_FACTOR * current, SCALE_UP_LIMIT_MINIMUM);
  const [maxAllowed, limit] = max > scaleUpLimit ? [scaleUpLimit, SCALE_UP_LIMIT] : [max, TOO_MANY];
  if (desired < min) return { replicas: min, ...TOO_FEW };
  if (desired > maxAllowed) return { replicas: maxAllowed, ...limit };
  return { replicas: desired, ...WITHIN_RANGE };
}

/** getReplicasChangePerPeriod: the replicas changed by events within the last `periodSeconds`. */
function changeInPeriod(periodSeconds: number, events: readonly ScaleEvent[], now: number): number {
  const cutoff = now - periodSeconds * 1000;
  return events.filter((e) => e.at > cutoff).reduce((sum, e) => sum + e.replicaChange, 0);
}

/** calculateScaleUpLimitWithScalingRules / calculateScaleDownLimitWithBehaviors. */
function scaleLimit(
  direction: 'up' | 'down',
  current: number,
  up: readonly ScaleEvent[],
  down: readonly ScaleEvent[],
  rules: HPAScalingRules,
  now: number,
): number {
  if (rules.selectPolicy === 'Disabled') return current;
  const minChange = rules.selectPolicy === 'Min';
  // Scaling up, the smallest change is the lowest count; scaling down, the highest.
  const pickLowest = (direction === 'up') === minChange;
  let result = pickLowest ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
  for (const policy of rules.policies ?? []) {
    const periodStart =
      current -
      changeInPeriod(policy.periodSeconds, up, now) +
      changeInPeriod(policy.periodSeconds, down, now);
    let proposed: number;
    if (direction === 'up')
      proposed =
        policy.type === 'Pods'
          ? periodStart + policy.value
          : Math.ceil(periodStart * (1 + policy.value / 100));
    else
      proposed =
        policy.type === 'Pods'
          ? periodStart - policy.value
          : Math.trunc(periodStart * (1 - policy.value / 100));
    result = pickLowest ? Math.min(result, proposed) : Math.max(result, proposed);
  }
  return result;
}

/** Each HPA's recent recommendations and scale events, by `namespace/name`. */
export class ScalingHistory {
  readonly #recommendations = new Map<string, Recommendation[]>();
  readonly #scaleUp = new Map<string, ScaleEvent[]>();
  readonly #scaleDown = new Map<string, ScaleEvent[]>();

  constructor(
    private readonly now: () => number,
    /** --horizontal-pod-autoscaler-downscale-stabilization */
    private readonly downscaleStabilisationMs: number,
  ) {}

  /** The HPA is gone. */
  forget(key: string): void {
    this.#recommendations.delete(key);
    this.#scaleUp.delete(key);
    this.#scaleDown.delete(key);
  }

  /** recordInitialRecommendation: the current count is the first recommendation. */
  recordInitial(key: string, current: number): void {
    if (!this.#recommendations.has(key))
      this.#recommendations.set(key, [{ replicas: current, at: this.now() }]);
  }

  /** Records a recommendation, reusing the slot of one that fell out of every window. */
  #record(key: string, replicas: number, isOld: (r: Recommendation) => boolean): void {
    const list = this.#recommendations.get(key) ?? [];
    const old = list.findLastIndex(isOld);
    const entry = { replicas, at: this.now() };
    if (old >= 0) list[old] = entry;
    else list.push(entry);
    this.#recommendations.set(key, list);
  }

  /** normalizeDesiredReplicas: no `behavior` on the HPA. */
  normalize(key: string, current: number, desired: number, min: number, max: number): Outcome {
    const cutoff = this.now() - this.downscaleStabilisationMs;
    let stabilized = desired;
    for (const r of this.#recommendations.get(key) ?? [])
      if (r.at >= cutoff) stabilized = Math.max(stabilized, r.replicas);
    this.#record(key, desired, (r) => r.at < cutoff);
    const ableToScale = stabilized !== desired ? SCALE_DOWN_STABILIZED : READY;
    const { replicas, reason, message } = convertDesiredReplicasWithRules(current, stabilized, min, max);
    return {
      replicas,
      ableToScale,
      limited: { status: replicas === stabilized ? 'False' : 'True', reason, message },
    };
  }

  /** normalizeDesiredReplicasWithBehaviors: the HPA's `behavior` (defaulted) decides. */
  normalizeWithBehaviors(
    key: string,
    behavior: HorizontalPodAutoscalerBehavior,
    current: number,
    desired: number,
    min: number,
    max: number,
  ): Outcome {
    const up = behavior.scaleUp ?? {};
    const down = {
      ...behavior.scaleDown,
      stabilizationWindowSeconds:
        behavior.scaleDown?.stabilizationWindowSeconds ?? this.downscaleStabilisationMs / 1000,
    };
    const now = this.now();
    const upCutoff = now - (up.stabilizationWindowSeconds ?? 0) * 1000;
    const downCutoff = now - down.stabilizationWindowSeconds * 1000;
    let upRecommendation = desired;
    let downRecommendation = desired;
    for (const r of this.#recommendations.get(key) ?? []) {
      if (r.at > upCutoff) upRecommendation = Math.min(upRecommendation, r.replicas);
      if (r.at > downCutoff) downRecommendation = Math.max(downRecommendation, r.replicas);
    }
    const stabilized = Math.min(Math.max(current, upRecommendation), downRecommendation);
    this.#record(key, desired, (r) => r.at < upCutoff && r.at < downCutoff);
    const stabilizedBy = desired >= current ? SCALE_UP_STABILIZED : SCALE_DOWN_STABILIZED;
    const ableToScale = stabilized !== desired ? stabilizedBy : READY;
    const { replicas, reason, message } = this.#rate(key, up, down, current, stabilized, min, max);
    return {
      replicas,
      ableToScale,
      limited: { status: replicas === stabilized ? 'False' : 'True', reason, message },
    };
  }

  /** convertDesiredReplicasWithBehaviorRate */
  #rate(
    key: string,
    up: HPAScalingRules,
    down: HPAScalingRules,
    current: number,
    desired: number,
    min: number,
    max: number,
  ): { replicas: number; reason: string; message: string } {
    const ups = this.#scaleUp.get(key) ?? [];
    const downs = this.#scaleDown.get(key) ?? [];
    if (desired > current) {
      const limit = Math.max(current, scaleLimit('up', current, ups, downs, up, this.now()));
      const [maxAllowed, why] = max > limit ? [limit, SCALE_UP_LIMIT] : [max, TOO_MANY];
      if (desired > maxAllowed) return { replicas: maxAllowed, ...why };
    } else if (desired < current) {
      const limit = Math.min(current, scaleLimit('down', current, ups, downs, down, this.now()));
      const [minAllowed, why] = min < limit ? [limit, SCALE_DOWN_LIMIT] : [min, TOO_FEW];
      if (desired < minAllowed) return { replicas: minAllowed, ...why };
    }
    return { replicas: desired, ...WITHIN_RANGE };
  }

  /** storeScaleEvent: remembers a rescale for the behavior's policies (not kept without a behavior). */
  storeScaleEvent(
    key: string,
    behavior: HorizontalPodAutoscalerBehavior | undefined,
    prev: number,
    next: number,
  ): void {
    if (behavior === undefined) return;
    const scaleUp = next > prev;
    const rules = (scaleUp ? behavior.scaleUp : behavior.scaleDown) ?? {};
    const longest = Math.max(0, ...(rules.policies ?? []).map((p) => p.periodSeconds));
    const store = scaleUp ? this.#scaleUp : this.#scaleDown;
    const events = store.get(key) ?? [];
    const cutoff = this.now() - longest * 1000;
    for (const e of events) if (e.at < cutoff) e.outdated = true;
    const event = { replicaChange: Math.abs(next - prev), at: this.now(), outdated: false };
    const old = events.findLastIndex((e) => e.outdated);
    if (old >= 0) events[old] = event;
    else events.push(event);
    store.set(key, events);
  }
}
