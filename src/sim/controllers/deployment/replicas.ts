/**
 * Replica arithmetic of a rollout (upstream's deployment util and controller_utils): max surge
 * and max unavailable from int-or-percent values, how far the new ReplicaSet may grow, how a
 * scaling event is shared out proportionally, and the orders ReplicaSets are sorted in.
 */
import { MAX_REPLICAS_ANNOTATION, DESIRED_REPLICAS_ANNOTATION, replicasOf } from './types';
import type { Deployment, ReplicaSet } from './types';

/**
 * intstr.GetScaledValueFromIntOrPercent: an int as is, or a percentage of `total`, rounded
 * up or down. Throws upstream's error for strings that are not percentages.
 */
export function scaledValue(value: number | string, total: number, roundUp: boolean): number {
  if (typeof value === 'number') return value;
  const match = /^(-?\d+)%$/.exec(value);
  if (match === null)
    throw new Error(`invalid value for IntOrString: invalid type: string is not a percentage`);
  const scaled = (Number(match[1]) * total) / 100;
  return roundUp ? Math.ceil(scaled) : Math.floor(scaled);
}

/**
 * Resolves max surge (rounded up) and max unavailable (rounded down) together; if both come
 * to zero, one pod may be unavailable (surge might be blocked by quota).
 */
export function resolveFenceposts(
  maxSurge: number | string | undefined,
  maxUnavailable: number | string | undefined,
  desired: number,
): [surge: number, unavailable: number] {
  const surge = scaledValue(maxSurge ?? 0, desired, true);
  let unavailable = scaledValue(maxUnavailable ?? 0, desired, false);
  if (surge === 0 && unavailable === 0) unavailable = 1;
  return [surge, unavailable];
}

/** Whether the Deployment uses the RollingUpdate strategy. */
export function isRollingUpdate(d: Deployment): boolean {
  return d.spec.strategy?.type === 'RollingUpdate';
}

function fenceposts(d: Deployment): [number, number] {
  const ru = d.spec.strategy?.rollingUpdate;
  try {
    return resolveFenceposts(ru?.maxSurge, ru?.maxUnavailable, replicasOf(d));
  } catch {
    return [0, 0]; // validation rejects such values; upstream ignores the error here too
  }
}

/** How many pods a rolling Deployment may run above its replicas. */
export function maxSurge(d: Deployment): number {
  return isRollingUpdate(d) ? fenceposts(d)[0] : 0;
}

/** How many of a rolling Deployment's pods may be unavailable (at most its replicas). */
export function maxUnavailable(d: Deployment): number {
  if (!isRollingUpdate(d) || replicasOf(d) === 0) return 0;
  return Math.min(fenceposts(d)[1], replicasOf(d));
}

/** Sum of spec.replicas. */
export function replicaCount(rss: readonly (ReplicaSet | null)[]): number {
  return rss.reduce((n, rs) => n + (rs === null ? 0 : replicasOf(rs)), 0);
}

type StatusField = 'replicas' | 'readyReplicas' | 'availableReplicas';

/** Sum of one status count. */
export function statusCount(rss: readonly (ReplicaSet | null)[], field: StatusField): number {
  return rss.reduce((n, rs) => n + (rs?.status?.[field] ?? 0), 0);
}

/** ReplicaSets with at least one desired replica. */
export function filterActive(rss: readonly (ReplicaSet | null)[]): ReplicaSet[] {
  return rss.filter((rs): rs is ReplicaSet => rs !== null && replicasOf(rs) > 0);
}

function createdAt(rs: ReplicaSet): number {
  const t = rs.metadata.creationTimestamp;
  return t === undefined ? 0 : Date.parse(t);
}

/** controller.ReplicaSetsByCreationTimestamp: oldest first, then by name. */
export function byCreation(a: ReplicaSet, b: ReplicaSet): number {
  const d = createdAt(a) - createdAt(b);
  if (d !== 0) return d;
  const [x, y] = [a.metadata.name ?? '', b.metadata.name ?? ''];
  return x < y ? -1 : x > y ? 1 : 0;
}

/** controller.ReplicaSetsBySizeOlder: largest first, older first among equals. */
export function bySizeOlder(a: ReplicaSet, b: ReplicaSet): number {
  return replicasOf(b) - replicasOf(a) || byCreation(a, b);
}

/** controller.ReplicaSetsBySizeNewer: largest first, newer first among equals. */
export function bySizeNewer(a: ReplicaSet, b: ReplicaSet): number {
  return replicasOf(b) - replicasOf(a) || byCreation(b, a);
}

/**
 * The only active ReplicaSet, or the newest one when none is active; null when several are
 * active (they are then scaled proportionally). Sorts `oldRSs` newest first, as upstream does.
 */
export function findActiveOrLatest(newRS: ReplicaSet | null, oldRSs: ReplicaSet[]): ReplicaSet | null {
  if (newRS === null && oldRSs.length === 0) return null;
  oldRSs.sort((a, b) => byCreation(b, a));
  const active = filterActive([...oldRSs, newRS]);
  if (active.length === 0) return newRS ?? oldRSs[0] ?? null;
  return active.length === 1 ? (active[0] ?? null) : null;
}

/** How many replicas the new ReplicaSet should have now, within max surge. */
export function newRSNewReplicas(
  d: Deployment,
  allRSs: readonly (ReplicaSet | null)[],
  newRS: ReplicaSet,
): number {
  const type = d.spec.strategy?.type;
  if (type === 'Recreate') return replicasOf(d);
  if (type !== 'RollingUpdate') throw new Error(`deployment type ${type ?? ''} isn't supported`);
  const surge = scaledValue(d.spec.strategy?.rollingUpdate?.maxSurge ?? 0, replicasOf(d), true);
  const current = replicaCount(allRSs);
  const maxTotal = replicasOf(d) + surge;
  if (current >= maxTotal) return replicasOf(newRS);
  const scaleUp = Math.min(maxTotal - current, replicasOf(d) - replicasOf(newRS));
  return replicasOf(newRS) + scaleUp;
}

/** An integer annotation, or undefined when absent or not a number (strconv.Atoi). */
export function intAnnotation(rs: ReplicaSet, key: string): number | undefined {
  const v = rs.metadata.annotations?.[key];
  return v !== undefined && /^[+-]?\d+$/.test(v) ? Number(v) : undefined;
}

/** Whether the new ReplicaSet holds all the Deployment's replicas, all available. */
export function isSaturated(d: Deployment, rs: ReplicaSet | null): boolean {
  if (rs === null) return false;
  const desired = intAnnotation(rs, DESIRED_REPLICAS_ANNOTATION);
  if (desired === undefined) return false;
  const want = replicasOf(d);
  return replicasOf(rs) === want && desired === want && (rs.status?.availableReplicas ?? 0) === want;
}

/** Go's math.Round: halves away from zero. */
function roundHalfAway(x: number): number {
  return Math.sign(x) * Math.round(Math.abs(x));
}

/** What share of a scaling event a ReplicaSet takes, from its size at the last max-replicas. */
function replicaSetFraction(rs: ReplicaSet, d: Deployment): number {
  if (replicasOf(d) === 0) return -replicasOf(rs);
  const deploymentReplicas = replicasOf(d) + maxSurge(d);
  const annotated = intAnnotation(rs, MAX_REPLICAS_ANNOTATION) ?? d.status?.replicas ?? 0;
  if (annotated <= 0) return 0; // never scaled proportionally from zero upstream either
  return roundHalfAway((replicasOf(rs) * deploymentReplicas) / annotated) - replicasOf(rs);
}

/**
 * upstream's GetProportion: how many replicas to add to (or remove from) `rs`, never more
 * than what is left of `toAdd` after `added`.
 */
export function getProportion(rs: ReplicaSet | null, d: Deployment, toAdd: number, added: number): number {
  if (rs === null || replicasOf(rs) === 0 || toAdd === 0 || toAdd === added) return 0;
  const fraction = replicaSetFraction(rs, d);
  const allowed = toAdd - added;
  return toAdd > 0 ? Math.min(fraction, allowed) : Math.max(fraction, allowed);
}
