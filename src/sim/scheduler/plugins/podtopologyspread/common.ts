/**
 * PodTopologySpread's constraints: the pod's own `topologySpreadConstraints`, or the
 * cluster-level defaults (hostname maxSkew 3, zone maxSkew 5, ScheduleAnyway) applied with
 * the selectors of the Services, ReplicaSets, StatefulSets and ReplicationControllers that
 * own or select the pod (upstream's helper.DefaultSelector).
 */
import type { Node, Pod, TopologySpreadConstraint } from 'kubernetes-types/core/v1';
import type { LabelSelector } from 'kubernetes-types/meta/v1';
import type { Handle } from '../../framework/interface';
import type { NodeInfo } from '../../framework/node-info';
import { labelsOf } from '../../framework/types';
import { labelSelectorMatcher, matchRequiredNodeAffinity } from '../helper/selectors';
import { findMatchingUntoleratedTaint } from '../helper/taints';

type Labels = Readonly<Record<string, string>>;

/** A parsed constraint. */
export interface Constraint {
  readonly maxSkew: number;
  readonly topologyKey: string;
  readonly minDomains: number;
  readonly selector: (labels: Labels) => boolean;
  readonly nodeAffinityPolicy: 'Honor' | 'Ignore';
  readonly nodeTaintsPolicy: 'Honor' | 'Ignore';
}

export const LABEL_HOSTNAME = 'kubernetes.io/hostname';
export const LABEL_ZONE = 'topology.kubernetes.io/zone';

/** The system default constraints (upstream's systemDefaultConstraints). */
export const SYSTEM_DEFAULT_CONSTRAINTS: readonly TopologySpreadConstraint[] = [
  { topologyKey: LABEL_HOSTNAME, whenUnsatisfiable: 'ScheduleAnyway', maxSkew: 3 },
  { topologyKey: LABEL_ZONE, whenUnsatisfiable: 'ScheduleAnyway', maxSkew: 5 },
];

/** The constraints with the given `whenUnsatisfiable`, with matchLabelKeys folded into their selectors. */
export function filterConstraints(
  constraints: readonly TopologySpreadConstraint[],
  podLabels: Labels,
  action: 'DoNotSchedule' | 'ScheduleAnyway',
  selectorOverride?: (labels: Labels) => boolean,
): Constraint[] {
  return constraints
    .filter((c) => c.whenUnsatisfiable === action)
    .map((c) => {
      const base = selectorOverride ?? labelSelectorMatcher(c.labelSelector);
      const keys = (c.matchLabelKeys ?? []).filter((k) => Object.hasOwn(podLabels, k));
      const selector = (l: Labels) => base(l) && keys.every((k) => l[k] === podLabels[k]);
      return {
        maxSkew: c.maxSkew,
        topologyKey: c.topologyKey,
        minDomains: c.minDomains ?? 1,
        selector,
        nodeAffinityPolicy: c.nodeAffinityPolicy === 'Ignore' ? 'Ignore' : 'Honor',
        nodeTaintsPolicy: c.nodeTaintsPolicy === 'Honor' ? 'Honor' : 'Ignore',
      };
    });
}

/** The merged selector of the objects that select or own the pod; undefined when there are none. */
export function defaultSelector(handle: Handle, pod: Pod): ((labels: Labels) => boolean) | undefined {
  const ns = pod.metadata?.namespace ?? '';
  const podLabels = labelsOf(pod);
  const required: Record<string, string> = {};
  for (const svc of handle.listObjects('services', ns)) {
    const sel = (svc.spec as { selector?: Record<string, string> } | undefined)?.selector ?? {};
    if (Object.keys(sel).length > 0 && Object.entries(sel).every(([k, v]) => podLabels[k] === v))
      Object.assign(required, sel);
  }
  const matchers: ((l: Labels) => boolean)[] = [];
  if (Object.keys(required).length > 0)
    matchers.push((l) => Object.entries(required).every(([k, v]) => l[k] === v));
  const owner = (pod.metadata?.ownerReferences ?? []).find((o) => o.controller === true);
  const plural =
    owner?.kind === 'ReplicaSet'
      ? 'replicasets'
      : owner?.kind === 'StatefulSet'
        ? 'statefulsets'
        : owner?.kind === 'ReplicationController'
          ? 'replicationcontrollers'
          : undefined;
  if (owner !== undefined && plural !== undefined) {
    const obj = handle.listObjects(plural, ns).find((o) => o.metadata.name === owner.name);
    const sel = (obj?.spec as { selector?: unknown } | undefined)?.selector;
    if (plural === 'replicationcontrollers' && sel !== undefined) {
      const rc = sel as Record<string, string>;
      if (Object.keys(rc).length > 0) matchers.push((l) => Object.entries(rc).every(([k, v]) => l[k] === v));
    } else if (sel !== undefined) {
      const s = sel as LabelSelector;
      if (Object.keys(s.matchLabels ?? {}).length + (s.matchExpressions ?? []).length > 0)
        matchers.push(labelSelectorMatcher(s));
    }
  }
  return matchers.length === 0 ? undefined : (l) => matchers.every((m) => m(l));
}

/** The pod's DoNotSchedule or ScheduleAnyway constraints, its own or the defaults. */
export function podConstraints(
  handle: Handle,
  pod: Pod,
  action: 'DoNotSchedule' | 'ScheduleAnyway',
): Constraint[] {
  const own = pod.spec?.topologySpreadConstraints ?? [];
  if (own.length > 0) return filterConstraints(own, labelsOf(pod), action);
  const defaults = SYSTEM_DEFAULT_CONSTRAINTS.filter((c) => c.whenUnsatisfiable === action);
  if (defaults.length === 0) return [];
  const selector = defaultSelector(handle, pod);
  return selector === undefined ? [] : filterConstraints(defaults, labelsOf(pod), action, selector);
}

/** Whether the node has every constraint's topology key. */
export function nodeHasAllKeys(node: Node | undefined, constraints: readonly Constraint[]): boolean {
  const labels = node?.metadata?.labels ?? {};
  return constraints.every((c) => Object.hasOwn(labels, c.topologyKey));
}

/** Whether the node counts for a constraint under its node affinity and taint policies. */
export function matchNodeInclusionPolicies(c: Constraint, pod: Pod, node: Node): boolean {
  if (c.nodeAffinityPolicy === 'Honor' && !matchRequiredNodeAffinity(pod, node)) return false;
  if (c.nodeTaintsPolicy === 'Honor') {
    const noSchedule = (t: { effect: string }) => t.effect === 'NoSchedule' || t.effect === 'NoExecute';
    if (findMatchingUntoleratedTaint(node.spec?.taints, pod.spec?.tolerations, noSchedule) !== undefined)
      return false;
  }
  return true;
}

/** Pods on the node in `namespace`, not terminating, that the selector matches. */
export function countPodsMatchSelector(
  node: NodeInfo,
  selector: (l: Labels) => boolean,
  namespace: string,
): number {
  return node.pods.filter(
    (p) =>
      p.metadata?.deletionTimestamp === undefined &&
      (p.metadata?.namespace ?? '') === namespace &&
      selector(labelsOf(p)),
  ).length;
}

/** `key\0value`. */
export function pairKey(key: string, value: string): string {
  return `${key}\x00${value}`;
}
