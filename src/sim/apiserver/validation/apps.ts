/**
 * apps/v1 Deployments and ReplicaSets (upstream's pkg/apis/apps/validation, plus the
 * registry strategies' apps/v1 rule that selectors are immutable).
 */
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1';
import type { LabelSelector } from 'kubernetes-types/meta/v1';
import type { KubeObject } from '../types';
import type { FieldError } from './field';
import { forbidden, invalid, nonNegative, notSupported } from './field';
import { GoValue, goIntOrString, goLabelSelector, goPointer, goStr } from './gofmt';
import { validateObjectMeta, validateObjectMetaUpdate } from './meta';
import { nameIsDNSSubdomain } from './names';
import { validatePodTemplateSpec } from './podspec';
import { num, rec, str } from './util';
import {
  SPEC,
  intOrPercentValue,
  notMoreThan100Percent,
  selectorBroken,
  selectorImmutable,
  templateLabelsMatch,
  validateIntOrPercent,
  validateRequiredSelector,
  validateRestartAlways,
} from './workload';

/** The selector and template checks shared by Deployments and ReplicaSets. */
function templateForReplicaSet(spec: Record<string, unknown>, kind: string): FieldError[] {
  const selector = spec['selector'] as LabelSelector | undefined;
  const errs = validateRequiredSelector(selector, kind);
  if (selector && selectorBroken(selector)) {
    errs.push(invalid(SPEC.child('selector'), goLabelSelector(selector), 'invalid label selector'));
    return errs;
  }
  const template = rec(spec['template']);
  const tp = SPEC.child('template');
  errs.push(
    ...templateLabelsMatch(selector, rec(template['metadata'])['labels'], tp),
    ...validatePodTemplateSpec(template, tp),
    ...validateRestartAlways(template, tp, 'ReplicaSet'),
  );
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
