/**
 * apps/v1 workloads: Deployments, ReplicaSets, StatefulSets, DaemonSets and
 * ControllerRevisions (upstream's pkg/apis/apps/validation plus the registry strategies'
 * apps/v1 rule that selectors are immutable).
 */
import type { DaemonSet, Deployment, ReplicaSet, StatefulSet } from 'kubernetes-types/apps/v1';
import type { LabelSelector } from 'kubernetes-types/meta/v1';
import type { KubeObject } from '../types';
import type { FieldError } from './field';
import {
  IS_NEGATIVE,
  Path,
  deepEqual,
  forbidden,
  immutable,
  invalid,
  nonNegative,
  notSupported,
  required,
} from './field';
import { GoValue, goIntOrString, goLabelSelector, goPointer, goStr, goStringMap } from './gofmt';
import {
  selectorEmpty,
  selectorMatches,
  validateLabelSelector,
  validateLabels,
  validateAnnotations,
  validateObjectMeta,
  validateObjectMetaUpdate,
} from './meta';
import { isValidPercent, nameIsDNSLabel, nameIsDNSSubdomain } from './names';
import { validatePodTemplateSpec } from './podspec';
import { num, rec, str } from './util';

const SPEC = Path.of('spec');

/** A selector LabelSelectorAsSelector would reject. */
const selectorBroken = (sel: LabelSelector | undefined): boolean =>
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
function intOrPercentValue(v: unknown): number {
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

/** The apps/v1 strategies' rule: spec.selector may not change. */
function selectorImmutable(obj: KubeObject, old: KubeObject): FieldError[] {
  const sel = rec(obj['spec'])['selector'];
  return immutable(sel, rec(old['spec'])['selector'], SPEC.child('selector'), goLabelSelector(sel));
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
  if (!selector) errs.push(required(SPEC.child('selector')));
  else {
    errs.push(...validateLabelSelector(selector, SPEC.child('selector')));
    if (selectorEmpty(selector))
      errs.push(
        invalid(
          SPEC.child('selector'),
          goLabelSelector(selector),
          'empty selector is invalid for statefulset',
        ),
      );
  }
  const template = rec(spec['template']);
  const tp = SPEC.child('template');
  if (selector && selectorBroken(selector))
    errs.push(invalid(SPEC.child('selector'), goLabelSelector(selector), ''));
  else {
    const meta = rec(template['metadata']);
    if (!selector || (!selectorEmpty(selector) && !selectorMatches(selector, meta['labels']))) {
      errs.push(
        invalid(
          tp.child('metadata', 'labels'),
          goStringMap(meta['labels']),
          '`selector` does not match template `labels`',
        ),
      );
    }
    errs.push(
      ...validateLabels(meta['labels'], tp.child('labels')),
      ...validateAnnotations(meta['annotations'], tp.child('annotations')),
    );
  }
  const podSpec = rec(template['spec']);
  const restartPolicy = str(podSpec['restartPolicy']) || 'Always';
  if (restartPolicy !== 'Always')
    errs.push(notSupported(tp.child('spec', 'restartPolicy'), restartPolicy, ['Always']));
  if (podSpec['activeDeadlineSeconds'] !== undefined) {
    errs.push(
      forbidden(
        tp.child('spec', 'activeDeadlineSeconds'),
        'activeDeadlineSeconds in StatefulSet is not Supported',
      ),
    );
  }
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

function daemonSetSpec(spec: Record<string, unknown>): FieldError[] {
  const errs: FieldError[] = [];
  const selector = spec['selector'] as LabelSelector | undefined;
  errs.push(...validateLabelSelector(selector, SPEC.child('selector')));
  const template = rec(spec['template']);
  const tp = SPEC.child('template');
  const labels = rec(template['metadata'])['labels'];
  if (!selectorBroken(selector) && (!selector || !selectorMatches(selector, labels))) {
    errs.push(
      invalid(
        tp.child('metadata', 'labels'),
        goStringMap(labels),
        '`selector` does not match template `labels`',
      ),
    );
  }
  if (selector && selectorEmpty(selector))
    errs.push(
      invalid(SPEC.child('selector'), goLabelSelector(selector), 'empty selector is invalid for daemonset'),
    );
  errs.push(...validatePodTemplateSpec(template, tp));
  const podSpec = rec(template['spec']);
  const restartPolicy = str(podSpec['restartPolicy']) || 'Always';
  if (restartPolicy !== 'Always')
    errs.push(notSupported(tp.child('spec', 'restartPolicy'), restartPolicy, ['Always']));
  if (podSpec['activeDeadlineSeconds'] !== undefined) {
    errs.push(
      forbidden(
        tp.child('spec', 'activeDeadlineSeconds'),
        'activeDeadlineSeconds in DaemonSet is not Supported',
      ),
    );
  }
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
