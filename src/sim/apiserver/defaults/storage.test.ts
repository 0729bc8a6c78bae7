import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../types';
import { defaulted } from './testing';

describe('storage.k8s.io defaults', () => {
  it.each<[string, KubeObject, Record<string, unknown>]>([
    [
      'StorageClass',
      {
        apiVersion: 'storage.k8s.io/v1',
        kind: 'StorageClass',
        metadata: { name: 'standard' },
        provisioner: 'rancher.io/local-path',
      },
      { provisioner: 'rancher.io/local-path', reclaimPolicy: 'Delete', volumeBindingMode: 'Immediate' },
    ],
    [
      'StorageClass keeps explicit values',
      {
        apiVersion: 'storage.k8s.io/v1',
        kind: 'StorageClass',
        metadata: { name: 'local' },
        provisioner: 'kubernetes.io/no-provisioner',
        reclaimPolicy: 'Retain',
        volumeBindingMode: 'WaitForFirstConsumer',
      },
      {
        provisioner: 'kubernetes.io/no-provisioner',
        reclaimPolicy: 'Retain',
        volumeBindingMode: 'WaitForFirstConsumer',
      },
    ],
    [
      'CSIDriver',
      { apiVersion: 'storage.k8s.io/v1', kind: 'CSIDriver', metadata: { name: 'csi.example.com' } },
      {
        spec: {
          attachRequired: true,
          fsGroupPolicy: 'ReadWriteOnceWithFSType',
          podInfoOnMount: false,
          requiresRepublish: false,
          seLinuxMount: false,
          storageCapacity: false,
          volumeLifecycleModes: ['Persistent'],
        },
      },
    ],
    [
      'CSIDriver keeps explicit values',
      {
        apiVersion: 'storage.k8s.io/v1',
        kind: 'CSIDriver',
        metadata: { name: 'csi.example.com' },
        spec: {
          attachRequired: false,
          fsGroupPolicy: 'File',
          volumeLifecycleModes: ['Ephemeral'],
          podInfoOnMount: true,
        },
      },
      {
        spec: {
          attachRequired: false,
          fsGroupPolicy: 'File',
          podInfoOnMount: true,
          requiresRepublish: false,
          seLinuxMount: false,
          storageCapacity: false,
          volumeLifecycleModes: ['Ephemeral'],
        },
      },
    ],
    [
      'VolumeAttachment inline volume source',
      {
        apiVersion: 'storage.k8s.io/v1',
        kind: 'VolumeAttachment',
        metadata: { name: 'va' },
        spec: { attacher: 'a', nodeName: 'n', source: { inlineVolumeSpec: { hostPath: { path: '/x' } } } },
      },
      {
        spec: {
          attacher: 'a',
          nodeName: 'n',
          source: { inlineVolumeSpec: { hostPath: { path: '/x', type: '' } } },
        },
      },
    ],
  ])('%s', (_name, input, expected) => {
    const { apiVersion, kind, metadata } = input;
    expect(defaulted(input)).toEqual({ apiVersion, kind, metadata, ...expected });
  });
});
