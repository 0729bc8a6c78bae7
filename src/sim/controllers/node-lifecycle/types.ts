/**
 * What the node lifecycle and taint eviction controllers share: resources, the taints the
 * node controller manages (upstream's taint templates and nodeConditionToTaintKeyStatusMap),
 * and toleration matching (v1helper.TolerationsTolerateTaint).
 */
import type { Node, NodeCondition, PodSpec, PodStatus, Taint, Toleration } from 'kubernetes-types/core/v1';
import { findResource, type ResourceInfo } from '../../apiserver/resources';
import type { KubeObject } from '../../apiserver/types';

function resource(group: string, version: string, plural: string): ResourceInfo {
  const r = findResource(group, version, plural);
  if (r === undefined) throw new Error(`no resource ${group}/${version} ${plural}`);
  return r;
}

export const NODES = resource('', 'v1', 'nodes');
export const PODS = resource('', 'v1', 'pods');
export const LEASES = resource('coordination.k8s.io', 'v1', 'leases');
export const LEASE_NAMESPACE = 'kube-node-lease';

/** A Node as the informer delivers it. */
export type NodeObject = KubeObject & { spec?: Node['spec']; status?: Node['status'] };
/** A Pod as the informer delivers it. */
export type PodObject = KubeObject & { spec?: PodSpec; status?: PodStatus };
/** A Lease as the informer delivers it. */
export type LeaseObject = KubeObject & { spec?: { renewTime?: string; holderIdentity?: string } };

export const UNREACHABLE = 'node.kubernetes.io/unreachable';
export const NOT_READY = 'node.kubernetes.io/not-ready';

/** The NoSchedule taints the controller keeps in step with node conditions (and unschedulable). */
export const CONDITION_TAINTS: readonly (readonly [string, string, string])[] = [
  ['Ready', 'False', NOT_READY],
  ['Ready', 'Unknown', UNREACHABLE],
  ['MemoryPressure', 'True', 'node.kubernetes.io/memory-pressure'],
  ['DiskPressure', 'True', 'node.kubernetes.io/disk-pressure'],
  ['NetworkUnavailable', 'True', 'node.kubernetes.io/network-unavailable'],
  ['PIDPressure', 'True', 'node.kubernetes.io/pid-pressure'],
];
export const UNSCHEDULABLE = 'node.kubernetes.io/unschedulable';

/** The node's condition of `type`, if it has one. */
export function conditionOf(node: NodeObject, type: string): NodeCondition | undefined {
  return node.status?.conditions?.find((c) => c.type === type);
}

/** The node's taints with `effect`. */
export function taintsWith(node: NodeObject, effect: string): Taint[] {
  return (node.spec?.taints ?? []).filter((t) => t.effect === effect);
}

/** v1helper.ToleratesTaint. */
export function tolerates(t: Toleration, taint: Taint): boolean {
  if (t.effect !== undefined && t.effect !== '' && t.effect !== taint.effect) return false;
  if (t.operator === 'Exists') return t.key === undefined || t.key === '' || t.key === taint.key;
  return t.key === taint.key && (t.value ?? '') === (taint.value ?? '');
}

/**
 * getMatchingTolerations: whether every taint is tolerated, and the tolerations used. A
 * taint is matched by the first toleration that tolerates it.
 */
export function matchingTolerations(
  taints: readonly Taint[],
  tolerations: readonly Toleration[],
): { all: boolean; used: Toleration[] } {
  const used: Toleration[] = [];
  for (const taint of taints) {
    const t = tolerations.find((x) => tolerates(x, taint));
    if (t === undefined) return { all: false, used: [] };
    used.push(t);
  }
  return { all: true, used };
}

/** getMinTolerationTime in ms: 0 for none or any non-positive, -1 when all tolerate forever. */
export function minTolerationMs(tolerations: readonly Toleration[]): number {
  if (tolerations.length === 0) return 0;
  let min = Number.POSITIVE_INFINITY;
  for (const t of tolerations) {
    if (t.tolerationSeconds === undefined || t.tolerationSeconds === null) continue;
    if (t.tolerationSeconds <= 0) return 0;
    min = Math.min(min, t.tolerationSeconds);
  }
  return min === Number.POSITIVE_INFINITY ? -1 : min * 1000;
}

/** A virtual-clock time (ms) from an RFC 3339 stamp, given the clock's epoch. */
export function virtualTime(stamp: string | undefined | null, epoch: number): number | undefined {
  if (stamp === undefined || stamp === null) return undefined;
  const t = Date.parse(stamp);
  return Number.isNaN(t) ? undefined : t - epoch;
}
