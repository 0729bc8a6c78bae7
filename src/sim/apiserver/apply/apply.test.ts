import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../types';
import { CONFIGMAP } from './testdata';
import { T1, T2, T3, apply, conflictOf, container, deployment, entry, obj } from './testing';

describe('serverSideApply: first apply', () => {
  it('writes fieldsV1 as the SSA documentation shows for a ConfigMap', () => {
    const cm = obj({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'test-cm', namespace: 'default', labels: { 'test-label': 'test' } },
      data: { key: 'some value' },
    });
    const out = apply(null, cm, 'kubectl', T1, false, CONFIGMAP);
    expect(out.metadata.managedFields).toEqual([
      {
        manager: 'kubectl',
        operation: 'Apply',
        apiVersion: 'v1',
        time: T1,
        fieldsType: 'FieldsV1',
        fieldsV1: { 'f:data': { 'f:key': {} }, 'f:metadata': { 'f:labels': { 'f:test-label': {} } } },
      },
    ]);
    expect(JSON.stringify(entry(out, 'kubectl')?.fieldsV1)).toBe(
      '{"f:data":{"f:key":{}},"f:metadata":{"f:labels":{"f:test-label":{}}}}',
    );
    expect(out.data).toEqual({ key: 'some value' });
  });

  it('keys map-list items by their keys (defaults filled), sorted by key name', () => {
    const d = deployment({
      replicas: 2,
      containers: [container('nginx:1.27', { args: ['-g', 'daemon off;'], ports: [{ containerPort: 80 }] })],
    });
    const out = apply(null, d, 'kubectl');
    expect(entry(out, 'kubectl')?.fieldsV1).toEqual({
      'f:metadata': { 'f:labels': { 'f:app': {} } },
      'f:spec': {
        'f:replicas': {},
        'f:selector': {},
        'f:template': {
          'f:metadata': { 'f:labels': { 'f:app': {} } },
          'f:spec': {
            'f:containers': {
              'k:{"name":"nginx"}': {
                '.': {},
                'f:args': {},
                'f:image': {},
                'f:name': {},
                'f:ports': { 'k:{"containerPort":80,"protocol":"TCP"}': { '.': {}, 'f:containerPort': {} } },
              },
            },
          },
        },
      },
    });
  });

  it('leaves status out of ownership on the main resource (a reset field)', () => {
    const d = obj({ ...deployment(), status: { replicas: 3 } });
    expect(entry(apply(null, d, 'kubectl'), 'kubectl')?.fieldsV1).not.toHaveProperty('f:status');
  });
});

describe('serverSideApply: re-applying', () => {
  const first = apply(null, deployment({ replicas: 2, labels: { app: 'web', tier: 'front' } }), 'kubectl');

  it.each([
    [
      'a dropped label is removed',
      deployment({ replicas: 2 }),
      (o: KubeObject) => o.metadata.labels,
      { app: 'web' },
    ],
    [
      'a dropped scalar is removed',
      deployment({ labels: { app: 'web', tier: 'front' } }),
      (o: KubeObject) => (o.spec as { replicas?: number }).replicas,
      undefined,
    ],
  ])('%s', (_, next, pick, want) => {
    const out = apply(first, next, 'kubectl', T2);
    expect(pick(out)).toEqual(want);
  });

  it('removes a dropped container and its ownership', () => {
    const two = apply(
      null,
      deployment({ containers: [container(), { name: 'log', image: 'busybox' }] }),
      'kubectl',
    );
    const out = apply(two, deployment(), 'kubectl', T2);
    expect((out.spec as { template: { spec: { containers: object[] } } }).template.spec.containers).toEqual([
      container(),
    ]);
    expect(JSON.stringify(entry(out, 'kubectl')?.fieldsV1)).not.toContain('log');
  });

  it('keeps a field another applier also owns', () => {
    const shared = apply(
      first,
      deployment({ replicas: 2, labels: { app: 'web', tier: 'front' } }),
      'helm',
      T2,
    );
    const out = apply(shared, deployment({ replicas: 2 }), 'kubectl', T3);
    expect(out.metadata.labels).toEqual({ app: 'web', tier: 'front' });
    expect(entry(out, 'kubectl')?.fieldsV1).toMatchObject({ 'f:metadata': { 'f:labels': { 'f:app': {} } } });
    expect(JSON.stringify(entry(out, 'kubectl')?.fieldsV1)).not.toContain('tier');
    expect(JSON.stringify(entry(out, 'helm')?.fieldsV1)).toContain('f:tier');
  });

  it('does not move the time of an apply that changes nothing', () => {
    const again = apply(
      first,
      deployment({ replicas: 2, labels: { app: 'web', tier: 'front' } }),
      'kubectl',
      T2,
    );
    expect(entry(again, 'kubectl')?.time).toBe(T1);
  });

  it('records a second applier of identical values without a time, as upstream does', () => {
    const out = apply(first, deployment({ replicas: 2 }), 'helm', T2);
    expect(entry(out, 'helm')).toEqual({
      manager: 'helm',
      operation: 'Apply',
      apiVersion: 'apps/v1',
      fieldsType: 'FieldsV1',
      fieldsV1: expect.any(Object),
    });
  });
});

describe('serverSideApply: lists and maps', () => {
  const spec = (o: KubeObject) => (o.spec as { template: { spec: Record<string, unknown> } }).template.spec;

  it('merges map-list items by key and keeps items other managers own', () => {
    const a = apply(null, deployment(), 'kubectl');
    const b = apply(a, deployment({ containers: [{ name: 'sidecar', image: 'envoy' }] }), 'mesh', T2);
    const out = apply(
      b,
      deployment({ containers: [container('nginx:1.28'), { name: 'log', image: 'busybox' }] }),
      'kubectl',
      T3,
    );
    expect(spec(out).containers).toEqual([
      container('nginx:1.28'),
      { name: 'sidecar', image: 'envoy' },
      { name: 'log', image: 'busybox' },
    ]);
  });

  it('replaces an atomic list as a whole', () => {
    const a = apply(null, deployment({ containers: [container('nginx', { args: ['a', 'b'] })] }), 'kubectl');
    const out = apply(a, deployment({ containers: [container('nginx', { args: ['c'] })] }), 'kubectl', T2);
    expect(spec(out).containers).toEqual([container('nginx', { args: ['c'] })]);
  });

  it('merges set lists by value and owns each value', () => {
    const meta = (finalizers: string[]) => obj({ ...deployment(), metadata: { name: 'web', finalizers } });
    const a = apply(null, meta(['example.com/a']), 'one');
    const out = apply(a, meta(['example.com/b']), 'two', T2);
    expect(out.metadata.finalizers).toEqual(['example.com/a', 'example.com/b']);
    expect(entry(out, 'two')?.fieldsV1).toMatchObject({
      'f:metadata': { 'f:finalizers': { 'v:"example.com/b"': {} } },
    });
  });

  it('owns an atomic map (x-kubernetes-map-type: atomic) as one field', () => {
    const a = apply(null, deployment({ nodeSelector: { disk: 'ssd' } }), 'one');
    const err = conflictOf(() => apply(a, deployment({ nodeSelector: { zone: 'a' } }), 'two', T2));
    expect(err.message).toBe(
      'Apply failed with 1 conflict: conflict with "one": .spec.template.spec.nodeSelector',
    );
    const forced = apply(a, deployment({ nodeSelector: { zone: 'a' } }), 'two', T2, true);
    expect(spec(forced).nodeSelector).toEqual({ zone: 'a' });
  });
});
