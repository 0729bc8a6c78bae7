/**
 * Helpers shared by the apps/v1 workloads: int-or-percent values, selector and pod template
 * checks, and the apps/v1 rule that selectors are immutable.
 */
import type { LabelSelector } from 'kubernetes-types/meta/v1';
import type { KubeObject } from '../types';
import type { FieldError } from './field';
import { IS_NEGATIVE, Path, forbidden, immutable, invalid, notSupported, required } from './field';
import { goIntOrString, goLabelSelector, goStringMap } from './gofmt';
import { selectorEmpty, selectorMatches, validateLabelSelector } from './meta';
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

/** An empty selector (it would select every pod) is invalid; `kind` as upstream's message names it. */
export function selectorNotEmpty(selector: LabelSelector | undefined, kind: string): FieldError[] {
  if (!selector || !selectorEmpty(selector)) return [];
  return [
    invalid(SPEC.child('selector'), goLabelSelector(selector), `empty selector is invalid for ${kind}`),
  ];
}

/** A Deployment's, ReplicaSet's or StatefulSet's selector: required, valid and not empty. */
export function validateRequiredSelector(selector: LabelSelector | undefined, kind: string): FieldError[] {
  if (!selector) return [required(SPEC.child('selector'))];
  return [...validateLabelSelector(selector, SPEC.child('selector')), ...selectorNotEmpty(selector, kind)];
}

/** The error for pod template labels (at template path `tp`) that the selector does not match. */
export function labelsMismatch(labels: unknown, tp: Path): FieldError {
  return invalid(
    tp.child('metadata', 'labels'),
    goStringMap(labels),
    '`selector` does not match template `labels`',
  );
}

/**
 * The template labels check of Deployments, ReplicaSets and StatefulSets: a nil selector
 * selects nothing, so it never matches; an empty one is never compared.
 */
export function templateLabelsMatch(
  selector: LabelSelector | undefined,
  labels: unknown,
  tp: Path,
): FieldError[] {
  if (selector && (selectorEmpty(selector) || selectorMatches(selector, labels))) return [];
  return [labelsMismatch(labels, tp)];
}

/**
 * The pod template rules of the controllers whose pods run until replaced (ReplicaSets,
 * DaemonSets, StatefulSets): restartPolicy Always, and no activeDeadlineSeconds, which the
 * message says `kind` does not support.
 */
export function validateRestartAlways(
  template: Record<string, unknown>,
  tp: Path,
  kind: string,
): FieldError[] {
  const podSpec = rec(template['spec']);
  const errs: FieldError[] = [];
  const restartPolicy = str(podSpec['restartPolicy']) || 'Always';
  if (restartPolicy !== 'Always')
    errs.push(notSupported(tp.child('spec', 'restartPolicy'), restartPolicy, ['Always']));
  if (podSpec['activeDeadlineSeconds'] !== undefined) {
    errs.push(
      forbidden(
        tp.child('spec', 'activeDeadlineSeconds'),
        `activeDeadlineSeconds in ${kind} is not Supported`,
      ),
    );
  }
  return errs;
}
