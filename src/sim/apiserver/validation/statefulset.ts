/**
 * apps/v1 StatefulSets: update strategy, retention policy, and which spec fields may change.
 */
import type { StatefulSet } from 'kubernetes-types/apps/v1';
import type { LabelSelector } from 'kubernetes-types/meta/v1';
import type { FieldError } from './field';
import { deepEqual, forbidden, invalid, nonNegative, notSupported } from './field';
import { GoValue, goIntOrString, goLabelSelector, goPointer, goStr } from './gofmt';
import { validateAnnotations, validateLabels, validateObjectMeta, validateObjectMetaUpdate } from './meta';
import { nameIsDNSLabel } from './names';
import { num, rec, str } from './util';
import {
  SPEC,
  intOrPercentValue,
  notMoreThan100Percent,
  selectorBroken,
  templateLabelsMatch,
  validateIntOrPercent,
  validateRequiredSelector,
  validateRestartAlways,
} from './workload';

function statefulSetSpec(spec: Record<string, unknown>): FieldError[] {
  const errs: FieldError[] = [];
  const policy = str(spec['podManagementPolicy']) || 'OrderedReady';
  if (policy !== 'OrderedReady' && policy !== 'Parallel') {
    errs.push(invalid(SPEC.child('podManagementPolicy'), policy, "must be 'OrderedReady' or 'Parallel'"));
  }
  const us = rec(spec['updateStrategy']);
  const type = str(us['type']) || 'RollingUpdate';
  const usPath = SPEC.child('updateStrategy');
  const ru = us['rollingUpdate'];
  const goStrategy = (): GoValue =>
    new GoValue(
      `apps.StatefulSetUpdateStrategy{Type:${goStr(type)}, RollingUpdate:${goPointer('apps.RollingUpdateStatefulSetStrategy', !!ru)}}`,
    );
  if (type === 'OnDelete') {
    if (ru) {
      const printed = new GoValue(
        `apps.RollingUpdateStatefulSetStrategy{Partition:${num(rec(ru)['partition']) ?? 0}, MaxUnavailable:${goPointer('intstr.IntOrString', rec(ru)['maxUnavailable'] !== undefined)}}`,
      );
      errs.push(
        invalid(usPath.child('rollingUpdate'), printed, "only allowed for updateStrategy 'RollingUpdate'"),
      );
    }
  } else if (type === 'RollingUpdate') {
    const r = rec(ru);
    const p = usPath.child('rollingUpdate');
    errs.push(...nonNegative(r['partition'], p.child('partition')));
    if (r['maxUnavailable'] !== undefined) {
      const mu = r['maxUnavailable'];
      errs.push(...validateIntOrPercent(mu, p.child('maxUnavailable')));
      if (intOrPercentValue(mu) === 0)
        errs.push(invalid(p.child('maxUnavailable'), goIntOrString(mu), 'cannot be 0'));
      errs.push(...notMoreThan100Percent(mu, p.child('maxUnavailable')));
    }
  } else {
    errs.push(invalid(usPath, goStrategy(), "must be 'RollingUpdate' or 'OnDelete'"));
  }
  const retention = rec(spec['persistentVolumeClaimRetentionPolicy']);
  for (const key of ['whenDeleted', 'whenScaled']) {
    const v = str(retention[key]) || 'Retain';
    if (v !== 'Retain' && v !== 'Delete') {
      errs.push(
        notSupported(SPEC.child('persistentVolumeClaimRetentionPolicy', key), v, ['Retain', 'Delete']),
      );
    }
  }
  errs.push(...nonNegative(spec['replicas'], SPEC.child('replicas')));
  errs.push(...nonNegative(spec['minReadySeconds'], SPEC.child('minReadySeconds')));
  errs.push(...nonNegative(rec(spec['ordinals'])['start'], SPEC.child('ordinals.start')));
  const selector = spec['selector'] as LabelSelector | undefined;
  errs.push(...validateRequiredSelector(selector, 'statefulset'));
  const template = rec(spec['template']);
  const tp = SPEC.child('template');
  if (selector && selectorBroken(selector))
    errs.push(invalid(SPEC.child('selector'), goLabelSelector(selector), ''));
  else {
    const meta = rec(template['metadata']);
    errs.push(
      ...templateLabelsMatch(selector, meta['labels'], tp),
      ...validateLabels(meta['labels'], tp.child('labels')),
      ...validateAnnotations(meta['annotations'], tp.child('annotations')),
    );
  }
  errs.push(...validateRestartAlways(template, tp, 'StatefulSet'));
  return errs;
}

/** ValidateStatefulSet (create); names must be DNS labels (pods use them as hostnames). */
export function validateStatefulSet(s: StatefulSet): FieldError[] {
  return [...validateObjectMeta(s.metadata, true, nameIsDNSLabel), ...statefulSetSpec(rec(s.spec))];
}

const STS_MUTABLE = [
  'replicas',
  'ordinals',
  'template',
  'updateStrategy',
  'persistentVolumeClaimRetentionPolicy',
  'minReadySeconds',
];

/** ValidateStatefulSetUpdate: only replicas, ordinals, template, updateStrategy, retention policy and minReadySeconds change. */
export function validateStatefulSetUpdate(s: StatefulSet, old: StatefulSet): FieldError[] {
  const errs = [...validateObjectMetaUpdate(s.metadata, old.metadata), ...statefulSetSpec(rec(s.spec))];
  const strip = (spec: unknown): Record<string, unknown> =>
    Object.fromEntries(Object.entries(rec(spec)).filter(([k]) => !STS_MUTABLE.includes(k)));
  if (!deepEqual(strip(s.spec), strip(old.spec))) {
    errs.push(
      forbidden(
        SPEC,
        "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden",
      ),
    );
  }
  return errs;
}
