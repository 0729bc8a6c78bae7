/**
 * apps/v1 DaemonSets and ControllerRevisions.
 */
import type { DaemonSet } from 'kubernetes-types/apps/v1';
import type { LabelSelector } from 'kubernetes-types/meta/v1';
import type { KubeObject } from '../types';
import type { FieldError } from './field';
import { Path, immutable, invalid, nonNegative, notSupported, required } from './field';
import { GoValue, goIntOrString, goPointer, goStr } from './gofmt';
import { selectorMatches, validateLabelSelector, validateObjectMeta, validateObjectMetaUpdate } from './meta';
import { nameIsDNSSubdomain } from './names';
import { validatePodTemplateSpec } from './podspec';
import { rec, str } from './util';
import {
  SPEC,
  intOrPercentValue,
  labelsMismatch,
  notMoreThan100Percent,
  selectorBroken,
  selectorImmutable,
  selectorNotEmpty,
  validateIntOrPercent,
  validateRestartAlways,
} from './workload';

function daemonSetSpec(spec: Record<string, unknown>): FieldError[] {
  const selector = spec['selector'] as LabelSelector | undefined;
  const errs = validateLabelSelector(selector, SPEC.child('selector'));
  const template = rec(spec['template']);
  const tp = SPEC.child('template');
  const labels = rec(template['metadata'])['labels'];
  if (!selectorBroken(selector) && (!selector || !selectorMatches(selector, labels))) {
    errs.push(labelsMismatch(labels, tp));
  }
  errs.push(
    ...selectorNotEmpty(selector, 'daemonset'),
    ...validatePodTemplateSpec(template, tp),
    ...validateRestartAlways(template, tp, 'DaemonSet'),
  );
  errs.push(...nonNegative(spec['minReadySeconds'], SPEC.child('minReadySeconds')));
  errs.push(...nonNegative(spec['templateGeneration'], SPEC.child('templateGeneration')));
  const us = rec(spec['updateStrategy']);
  const type = str(us['type']) || 'RollingUpdate';
  const usPath = SPEC.child('updateStrategy');
  if (type === 'RollingUpdate') {
    const ru = rec(us['rollingUpdate']);
    const p = usPath.child('rollingUpdate');
    const mu = ru['maxUnavailable'] ?? 1;
    const ms = ru['maxSurge'] ?? 0;
    errs.push(
      ...validateIntOrPercent(mu, p.child('maxUnavailable')),
      ...validateIntOrPercent(ms, p.child('maxSurge')),
    );
    errs.push(
      ...notMoreThan100Percent(mu, p.child('maxUnavailable')),
      ...notMoreThan100Percent(ms, p.child('maxSurge')),
    );
    const hasUnavailable = intOrPercentValue(mu) !== 0;
    const hasSurge = intOrPercentValue(ms) !== 0;
    if (hasUnavailable && hasSurge)
      errs.push(
        invalid(p.child('maxSurge'), goIntOrString(ms), 'may not be set when maxUnavailable is non-zero'),
      );
    if (!hasUnavailable && !hasSurge)
      errs.push(required(p.child('maxUnavailable'), 'cannot be 0 when maxSurge is 0'));
  } else if (type !== 'OnDelete') {
    const printed = new GoValue(
      `apps.DaemonSetUpdateStrategy{Type:${goStr(type)}, RollingUpdate:${goPointer('apps.RollingUpdateDaemonSet', !!us['rollingUpdate'])}}`,
    );
    errs.push(notSupported(usPath, printed, ['RollingUpdate', 'OnDelete']));
  }
  errs.push(...nonNegative(spec['revisionHistoryLimit'], SPEC.child('revisionHistoryLimit')));
  return errs;
}

/** ValidateDaemonSet (create) */
export function validateDaemonSet(ds: DaemonSet): FieldError[] {
  return [...validateObjectMeta(ds.metadata, true, nameIsDNSSubdomain), ...daemonSetSpec(rec(ds.spec))];
}

/** ValidateDaemonSetUpdate plus selector immutability */
export function validateDaemonSetUpdate(ds: DaemonSet, old: DaemonSet): FieldError[] {
  return [
    ...validateObjectMetaUpdate(ds.metadata, old.metadata),
    ...daemonSetSpec(rec(ds.spec)),
    ...selectorImmutable(ds as KubeObject, old as KubeObject),
  ];
}

/** ValidateControllerRevision (create), and the update rule that data is immutable. */
export function validateControllerRevision(cr: KubeObject, old?: KubeObject): FieldError[] {
  const errs = old ? validateObjectMetaUpdate(cr.metadata, old.metadata) : [];
  errs.push(...validateObjectMeta(cr.metadata, true, nameIsDNSSubdomain));
  if (cr['data'] === undefined || cr['data'] === null)
    errs.push(required(Path.of('data'), 'data is mandatory'));
  errs.push(...nonNegative(cr['revision'], Path.of('revision')));
  if (old)
    errs.push(
      ...immutable(cr['data'], old['data'], Path.of('data'), new GoValue('runtime.RawExtension{...}')),
    );
  return errs;
}
