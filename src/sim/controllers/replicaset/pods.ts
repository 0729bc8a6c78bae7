/**
 * Pod predicates from upstream's pkg/api/v1/pod and pkg/controller/controller_utils.go: which
 * pods count (active), which are ready and available, who controls a pod, and the ranking
 * that picks which pods a ReplicaSet deletes first when it has too many.
 */
import type { OwnerReference } from 'kubernetes-types/meta/v1';
import type { KubeObject } from '../../apiserver/types';
import type { PodObject } from './types';

/** metav1.GetControllerOf: the ownerReference with `controller: true`, if any. */
export function controllerOf(obj: Pick<KubeObject, 'metadata'>): OwnerReference | undefined {
  return obj.metadata.ownerReferences?.find((r) => r.controller === true);
}

/** controller.IsPodActive: not Succeeded, not Failed and not being deleted. */
export function isPodActive(pod: PodObject): boolean {
  const phase = pod.status?.phase;
  return phase !== 'Succeeded' && phase !== 'Failed' && !isBeingDeleted(pod);
}

/** Whether the pod has a deletionTimestamp. */
export function isBeingDeleted(pod: PodObject): boolean {
  return pod.metadata.deletionTimestamp !== undefined && pod.metadata.deletionTimestamp !== null;
}

function readyCondition(pod: PodObject) {
  return pod.status?.conditions?.find((c) => c.type === 'Ready');
}

/** podutil.IsPodReady: the Ready condition is True. */
export function isPodReady(pod: PodObject): boolean {
  return readyCondition(pod)?.status === 'True';
}

/** A timestamp as wall-clock ms, or null when unset. */
export function timeOf(stamp: string | undefined | null): number | null {
  if (stamp === undefined || stamp === null || stamp === '') return null;
  const ms = Date.parse(stamp);
  return Number.isNaN(ms) ? null : ms;
}

/**
 * podutil.IsPodAvailable: ready, and (with minReadySeconds) ready since more than that long
 * before `now` (wall-clock ms).
 */
export function isPodAvailable(pod: PodObject, minReadySeconds: number, now: number): boolean {
  if (!isPodReady(pod)) return false;
  if (minReadySeconds === 0) return true;
  const since = timeOf(readyCondition(pod)?.lastTransitionTime);
  return since !== null && since + minReadySeconds * 1000 < now;
}

const PHASE_ORDINAL: Readonly<Record<string, number>> = { Pending: 0, Unknown: 1, Running: 2 };

/** The pod-deletion-cost annotation, as helper.GetDeletionCostFromPodAnnotations reads it. */
export const POD_DELETION_COST = 'controller.kubernetes.io/pod-deletion-cost';

/** The pod's deletion cost; 0 when unset or not a valid int32 without `+` or leading zeros. */
export function deletionCost(pod: PodObject): number {
  const value = pod.metadata.annotations?.[POD_DELETION_COST];
  if (value === undefined || !/^(-|[1-9]|0$)/.test(value) || !/^[+-]?\d+$/.test(value)) return 0;
  const n = Number(value);
  return n >= -(2 ** 31) && n < 2 ** 31 ? n : 0;
}

function maxRestarts(pod: PodObject): number {
  return Math.max(0, ...(pod.status?.containerStatuses ?? []).map((s) => s.restartCount));
}

function readyTime(pod: PodObject): number | null {
  return isPodReady(pod) ? timeOf(readyCondition(pod)?.lastTransitionTime) : null;
}

/** afterOrZero: an unset time sorts first, then the later time. */
function afterOrZero(a: number | null, b: number | null): boolean {
  if (a === null || b === null) return a === null;
  return a > b;
}

/** The difference of floor(log2(age in ns)) of two instants (-1 for a zero or negative age). */
function logarithmicRankDiff(a: number, b: number, now: number): number {
  const rank = (t: number) => (now - t > 0 ? Math.floor(Math.log2((now - t) * 1e6)) : -1);
  return rank(a) - rank(b);
}

/** Compares two times logarithmically (LogarithmicScaleDown, GA), ties broken by pod UID. */
function newerFirst(a: PodObject, b: PodObject, ta: number | null, tb: number | null, now: number) {
  if (ta === null || tb === null) return afterOrZero(ta, tb);
  const diff = logarithmicRankDiff(ta, tb, now);
  if (diff === 0) return (a.metadata.uid ?? '') < (b.metadata.uid ?? '');
  return diff < 0;
}

/** A pod to rank, with the number of related active pods on its node. */
export interface RankedPod {
  readonly pod: PodObject;
  readonly rank: number;
}

/**
 * controller.ActivePodsWithRanks' Less: whether `a` should be deleted before `b`. In turn:
 * unassigned before assigned; Pending before Unknown before Running; not ready before ready;
 * lower pod-deletion-cost first; more related pods on the same node first; ready for less
 * time first; more container restarts first; created more recently first. Times compare on a
 * logarithmic scale against `now` (wall-clock ms).
 */
export function deleteBefore(a: RankedPod, b: RankedPod, now: number): boolean {
  const [pa, pb] = [a.pod, b.pod];
  const [na, nb] = [pa.spec?.nodeName ?? '', pb.spec?.nodeName ?? ''];
  if (na !== nb && (na === '' || nb === '')) return na === '';
  const [oa, ob] = [PHASE_ORDINAL[pa.status?.phase ?? ''] ?? 0, PHASE_ORDINAL[pb.status?.phase ?? ''] ?? 0];
  if (oa !== ob) return oa < ob;
  if (isPodReady(pa) !== isPodReady(pb)) return !isPodReady(pa);
  const [ca, cb] = [deletionCost(pa), deletionCost(pb)];
  if (ca !== cb) return ca < cb;
  if (a.rank !== b.rank) return a.rank > b.rank;
  if (isPodReady(pa) && isPodReady(pb)) {
    const [ra, rb] = [readyTime(pa), readyTime(pb)];
    if (ra !== rb) return newerFirst(pa, pb, ra, rb, now);
  }
  const [sa, sb] = [maxRestarts(pa), maxRestarts(pb)];
  if (sa !== sb) return sa > sb;
  const [ta, tb] = [timeOf(pa.metadata.creationTimestamp), timeOf(pb.metadata.creationTimestamp)];
  if (ta !== tb) return newerFirst(pa, pb, ta, tb, now);
  return false;
}

/**
 * getPodsToDelete: the `diff` pods to delete, preferring those earliest in their startup.
 * Each pod's rank is the number of active `related` pods (pods of ReplicaSets with the same
 * owner) on its node.
 */
export function podsToDelete(
  pods: readonly PodObject[],
  related: readonly PodObject[],
  diff: number,
  now: number,
): PodObject[] {
  if (diff >= pods.length) return pods.slice(0, diff);
  const onNode = new Map<string, number>();
  for (const p of related) {
    if (!isPodActive(p)) continue;
    const node = p.spec?.nodeName ?? '';
    onNode.set(node, (onNode.get(node) ?? 0) + 1);
  }
  const ranked = pods.map((pod) => ({ pod, rank: onNode.get(pod.spec?.nodeName ?? '') ?? 0 }));
  ranked.sort((a, b) => (deleteBefore(a, b, now) ? -1 : deleteBefore(b, a, now) ? 1 : 0));
  return ranked.slice(0, diff).map((r) => r.pod);
}
