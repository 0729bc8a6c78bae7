import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../types';
import { defaultedPodSpec, defaulted, podSpec } from './testing';

describe('other core kinds', () => {
  it.each<[string, KubeObject, KubeObject]>([
    [
      'Secret type Opaque',
      { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, data: { a: 'Yg==' } },
      { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, data: { a: 'Yg==' }, type: 'Opaque' },
    ],
    [
      'Secret keeps its type',
      { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, type: 'kubernetes.io/tls' },
      { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, type: 'kubernetes.io/tls' },
    ],
    [
      'Namespace gets its name label (overwriting a wrong one) and phase Active',
      {
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name: 'dev', labels: { team: 'a', 'kubernetes.io/metadata.name': 'x' } },
      },
      {
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name: 'dev', labels: { team: 'a', 'kubernetes.io/metadata.name': 'dev' } },
        status: { phase: 'Active' },
      },
    ],
    [
      'Namespace created with generateName gets no name label',
      { apiVersion: 'v1', kind: 'Namespace', metadata: { generateName: 'tmp-' } },
      {
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { generateName: 'tmp-' },
        status: { phase: 'Active' },
      },
    ],
    [
      'Node allocatable copies capacity',
      {
        apiVersion: 'v1',
        kind: 'Node',
        metadata: { name: 'n' },
        status: { capacity: { cpu: '2', pods: '110' } },
      },
      {
        apiVersion: 'v1',
        kind: 'Node',
        metadata: { name: 'n' },
        status: { capacity: { cpu: '2', pods: '110' }, allocatable: { cpu: '2', pods: '110' } },
      },
    ],
    [
      'Node without status is left alone',
      { apiVersion: 'v1', kind: 'Node', metadata: { name: 'n' }, spec: { podCIDR: '10.244.1.0/24' } },
      { apiVersion: 'v1', kind: 'Node', metadata: { name: 'n' }, spec: { podCIDR: '10.244.1.0/24' } },
    ],
    [
      'PersistentVolume',
      {
        apiVersion: 'v1',
        kind: 'PersistentVolume',
        metadata: { name: 'pv' },
        spec: { capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce'], hostPath: { path: '/data' } },
      },
      {
        apiVersion: 'v1',
        kind: 'PersistentVolume',
        metadata: { name: 'pv' },
        spec: {
          capacity: { storage: '1Gi' },
          accessModes: ['ReadWriteOnce'],
          hostPath: { path: '/data', type: '' },
          persistentVolumeReclaimPolicy: 'Retain',
          volumeMode: 'Filesystem',
        },
        status: { phase: 'Pending' },
      },
    ],
    [
      'PersistentVolumeClaim',
      {
        apiVersion: 'v1',
        kind: 'PersistentVolumeClaim',
        metadata: { name: 'c' },
        spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
      },
      {
        apiVersion: 'v1',
        kind: 'PersistentVolumeClaim',
        metadata: { name: 'c' },
        spec: {
          accessModes: ['ReadWriteOnce'],
          resources: { requests: { storage: '1Gi' } },
          volumeMode: 'Filesystem',
        },
        status: { phase: 'Pending' },
      },
    ],
    [
      'PersistentVolumeClaim keeps Block mode',
      {
        apiVersion: 'v1',
        kind: 'PersistentVolumeClaim',
        metadata: { name: 'c' },
        spec: { volumeMode: 'Block' },
      },
      {
        apiVersion: 'v1',
        kind: 'PersistentVolumeClaim',
        metadata: { name: 'c' },
        spec: { volumeMode: 'Block' },
        status: { phase: 'Pending' },
      },
    ],
    [
      'LimitRange container defaults from max and min',
      {
        apiVersion: 'v1',
        kind: 'LimitRange',
        metadata: { name: 'l' },
        spec: {
          limits: [
            {
              type: 'Container',
              max: { cpu: '2', memory: '1Gi' },
              min: { cpu: '100m', 'ephemeral-storage': '1Gi' },
              default: { memory: '512Mi' },
            },
            { type: 'Pod', max: { cpu: '4' } },
          ],
        },
      },
      {
        apiVersion: 'v1',
        kind: 'LimitRange',
        metadata: { name: 'l' },
        spec: {
          limits: [
            {
              type: 'Container',
              max: { cpu: '2', memory: '1Gi' },
              min: { cpu: '100m', 'ephemeral-storage': '1Gi' },
              default: { memory: '512Mi', cpu: '2' },
              defaultRequest: { memory: '512Mi', cpu: '2', 'ephemeral-storage': '1Gi' },
            },
            { type: 'Pod', max: { cpu: '4' } },
          ],
        },
      },
    ],
    [
      'LimitRange container item with nothing to derive stays bare',
      {
        apiVersion: 'v1',
        kind: 'LimitRange',
        metadata: { name: 'l' },
        spec: { limits: [{ type: 'Container' }] },
      },
      {
        apiVersion: 'v1',
        kind: 'LimitRange',
        metadata: { name: 'l' },
        spec: { limits: [{ type: 'Container' }] },
      },
    ],
  ])('%s', (_name, input, expected) => {
    expect(defaulted(input)).toEqual(expected);
  });
});

describe('ReplicationController defaults', () => {
  it('takes selector and labels from the template and defaults one replica', () => {
    const out = defaulted({
      apiVersion: 'v1',
      kind: 'ReplicationController',
      metadata: { name: 'rc' },
      spec: { template: { metadata: { labels: { app: 'web' } }, spec: podSpec() } },
    });
    expect(out).toEqual({
      apiVersion: 'v1',
      kind: 'ReplicationController',
      metadata: { name: 'rc', labels: { app: 'web' } },
      spec: {
        replicas: 1,
        selector: { app: 'web' },
        template: { metadata: { labels: { app: 'web' } }, spec: defaultedPodSpec() },
      },
    });
  });

  it('keeps explicit replicas, selector and labels', () => {
    const input: KubeObject = {
      apiVersion: 'v1',
      kind: 'ReplicationController',
      metadata: { name: 'rc', labels: { tier: 'x' } },
      spec: {
        replicas: 0,
        selector: { app: 'web', v: '1' },
        template: { metadata: { labels: { app: 'web', v: '1' } } },
      },
    };
    const out = defaulted(input);
    expect(out.metadata.labels).toEqual({ tier: 'x' });
    expect(out.spec).toMatchObject({ replicas: 0, selector: { app: 'web', v: '1' } });
  });
});
