/**
 * ResourceQuotas and LimitRanges: resource names valid for each, non-negative quantities,
 * and a LimitRange's min <= default request <= default <= max ordering.
 */
import type { KubeObject } from '../types';
import type { FieldError } from './field';
import { Path, duplicate, forbidden, invalid, required } from './field';
import { goStringSlice } from './gofmt';
import { validateObjectMeta, validateObjectMetaUpdate } from './meta';
import { isQualifiedName, nameIsDNSSubdomain } from './names';
import type { Quantity } from './quantity';
import { compareQuantity, formatQuantity } from './quantity';
import { STANDARD_RESOURCES, readQuantity, validateQuantityValue, validateResourceName } from './resources';
import { arr, rec, str } from './util';

const QUOTA_SCOPES = [
  'Terminating',
  'NotTerminating',
  'BestEffort',
  'NotBestEffort',
  'PriorityClass',
  'CrossNamespacePodAffinity',
];

function quotaList(list: unknown, at: Path): FieldError[] {
  const errs: FieldError[] = [];
  for (const [k, v] of Object.entries(rec(list))) {
    const p = at.key(k);
    errs.push(...validateResourceName(k, p));
    if (!k.includes('/') && !STANDARD_RESOURCES.has(k) && !/^(requests\.)?hugepages-/.test(k)) {
      errs.push(invalid(p, k, 'must be a standard resource for quota'));
    }
    const q = readQuantity(v);
    if (q) errs.push(...validateQuantityValue(k, q, p));
  }
  return errs;
}

/** A quota's scopes, from its spec. */
const scopesOf = (spec: unknown): string[] => arr<string>(rec(spec)['scopes']).map(str);

/** An error on spec.scopes, which it prints as upstream's []core.ResourceQuotaScope. */
const scopesInvalid = (scopes: readonly string[], detail: string): FieldError =>
  invalid(Path.of('spec', 'scopes'), goStringSlice(scopes, '[]core.ResourceQuotaScope'), detail);

function quotaSpec(spec: Record<string, unknown>): FieldError[] {
  const errs = quotaList(spec['hard'], Path.of('spec', 'hard'));
  const scopes = scopesOf(spec);
  for (const s of scopes) {
    if (!QUOTA_SCOPES.includes(s)) errs.push(scopesInvalid(scopes, 'unsupported scope'));
  }
  const has = (s: string): boolean => scopes.includes(s);
  if ((has('BestEffort') && has('NotBestEffort')) || (has('Terminating') && has('NotTerminating'))) {
    errs.push(scopesInvalid(scopes, 'conflicting scopes'));
  }
  return errs;
}

/** ValidateResourceQuota */
export function validateResourceQuota(rq: KubeObject): FieldError[] {
  const status = rec(rq['status']);
  return [
    ...validateObjectMeta(rq.metadata, true, nameIsDNSSubdomain),
    ...quotaSpec(rec(rq['spec'])),
    ...quotaList(status['hard'], Path.of('status', 'hard')),
    ...quotaList(status['used'], Path.of('status', 'used')),
  ];
}

/** ValidateResourceQuotaUpdate: scopes may not change. */
export function validateResourceQuotaUpdate(rq: KubeObject, old: KubeObject): FieldError[] {
  const errs = [...validateObjectMetaUpdate(rq.metadata, old.metadata), ...quotaSpec(rec(rq['spec']))];
  const scopes = scopesOf(rq['spec']);
  const oldScopes = scopesOf(old['spec']);
  const same = new Set(scopes).size === new Set(oldScopes).size && scopes.every((s) => oldScopes.includes(s));
  if (!same) errs.push(scopesInvalid(scopes, 'field is immutable'));
  return errs;
}

const LIMIT_TYPES = new Set(['Pod', 'Container', 'PersistentVolumeClaim']);

/** ValidateLimitRange */
export function validateLimitRange(lr: KubeObject): FieldError[] {
  const errs = validateObjectMeta(lr.metadata, true, nameIsDNSSubdomain);
  const seen = new Set<string>();
  arr<Record<string, unknown>>(rec(lr['spec'])['limits']).forEach((limit, i) => {
    const at = Path.of('spec', 'limits').index(i);
    const type = str(limit?.['type']);
    const typeErrs = isQualifiedName(type).map((m) => invalid(at.child('type'), type, m));
    if (!typeErrs.length && !type.includes('/') && !LIMIT_TYPES.has(type)) {
      typeErrs.push(invalid(at.child('type'), type, 'must be a standard limit type or fully qualified'));
    }
    errs.push(...typeErrs);
    if (seen.has(type)) errs.push(duplicate(at.child('type'), type));
    seen.add(type);
    const lists: Record<string, Map<string, Quantity>> = {};
    for (const key of ['max', 'min', 'default', 'defaultRequest', 'maxLimitRequestRatio']) {
      lists[key] = new Map();
      if (type === 'Pod' && (key === 'default' || key === 'defaultRequest')) {
        if (Object.keys(rec(limit?.[key])).length > 0)
          errs.push(forbidden(at.child(key), "may not be specified when `type` is 'Pod'"));
        continue;
      }
      for (const [k, v] of Object.entries(rec(limit?.[key]))) {
        errs.push(...validateResourceName(k, at.child(key).key(k)));
        const q = readQuantity(v);
        if (q) lists[key]?.set(k, q);
      }
    }
    if (type === 'PersistentVolumeClaim' && !lists['min']?.has('storage') && !lists['max']?.has('storage')) {
      errs.push(
        required(
          at.child('limits'),
          'either minimum or maximum storage value is required, but neither was provided',
        ),
      );
    }
    const keys = new Set(Object.values(lists).flatMap((m) => [...m.keys()]));
    for (const k of keys) errs.push(...limitOrderErrors(lists, k, at));
  });
  return errs;
}

/** A LimitRange list key, and what upstream's messages call its values. */
type Bound = readonly [list: string, name: string];
const MIN: Bound = ['min', 'min'];
const MAX: Bound = ['max', 'max'];
const DEFAULT: Bound = ['default', 'default'];
const DEFAULT_REQUEST: Bound = ['defaultRequest', 'default request'];

/**
 * ValidateLimitRange's orderings for resource `k` of the limit at `at`, in upstream's order:
 * min <= default request <= default <= max, and min <= max.
 */
function limitOrderErrors(lists: Record<string, Map<string, Quantity>>, k: string, at: Path): FieldError[] {
  const errs: FieldError[] = [];
  const s = formatQuantity;
  /** `lower` may not exceed `upper`; the error is on list `field` and prints the `shown` value. */
  const order = (lower: Bound, upper: Bound, field: string, shown: 'lower' | 'upper'): void => {
    const lo = lists[lower[0]]?.get(k);
    const hi = lists[upper[0]]?.get(k);
    if (!lo || !hi || compareQuantity(lo, hi) <= 0) return;
    const message = `${lower[1]} value ${s(lo)} is greater than ${upper[1]} value ${s(hi)}`;
    errs.push(invalid(at.child(field).key(k), s(shown === 'lower' ? lo : hi), message));
  };
  order(MIN, MAX, 'min', 'lower');
  order(MIN, DEFAULT_REQUEST, 'defaultRequest', 'upper');
  order(DEFAULT_REQUEST, MAX, 'defaultRequest', 'lower');
  order(DEFAULT_REQUEST, ['default', 'default limit'], 'defaultRequest', 'lower');
  order(MIN, DEFAULT, 'default', 'lower');
  order(DEFAULT, MAX, 'default', 'upper');
  return errs;
}
