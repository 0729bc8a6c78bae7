/**
 * Smaller kinds: Leases, PriorityClasses, PodDisruptionBudgets and
 * HorizontalPodAutoscalers.
 */
import type { LabelSelector } from 'kubernetes-types/meta/v1';
import type { KubeObject } from '../types';
import type { FieldError } from './field';
import { Path, forbidden, immutable, invalid, notSupported, required } from './field';
import { GoValue, goPointer } from './gofmt';
import { notMoreThan100Percent, validateIntOrPercent } from './workload';
import { validateLabelSelector, validateObjectMeta, validateObjectMetaUpdate } from './meta';
import { isQualifiedName, isValidPathSegmentName, nameIsDNSSubdomain } from './names';
import { num, rec, str } from './util';

const SPEC = Path.of('spec');

/** ValidateLease (and ValidateLeaseUpdate when `old` is given). */
export function validateLease(lease: KubeObject, old?: KubeObject): FieldError[] {
  const errs = old
    ? validateObjectMetaUpdate(lease.metadata, old.metadata)
    : validateObjectMeta(lease.metadata, true, nameIsDNSSubdomain);
  const spec = rec(lease['spec']);
  const duration = num(spec['leaseDurationSeconds']);
  if (duration !== undefined && duration <= 0)
    errs.push(invalid(SPEC.child('leaseDurationSeconds'), duration, 'must be greater than 0'));
  const transitions = num(spec['leaseTransitions']);
  if (transitions !== undefined && transitions < 0) {
    errs.push(invalid(SPEC.child('leaseTransitions'), transitions, 'must be greater than or equal to 0'));
  }
  const strategy = spec['strategy'];
  if (typeof strategy === 'string') {
    const sp = SPEC.child('strategy').child('strategy');
    if (!strategy.includes('/')) {
      if (strategy !== 'OldestEmulationVersion')
        errs.push(notSupported(sp, strategy, ['OldestEmulationVersion']));
    } else {
      errs.push(...isQualifiedName(strategy).map((m) => invalid(sp, strategy, m)));
    }
  }
  if (str(spec['preferredHolder']) && !str(strategy)) {
    errs.push(forbidden(SPEC.child('preferredHolder'), 'may only be specified if `strategy` is defined'));
  }
  return errs;
}

/** The built-in system priority classes: name to value. */
const SYSTEM_PRIORITY_CLASSES: Readonly<Record<string, number>> = {
  'system-node-critical': 2000001000,
  'system-cluster-critical': 2000000000,
};
/** scheduling.HighestUserDefinablePriority */
export const HIGHEST_USER_PRIORITY = 1000000000;

/** ValidatePriorityClass (create) */
export function validatePriorityClass(pc: KubeObject): FieldError[] {
  const errs = validateObjectMeta(pc.metadata, false, nameIsDNSSubdomain);
  const name = str(pc.metadata?.name);
  const value = num(pc['value']) ?? 0;
  if (name.startsWith('system-')) {
    const known = SYSTEM_PRIORITY_CLASSES[name];
    let err = '';
    if (known === undefined) err = `${name} is not a known system priority class`;
    else if (known !== value) err = `value of ${name} PriorityClass must be ${known}`;
    else if (pc['globalDefault'] === true) err = `globalDefault of ${name} PriorityClass must be false`;
    if (err) {
      errs.push(
        forbidden(
          Path.of('metadata', 'name'),
          `priority class names with 'system-' prefix are reserved for system use only. error: ${err}`,
        ),
      );
    }
  } else if (value > HIGHEST_USER_PRIORITY) {
    errs.push(
      forbidden(
        Path.of('value'),
        `maximum allowed value of a user defined priority is ${HIGHEST_USER_PRIORITY}`,
      ),
    );
  }
  const policy = pc['preemptionPolicy'];
  if (typeof policy === 'string' && policy !== 'PreemptLowerPriority' && policy !== 'Never') {
    errs.push(notSupported(Path.of('preemptionPolicy'), policy, ['PreemptLowerPriority', 'Never']));
  }
  return errs;
}

/** ValidatePriorityClassUpdate: value and preemptionPolicy are fixed. */
export function validatePriorityClassUpdate(pc: KubeObject, old: KubeObject): FieldError[] {
  const errs = validateObjectMetaUpdate(pc.metadata, old.metadata);
  if ((num(pc['value']) ?? 0) !== (num(old['value']) ?? 0))
    errs.push(forbidden(Path.of('value'), 'may not be changed in an update.'));
  const policy = str(pc['preemptionPolicy']) || 'PreemptLowerPriority';
  errs.push(
    ...immutable(policy, str(old['preemptionPolicy']) || 'PreemptLowerPriority', Path.of('preemptionPolicy')),
  );
  return errs;
}

/** ValidatePodDisruptionBudget (create and update share the spec rules). */
export function validatePodDisruptionBudget(pdb: KubeObject, old?: KubeObject): FieldError[] {
  const errs = old
    ? validateObjectMetaUpdate(pdb.metadata, old.metadata)
    : validateObjectMeta(pdb.metadata, true, nameIsDNSSubdomain);
  const spec = rec(pdb['spec']);
  const min = spec['minAvailable'];
  const max = spec['maxUnavailable'];
  if (min !== undefined && max !== undefined) {
    const printed = new GoValue(
      `policy.PodDisruptionBudgetSpec{MinAvailable:${goPointer('intstr.IntOrString', true)}, Selector:${goPointer('v1.LabelSelector', !!spec['selector'])}, MaxUnavailable:${goPointer('intstr.IntOrString', true)}, UnhealthyPodEvictionPolicy:${goPointer('policy.UnhealthyPodEvictionPolicyType', spec['unhealthyPodEvictionPolicy'] !== undefined)}}`,
    );
    errs.push(invalid(SPEC, printed, 'minAvailable and maxUnavailable cannot be both set'));
  }
  for (const [key, v] of [
    ['minAvailable', min],
    ['maxUnavailable', max],
  ] as const) {
    if (v === undefined) continue;
    errs.push(...validateIntOrPercent(v, SPEC.child(key)), ...notMoreThan100Percent(v, SPEC.child(key)));
  }
  errs.push(...validateLabelSelector(spec['selector'] as LabelSelector | undefined, SPEC.child('selector')));
  const policy = spec['unhealthyPodEvictionPolicy'];
  if (typeof policy === 'string' && policy !== 'AlwaysAllow' && policy !== 'IfHealthyBudget') {
    errs.push(
      notSupported(SPEC.child('unhealthyPodEvictionPolicy'), policy, ['AlwaysAllow', 'IfHealthyBudget']),
    );
  }
  return errs;
}

/** ValidateHorizontalPodAutoscaler: replica bounds and the scale target reference. */
export function validateHorizontalPodAutoscaler(hpa: KubeObject, old?: KubeObject): FieldError[] {
  const errs = old ? validateObjectMetaUpdate(hpa.metadata, old.metadata) : [];
  errs.push(...validateObjectMeta(hpa.metadata, true, nameIsDNSSubdomain));
  const spec = rec(hpa['spec']);
  const min = num(spec['minReplicas']);
  const max = num(spec['maxReplicas']) ?? 0;
  if (min !== undefined && min < 1)
    errs.push(invalid(SPEC.child('minReplicas'), min, 'must be greater than or equal to 1'));
  if (max < 1) errs.push(invalid(SPEC.child('maxReplicas'), max, 'must be greater than 0'));
  if (min !== undefined && max < min)
    errs.push(invalid(SPEC.child('maxReplicas'), max, 'must be greater than or equal to `minReplicas`'));
  const ref = rec(spec['scaleTargetRef']);
  for (const key of ['kind', 'name']) {
    const v = str(ref[key]);
    const p = SPEC.child('scaleTargetRef', key);
    if (!v) errs.push(required(p));
    else errs.push(...isValidPathSegmentName(v).map((m) => invalid(p, v, m)));
  }
  return errs;
}
