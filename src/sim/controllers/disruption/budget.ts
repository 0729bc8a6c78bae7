/**
 * The arithmetic of a PodDisruptionBudget's status, after upstream's disruption controller
 * (pkg/controller/disruption/disruption.go) and the PDB helpers in
 * pkg/apis/policy/helper: how many pods must stay healthy, which evicted pods still count as
 * gone, how many pods are healthy, and the DisruptionAllowed condition.
 */
import type { PodDisruptionBudget, PodDisruptionBudgetStatus } from 'kubernetes-types/policy/v1';
import type { Condition } from 'kubernetes-types/meta/v1';
import type { KubeObject } from '../../apiserver/types';
import { isBeingDeleted, isPodReady, timeOf } from '../replicaset/pods';
import type { PodObject } from '../replicaset/types';

/** A PodDisruptionBudget as the informer delivers it. */
export type BudgetObject = KubeObject & Pick<PodDisruptionBudget, 'spec' | 'status'>;

/** Upstream's DeletionTimeout: an evicted pod not deleted within this long counts again. */
export const DELETION_TIMEOUT_MS = 2 * 60_000;

export const DISRUPTION_ALLOWED = 'DisruptionAllowed';
export const SUFFICIENT_PODS = 'SufficientPods';
export const INSUFFICIENT_PODS = 'InsufficientPods';
export const SYNC_FAILED = 'SyncFailed';

/**
 * intstr.GetScaledValueFromIntOrPercent: an int as is, or a percent of `total`, rounded up
 * when `roundUp` (the disruption controller always rounds up). Throws on a malformed value.
 */
export function scaledValue(value: number | string, total: number, roundUp: boolean): number {
  if (typeof value === 'number') return value;
  const match = /^(-?\d+)%$/.exec(value);
  if (match?.[1] === undefined) throw new Error(`invalid value for IntOrString: invalid value "${value}"`);
  const scaled = (Number(match[1]) * total) / 100;
  return roundUp ? Math.ceil(scaled) : Math.floor(scaled);
}

/** Whether the budget's pod count follows its pods' controllers' scale rather than the pods. */
export function needsScale(spec: PodDisruptionBudget['spec']): boolean {
  if (spec?.maxUnavailable !== undefined && spec.maxUnavailable !== null) return true;
  return typeof spec?.minAvailable === 'string';
}

/**
 * getExpectedPodCount's second half: desiredHealthy from maxUnavailable (of the scale) or
 * minAvailable (an int as is, a percent of the scale). `scale` is the controllers' total
 * replicas, used only when {@link needsScale}; `podCount` stands in otherwise.
 */
export function desiredHealthyOf(
  spec: PodDisruptionBudget['spec'],
  scale: number,
  podCount: number,
): { expectedCount: number; desiredHealthy: number } {
  const max = spec?.maxUnavailable;
  if (max !== undefined && max !== null) {
    return { expectedCount: scale, desiredHealthy: Math.max(0, scale - scaledValue(max, scale, true)) };
  }
  const min = spec?.minAvailable;
  if (typeof min === 'number') return { expectedCount: podCount, desiredHealthy: min };
  if (typeof min === 'string') return { expectedCount: scale, desiredHealthy: scaledValue(min, scale, true) };
  return { expectedCount: 0, desiredHealthy: 0 };
}

/**
 * buildDisruptedPodMap: the budget's disruptedPods entries that still hold (pod selected,
 * not yet being deleted, evicted less than {@link DELETION_TIMEOUT_MS} ago), the pods whose
 * entry expired (upstream's NotDeleted warning), and when the earliest entry expires.
 */
export function disruptedPodMap(
  pods: readonly PodObject[],
  recorded: Readonly<Record<string, string>> | undefined,
  now: number,
): { disrupted: Record<string, string>; expired: PodObject[]; recheckAt: number | null } {
  const disrupted: Record<string, string> = {};
  const expired: PodObject[] = [];
  let recheckAt: number | null = null;
  if (recorded === undefined) return { disrupted, expired, recheckAt };
  for (const pod of pods) {
    if (isBeingDeleted(pod)) continue;
    const stamp = recorded[pod.metadata.name ?? ''];
    const at = timeOf(stamp);
    if (stamp === undefined || at === null) continue;
    const expectedDeletion = at + DELETION_TIMEOUT_MS;
    if (expectedDeletion < now) {
      expired.push(pod);
    } else {
      if (recheckAt === null || expectedDeletion < recheckAt) recheckAt = expectedDeletion;
      disrupted[pod.metadata.name ?? ''] = stamp;
    }
  }
  return { disrupted, expired, recheckAt };
}

/** countHealthyPods: Ready pods that are neither being deleted nor recently evicted. */
export function countHealthy(
  pods: readonly PodObject[],
  disrupted: Readonly<Record<string, string>>,
  now: number,
): number {
  let healthy = 0;
  for (const pod of pods) {
    if (isBeingDeleted(pod)) continue;
    const at = timeOf(disrupted[pod.metadata.name ?? '']);
    if (at !== null && at + DELETION_TIMEOUT_MS > now) continue;
    if (isPodReady(pod)) healthy++;
  }
  return healthy;
}

/**
 * meta.SetStatusCondition: replaces the condition of the same type, keeping its
 * lastTransitionTime unless the status changed; `timestamp` stamps new transitions.
 */
export function setCondition(
  conditions: readonly Condition[] | undefined,
  next: Omit<Condition, 'lastTransitionTime'>,
  timestamp: string,
): Condition[] {
  const list = [...(conditions ?? [])];
  const i = list.findIndex((c) => c.type === next.type);
  const old = i < 0 ? undefined : list[i];
  const lastTransitionTime =
    old !== undefined && old.status === next.status ? old.lastTransitionTime : timestamp;
  const condition: Condition = { ...next, lastTransitionTime };
  if (i < 0) list.push(condition);
  else list[i] = condition;
  return list;
}

/** UpdateDisruptionAllowedCondition: SufficientPods when disruptions are allowed, else InsufficientPods. */
export function withAllowedCondition(status: PodDisruptionBudgetStatus, timestamp: string): Condition[] {
  const allowed = status.disruptionsAllowed > 0;
  return setCondition(
    status.conditions,
    {
      type: DISRUPTION_ALLOWED,
      status: allowed ? 'True' : 'False',
      reason: allowed ? SUFFICIENT_PODS : INSUFFICIENT_PODS,
      message: '',
      observedGeneration: status.observedGeneration ?? 0,
    },
    timestamp,
  );
}

/** ConditionsAreUpToDate: the DisruptionAllowed condition matches the status and generation. */
export function conditionsUpToDate(pdb: BudgetObject): boolean {
  const status = pdb.status;
  const cond = status?.conditions?.find((c) => c.type === DISRUPTION_ALLOWED);
  if (status === undefined || cond === undefined) return false;
  if ((status.observedGeneration ?? 0) !== (pdb.metadata.generation ?? 0)) return false;
  return status.disruptionsAllowed > 0
    ? cond.status === 'True' && cond.reason === SUFFICIENT_PODS
    : cond.status === 'False' && cond.reason === INSUFFICIENT_PODS;
}
