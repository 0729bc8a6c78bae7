/**
 * Label and node selectors as the scheduler evaluates them (component-helpers'
 * nodeaffinity and apimachinery's LabelSelectorAsSelector). A requirement that does not
 * parse (e.g. `In` with no values, `Gt` with a non-integer) makes its term match nothing.
 */
import type {
  Node,
  NodeSelector,
  NodeSelectorRequirement,
  NodeSelectorTerm,
  Pod,
  PreferredSchedulingTerm,
} from 'kubernetes-types/core/v1';
import type { LabelSelector } from 'kubernetes-types/meta/v1';

type Labels = Readonly<Record<string, string>>;

const INTEGER = /^[+-]?\d+$/;

/** One requirement on labels; undefined when it does not parse. */
function labelRequirement(r: NodeSelectorRequirement): ((labels: Labels) => boolean) | undefined {
  const values = r.values ?? [];
  const has = (l: Labels) => Object.hasOwn(l, r.key);
  switch (r.operator) {
    case 'In':
      return values.length === 0 ? undefined : (l) => has(l) && values.includes(l[r.key] ?? '');
    case 'NotIn':
      return values.length === 0 ? undefined : (l) => !has(l) || !values.includes(l[r.key] ?? '');
    case 'Exists':
      return values.length !== 0 ? undefined : has;
    case 'DoesNotExist':
      return values.length !== 0 ? undefined : (l) => !has(l);
    case 'Gt':
    case 'Lt': {
      const v = values[0];
      if (values.length !== 1 || v === undefined || !INTEGER.test(v)) return undefined;
      const bound = BigInt(v);
      return (l) => {
        const label = l[r.key];
        if (label === undefined || !INTEGER.test(label)) return false;
        return r.operator === 'Gt' ? BigInt(label) > bound : BigInt(label) < bound;
      };
    }
    default:
      return undefined;
  }
}

/** One requirement on fields (only `metadata.name`, In/NotIn with one value). */
function fieldRequirement(r: NodeSelectorRequirement): ((name: string) => boolean) | undefined {
  const values = r.values ?? [];
  if (r.key !== 'metadata.name' || values.length !== 1) return undefined;
  if (r.operator === 'In') return (name) => name === values[0];
  if (r.operator === 'NotIn') return (name) => name !== values[0];
  return undefined;
}

/** Whether a term has neither expressions nor fields (such a term matches nothing). */
export function isEmptyTerm(term: NodeSelectorTerm | undefined): boolean {
  return (term?.matchExpressions ?? []).length === 0 && (term?.matchFields ?? []).length === 0;
}

/** Whether a node satisfies a node selector term (all its requirements). */
export function matchTerm(term: NodeSelectorTerm, node: Node): boolean {
  if (isEmptyTerm(term)) return false;
  const labels = node.metadata?.labels ?? {};
  for (const r of term.matchExpressions ?? []) {
    const match = labelRequirement(r);
    if (match === undefined || !match(labels)) return false;
  }
  for (const r of term.matchFields ?? []) {
    const match = fieldRequirement(r);
    if (match === undefined || !match(node.metadata?.name ?? '')) return false;
  }
  return true;
}

/** Whether a node satisfies a node selector: any of its terms (terms are ORed). */
export function matchNodeSelector(selector: NodeSelector, node: Node): boolean {
  return selector.nodeSelectorTerms.some((t) => matchTerm(t, node));
}

/**
 * The pod's required node affinity (nodeaffinity.GetRequiredNodeAffinity): its
 * `nodeSelector` labels and its requiredDuringSchedulingIgnoredDuringExecution terms.
 */
export function matchRequiredNodeAffinity(pod: Pod, node: Node): boolean {
  const labels = node.metadata?.labels ?? {};
  for (const [k, v] of Object.entries(pod.spec?.nodeSelector ?? {})) if (labels[k] !== v) return false;
  const required = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  return required === undefined || matchNodeSelector(required, node);
}

/** The sum of the weights of the preferred terms a node matches (terms of weight 0 or empty skipped). */
export function preferredScore(terms: readonly PreferredSchedulingTerm[], node: Node): number {
  let score = 0;
  for (const t of terms) {
    if (t.weight === 0 || isEmptyTerm(t.preference)) continue;
    if (matchTerm(t.preference, node)) score += t.weight;
  }
  return score;
}

/**
 * A metav1.LabelSelector as a predicate: undefined (nil) selects nothing, `{}` everything;
 * a requirement that does not parse selects nothing.
 */
export function labelSelectorMatcher(selector: LabelSelector | undefined): (labels: Labels) => boolean {
  if (selector === undefined || selector === null) return () => false;
  const reqs: ((l: Labels) => boolean)[] = [];
  for (const [k, v] of Object.entries(selector.matchLabels ?? {})) reqs.push((l) => l[k] === v);
  for (const e of selector.matchExpressions ?? []) {
    if (!['In', 'NotIn', 'Exists', 'DoesNotExist'].includes(e.operator)) return () => false;
    const r = labelRequirement({
      key: e.key,
      operator: e.operator,
      ...(e.values ? { values: e.values } : {}),
    });
    if (r === undefined) return () => false;
    reqs.push(r);
  }
  return (l) => reqs.every((r) => r(l));
}
