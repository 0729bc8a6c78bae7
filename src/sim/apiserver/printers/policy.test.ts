import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../types';
import {
  podDisruptionBudgetPrinter,
  priorityClassPrinter,
  runtimeClassPrinter,
  validatingAdmissionPolicyBindingPrinter,
  validatingAdmissionPolicyPrinter,
  webhookConfigurationPrinter,
} from './policy';
import type { Printer } from './types';

const NOW = Date.parse('2025-01-01T00:00:00Z');
const created = new Date(NOW - 3 * 24 * 3600_000).toISOString();
const cells = (p: Printer, obj: object) => p.print(obj as KubeObject, NOW).cells;
const header = (p: Printer) => p.columns.map((c) => `${c.name}:${c.type}:${c.priority}`);

describe('poddisruptionbudgets', () => {
  it.each<[string, object, unknown[]]>([
    ['minAvailable as a number', { minAvailable: 2 }, ['pdb', '2', 'N/A', 1, '3d']],
    ['maxUnavailable as a percentage', { maxUnavailable: '25%' }, ['pdb', 'N/A', '25%', 1, '3d']],
  ])('%s', (_name, spec, expected) => {
    expect(header(podDisruptionBudgetPrinter)).toEqual([
      'Name:string:0',
      'Min Available:string:0',
      'Max Unavailable:string:0',
      'Allowed Disruptions:integer:0',
      'Age:string:0',
    ]);
    const pdb = {
      metadata: { name: 'pdb', creationTimestamp: created },
      spec,
      status: { disruptionsAllowed: 1 },
    };
    expect(cells(podDisruptionBudgetPrinter, pdb)).toEqual(expected);
  });
});

describe('priorityclasses', () => {
  it('shows PREEMPTIONPOLICY by default', () => {
    expect(header(priorityClassPrinter)).toEqual([
      'Name:string:0',
      'Value:integer:0',
      'Global-Default:boolean:0',
      'Age:string:0',
      'PreemptionPolicy:string:0',
    ]);
    const pc = {
      metadata: { name: 'system-node-critical', creationTimestamp: created },
      value: 2000001000,
      preemptionPolicy: 'PreemptLowerPriority',
    };
    expect(cells(priorityClassPrinter, pc)).toEqual([
      'system-node-critical',
      2000001000,
      false,
      '3d',
      'PreemptLowerPriority',
    ]);
    expect(
      cells(priorityClassPrinter, { metadata: { name: 'low' }, value: -5, globalDefault: true }),
    ).toEqual(['low', -5, true, '<unknown>', '']);
  });
});

describe('runtimeclasses', () => {
  it('shows the handler', () => {
    expect(header(runtimeClassPrinter)).toEqual(['Name:string:0', 'Handler:string:0', 'Age:string:0']);
    expect(
      cells(runtimeClassPrinter, {
        metadata: { name: 'gvisor', creationTimestamp: created },
        handler: 'runsc',
      }),
    ).toEqual(['gvisor', 'runsc', '3d']);
  });
});

describe('admission configuration', () => {
  it('counts webhooks', () => {
    expect(header(webhookConfigurationPrinter)).toEqual([
      'Name:string:0',
      'Webhooks:integer:0',
      'Age:string:0',
    ]);
    expect(
      cells(webhookConfigurationPrinter, {
        metadata: { name: 'w', creationTimestamp: created },
        webhooks: [{}, {}],
      }),
    ).toEqual(['w', 2, '3d']);
  });

  it('prints validating admission policies', () => {
    expect(header(validatingAdmissionPolicyPrinter)).toEqual([
      'Name:string:0',
      'Validations:integer:0',
      'ParamKind:string:0',
      'Age:string:0',
    ]);
    const policy = {
      metadata: { name: 'replicas-limit' },
      spec: { paramKind: { apiVersion: 'v1', kind: 'ConfigMap' }, validations: [{ expression: 'true' }] },
    };
    expect(cells(validatingAdmissionPolicyPrinter, policy)).toEqual([
      'replicas-limit',
      1,
      'v1/ConfigMap',
      '<unknown>',
    ]);
    expect(cells(validatingAdmissionPolicyPrinter, { metadata: { name: 'p' }, spec: {} })).toEqual([
      'p',
      0,
      '<unset>',
      '<unknown>',
    ]);
  });

  it.each<[string, object | undefined, string]>([
    ['no paramRef', undefined, '<unset>'],
    ['namespaced param', { name: 'limits', namespace: 'prod' }, 'prod/limits'],
    ['param without namespace', { name: 'limits' }, '*/limits'],
    [
      'selector',
      {
        selector: {
          matchLabels: { tier: 'gold', env: 'prod' },
          matchExpressions: [{ key: 'x', operator: 'In', values: ['a', 'b'] }],
        },
      },
      '&LabelSelector{MatchLabels:map[string]string{env: prod,tier: gold,},MatchExpressions:[]LabelSelectorRequirement{LabelSelectorRequirement{Key:x,Operator:In,Values:[a b],},},}',
    ],
  ])('prints binding %s', (_name, paramRef, expected) => {
    const binding = { metadata: { name: 'b' }, spec: { policyName: 'replicas-limit', paramRef } };
    expect(cells(validatingAdmissionPolicyBindingPrinter, binding)).toEqual([
      'b',
      'replicas-limit',
      expected,
      '<unknown>',
    ]);
  });
});
