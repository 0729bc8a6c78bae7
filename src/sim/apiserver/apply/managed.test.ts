import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../types';
import { managerFromUserAgent, resetFieldsFor, serverSideApply, updateManagedFields } from './index';
import type { ManagedFieldsEntry } from './index';
import { CONFIGMAP, DEPLOYMENT } from './testdata';

const T1 = '2025-01-01T10:00:00Z';
const T2 = '2025-01-01T10:05:00Z';
const T3 = '2025-01-01T10:10:00Z';

const obj = (o: object) => o as KubeObject;
const mf = (o: KubeObject) => (o.metadata.managedFields ?? []) as ManagedFieldsEntry[];
const entry = (o: KubeObject, manager: string) => mf(o).find((e) => e.manager === manager);

/** A Deployment as the create handler stores it after defaulting. */
const created = obj({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: {
    name: 'web',
    namespace: 'default',
    uid: 'u-1',
    resourceVersion: '1',
    generation: 1,
    creationTimestamp: T1,
    labels: { app: 'web' },
  },
  spec: {
    replicas: 1,
    selector: { matchLabels: { app: 'web' } },
    template: {
      metadata: { labels: { app: 'web' } },
      spec: {
        containers: [{ name: 'nginx', image: 'nginx', resources: {}, imagePullPolicy: 'Always' }],
        restartPolicy: 'Always',
      },
    },
    strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
    revisionHistoryLimit: 10,
    progressDeadlineSeconds: 600,
  },
  status: {},
});

const withImage = (o: KubeObject, image: string) => {
  const copy = JSON.parse(JSON.stringify(o)) as {
    spec: { template: { spec: { containers: { image: string }[] } } };
  };
  const first = copy.spec.template.spec.containers[0];
  if (first !== undefined) first.image = image;
  return obj(copy);
};

describe('updateManagedFields', () => {
  const create = updateManagedFields(null, created, 'kubectl-create', null, DEPLOYMENT, T1);

  it('gives the creator every field it set, as kube-apiserver records a create', () => {
    expect(mf(create)).toEqual([
      {
        manager: 'kubectl-create',
        operation: 'Update',
        apiVersion: 'apps/v1',
        time: T1,
        fieldsType: 'FieldsV1',
        fieldsV1: {
          'f:metadata': { 'f:labels': { '.': {}, 'f:app': {} } },
          'f:spec': {
            'f:progressDeadlineSeconds': {},
            'f:replicas': {},
            'f:revisionHistoryLimit': {},
            'f:selector': {},
            'f:strategy': {
              'f:rollingUpdate': { '.': {}, 'f:maxSurge': {}, 'f:maxUnavailable': {} },
              'f:type': {},
            },
            'f:template': {
              'f:metadata': { 'f:labels': { '.': {}, 'f:app': {} } },
              'f:spec': {
                'f:containers': {
                  'k:{"name":"nginx"}': {
                    '.': {},
                    'f:image': {},
                    'f:imagePullPolicy': {},
                    'f:name': {},
                    'f:resources': {},
                  },
                },
                'f:restartPolicy': {},
              },
            },
          },
        },
      },
    ]);
  });

  it('moves a changed field to the updater and keeps entries sorted by time', () => {
    const edited = updateManagedFields(
      create,
      withImage(create, 'nginx:1.28'),
      'kubectl-edit',
      null,
      DEPLOYMENT,
      T2,
    );
    expect(mf(edited).map((e) => [e.manager, e.time])).toEqual([
      ['kubectl-create', T1],
      ['kubectl-edit', T2],
    ]);
    expect(entry(edited, 'kubectl-edit')?.fieldsV1).toEqual({
      'f:spec': {
        'f:template': { 'f:spec': { 'f:containers': { 'k:{"name":"nginx"}': { 'f:image': {} } } } },
      },
    });
    expect(JSON.stringify(entry(edited, 'kubectl-create')?.fieldsV1)).not.toContain('"f:image"');
  });

  it('merges repeated updates by one manager into its entry', () => {
    const once = updateManagedFields(
      create,
      withImage(create, 'nginx:1.28'),
      'kubectl-edit',
      null,
      DEPLOYMENT,
      T2,
    );
    const labels = obj({ ...once, metadata: { ...once.metadata, labels: { app: 'web', tier: 'x' } } });
    const twice = updateManagedFields(once, labels, 'kubectl-edit', null, DEPLOYMENT, T3);
    const edit = entry(twice, 'kubectl-edit');
    expect(edit?.time).toBe(T3);
    expect(JSON.stringify(edit?.fieldsV1)).toContain('f:image');
    expect(JSON.stringify(edit?.fieldsV1)).toContain('f:tier');
  });

  it('leaves the entries alone for a write that changes nothing', () => {
    expect(
      updateManagedFields(create, create, 'kubectl-edit', null, DEPLOYMENT, T2).metadata.managedFields,
    ).toEqual(create.metadata.managedFields);
  });

  it('records a status update with its subresource and only status fields', () => {
    const status = obj({ ...create, spec: { replicas: 9 }, status: { replicas: 1, readyReplicas: 1 } });
    const out = updateManagedFields(create, status, 'kube-controller-manager', 'status', DEPLOYMENT, T2);
    expect(entry(out, 'kube-controller-manager')).toEqual({
      manager: 'kube-controller-manager',
      operation: 'Update',
      apiVersion: 'apps/v1',
      time: T2,
      fieldsType: 'FieldsV1',
      fieldsV1: { 'f:status': { 'f:readyReplicas': {}, 'f:replicas': {} } },
      subresource: 'status',
    });
  });

  it.each([
    ['an empty list', []],
    ['a list with one empty entry', [{}]],
  ])('clears managedFields when a client sends %s', (_, sent) => {
    const cleared = updateManagedFields(
      create,
      obj({ ...create, metadata: { ...create.metadata, managedFields: sent } }),
      'x',
      null,
      DEPLOYMENT,
      T2,
    );
    expect(cleared.metadata.managedFields).toBeUndefined();
    expect(
      updateManagedFields(cleared, withImage(cleared, 'v2'), 'y', null, DEPLOYMENT, T3).metadata
        .managedFields,
    ).toBeUndefined();
  });

  it('names a manager without a name "unknown"', () => {
    expect(entry(updateManagedFields(null, created, '', null, DEPLOYMENT, T1), 'unknown')).toBeDefined();
  });

  it('merges the oldest of more than ten updaters into ancient-changes', () => {
    const cm = (i: number) =>
      obj({
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'c', uid: 'u' },
        data: { [`k${i}`]: 'v' },
      });
    let live = updateManagedFields(null, cm(0), 'm00', null, CONFIGMAP, '2025-01-01T00:00:00Z');
    for (let i = 1; i <= 11; i++) {
      const data = { ...(live.data as object), [`k${i}`]: 'v' };
      const time = `2025-01-01T00:00:${String(i).padStart(2, '0')}Z`;
      live = updateManagedFields(
        live,
        obj({ ...live, data }),
        `m${String(i).padStart(2, '0')}`,
        null,
        CONFIGMAP,
        time,
      );
    }
    expect(mf(live).map((e) => e.manager)).toEqual([
      'ancient-changes',
      ...Array.from({ length: 9 }, (_, i) => `m${String(i + 3).padStart(2, '0')}`),
    ]);
    expect(entry(live, 'ancient-changes')?.fieldsV1).toEqual({
      'f:data': { '.': {}, 'f:k0': {}, 'f:k1': {}, 'f:k2': {} },
    });
    expect(entry(live, 'ancient-changes')?.time).toBe('2025-01-01T00:00:02Z');
  });
});

describe('managedFields order', () => {
  it('puts Apply entries before Update entries, then sorts by time and name', () => {
    const cm = obj({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { a: '1' } });
    const byUpdate = updateManagedFields(
      null,
      obj({ ...cm, metadata: { name: 'c', uid: 'u' } }),
      'zz-update',
      null,
      CONFIGMAP,
      T1,
    );
    const applied = serverSideApply(
      byUpdate,
      obj({ ...cm, data: { b: '2' } }),
      'b-apply',
      false,
      CONFIGMAP,
      T3,
    );
    const again = serverSideApply(applied, obj({ ...cm, data: { c: '3' } }), 'a-apply', false, CONFIGMAP, T3);
    expect(mf(again).map((e) => `${e.operation} ${e.manager}`)).toEqual([
      'Apply a-apply',
      'Apply b-apply',
      'Update zz-update',
    ]);
  });
});

describe('managerFromUserAgent', () => {
  it.each([
    ['kubectl/v1.32.4 (linux/amd64) kubernetes/59526cd', 'kubectl'],
    [
      'kube-controller-manager/v1.32.4 (linux/amd64) kubernetes/59526cd/system:serviceaccount:kube-system:x',
      'kube-controller-manager',
    ],
    ['Go-http-client/1.1', 'Go-http-client'],
    ['my\u0007agent', 'myagent'],
    [undefined, ''],
    ['', ''],
    ['x'.repeat(200), 'x'.repeat(128)],
    [`${'x'.repeat(127)}é`, 'x'.repeat(127)],
  ])('%s -> %s', (ua, want) => {
    expect(managerFromUserAgent(ua)).toBe(want);
  });
});

describe('resetFieldsFor', () => {
  it.each([
    ['Deployment', null, [['status']]],
    ['Deployment', 'status', [['spec'], ['metadata', 'labels']]],
    ['Pod', 'status', [['spec'], ['metadata', 'deletionTimestamp'], ['metadata', 'ownerReferences']]],
    ['Service', 'status', [['spec']]],
    ['Deployment', 'scale', []],
  ])('%s /%s', (kind, sub, want) => {
    expect(resetFieldsFor(kind, sub)).toEqual(want);
  });
});
