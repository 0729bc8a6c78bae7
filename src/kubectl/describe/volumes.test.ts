import type { Volume } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../sim/apiserver/types';
import type { DescribeContext } from './index';
import { describePersistentVolume } from './storage';
import { describeVolumes } from './volumes';
import { DescribeWriter } from './writer';

const render = (volumes: Volume[], space = ''): string[] => {
  const w = new DescribeWriter();
  describeVolumes(volumes, w, space);
  return w.toString().split('\n');
};

describe('describeVolumes', () => {
  it('describes in-tree plugin sources field by field', () => {
    expect(
      render([
        { name: 'share', nfs: { server: 'nfs.local', path: '/exports', readOnly: true } },
        { name: 'lun', fc: { targetWWNs: ['a', 'b'], lun: 2 } },
        {
          name: 'block',
          iscsi: {
            targetPortal: '10.0.0.1:3260',
            iqn: 'iqn.x',
            lun: 0,
            iscsiInterface: 'default',
            secretRef: { name: 'chap' },
          },
        },
      ]),
    ).toEqual([
      'Volumes:',
      '  share:',
      '    Type:      NFS (an NFS mount that lasts the lifetime of a pod)',
      '    Server:    nfs.local',
      '    Path:      /exports',
      '    ReadOnly:  true',
      '  lun:',
      '    Type:        FC (a Fibre Channel disk)',
      '    TargetWWNs:  a, b',
      '    LUN:         2',
      '    FSType:      ',
      '    ReadOnly:    false',
      '  block:',
      "    Type:               ISCSI (an ISCSI Disk resource that is attached to a kubelet's host machine and then exposed to the pod)",
      '    TargetPortal:       10.0.0.1:3260',
      '    IQN:                iqn.x',
      '    Lun:                0',
      '    ISCSIInterface      default',
      '    FSType:             ',
      '    ReadOnly:           false',
      '    Portals:            []',
      '    DiscoveryCHAPAuth:  false',
      '    SessionCHAPAuth:    false',
      '    SecretRef:          &LocalObjectReference{Name:chap,}',
      '    InitiatorName:      <none>',
      '',
    ]);
  });

  it("indents a CSI source's attributes the way kubectl does, and names unknown sources", () => {
    expect(
      render(
        [
          {
            name: 'inline',
            csi: { driver: 'hostpath.csi.k8s.io', volumeAttributes: { size: '1Gi', kind: 'scratch' } },
          },
          { name: 'odd' } as Volume,
        ],
        '  ',
      ),
    ).toEqual([
      '  Volumes:',
      '   inline:',
      '    Type:              CSI (a Container Storage Interface (CSI) volume source)',
      '    Driver:            hostpath.csi.k8s.io',
      '    FSType:            ',
      '    ReadOnly:          false',
      '    VolumeAttributes:      kind=scratch',
      '                           size=1Gi',
      '   odd:',
      '  <unknown>',
      '',
    ]);
  });

  it('says <none> without volumes', () => {
    expect(render([])).toEqual(['Volumes:  <none>', '']);
  });
});

describe('describePersistentVolume', () => {
  it('prints the node affinity terms and the source', async () => {
    const pv = {
      apiVersion: 'v1',
      kind: 'PersistentVolume',
      metadata: { name: 'local-pv', finalizers: ['kubernetes.io/pv-protection'] },
      spec: {
        capacity: { storage: '10Gi' },
        accessModes: ['ReadWriteOnce', 'ReadOnlyMany'],
        persistentVolumeReclaimPolicy: 'Retain',
        storageClassName: 'local',
        volumeMode: 'Filesystem',
        local: { path: '/mnt/disks/ssd1' },
        nodeAffinity: {
          required: {
            nodeSelectorTerms: [
              {
                matchExpressions: [
                  { key: 'kubernetes.io/hostname', operator: 'In', values: ['node-1', 'node-2'] },
                ],
              },
              { matchExpressions: [] },
            ],
          },
        },
      },
      status: { phase: 'Available' },
    } as unknown as KubeObject;
    const ctx: DescribeContext = { now: 0, list: async () => [], get: async () => null };
    expect((await describePersistentVolume(pv, ctx)).split('\n')).toEqual([
      'Name:              local-pv',
      'Labels:            <none>',
      'Annotations:       <none>',
      'Finalizers:        [kubernetes.io/pv-protection]',
      'StorageClass:      local',
      'Status:            Available',
      'Claim:             ',
      'Reclaim Policy:    Retain',
      'Access Modes:      RWO,ROX',
      'VolumeMode:        Filesystem',
      'Capacity:          10Gi',
      'Node Affinity:     ',
      '  Required Terms:  ',
      '    Term 0:        kubernetes.io/hostname in [node-1, node-2]',
      '    Term 1:        <none>',
      'Message:           ',
      'Source:',
      '    Type:  LocalVolume (a persistent volume backed by local storage on a node)',
      '    Path:  /mnt/disks/ssd1',
      'Events:    <none>',
      '',
    ]);
  });
});
