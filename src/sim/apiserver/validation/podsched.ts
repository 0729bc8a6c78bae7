/**
 * The scheduling parts of a pod spec: tolerations, node and pod (anti-)affinity and
 * topology spread constraints.
 */
import type { LabelSelector } from 'kubernetes-types/meta/v1';
import type { FieldError, Path } from './field';
import { duplicate, forbidden, invalid, notSupported, required } from './field';
import { validateLabelName, validateLabelSelector } from './meta';
import { isDNS1123Label, isDNS1123Subdomain, isValidLabelValue } from './names';
import { arr, num, rec, str } from './util';

const TAINT_EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

/** validateTaintEffect */
export function validateTaintEffect(effect: string, allowEmpty: boolean, at: Path): FieldError[] {
  if (!allowEmpty && effect === '') return [required(at)];
  return TAINT_EFFECTS.includes(effect) ? [] : [notSupported(at, effect, TAINT_EFFECTS)];
}

/** ValidateTolerations */
export function validateTolerations(tolerations: unknown, at: Path): FieldError[] {
  const errs: FieldError[] = [];
  arr<Record<string, unknown>>(tolerations).forEach((t, i) => {
    const p = at.index(i);
    const key = str(t?.['key']);
    const operator = str(t?.['operator']);
    const value = str(t?.['value']);
    const effect = str(t?.['effect']);
    if (key) errs.push(...validateLabelName(key, p.child('key')));
    if (!key && operator !== 'Exists') {
      errs.push(
        invalid(
          p.child('operator'),
          operator,
          'operator must be Exists when `key` is empty, which means "match all values and all keys"',
        ),
      );
    }
    if (
      t?.['tolerationSeconds'] !== undefined &&
      t?.['tolerationSeconds'] !== null &&
      effect !== 'NoExecute'
    ) {
      errs.push(
        invalid(p.child('effect'), effect, "effect must be 'NoExecute' when `tolerationSeconds` is set"),
      );
    }
    if (operator === 'Equal' || operator === '') {
      const msgs = isValidLabelValue(value);
      if (msgs.length) errs.push(invalid(p.child('operator'), value, msgs.join(';')));
    } else if (operator === 'Exists') {
      if (value)
        errs.push(invalid(p.child('operator'), value, "value must be empty when `operator` is 'Exists'"));
    } else {
      errs.push(notSupported(p.child('operator'), operator, ['Equal', 'Exists']));
    }
    if (effect) errs.push(...validateTaintEffect(effect, true, p.child('effect')));
  });
  return errs;
}

function nodeSelectorTerm(term: unknown, allowInvalidValues: boolean, at: Path): FieldError[] {
  const errs: FieldError[] = [];
  const t = rec(term);
  arr<Record<string, unknown>>(t['matchExpressions']).forEach((rq, j) => {
    const p = at.child('matchExpressions').index(j);
    const values = arr<string>(rq?.['values']);
    const op = str(rq?.['operator']);
    if (op === 'In' || op === 'NotIn') {
      if (values.length === 0)
        errs.push(required(p.child('values'), "must be specified when `operator` is 'In' or 'NotIn'"));
    } else if (op === 'Exists' || op === 'DoesNotExist') {
      if (values.length > 0)
        errs.push(
          forbidden(p.child('values'), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"),
        );
    } else if (op === 'Gt' || op === 'Lt') {
      if (values.length !== 1)
        errs.push(
          required(p.child('values'), "must be specified single value when `operator` is 'Lt' or 'Gt'"),
        );
    } else {
      errs.push(invalid(p.child('operator'), op, 'not a valid selector operator'));
    }
    errs.push(...validateLabelName(str(rq?.['key']), p.child('key')));
    if (!allowInvalidValues) {
      values.forEach((v, k) => {
        for (const m of isValidLabelValue(str(v))) errs.push(invalid(p.child('values').index(k), str(v), m));
      });
    }
  });
  arr<Record<string, unknown>>(t['matchFields']).forEach((rq, j) => {
    const p = at.child('matchFields').index(j);
    const values = arr<string>(rq?.['values']);
    const op = str(rq?.['operator']);
    if (op === 'In' || op === 'NotIn') {
      if (values.length !== 1) {
        errs.push(
          required(
            p.child('values'),
            "must be only one value when `operator` is 'In' or 'NotIn' for node field selector",
          ),
        );
      }
    } else {
      errs.push(invalid(p.child('operator'), op, 'not a valid selector operator'));
    }
    const key = str(rq?.['key']);
    if (key !== 'metadata.name') errs.push(invalid(p.child('key'), key, 'not a valid field selector key'));
    else
      values.forEach((v, k) =>
        isDNS1123Subdomain(str(v)).forEach((m) => errs.push(invalid(p.child('values').index(k), str(v), m))),
      );
  });
  return errs;
}

/** ValidateNodeSelector: at least one term, each valid. */
export function validateNodeSelector(selector: unknown, at: Path): FieldError[] {
  const terms = arr(rec(selector)['nodeSelectorTerms']);
  const p = at.child('nodeSelectorTerms');
  if (terms.length === 0) return [required(p, 'must have at least one node selector term')];
  return terms.flatMap((t, i) => nodeSelectorTerm(t, false, p.index(i)));
}

function podAffinityTerm(term: unknown, at: Path): FieldError[] {
  const t = rec(term);
  const errs = [
    ...validateLabelSelector(t['labelSelector'] as LabelSelector | undefined, at.child('labelSelector')),
    ...validateLabelSelector(
      t['namespaceSelector'] as LabelSelector | undefined,
      at.child('namespaceSelector'),
    ),
  ];
  for (const ns of arr<string>(t['namespaces']))
    for (const m of isDNS1123Label(str(ns))) errs.push(invalid(at.child('namespace'), str(ns), m));
  const key = str(t['topologyKey']);
  if (!key) errs.push(required(at.child('topologyKey'), 'can not be empty'));
  return [...errs, ...validateLabelName(key, at.child('topologyKey'))];
}

function weighted(
  terms: unknown,
  at: Path,
  inner: (term: unknown, p: Path) => FieldError[],
  child: string,
): FieldError[] {
  return arr<Record<string, unknown>>(terms).flatMap((t, i) => {
    const weight = num(t?.['weight']) ?? 0;
    const errs =
      weight <= 0 || weight > 100
        ? [invalid(at.index(i).child('weight'), weight, 'must be in the range 1-100')]
        : [];
    return [...errs, ...inner(t?.[child], at.index(i).child(child))];
  });
}

/** validateAffinity: node affinity, pod affinity and pod anti-affinity. */
export function validateAffinity(affinity: unknown, at: Path): FieldError[] {
  const a = rec(affinity);
  const errs: FieldError[] = [];
  if (a['nodeAffinity']) {
    const na = rec(a['nodeAffinity']);
    const p = at.child('nodeAffinity');
    const req = 'requiredDuringSchedulingIgnoredDuringExecution';
    const pref = 'preferredDuringSchedulingIgnoredDuringExecution';
    if (na[req]) errs.push(...validateNodeSelector(na[req], p.child(req)));
    errs.push(...weighted(na[pref], p.child(pref), (t, tp) => nodeSelectorTerm(t, true, tp), 'preference'));
  }
  for (const kind of ['podAffinity', 'podAntiAffinity']) {
    if (!a[kind]) continue;
    const pa = rec(a[kind]);
    const p = at.child(kind);
    const req = 'requiredDuringSchedulingIgnoredDuringExecution';
    const pref = 'preferredDuringSchedulingIgnoredDuringExecution';
    arr(pa[req]).forEach((t, i) => errs.push(...podAffinityTerm(t, p.child(req).index(i))));
    errs.push(...weighted(pa[pref], p.child(pref), podAffinityTerm, 'podAffinityTerm'));
  }
  return errs;
}

/** validateTopologySpreadConstraints */
export function validateTopologySpread(constraints: unknown, at: Path): FieldError[] {
  const errs: FieldError[] = [];
  const list = arr<Record<string, unknown>>(constraints);
  list.forEach((c, i) => {
    const p = at.index(i);
    const maxSkew = num(c?.['maxSkew']) ?? 0;
    const key = str(c?.['topologyKey']);
    const action = str(c?.['whenUnsatisfiable']);
    if (maxSkew <= 0) errs.push(invalid(p.child('maxSkew'), maxSkew, 'must be greater than zero'));
    if (!key) errs.push(required(p.child('topologyKey'), 'can not be empty'));
    if (action !== 'DoNotSchedule' && action !== 'ScheduleAnyway') {
      errs.push(notSupported(p.child('whenUnsatisfiable'), action, ['DoNotSchedule', 'ScheduleAnyway']));
    }
    if (
      list
        .slice(i + 1)
        .some((o) => str(o?.['topologyKey']) === key && str(o?.['whenUnsatisfiable']) === action)
    ) {
      errs.push(duplicate(p.child('{topologyKey, whenUnsatisfiable}'), `{${key}, ${action}}`));
    }
    const minDomains = num(c?.['minDomains']);
    if (minDomains !== undefined) {
      if (minDomains <= 0) errs.push(invalid(p.child('minDomains'), minDomains, 'must be greater than zero'));
      if (action !== 'DoNotSchedule') {
        errs.push(
          invalid(
            p.child('minDomains'),
            minDomains,
            `can only use minDomains if whenUnsatisfiable=DoNotSchedule, not ${action}`,
          ),
        );
      }
    }
    errs.push(
      ...validateLabelSelector(c?.['labelSelector'] as LabelSelector | undefined, p.child('labelSelector')),
    );
  });
  return errs;
}
