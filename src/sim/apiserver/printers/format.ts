/** Small formatting helpers shared by the printers (labels, selectors, containers, lists). */
import type { Container } from 'kubernetes-types/core/v1';
import type { LabelSelector } from 'kubernetes-types/meta/v1';

/** `a=1,b=2` with keys sorted, or `<none>` for no labels (labels.FormatLabels). */
export function formatLabels(labels: Readonly<Record<string, string>> | undefined): string {
  const keys = Object.keys(labels ?? {}).sort(compareStrings);
  if (keys.length === 0) return '<none>';
  return keys.map((k) => `${k}=${labels?.[k] ?? ''}`).join(',');
}

/** Byte-order string comparison, like Go's sort.Strings for the ASCII names Kubernetes uses. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

interface Requirement {
  key: string;
  text: string;
}

/**
 * The selector's string form (`app=web,tier in (a,b),!legacy`), requirements sorted by key
 * and set values sorted; '' for a missing or empty selector; undefined when the selector
 * is invalid (an unknown operator, or values that do not fit the operator).
 */
export function selectorString(selector: LabelSelector | undefined | null): string | undefined {
  if (!selector) return '';
  const requirements: Requirement[] = [];
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) {
    requirements.push({ key, text: `${key}=${value}` });
  }
  for (const expr of selector.matchExpressions ?? []) {
    const values = expr.values ?? [];
    const set = values.length === 1 ? (values[0] ?? '') : [...values].sort(compareStrings).join(',');
    switch (expr.operator) {
      case 'In':
      case 'NotIn':
        if (values.length === 0) return undefined;
        requirements.push({ key: expr.key, text: `${expr.key} ${expr.operator.toLowerCase()} (${set})` });
        break;
      case 'Exists':
      case 'DoesNotExist':
        if (values.length > 0) return undefined;
        requirements.push({ key: expr.key, text: expr.operator === 'Exists' ? expr.key : `!${expr.key}` });
        break;
      default:
        return undefined;
    }
  }
  // Array.prototype.sort is stable, as Go's sort is for the handful of requirements a selector has.
  requirements.sort((a, b) => compareStrings(a.key, b.key));
  return requirements.map((r) => r.text).join(',');
}

/** metav1.FormatLabelSelector: the selector string, `<none>` when empty, `<error>` when invalid. */
export function formatLabelSelector(selector: LabelSelector | undefined | null): string {
  const s = selectorString(selector);
  if (s === undefined) return '<error>';
  return s === '' ? '<none>' : s;
}

/** Container names and images, each comma-separated (the wide CONTAINERS and IMAGES cells). */
export function containerCells(containers: readonly Container[] | undefined): [string, string] {
  const list = containers ?? [];
  return [list.map((c) => c.name ?? '').join(','), list.map((c) => c.image ?? '').join(',')];
}

/** An IntOrString as Go's IntOrString.String() prints it. */
export function intOrString(value: number | string): string {
  return typeof value === 'number' ? String(Math.trunc(value)) : value;
}

/** `True`, `False` or `<unset>` for an optional boolean. */
export function boolPtr(value: boolean | undefined): string {
  if (value === undefined) return '<unset>';
  return value ? 'True' : 'False';
}

/**
 * Joins at most `max` entries and appends ` + N more...` when some were left out;
 * `<unset>` for an empty list.
 */
export function listWithMore(items: readonly string[], max = 3): string {
  const shown = items.slice(0, max).join(',');
  if (items.length > max) return `${shown} + ${items.length - max} more...`;
  return shown === '' ? '<unset>' : shown;
}

/** The first non-empty string, or ''. */
export function firstNonEmpty(...values: (string | undefined)[]): string {
  return values.find((v) => v !== undefined && v !== '') ?? '';
}

/**
 * A *metav1.LabelSelector as its generated Go String() method prints it (what upstream's
 * `%+v` and `%v` show in messages): `&LabelSelector{MatchLabels:map[string]string{a: b,},...}`,
 * or `<nil>` for none.
 */
export function goLabelSelectorString(selector: LabelSelector | undefined | null): string {
  if (selector === undefined || selector === null) return '<nil>';
  const labels = Object.keys(selector.matchLabels ?? {})
    .sort(compareStrings)
    .map((k) => `${k}: ${selector.matchLabels?.[k] ?? ''},`)
    .join('');
  const expressions = (selector.matchExpressions ?? [])
    .map(
      (e) =>
        `LabelSelectorRequirement{Key:${e.key},Operator:${e.operator},Values:[${(e.values ?? []).join(' ')}],},`,
    )
    .join('');
  return `&LabelSelector{MatchLabels:map[string]string{${labels}},MatchExpressions:[]LabelSelectorRequirement{${expressions}},}`;
}
