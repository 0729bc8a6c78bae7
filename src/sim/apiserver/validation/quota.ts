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
import { readQuantity, validateQuantityValue, validateResourceName } from './resources';
import { arr, rec, str } from './util';

const QUOTA_RESOURCES = new Set([
  'pods',
  'services',
  'replicationcontrollers',
  'resourcequotas',
  'secrets',
  'configmaps',
  'persistentvolumeclaims',
  'storage',
  'requests.storage',
  'services.nodeports',
  'services.loadbalancers',
  'cpu',
  'memory',
  'ephemeral-storage',
  'requests.cpu',
  'requests.memory',
  'requests.ephemeral-storage',
  'limits.cpu',
  'limits.memory',
  'limits.ephemeral-storage',
]);
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
    if (!k.includes('/') && !QUOTA_RESOURCES.has(k) && !/^(requests\.)?hugepages-/.test(k)) {
      errs.push(invalid(p, k, 'must be a standard resource for quota'));
    }
    const q = readQuantity(v);
    if (q) errs.push(...validateQuantityValue(k, q, p));
  }
  return errs;
}

function quotaSpec(spec: Record<string, unknown>): FieldError[] {
  const at = Path.of('spec');
  const errs = quotaList(spec['hard'], at.child('hard'));
  const scopes = arr<string>(spec['scopes']).map(str);
  for (const s of scopes) {
    if (!QUOTA_SCOPES.includes(s))
      errs.push(
        invalid(at.child('scopes'), goStringSlice(scopes, '[]core.ResourceQuotaScope'), 'unsupported scope'),
      );
  }
  const has = (s: string): boolean => scopes.includes(s);
  if ((has('BestEffort') && has('NotBestEffort')) || (has('Terminating') && has('NotTerminating'))) {
    errs.push(
      invalid(at.child('scopes'), goStringSlice(scopes, '[]core.ResourceQuotaScope'), 'conflicting scopes'),
    );
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
  const scopes = arr<string>(rec(rq['spec'])['scopes']).map(str);
  const oldScopes = arr<string>(rec(old['spec'])['scopes']).map(str);
  const same = new Set(scopes).size === new Set(oldScopes).size && scopes.every((s) => oldScopes.includes(s));
  if (!same)
    errs.push(
      invalid(
        Path.of('spec', 'scopes'),
        goStringSlice(scopes, '[]core.ResourceQuotaScope'),
        'field is immutable',
      ),
    );
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
    for (const k of keys) {
      const min = lists['min']?.get(k);
      const max = lists['max']?.get(k);
      const def = lists['default']?.get(k);
      const defReq = lists['defaultRequest']?.get(k);
      const s = formatQuantity;
      const gt = (a: Quantity | undefined, b: Quantity | undefined): boolean =>
        !!a && !!b && compareQuantity(a, b) > 0;
      if (gt(min, max))
        errs.push(
          invalid(
            at.child('min').key(k),
            s(min!),
            `min value ${s(min!)} is greater than max value ${s(max!)}`,
          ),
        );
      if (gt(min, defReq))
        errs.push(
          invalid(
            at.child('defaultRequest').key(k),
            s(defReq!),
            `min value ${s(min!)} is greater than default request value ${s(defReq!)}`,
          ),
        );
      if (gt(defReq, max))
        errs.push(
          invalid(
            at.child('defaultRequest').key(k),
            s(defReq!),
            `default request value ${s(defReq!)} is greater than max value ${s(max!)}`,
          ),
        );
      if (gt(defReq, def))
        errs.push(
          invalid(
            at.child('defaultRequest').key(k),
            s(defReq!),
            `default request value ${s(defReq!)} is greater than default limit value ${s(def!)}`,
          ),
        );
      if (gt(min, def))
        errs.push(
          invalid(
            at.child('default').key(k),
            s(min!),
            `min value ${s(min!)} is greater than default value ${s(def!)}`,
          ),
        );
      if (gt(def, max))
        errs.push(
          invalid(
            at.child('default').key(k),
            s(max!),
            `default value ${s(def!)} is greater than max value ${s(max!)}`,
          ),
        );
    }
  });
  return errs;
}
