import type { Node } from 'kubernetes-types/core/v1';
import type { VolumeAttachment } from 'kubernetes-types/storage/v1';
import { describe, expect, it } from 'vitest';
import { findResource, type ResourceInfo } from '../../apiserver/resources';
import type { KubeObject } from '../../apiserver/types';
import { nodeHost } from '../../node/host';
import { volumeCluster } from '../../node/kubelet/volumemanager/testing';
import { attachmentName } from '../../node/csi/node-service';
import { NODES, PVCS, PVS, type Claim, type Volume } from '../pv-binder/types';

const VOLUME_ATTACHMENTS = findResource('storage.k8s.io', 'v1', 'volumeattachments') as ResourceInfo;
const DRIVER = 'hostpath.csi.k8s.io';
const SLEEP = ['sh', '-c', 'sleep 3600'];

type Match = (summary: string, from: string) => boolean;

function setup() {
  const c = volumeCluster(5);
  const claim = (name: string, extra: object = {}) =>
    c.client.create(PVCS, 'default', {
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name },
      spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, ...extra },
    });
  const user = (name: string, claimName: string, nodeName?: string) =>
    c.pod(name, {
      ...(nodeName === undefined ? {} : { nodeName }),
      containers: [
        {
          name: 'app',
          image: 'busybox',
          command: SLEEP,
          volumeMounts: [{ name: 'data', mountPath: '/data' }],
        },
      ],
      volumes: [{ name: 'data', persistentVolumeClaim: { claimName } }],
    });
  const attachments = () => c.client.list<KubeObject & VolumeAttachment>(VOLUME_ATTACHMENTS, null).items;
  const node = (name: string) => c.client.get<KubeObject & Node>(NODES, null, name);
  /** Whether steps matching each of `matches` follow one another from step index `from` on. */
  const inOrder = (matches: readonly Match[], from: number) => {
    let at = from;
    for (const match of matches) {
      at = c.steps.findIndex((s, i) => i >= at && match(s.summary, s.from));
      if (at < 0) return false;
    }
    return true;
  };
  return { ...c, claim, user, attachments, node, inOrder };
}

describe('CSI attach and mount', () => {
  it('attaches, stages and publishes before the sandbox, then unpublishes, unstages and detaches', () => {
    const { run, claim, user, attachments, node, inOrder, events, client, get, exec, steps } = setup();
    claim('data');
    user('web', 'data');
    run(40_000);
    expect(get('web')?.status?.phase).toBe('Running');
    const nodeName = get('web')?.spec?.nodeName ?? '';
    const pv = client.get<Claim>(PVCS, 'default', 'data').spec?.volumeName ?? '';
    const handle = client.get<Volume>(PVS, null, pv).spec?.csi?.volumeHandle ?? '';
    const unique = `kubernetes.io/csi/${DRIVER}^${handle}`;

    const [va] = attachments();
    expect(va?.metadata.name).toBe(attachmentName(handle, DRIVER, nodeName));
    expect(va?.metadata.name).toMatch(/^csi-[0-9a-f]{64}$/);
    expect(va?.spec).toEqual({ attacher: DRIVER, nodeName, source: { persistentVolumeName: pv } });
    expect(va?.status?.attached).toBe(true);
    expect(node(nodeName).status?.volumesAttached).toEqual([{ name: unique, devicePath: '' }]);
    expect(node(nodeName).status?.volumesInUse).toEqual([unique]);
    expect(events('web')).toContain(
      `SuccessfulAttachVolume: AttachVolume.Attach succeeded for volume "${pv}" `,
    );

    // Each step of the pod's way to running comes after the one before it.
    const order: Match[] = [
      (t, from) =>
        t.startsWith('POST /apis/storage.k8s.io/v1/volumeattachments') && from.endsWith('controller-manager'),
      (t) => t.startsWith(`ControllerPublishVolume ${handle} to node ${nodeName}`),
      (t, from) =>
        t.startsWith(`PATCH /api/v1/nodes/${nodeName}/status`) && from.endsWith('controller-manager'),
      (t, from) => t.startsWith(`PATCH /api/v1/nodes/${nodeName}/status`) && from === `${nodeName}/kubelet`,
      (t) => t.startsWith(`NodeStageVolume ${handle}`),
      (t) => t.startsWith(`NodePublishVolume ${handle}`),
      (t) => t === 'RunPodSandbox default/web',
      (t) => t.startsWith('CreateContainer app in sandbox'),
      (t) => t.startsWith('StartContainer') && t.endsWith('(app)'),
    ];
    expect(inOrder(order, 0)).toBe(true);

    exec('web', 'app', ['sh', '-c', 'echo kept > /data/file']);
    const before = steps.length;
    client.delete(findResource('', 'v1', 'pods') as ResourceInfo, 'default', 'web');
    run(60_000);
    const teardown: Match[] = [
      (t) => t.startsWith('StopPodSandbox'),
      (t) => t.startsWith(`NodeUnpublishVolume ${handle}`),
      (t) => t.startsWith(`NodeUnstageVolume ${handle}`),
      (t) => t.startsWith(`DELETE /apis/storage.k8s.io/v1/volumeattachments/${va?.metadata.name ?? ''}`),
      (t) => t.startsWith(`ControllerUnpublishVolume ${handle}`),
    ];
    expect(inOrder(teardown, before)).toBe(true);
    expect(attachments()).toEqual([]);
    expect(node(nodeName).status?.volumesAttached).toBeUndefined();
    expect(client.get<Volume>(PVS, null, pv).metadata.finalizers).not.toContain(
      'external-attacher/hostpath-csi-k8s-io',
    );

    user('again', 'data');
    run(40_000);
    expect(exec('again', 'app', ['cat', '/data/file']).out).toBe('kept\n');
  });

  it('reports FailedAttachVolume when the driver does not have the volume', () => {
    const { run, client, claim, user, events } = setup();
    client.create(PVS, null, {
      apiVersion: 'v1',
      kind: 'PersistentVolume',
      metadata: { name: 'static' },
      spec: {
        capacity: { storage: '1Gi' },
        accessModes: ['ReadWriteOnce'],
        storageClassName: 'manual',
        csi: { driver: DRIVER, volumeHandle: 'bogus' },
      },
    });
    claim('data', { storageClassName: 'manual' });
    run(20_000);
    user('web', 'data');
    run(20_000);
    expect(events('web')).toContain(
      'FailedAttachVolume: AttachVolume.Attach failed for volume "static" : rpc error: code = NotFound desc = volume id bogus does not exist in the volumes list',
    );
  });

  it('refuses a second node a ReadWriteOnce volume with the Multi-Attach error', () => {
    const { run, kernel, client, claim, user, events, get } = setup();
    for (const n of ['node-1', 'node-2'])
      nodeHost(kernel, n).fs.mkdirAll('/var/lib/csi-hostpath-data/shared');
    client.create(PVS, null, {
      apiVersion: 'v1',
      kind: 'PersistentVolume',
      metadata: { name: 'shared' },
      spec: {
        capacity: { storage: '1Gi' },
        accessModes: ['ReadWriteOnce'],
        storageClassName: 'manual',
        csi: { driver: DRIVER, volumeHandle: 'shared' },
      },
    });
    claim('data', { storageClassName: 'manual' });
    run(20_000);
    user('a', 'data', 'node-1');
    run(30_000);
    expect(get('a')?.status?.phase).toBe('Running');
    user('b', 'data', 'node-2');
    run(30_000);
    expect(events('b')).toContain(
      'FailedAttachVolume: Multi-Attach error for volume "shared" Volume is already used by pod(s) a',
    );
    expect(get('b')?.status?.phase).toBe('Pending');
  });
});
