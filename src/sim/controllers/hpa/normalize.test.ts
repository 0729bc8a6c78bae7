import type { HorizontalPodAutoscalerBehavior } from 'kubernetes-types/autoscaling/v2';
import { describe, expect, it } from 'vitest';
import { convertDesiredReplicasWithRules, ScalingHistory } from './normalize';

/** The defaults the apiserver gives a behavior (SetDefaults_HorizontalPodAutoscalerBehavior). */
const DEFAULT_SCALE_UP = {
  stabilizationWindowSeconds: 0,
  selectPolicy: 'Max',
  policies: [
    { type: 'Pods', value: 4, periodSeconds: 15 },
    { type: 'Percent', value: 100, periodSeconds: 15 },
  ],
};
const DEFAULT_SCALE_DOWN = {
  selectPolicy: 'Max',
  policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }],
};

function history() {
  let now = 0;
  const h = new ScalingHistory(() => now, 300_000);
  return { h, at: (seconds: number) => (now = seconds * 1000) };
}

describe('convertDesiredReplicasWithRules', () => {
  it.each<[number, number, number, number, number, string]>([
    [1, 5, 1, 10, 4, 'ScaleUpLimit'],
    [4, 20, 1, 10, 8, 'ScaleUpLimit'],
    [8, 20, 1, 10, 10, 'TooManyReplicas'],
    [3, 0, 1, 10, 1, 'TooFewReplicas'],
    [3, 5, 1, 10, 5, 'DesiredWithinRange'],
  ])('current %d, desired %d, min %d, max %d: %d (%s)', (current, desired, min, max, replicas, reason) => {
    expect(convertDesiredReplicasWithRules(current, desired, min, max)).toMatchObject({ replicas, reason });
  });
});

describe('ScalingHistory without a behavior', () => {
  it('scales down only once the 5-minute window holds no higher recommendation', () => {
    const { h, at } = history();
    h.recordInitial('ns/web', 10);
    const step = (seconds: number, desired: number) => {
      at(seconds);
      return h.normalize('ns/web', 10, desired, 1, 10);
    };
    expect(step(15, 2)).toMatchObject({
      replicas: 10,
      ableToScale: {
        reason: 'ScaleDownStabilized',
        message:
          'recent recommendations were higher than current one, applying the highest recent recommendation',
      },
      limited: { status: 'False', reason: 'DesiredWithinRange' },
    });
    expect(step(300, 2).replicas).toBe(10);
    expect(step(315, 2)).toMatchObject({ replicas: 2, ableToScale: { reason: 'ReadyForNewScale' } });
  });

  it('scales up at once, at most to double (or 4)', () => {
    const { h, at } = history();
    h.recordInitial('ns/web', 1);
    at(15);
    expect(h.normalize('ns/web', 1, 9, 1, 10)).toMatchObject({
      replicas: 4,
      limited: {
        status: 'True',
        reason: 'ScaleUpLimit',
        message: 'the desired replica count is increasing faster than the maximum scale rate',
      },
    });
  });
});

describe('ScalingHistory with a behavior', () => {
  const rescale = (
    h: ScalingHistory,
    behavior: HorizontalPodAutoscalerBehavior,
    current: number,
    desired: number,
  ) => {
    const outcome = h.normalizeWithBehaviors('ns/web', behavior, current, desired, 1, 20);
    if (outcome.replicas !== current) h.storeScaleEvent('ns/web', behavior, current, outcome.replicas);
    return outcome;
  };

  it('adds at most 4 pods or 100% per 15 s by default', () => {
    const { h, at } = history();
    const behavior = {
      scaleUp: DEFAULT_SCALE_UP,
      scaleDown: DEFAULT_SCALE_DOWN,
    } as HorizontalPodAutoscalerBehavior;
    h.recordInitial('ns/web', 1);
    at(15);
    expect(rescale(h, behavior, 1, 20)).toMatchObject({ replicas: 5, limited: { reason: 'ScaleUpLimit' } });
    at(20);
    expect(rescale(h, behavior, 5, 20)).toMatchObject({ replicas: 5, limited: { reason: 'ScaleUpLimit' } });
    at(31);
    expect(rescale(h, behavior, 5, 20).replicas).toBe(10);
    at(47);
    expect(rescale(h, behavior, 10, 30)).toMatchObject({
      replicas: 20,
      limited: { reason: 'TooManyReplicas' },
    });
  });

  it('follows a custom scale-down window and policy', () => {
    const { h, at } = history();
    const behavior = {
      scaleUp: DEFAULT_SCALE_UP,
      scaleDown: {
        stabilizationWindowSeconds: 60,
        selectPolicy: 'Max',
        policies: [{ type: 'Pods', value: 1, periodSeconds: 60 }],
      },
    } as HorizontalPodAutoscalerBehavior;
    h.recordInitial('ns/web', 5);
    at(30);
    expect(rescale(h, behavior, 5, 1)).toMatchObject({
      replicas: 5,
      ableToScale: { reason: 'ScaleDownStabilized' },
    });
    at(61);
    expect(rescale(h, behavior, 5, 1)).toMatchObject({
      replicas: 4,
      limited: {
        status: 'True',
        reason: 'ScaleDownLimit',
        message: 'the desired replica count is decreasing faster than the maximum scale rate',
      },
    });
    at(100);
    expect(rescale(h, behavior, 4, 1).replicas).toBe(4);
    at(122);
    expect(rescale(h, behavior, 4, 1).replicas).toBe(3);
  });

  it('never scales down when scale-down is Disabled', () => {
    const { h, at } = history();
    const behavior = {
      scaleUp: DEFAULT_SCALE_UP,
      scaleDown: { ...DEFAULT_SCALE_DOWN, stabilizationWindowSeconds: 0, selectPolicy: 'Disabled' },
    } as HorizontalPodAutoscalerBehavior;
    h.recordInitial('ns/web', 6);
    at(400);
    expect(rescale(h, behavior, 6, 1)).toMatchObject({ replicas: 6, limited: { reason: 'ScaleDownLimit' } });
  });
});
