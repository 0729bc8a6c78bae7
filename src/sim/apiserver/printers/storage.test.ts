import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../types';
import {
  csiDriverPrinter,
  csiNodePrinter,
  csiStorageCapacityPrinter,
  persistentVolumeClaimPrinter,
  persistentVolumePrinter,
  storageClassPrinter,
  volumeAttachmentPrinter,
} from './storage';
import type { Printer } from './types';

const NOW = Date.parse('2025-01-01T00:00:00Z');
const created = new Date(NOW - 90_000).toISOString(); // 90s ago
const cells = (p: Printer, obj: object) => p.print(obj as KubeObject, NOW).cells;
const header = (p: Printer) => p.columns.map((c) => `${c.name}:${c.type}:${c.priority}`);

describe('persistentvolumes', () => {
  it('has the v1.32 columns', () => {
    expect(header(persistentVolumePrinter)).toEqual([
      'Name:string:0',
      'Capacity:string:0',
      'Access Modes:string:0',
      'Reclaim Policy:string:0',
      'Status:string:0',
      'Claim:string:0',
      'StorageClass:string:0',
      'VolumeAttributesClass:string:0',
      'Reason:string:0',
      'Age:string:0',
      'VolumeMode:string:1',
    ]);
  });

  it.each<[string, object, unknown[]]>([
    [
      'bound',
      {
        metadata: { name: 'pv-1', creationTimestamp: created },
        spec: {
          capacity: { storage: '1024Mi' },
          accessModes: ['ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOnce'],
          persistentVolumeReclaimPolicy: 'Retain',
          claimRef: { namespace: 'default', name: 'data' },
          storageClassName: 'standard',
          volumeMode: 'Filesystem',
        },
        status: { phase: 'Bound' },
      },
      [
        'pv-1',
        '1Gi',
        'RWO,RWX',
        'Retain',
        'Bound',
        'default/data',
        'standard',
        '<unset>',
        '',
        '90s',
        'Filesystem',
      ],
    ],
    [
      'released, being deleted, beta class annotation',
      {
        metadata: {
          name: 'pv-2',
          creationTimestamp: created,
          deletionTimestamp: created,
          annotations: { 'volume.beta.kubernetes.io/storage-class': 'legacy' },
        },
        spec: {
          capacity: { storage: '1.5Gi' },
          accessModes: ['ReadWriteOncePod', 'ReadOnlyMany'],
          persistentVolumeReclaimPolicy: 'Delete',
          storageClassName: 'standard',
          volumeAttributesClassName: 'gold',
        },
        status: { phase: 'Failed', reason: 'VolumeFailedDelete' },
      },
      [
        'pv-2',
        '1536Mi',
        'ROX,RWOP',
        'Delete',
        'Terminating',
        '',
        'legacy',
        'gold',
        'VolumeFailedDelete',
        '90s',
        '<unset>',
      ],
    ],
    [
      'no capacity',
      { metadata: { name: 'pv-3' }, spec: {} },
      ['pv-3', '0', '', '', '', '', '', '<unset>', '', '<unknown>', '<unset>'],
    ],
  ])('%s', (_name, obj, expected) => {
    expect(cells(persistentVolumePrinter, obj)).toEqual(expected);
  });
});

describe('persistentvolumeclaims', () => {
  it('has the v1.32 columns', () => {
    expect(header(persistentVolumeClaimPrinter)).toEqual([
      'Name:string:0',
      'Status:string:0',
      'Volume:string:0',
      'Capacity:string:0',
      'Access Modes:string:0',
      'StorageClass:string:0',
      'VolumeAttributesClass:string:0',
      'Age:string:0',
      'VolumeMode:string:1',
    ]);
  });

  it.each<[string, object, unknown[]]>([
    [
      'pending: no capacity or modes yet',
      {
        metadata: { name: 'data', creationTimestamp: created },
        spec: {
          accessModes: ['ReadWriteOnce'],
          resources: { requests: { storage: '1Gi' } },
          storageClassName: 'standard',
          volumeMode: 'Filesystem',
        },
        status: { phase: 'Pending' },
      },
      ['data', 'Pending', '', '', '', 'standard', '<unset>', '90s', 'Filesystem'],
    ],
    [
      'bound',
      {
        metadata: { name: 'data', creationTimestamp: created },
        spec: {
          accessModes: ['ReadWriteOnce'],
          resources: { requests: { storage: '1Gi' } },
          volumeName: 'pvc-1234',
          storageClassName: 'standard',
        },
        status: { phase: 'Bound', accessModes: ['ReadWriteOnce'], capacity: { storage: '2Gi' } },
      },
      ['data', 'Bound', 'pvc-1234', '2Gi', 'RWO', 'standard', '<unset>', '90s', '<unset>'],
    ],
    [
      'being deleted, no class',
      { metadata: { name: 'old', deletionTimestamp: created }, spec: {}, status: { phase: 'Bound' } },
      ['old', 'Terminating', '', '', '', '', '<unset>', '<unknown>', '<unset>'],
    ],
  ])('%s', (_name, obj, expected) => {
    expect(cells(persistentVolumeClaimPrinter, obj)).toEqual(expected);
  });
});

describe('storageclasses', () => {
  it.each<[string, object, unknown[]]>([
    [
      'the default class with defaults',
      {
        metadata: {
          name: 'standard',
          creationTimestamp: created,
          annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' },
        },
        provisioner: 'rancher.io/local-path',
      },
      ['standard (default)', 'rancher.io/local-path', 'Delete', 'Immediate', false, '90s'],
    ],
    [
      'explicit settings, beta default annotation',
      {
        metadata: {
          name: 'fast',
          annotations: { 'storageclass.beta.kubernetes.io/is-default-class': 'true' },
        },
        provisioner: 'ebs.csi.aws.com',
        reclaimPolicy: 'Retain',
        volumeBindingMode: 'WaitForFirstConsumer',
        allowVolumeExpansion: true,
      },
      ['fast (default)', 'ebs.csi.aws.com', 'Retain', 'WaitForFirstConsumer', true, '<unknown>'],
    ],
    [
      'not default',
      {
        metadata: { name: 'slow', annotations: { 'storageclass.kubernetes.io/is-default-class': 'false' } },
        provisioner: 'p',
      },
      ['slow', 'p', 'Delete', 'Immediate', false, '<unknown>'],
    ],
  ])('%s', (_name, obj, expected) => {
    expect(header(storageClassPrinter)).toEqual([
      'Name:string:0',
      'Provisioner:string:0',
      'ReclaimPolicy:string:0',
      'VolumeBindingMode:string:0',
      'AllowVolumeExpansion:string:0',
      'Age:string:0',
    ]);
    expect(cells(storageClassPrinter, obj)).toEqual(expected);
  });
});

describe('CSI objects', () => {
  it('prints csidrivers', () => {
    expect(header(csiDriverPrinter)).toEqual([
      'Name:string:0',
      'AttachRequired:boolean:0',
      'PodInfoOnMount:boolean:0',
      'StorageCapacity:boolean:0',
      'TokenRequests:string:0',
      'RequiresRepublish:boolean:0',
      'Modes:string:0',
      'Age:string:0',
    ]);
    expect(
      cells(csiDriverPrinter, {
        metadata: { name: 'hostpath.csi.k8s.io', creationTimestamp: created },
        spec: {},
      }),
    ).toEqual(['hostpath.csi.k8s.io', true, false, false, '<unset>', false, '<none>', '90s']);
    const full = {
      metadata: { name: 'secrets-store.csi.k8s.io' },
      spec: {
        attachRequired: false,
        podInfoOnMount: true,
        storageCapacity: true,
        tokenRequests: [{ audience: 'api://a' }, { audience: 'vault' }],
        requiresRepublish: true,
        volumeLifecycleModes: ['Persistent', 'Ephemeral'],
      },
    };
    expect(cells(csiDriverPrinter, full)).toEqual([
      'secrets-store.csi.k8s.io',
      false,
      true,
      true,
      'api://a,vault',
      true,
      'Persistent,Ephemeral',
      '<unknown>',
    ]);
  });

  it('prints csinodes, volumeattachments and storage capacities', () => {
    expect(header(csiNodePrinter)).toEqual(['Name:string:0', 'Drivers:integer:0', 'Age:string:0']);
    expect(
      cells(csiNodePrinter, {
        metadata: { name: 'node-1', creationTimestamp: created },
        spec: { drivers: [{ name: 'a', nodeID: 'n' }] },
      }),
    ).toEqual(['node-1', 1, '90s']);
    expect(volumeAttachmentPrinter.columns.map((c) => `${c.name}:${c.format}`)).toEqual([
      'Name:name',
      'Attacher:name',
      'PV:',
      'Node:',
      'Attached:',
      'Age:',
    ]);
    const va = {
      metadata: { name: 'csi-123', creationTimestamp: created },
      spec: { attacher: 'ebs.csi.aws.com', source: { persistentVolumeName: 'pv-1' }, nodeName: 'node-1' },
      status: { attached: true },
    };
    expect(cells(volumeAttachmentPrinter, va)).toEqual([
      'csi-123',
      'ebs.csi.aws.com',
      'pv-1',
      'node-1',
      true,
      '90s',
    ]);
    expect(
      cells(volumeAttachmentPrinter, {
        metadata: { name: 'v' },
        spec: { attacher: 'a', source: {}, nodeName: 'n' },
      }),
    ).toEqual(['v', 'a', '', 'n', false, '<unknown>']);
    expect(header(csiStorageCapacityPrinter)).toEqual([
      'Name:string:0',
      'StorageClassName:string:0',
      'Capacity:string:0',
    ]);
    expect(
      cells(csiStorageCapacityPrinter, {
        metadata: { name: 'c' },
        storageClassName: 'fast',
        capacity: '100Gi',
      }),
    ).toEqual(['c', 'fast', '100Gi']);
    expect(cells(csiStorageCapacityPrinter, { metadata: { name: 'c' }, storageClassName: 'fast' })).toEqual([
      'c',
      'fast',
      '<unset>',
    ]);
  });
});
