import { describe, expect, it } from 'vitest';
import { createErrors, updateErrors } from './testing';

const lease = (spec: object) => ({
  apiVersion: 'coordination.k8s.io/v1',
  kind: 'Lease',
  metadata: { name: 'l', namespace: 'default' },
  spec,
});
const pc = (name: string, value: number, extra: object = {}) => ({
  apiVersion: 'scheduling.k8s.io/v1',
  kind: 'PriorityClass',
  metadata: { name },
  value,
  ...extra,
});
const pdb = (spec: object) => ({
  apiVersion: 'policy/v1',
  kind: 'PodDisruptionBudget',
  metadata: { name: 'p', namespace: 'default' },
  spec,
});
const hpa = (spec: object) => ({
  apiVersion: 'autoscaling/v2',
  kind: 'HorizontalPodAutoscaler',
  metadata: { name: 'h', namespace: 'default' },
  spec,
});

describe('Lease, PriorityClass, PodDisruptionBudget, HorizontalPodAutoscaler', () => {
  it.each<[string, object, string[]]>([
    ['lease', lease({ holderIdentity: 'a', leaseDurationSeconds: 15 }), []],
    [
      'lease duration',
      lease({ leaseDurationSeconds: 0 }),
      ['spec.leaseDurationSeconds: Invalid value: 0: must be greater than 0'],
    ],
    ['priority class', pc('high', 1000000), []],
    [
      'priority too high',
      pc('high', 1000000001),
      ['value: Forbidden: maximum allowed value of a user defined priority is 1000000000'],
    ],
    [
      'reserved name',
      pc('system-high', 10),
      [
        "metadata.name: Forbidden: priority class names with 'system-' prefix are reserved for system use only. error: system-high is not a known system priority class",
      ],
    ],
    ['pdb', pdb({ minAvailable: '50%', selector: { matchLabels: { app: 'web' } } }), []],
    [
      'pdb with both bounds',
      pdb({ minAvailable: 1, maxUnavailable: 1 }),
      [
        'spec: Invalid value: policy.PodDisruptionBudgetSpec{MinAvailable:(*intstr.IntOrString)(0xc000a8c000), Selector:(*v1.LabelSelector)(nil), MaxUnavailable:(*intstr.IntOrString)(0xc000a8c000), UnhealthyPodEvictionPolicy:(*policy.UnhealthyPodEvictionPolicyType)(nil)}: minAvailable and maxUnavailable cannot be both set',
      ],
    ],
    [
      'hpa',
      hpa({
        scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' },
        minReplicas: 1,
        maxReplicas: 5,
      }),
      [],
    ],
    [
      'hpa bounds',
      hpa({ scaleTargetRef: { kind: 'Deployment', name: 'web' }, minReplicas: 3, maxReplicas: 2 }),
      ['spec.maxReplicas: Invalid value: 2: must be greater than or equal to `minReplicas`'],
    ],
  ])('%s', (_, obj, expected) => expect(createErrors(obj)).toEqual(expected));

  it('fixes a priority class value', () => {
    expect(updateErrors(pc('high', 10), pc('high', 20))).toEqual([
      'value: Forbidden: may not be changed in an update.',
    ]);
  });
});
