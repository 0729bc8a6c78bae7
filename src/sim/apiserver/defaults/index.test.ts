import { describe, expect, it } from 'vitest';
import { RESOURCES, resourceForKind } from '../resources';
import type { KubeObject } from '../types';
import { applyDefaults, hasDefaults } from './index';
import { defaulted } from './testing';

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const item of Object.values(value)) deepFreeze(item);
    Object.freeze(value);
  }
  return value;
}

describe('applyDefaults', () => {
  it('never mutates its input and returns a new object', () => {
    const input = deepFreeze<KubeObject>({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', labels: { app: 'web' } },
      spec: {
        selector: { matchLabels: { app: 'web' } },
        template: { spec: { containers: [{ name: 'c', image: 'nginx' }] } },
      },
    });
    const snapshot = JSON.stringify(input);
    const out = defaulted(input);
    expect(JSON.stringify(input)).toBe(snapshot);
    expect(out).not.toBe(input);
    expect(out.spec).toMatchObject({ replicas: 1 });
  });

  it.each<[string, KubeObject]>([
    ['ConfigMap', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { a: 'b' } }],
    ['ServiceAccount', { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default' } }],
    [
      'Lease',
      {
        apiVersion: 'coordination.k8s.io/v1',
        kind: 'Lease',
        metadata: { name: 'l' },
        spec: { holderIdentity: 'x' },
      },
    ],
    [
      'PodDisruptionBudget',
      {
        apiVersion: 'policy/v1',
        kind: 'PodDisruptionBudget',
        metadata: { name: 'p' },
        spec: { minAvailable: 1 },
      },
    ],
    ['core Event', { apiVersion: 'v1', kind: 'Event', metadata: { name: 'e' }, reason: 'Scheduled' }],
    [
      'events.k8s.io Event',
      { apiVersion: 'events.k8s.io/v1', kind: 'Event', metadata: { name: 'e' }, reason: 'Scheduled' },
    ],
    [
      'ClusterRole',
      { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'r' }, rules: [] },
    ],
  ])('%s has no defaults: returned as an equal copy', (_name, input) => {
    const out = defaulted(input);
    expect(out).toEqual(input);
    expect(out).not.toBe(input);
    expect(out.metadata).not.toBe(input.metadata);
  });

  it('defaults by the resource it is given, not by the body', () => {
    const resource = resourceForKind('v1', 'Secret');
    if (!resource) throw new Error('Secret not served');
    const out = applyDefaults(resource, { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' } });
    expect(out.type).toBe('Opaque');
  });

  it('PriorityClass may preempt lower priorities unless told otherwise', () => {
    const base = {
      apiVersion: 'scheduling.k8s.io/v1',
      kind: 'PriorityClass',
      metadata: { name: 'high' },
      value: 1000,
    };
    expect(defaulted(base).preemptionPolicy).toBe('PreemptLowerPriority');
    expect(defaulted({ ...base, preemptionPolicy: 'Never' }).preemptionPolicy).toBe('Never');
  });

  it('is idempotent: defaulting a defaulted object changes nothing', () => {
    const samples: KubeObject[] = [
      {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'p' },
        spec: { containers: [{ name: 'c', image: 'nginx', livenessProbe: { httpGet: { port: 80 } } }] },
      },
      {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 's' },
        spec: { type: 'LoadBalancer', ports: [{ port: 80 }] },
      },
      {
        apiVersion: 'batch/v1',
        kind: 'CronJob',
        metadata: { name: 'c' },
        spec: { schedule: '@hourly', jobTemplate: { spec: { template: { spec: {} } } } },
      },
      {
        apiVersion: 'apps/v1',
        kind: 'StatefulSet',
        metadata: { name: 's' },
        spec: { volumeClaimTemplates: [{ metadata: { name: 'd' } }] },
      },
    ];
    for (const sample of samples) {
      const once = defaulted(sample);
      expect(defaulted(once)).toEqual(once);
    }
  });

  it('knows which served kinds have defaults', () => {
    const withDefaults = RESOURCES.filter(hasDefaults).map((r) => `${r.group}/${r.version}/${r.kind}`);
    expect(withDefaults).toContain('apps/v1/Deployment');
    expect(withDefaults).toContain('/v1/Pod');
    expect(withDefaults).not.toContain('/v1/ConfigMap');
    expect(withDefaults).toHaveLength(32);
  });
});
