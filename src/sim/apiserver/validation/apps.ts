/**
 * apps/v1 Deployments and ReplicaSets (upstream's pkg/apis/apps/validation, plus the
 * registry strategies' apps/v1 rule that selectors are immutable).
 */
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1';
import type { LabelSelector } from 'kubernetes-types/meta/v1';
import type { KubeObject } from '../types';
import type { FieldError } from './field';
import { forbidden, invalid, nonNegative, notSupported, required } from './field';
import { GoValue, goIntOrString, goLabelSelector, goPointer, goStr, goStringMap } from './gofmt';
import {
  selectorEmpty,
  selectorMatches,
  validateLabelSelector,
  validateObjectMeta,
  validateObjectMetaUpdate,
} from './meta';
import { nameIsDNSSubdomain } from './names';
import { validatePodTemplateSpec } from './podspec';
import { num, rec, str } from './util';
import {
  SPEC,
  intOrPercentValue,
  notMoreThan100Percent,
  selectorBroken,
  selectorImmutable,
  validateIntOrPercent,
} from './workload';

/** The selector and template checks shared by Deployments and ReplicaSets. */
function templateForReplicaSet(spec: Record<string, unknown>, kind: string): FieldError[] {
  const errs: FieldError[] = [];
  const selector = spec['selector'] as LabelSelector | undefined;
  if (!selector) errs.push(required(SPEC.child('selector')));
  else {
    errs.push(...validateLabelSelector(selector, SPEC.child('selector')));
    if (selectorEmpty(selector))
      errs.push(
        invalid(SPEC.child('selector'), goLabelSelector(selector), `empty selector is invalid for ${kind}`),
      );
  }
  const template = rec(spec['template']);
  const tp = SPEC.child('template');
  if (selector && selectorBroken(selector)) {
    errs.push(invalid(SPEC.child('selector'), goLabelSelector(selector), 'invalid label selector'));
    return errs;
  }
  const labels = rec(template['metadata'])['labels'];
  // A nil selector selects nothing, so it never matches; an empty one is never compared.
  if (!selector || (!selectorEmpty(selector) && !selectorMatches(selector, labels))) {
    errs.push(
      invalid(
        tp.child('metadata', 'labels'),
        goStringMap(labels),
        '`selector` does not match template `labels`',
      ),
    );
  }
  errs.push(...validatePodTemplateSpec(template, tp));
  const restartPolicy = str(rec(template['spec'])['restartPolicy']) || 'Always';
  if (restartPolicy !== 'Always')
    errs.push(notSupported(tp.child('spec', 'restartPolicy'), restartPolicy, ['Always']));
  if (rec(template['spec'])['activeDeadlineSeconds'] !== undefined) {
    errs.push(
      forbidden(
        tp.child('spec', 'activeDeadlineSeconds'),
        `activeDeadlineSeconds in ReplicaSet is not Supported`,
      ),
    );
  }
  return errs;
}

function deploymentStrategy(strategy: unknown): FieldError[] {
  const s = rec(strategy);
  const at = SPEC.child('strategy');
  const type = str(s['type']) || 'RollingUpdate';
  if (type === 'Recreate') {
    return s['rollingUpdate']
      ? [forbidden(at.child('rollingUpdate'), "may not be specified when strategy `type` is 'Recreate'")]
      : [];
  }
  if (type !== 'RollingUpdate') {
    const printed = new GoValue(
      `apps.DeploymentStrategy{Type:${goStr(type)}, RollingUpdate:${goPointer('apps.RollingUpdateDeployment', !!s['rollingUpdate'])}}`,
    );
    return [notSupported(at, printed, ['Recreate', 'RollingUpdate'])];
  }
  const ru = rec(s['rollingUpdate']);
  const p = at.child('rollingUpdate');
  const maxUnavailable = ru['maxUnavailable'] ?? '25%';
  const maxSurge = ru['maxSurge'] ?? '25%';
  const errs = [
    ...validateIntOrPercent(maxUnavailable, p.child('maxUnavailable')),
    ...validateIntOrPercent(maxSurge, p.child('maxSurge')),
  ];
  if (intOrPercentValue(maxUnavailable) === 0 && intOrPercentValue(maxSurge) === 0) {
    errs.push(
      invalid(p.child('maxUnavailable'), goIntOrString(maxUnavailable), 'may not be 0 when `maxSurge` is 0'),
    );
  }
  return [...errs, ...notMoreThan100Percent(maxUnavailable, p.child('maxUnavailable'))];
}

function deploymentSpec(spec: Record<string, unknown>): FieldError[] {
  const errs = nonNegative(spec['replicas'], SPEC.child('replicas'));
  errs.push(...templateForReplicaSet(spec, 'deployment'));
  errs.push(...deploymentStrategy(spec['strategy']));
  errs.push(...nonNegative(spec['minReadySeconds'], SPEC.child('minReadySeconds')));
  errs.push(...nonNegative(spec['revisionHistoryLimit'], SPEC.child('revisionHistoryLimit')));
  const pds = num(spec['progressDeadlineSeconds']);
  if (pds !== undefined) {
    errs.push(...nonNegative(pds, SPEC.child('progressDeadlineSeconds')));
    if (pds <= (num(spec['minReadySeconds']) ?? 0)) {
      errs.push(invalid(SPEC.child('progressDeadlineSeconds'), pds, 'must be greater than minReadySeconds'));
    }
  }
  return errs;
}

/** ValidateDeployment (create) */
export function validateDeployment(d: Deployment): FieldError[] {
  return [...validateObjectMeta(d.metadata, true, nameIsDNSSubdomain), ...deploymentSpec(rec(d.spec))];
}

/** ValidateDeploymentUpdate plus selector immutability */
export function validateDeploymentUpdate(d: Deployment, old: Deployment): FieldError[] {
  return [
    ...validateObjectMetaUpdate(d.metadata, old.metadata),
    ...deploymentSpec(rec(d.spec)),
    ...selectorImmutable(d as KubeObject, old as KubeObject),
  ];
}

function replicaSetSpec(spec: Record<string, unknown>): FieldError[] {
  return [
    ...nonNegative(spec['replicas'], SPEC.child('replicas')),
    ...nonNegative(spec['minReadySeconds'], SPEC.child('minReadySeconds')),
    ...templateForReplicaSet(spec, 'deployment'),
  ];
}

/** ValidateReplicaSet (create); upstream's empty-selector message says "deployment" here too. */
export function validateReplicaSet(rs: ReplicaSet): FieldError[] {
  return [...validateObjectMeta(rs.metadata, true, nameIsDNSSubdomain), ...replicaSetSpec(rec(rs.spec))];
}

/** ValidateReplicaSetUpdate plus selector immutability */
export function validateReplicaSetUpdate(rs: ReplicaSet, old: ReplicaSet): FieldError[] {
  return [
    ...validateObjectMetaUpdate(rs.metadata, old.metadata),
    ...replicaSetSpec(rec(rs.spec)),
    ...selectorImmutable(rs as KubeObject, old as KubeObject),
  ];
}
