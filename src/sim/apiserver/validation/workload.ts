/**
 * Helpers shared by the apps/v1 workloads: int-or-percent values, broken selectors and the
 * apps/v1 rule that selectors are immutable.
 */
import type { LabelSelector } from 'kubernetes-types/meta/v1';
import type { KubeObject } from '../types';
import type { FieldError } from './field';
import { IS_NEGATIVE, Path, immutable, invalid } from './field';
import { goIntOrString, goLabelSelector } from './gofmt';
import { validateLabelSelector } from './meta';
import { isValidPercent } from './names';
import { rec, str } from './util';

/** The `spec` path. */
export const SPEC = Path.of('spec');

/** A selector LabelSelectorAsSelector would reject. */
export const selectorBroken = (sel: LabelSelector | undefined): boolean =>
  validateLabelSelector(sel, SPEC).length > 0;

/** ValidatePositiveIntOrPercent */
export function validateIntOrPercent(v: unknown, at: Path): FieldError[] {
  if (typeof v === 'string') return isValidPercent(v).map((m) => invalid(at, goIntOrString(v), m));
  return typeof v === 'number' && v < 0 ? [invalid(at, v, IS_NEGATIVE)] : [];
}

function percentOf(v: unknown): number | undefined {
  return typeof v === 'string' && isValidPercent(v).length === 0 ? Number(v.slice(0, -1)) : undefined;
}

/** getIntOrPercentValue */
export function intOrPercentValue(v: unknown): number {
  const p = percentOf(v);
  if (p !== undefined) return p;
  if (typeof v === 'number') return v;
  return /^[+-]?\d+$/.test(str(v)) ? Number(v) : 0;
}

/** IsNotMoreThan100Percent */
export function notMoreThan100Percent(v: unknown, at: Path): FieldError[] {
  const p = percentOf(v);
  return p !== undefined && p > 100 ? [invalid(at, goIntOrString(v), 'must not be greater than 100%')] : [];
}

/** The apps/v1 strategies' rule: spec.selector may not change. */
export function selectorImmutable(obj: KubeObject, old: KubeObject): FieldError[] {
  const sel = rec(obj['spec'])['selector'];
  return immutable(sel, rec(old['spec'])['selector'], SPEC.child('selector'), goLabelSelector(sel));
}
