import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../types';
import { defaulted } from './testing';

function pod(spec: Record<string, unknown>): KubeObject {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec };
}

describe('pod volume defaults', () => {
  const token = { serviceAccountToken: { path: 'token' } };
  it.each<[string, Record<string, unknown>, Record<string, unknown>]>([
    ['no source becomes emptyDir', { name: 'v' }, { name: 'v', emptyDir: {} }],
    ['null sources do not count', { name: 'v', secret: null }, { name: 'v', secret: null, emptyDir: {} }],
    [
      'configMap mode 0644',
      { name: 'v', configMap: { name: 'cm' } },
      { name: 'v', configMap: { name: 'cm', defaultMode: 420 } },
    ],
    [
      'explicit secret mode kept',
      { name: 'v', secret: { secretName: 's', defaultMode: 256 } },
      { name: 'v', secret: { secretName: 's', defaultMode: 256 } },
    ],
    [
      'downwardAPI items',
      { name: 'v', downwardAPI: { items: [{ path: 'labels', fieldRef: { fieldPath: 'metadata.labels' } }] } },
      {
        name: 'v',
        downwardAPI: {
          defaultMode: 420,
          items: [{ path: 'labels', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.labels' } }],
        },
      },
    ],
    [
      'projected token, downward API and config map',
      {
        name: 'v',
        projected: {
          sources: [
            token,
            { downwardAPI: { items: [{ path: 'ns', fieldRef: { fieldPath: 'metadata.namespace' } }] } },
            { configMap: { name: 'ca' } },
          ],
        },
      },
      {
        name: 'v',
        projected: {
          defaultMode: 420,
          sources: [
            { serviceAccountToken: { path: 'token', expirationSeconds: 3600 } },
            {
              downwardAPI: {
                items: [{ path: 'ns', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }],
              },
            },
            { configMap: { name: 'ca' } },
          ],
        },
      },
    ],
    [
      'hostPath type',
      { name: 'v', hostPath: { path: '/var/log' } },
      { name: 'v', hostPath: { path: '/var/log', type: '' } },
    ],
    [
      'hostPath explicit type',
      { name: 'v', hostPath: { path: '/d', type: 'Directory' } },
      { name: 'v', hostPath: { path: '/d', type: 'Directory' } },
    ],
    [
      'ephemeral claim template',
      { name: 'v', ephemeral: { volumeClaimTemplate: { spec: { accessModes: ['ReadWriteOnce'] } } } },
      {
        name: 'v',
        ephemeral: {
          volumeClaimTemplate: { spec: { accessModes: ['ReadWriteOnce'], volumeMode: 'Filesystem' } },
        },
      },
    ],
    [
      'iscsi',
      { name: 'v', iscsi: { targetPortal: 'p', iqn: 'q', lun: 0 } },
      { name: 'v', iscsi: { targetPortal: 'p', iqn: 'q', lun: 0, iscsiInterface: 'default' } },
    ],
    [
      'rbd',
      { name: 'v', rbd: { monitors: ['m'], image: 'i' } },
      {
        name: 'v',
        rbd: { monitors: ['m'], image: 'i', pool: 'rbd', user: 'admin', keyring: '/etc/ceph/keyring' },
      },
    ],
    [
      'azureDisk',
      { name: 'v', azureDisk: { diskName: 'd', diskURI: 'u' } },
      {
        name: 'v',
        azureDisk: {
          diskName: 'd',
          diskURI: 'u',
          cachingMode: 'ReadWrite',
          kind: 'Shared',
          fsType: 'ext4',
          readOnly: false,
        },
      },
    ],
    [
      'scaleIO',
      { name: 'v', scaleIO: { gateway: 'g', system: 's', secretRef: { name: 'x' } } },
      {
        name: 'v',
        scaleIO: {
          gateway: 'g',
          system: 's',
          secretRef: { name: 'x' },
          storageMode: 'ThinProvisioned',
          fsType: 'xfs',
        },
      },
    ],
  ])('%s', (_name, volume, expected) => {
    const out = defaulted(pod({ containers: [], volumes: [volume] }));
    expect((out.spec as { volumes: unknown[] }).volumes).toEqual([expected]);
  });
});
