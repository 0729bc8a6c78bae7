/**
 * Pod affinity terms as the scheduler evaluates them (upstream's framework.AffinityTerm): a
 * term selects pods by labels in a set of namespaces (the owner's own namespace by default)
 * or in namespaces whose labels match its namespaceSelector.
 */
import type { PodAffinityTerm, WeightedPodAffinityTerm } from 'kubernetes-types/core/v1';
import type { Handle } from '../../framework/interface';
import { labelsOf, type Pod } from '../../framework/types';
import { labelSelectorMatcher } from '../helper/selectors';

type Labels = Readonly<Record<string, string>>;

/** A parsed pod affinity term. */
export interface AffinityTerm {
  readonly namespaces: ReadonlySet<string>;
  readonly namespaceSelector: (labels: Labels) => boolean;
  readonly selector: (labels: Labels) => boolean;
  readonly topologyKey: string;
}

/** A preferred term with its weight. */
export interface WeightedAffinityTerm extends AffinityTerm {
  readonly weight: number;
}

function parse(owner: Pod, t: PodAffinityTerm): AffinityTerm {
  const ns = t.namespaces ?? [];
  return {
    namespaces: new Set(
      ns.length === 0 && t.namespaceSelector === undefined ? [owner.metadata?.namespace ?? ''] : ns,
    ),
    namespaceSelector: labelSelectorMatcher(t.namespaceSelector),
    selector: labelSelectorMatcher(t.labelSelector),
    topologyKey: t.topologyKey,
  };
}

const weighted = (
  owner: Pod,
  terms: readonly WeightedPodAffinityTerm[] | undefined,
): WeightedAffinityTerm[] =>
  (terms ?? []).map((t) => ({ ...parse(owner, t.podAffinityTerm), weight: t.weight }));

/** A pod's affinity terms, parsed (framework.PodInfo's term fields). */
export interface PodTerms {
  readonly requiredAffinity: AffinityTerm[];
  readonly requiredAntiAffinity: AffinityTerm[];
  readonly preferredAffinity: WeightedAffinityTerm[];
  readonly preferredAntiAffinity: WeightedAffinityTerm[];
}

/** Parses a pod's four kinds of terms. */
export function podTerms(pod: Pod): PodTerms {
  const a = pod.spec?.affinity;
  return {
    requiredAffinity: (a?.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []).map((t) =>
      parse(pod, t),
    ),
    requiredAntiAffinity: (a?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []).map(
      (t) => parse(pod, t),
    ),
    preferredAffinity: weighted(pod, a?.podAffinity?.preferredDuringSchedulingIgnoredDuringExecution),
    preferredAntiAffinity: weighted(pod, a?.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution),
  };
}

/** Whether the pod has any pod affinity or anti-affinity (NodeInfo.PodsWithAffinity). */
export function hasAffinity(pod: Pod): boolean {
  const a = pod.spec?.affinity;
  return a?.podAffinity !== undefined || a?.podAntiAffinity !== undefined;
}

/** Whether the pod has required anti-affinity terms (NodeInfo.PodsWithRequiredAntiAffinity). */
export function hasRequiredAntiAffinity(pod: Pod): boolean {
  return (
    (pod.spec?.affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []).length > 0
  );
}

/** Whether a term selects `pod` (whose namespace has `nsLabels`). */
export function termMatches(term: AffinityTerm, pod: Pod, nsLabels: Labels | undefined): boolean {
  const ns = pod.metadata?.namespace ?? '';
  const inNamespace = term.namespaces.has(ns) || term.namespaceSelector(nsLabels ?? {});
  return inNamespace && term.selector(labelsOf(pod));
}

/** A pod's namespace labels, through the handle. */
export function namespaceLabelsOf(handle: Handle, pod: Pod): Labels {
  return handle.namespaceLabels(pod.metadata?.namespace ?? '') ?? {};
}
