import { describe, expect, it } from 'vitest';
import { createErrors, edited, updateErrors, type Json } from './testing';

const PVC = {
  apiVersion: 'v1',
  kind: 'PersistentVolumeClaim',
  metadata: { name: 'data', namespace: 'default' },
  spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
};
const PV = {
  apiVersion: 'v1',
  kind: 'PersistentVolume',
  metadata: { name: 'pv1' },
  spec: { capacity: { storage: '5Gi' }, accessModes: ['ReadWriteOnce'], hostPath: { path: '/data' } },
};
type Obj = { metadata: Record<string, unknown>; spec: Record<string, Json>; status?: Record<string, Json> };

describe('PersistentVolumeClaim', () => {
  it.each<[string, (o: Obj) => void, string[]]>([
    ['valid', () => {}, []],
    [
      'no access modes',
      (o) => (o.spec['accessModes'] = []),
      ['spec.accessModes: Required value: at least 1 access mode is required'],
    ],
    [
      'unknown access mode',
      (o) => (o.spec['accessModes'] = ['ReadWriteSometimes']),
      [
        'spec.accessModes: Unsupported value: "ReadWriteSometimes": supported values: "ReadOnlyMany", "ReadWriteMany", "ReadWriteOnce", "ReadWriteOncePod"',
      ],
    ],
    ['no storage request', (o) => (o.spec['resources'] = {}), ['spec.resources[storage]: Required value']],
    [
      'zero storage',
      (o) => (o.spec['resources'] = { requests: { storage: '0' } }),
      ['spec.resources[storage]: Invalid value: "0": must be greater than zero'],
    ],
  ])('%s', (_, edit, expected) => expect(createErrors(edited(PVC as Obj, edit))).toEqual(expected));

  it('keeps the spec immutable except a bound claim growing', () => {
    const bound = edited(PVC as Obj, (o) => (o.status = { phase: 'Bound', capacity: { storage: '1Gi' } }));
    const grown = edited(PVC as Obj, (o) => (o.spec['resources'] = { requests: { storage: '2Gi' } }));
    expect(updateErrors(bound, grown)).toEqual([]);
    const errs = updateErrors(
      bound,
      edited(PVC as Obj, (o) => (o.spec['accessModes'] = ['ReadWriteMany'])),
    );
    expect(errs).toHaveLength(1);
    expect(errs[0]).toMatch(
      /^spec: Forbidden: spec is immutable after creation except resources\.requests and volumeAttributesClassName for bound claims\n {2}core\.PersistentVolumeClaimSpec\{/,
    );
  });
});

describe('PersistentVolume and StorageClass', () => {
  it.each<[string, object, string[]]>([
    ['valid volume', PV, []],
    [
      'volume without a source',
      edited(PV as Obj, (o) => delete o.spec['hostPath']),
      ['spec: Required value: must specify a volume type'],
    ],
    [
      'volume capacity',
      edited(PV as Obj, (o) => (o.spec['capacity'] = { cpu: '1' })),
      ['spec.capacity: Unsupported value: core.ResourceList{"cpu":"1"}: supported values: "storage"'],
    ],
    [
      'local volume without node affinity',
      edited(PV as Obj, (o) => ((o.spec['local'] = { path: '/mnt' }), delete o.spec['hostPath'])),
      ['spec.nodeAffinity: Required value: Local volume requires node affinity'],
    ],
    [
      'storage class',
      {
        apiVersion: 'storage.k8s.io/v1',
        kind: 'StorageClass',
        metadata: { name: 'fast' },
        provisioner: 'rancher.io/local-path',
      },
      [],
    ],
    [
      'storage class without provisioner',
      {
        apiVersion: 'storage.k8s.io/v1',
        kind: 'StorageClass',
        metadata: { name: 'fast' },
        reclaimPolicy: 'Recycle',
      },
      [
        'provisioner: Required value',
        'reclaimPolicy: Unsupported value: "Recycle": supported values: "Delete", "Retain"',
      ],
    ],
  ])('%s', (_, obj, expected) => expect(createErrors(obj)).toEqual(expected));

  it('keeps a volume source immutable', () => {
    const errs = updateErrors(
      PV,
      edited(PV as Obj, (o) => (o.spec['hostPath'] = { path: '/other' })),
    );
    expect(errs[0]).toMatch(
      /^spec\.persistentvolumesource: Forbidden: spec\.persistentvolumesource is immutable after creation\n/,
    );
  });
});

describe('ResourceQuota and LimitRange', () => {
  it.each<[string, object, string[]]>([
    [
      'quota',
      {
        apiVersion: 'v1',
        kind: 'ResourceQuota',
        metadata: { name: 'q', namespace: 'default' },
        spec: { hard: { pods: '10', 'requests.cpu': '4' } },
      },
      [],
    ],
    [
      'quota resources',
      {
        apiVersion: 'v1',
        kind: 'ResourceQuota',
        metadata: { name: 'q', namespace: 'default' },
        spec: { hard: { pods: '-1', widgets: '1' } },
      },
      [
        'spec.hard[pods]: Invalid value: "-1": must be greater than or equal to 0',
        'spec.hard[widgets]: Invalid value: "widgets": must be a standard resource type or fully qualified',
        'spec.hard[widgets]: Invalid value: "widgets": must be a standard resource for quota',
      ],
    ],
    [
      'limit range ordering',
      {
        apiVersion: 'v1',
        kind: 'LimitRange',
        metadata: { name: 'l', namespace: 'default' },
        spec: { limits: [{ type: 'Container', min: { cpu: '2' }, max: { cpu: '1' } }] },
      },
      // Defaulting copies max into default, and default into defaultRequest, for containers.
      [
        'spec.limits[0].min[cpu]: Invalid value: "2": min value 2 is greater than max value 1',
        'spec.limits[0].defaultRequest[cpu]: Invalid value: "1": min value 2 is greater than default request value 1',
        'spec.limits[0].default[cpu]: Invalid value: "2": min value 2 is greater than default value 1',
      ],
    ],
  ])('%s', (_, obj, expected) => expect(createErrors(obj)).toEqual(expected));
});
