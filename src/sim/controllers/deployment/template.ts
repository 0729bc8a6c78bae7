/**
 * Comparing pod templates and matching selectors: which ReplicaSet is the Deployment's new one
 * (the oldest whose template equals the Deployment's, ignoring the pod-template-hash label)
 * and which are old.
 */
import type { LabelSelector as MetaLabelSelector } from 'kubernetes-types/meta/v1';
import { matchesLabels, type LabelRequirement } from '../../apiserver/selectors';
import { byCreation } from './replicas';
import { POD_TEMPLATE_HASH_LABEL, clone } from './types';
import type { Deployment, ReplicaSet } from './types';

function isEmptyValue(v: unknown): boolean {
  if (v === undefined || v === null) return true;
  if (Array.isArray(v)) return v.length === 0;
  return typeof v === 'object' && Object.keys(v).length === 0;
}

/**
 * apiequality.Semantic.DeepEqual on decoded JSON: like a deep equality, except that missing,
 * null, empty maps and empty lists are all the same (Go decodes them all to nil or empty).
 */
export function semanticEqual(a: unknown, b: unknown): boolean {
  if (isEmptyValue(a) && isEmptyValue(b)) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((v, i) => semanticEqual(v, b[i]));
  }
  if (typeof a === 'object' && a !== null && typeof b === 'object' && b !== null) {
    const x = a as Record<string, unknown>;
    const y = b as Record<string, unknown>;
    const keys = new Set([...Object.keys(x), ...Object.keys(y)]);
    for (const k of keys) if (!semanticEqual(x[k], y[k])) return false;
    return true;
  }
  return a === b;
}

function withoutHash(template: unknown): unknown {
  const t = clone((template ?? {}) as { metadata?: { labels?: Record<string, string> } });
  if (t.metadata?.labels !== undefined) delete t.metadata.labels[POD_TEMPLATE_HASH_LABEL];
  return t;
}

/** Whether two pod templates are equal, ignoring their pod-template-hash labels. */
export function equalIgnoreHash(a: unknown, b: unknown): boolean {
  return semanticEqual(withoutHash(a), withoutHash(b));
}

/**
 * The Deployment's new ReplicaSet: the oldest one with the Deployment's template. Sorts
 * `rsList` by creation, as upstream does.
 */
export function findNewReplicaSet(d: Deployment, rsList: ReplicaSet[]): ReplicaSet | null {
  rsList.sort(byCreation);
  return rsList.find((rs) => equalIgnoreHash(rs.spec.template, d.spec.template)) ?? null;
}

/** All ReplicaSets but the new one. */
export function findOldReplicaSets(d: Deployment, rsList: ReplicaSet[]): ReplicaSet[] {
  const newRS = findNewReplicaSet(d, rsList);
  return rsList.filter((rs) => newRS === null || rs.metadata.uid !== newRS.metadata.uid);
}

/** Puts a ReplicaSet's template (without its hash label) into the Deployment. */
export function setFromReplicaSetTemplate(d: Deployment, rs: ReplicaSet): void {
  d.spec.template = withoutHash(rs.spec.template) as Deployment['spec']['template'];
}

const OPERATORS: Record<string, 'in' | 'notin' | 'exists' | '!'> = {
  In: 'in',
  NotIn: 'notin',
  Exists: 'exists',
  DoesNotExist: '!',
};

/** metav1.LabelSelectorAsSelector, as requirements; null if the selector is invalid. */
export function toRequirements(selector: MetaLabelSelector | undefined): LabelRequirement[] | null {
  if (selector === undefined) return [];
  const out: LabelRequirement[] = [];
  for (const [key, value] of Object.entries(selector.matchLabels ?? {}))
    out.push({ key, op: 'in', values: [value] });
  for (const e of selector.matchExpressions ?? []) {
    const op = OPERATORS[e.operator];
    if (op === undefined) return null;
    out.push(op === 'in' || op === 'notin' ? { key: e.key, op, values: e.values ?? [] } : { key: e.key, op });
  }
  return out;
}

/**
 * Whether a Deployment's selector selects these labels. A nil or empty selector selects
 * nothing here (as upstream's lookups treat it), and an invalid one too.
 */
export function selects(d: Deployment, labels: Readonly<Record<string, string>> | undefined): boolean {
  const requirements = toRequirements(d.spec.selector);
  if (requirements === null || requirements.length === 0) return false;
  return matchesLabels(requirements, labels);
}
