import { describe, expect, it } from 'vitest';
import { DEPLOYMENT, createErrors, edited, updateErrors, type Json } from './testing';

type Workload = {
  kind: string;
  apiVersion: string;
  metadata: Record<string, unknown>;
  spec: Record<string, Json>;
};
const dep = (edit: (d: Workload) => void): Workload => edited(DEPLOYMENT as Workload, edit);
const as = (kind: string, edit: (d: Workload) => void = () => {}): Workload =>
  dep((d) => {
    d.kind = kind;
    delete d.spec['replicas'];
    if (kind === 'StatefulSet') d.spec['serviceName'] = 'web';
    if (kind !== 'DaemonSet') d.spec['replicas'] = 2;
    edit(d);
  });

describe('Deployment', () => {
  it('accepts a valid deployment', () => {
    expect(createErrors(DEPLOYMENT)).toEqual([]);
  });

  it.each<[string, (d: Workload) => void, string[]]>([
    [
      'negative replicas',
      (d) => (d.spec['replicas'] = -1),
      ['spec.replicas: Invalid value: -1: must be greater than or equal to 0'],
    ],
    [
      'no selector',
      (d) => delete d.spec['selector'],
      [
        'spec.selector: Required value',
        'spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`',
      ],
    ],
    [
      'selector not matching the template',
      (d) => (d.spec['selector'] = { matchLabels: { app: 'x' } }),
      [
        'spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`',
      ],
    ],
    [
      'empty selector',
      (d) => (d.spec['selector'] = {}),
      [
        'spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for deployment',
      ],
    ],
    [
      'template restart policy',
      (d) => (d.spec['template'].spec.restartPolicy = 'Never'),
      ['spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"'],
    ],
    [
      'template container errors',
      (d) => (d.spec['template'].spec.containers[0].image = ''),
      ['spec.template.spec.containers[0].image: Required value'],
    ],
    [
      'strategy type',
      (d) => (d.spec['strategy'] = { type: 'BlueGreen' }),
      [
        'spec.strategy: Unsupported value: apps.DeploymentStrategy{Type:"BlueGreen", RollingUpdate:(*apps.RollingUpdateDeployment)(nil)}: supported values: "Recreate", "RollingUpdate"',
      ],
    ],
    [
      'rolling update with both zero',
      (d) =>
        (d.spec['strategy'] = { type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: 0 } }),
      [
        'spec.strategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:0, IntVal:0, StrVal:""}: may not be 0 when `maxSurge` is 0',
      ],
    ],
    [
      'rolling update percentages',
      (d) => (d.spec['strategy'] = { rollingUpdate: { maxSurge: '50', maxUnavailable: '150%' } }),
      [
        "spec.strategy.rollingUpdate.maxSurge: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:\"50\"}: a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')",
        'spec.strategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:"150%"}: must not be greater than 100%',
      ],
    ],
    [
      'recreate with rolling update parameters',
      (d) => (d.spec['strategy'] = { type: 'Recreate', rollingUpdate: { maxSurge: 1 } }),
      ["spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy `type` is 'Recreate'"],
    ],
    [
      'progress deadline',
      (d) => ((d.spec['minReadySeconds'] = 10), (d.spec['progressDeadlineSeconds'] = 5)),
      ['spec.progressDeadlineSeconds: Invalid value: 5: must be greater than minReadySeconds'],
    ],
  ])('%s', (_, edit, expected) => {
    expect(createErrors(dep(edit))).toEqual(expected);
  });

  it('makes the selector immutable on update', () => {
    const next = dep((d) => {
      d.spec['selector'] = { matchLabels: { app: 'web', tier: 'fe' } };
      d.spec['template'].metadata.labels.tier = 'fe';
    });
    expect(updateErrors(DEPLOYMENT, next)).toEqual([
      'spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"web", "tier":"fe"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable',
    ]);
  });

  it('allows scaling and a new image on update', () => {
    const next = dep(
      (d) => ((d.spec['replicas'] = 5), (d.spec['template'].spec.containers[0].image = 'nginx:1.28')),
    );
    expect(updateErrors(DEPLOYMENT, next)).toEqual([]);
  });
});

describe('ReplicaSet, StatefulSet and DaemonSet', () => {
  it('accept valid objects', () => {
    for (const kind of ['ReplicaSet', 'StatefulSet', 'DaemonSet']) expect(createErrors(as(kind))).toEqual([]);
  });

  it.each<[string, (d: Workload) => void, string[]]>([
    [
      'ReplicaSet',
      (d) => (d.spec['selector'] = {}),
      [
        'spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for deployment',
      ],
    ],
    [
      'StatefulSet',
      (d) => ((d.metadata['name'] = 'web.v1'), (d.spec['podManagementPolicy'] = 'Random')),
      [
        'metadata.name: Invalid value: "web.v1": must not contain dots',
        "spec.podManagementPolicy: Invalid value: \"Random\": must be 'OrderedReady' or 'Parallel'",
      ],
    ],
    [
      'DaemonSet',
      (d) =>
        (d.spec['updateStrategy'] = {
          type: 'RollingUpdate',
          rollingUpdate: { maxUnavailable: 0, maxSurge: 0 },
        }),
      ['spec.updateStrategy.rollingUpdate.maxUnavailable: Required value: cannot be 0 when maxSurge is 0'],
    ],
  ])('%s', (kind, edit, expected) => {
    expect(createErrors(as(kind, edit))).toEqual(expected);
  });

  it('limits which StatefulSet fields an update may change', () => {
    const before = as('StatefulSet');
    expect(
      updateErrors(
        before,
        as('StatefulSet', (d) => (d.spec['replicas'] = 5)),
      ),
    ).toEqual([]);
    expect(
      updateErrors(
        before,
        as('StatefulSet', (d) => (d.spec['serviceName'] = 'other')),
      ),
    ).toEqual([
      "spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden",
    ]);
  });
});
