import { describe, expect, it } from 'vitest';
import { PODS, PVCS, PVS, STORAGE_CLASSES } from './types';
import { PV_RESYNC_PERIOD_MS, externalProvisioningMessage } from '.';
import { makeClaim, makeClass, makeVolume, volumeCluster } from './testing';

/** A pod using `claim`, scheduled to `nodeName` if given. */
function podWith(name: string, claim: string, nodeName?: string) {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name },
    spec: {
      ...(nodeName === undefined ? {} : { nodeName }),
      containers: [{ name: 'c', image: 'nginx' }],
      volumes: [{ name: 'data', persistentVolumeClaim: { claimName: claim } }],
    },
  };
}

describe('persistentvolume-binder: static binding', () => {
  it('binds a claim to the smallest fitting volume: claimRef, annotations, phases, capacity', () => {
    const { client, run, pv, pvc } = volumeCluster();
    client.create(PVS, null, makeVolume('pv-10', { capacity: '10Gi', className: '' }));
    client.create(PVS, null, makeVolume('pv-5', { capacity: '5Gi', className: '' }));
    run(1000);
    expect(pv('pv-5').status?.phase).toBe('Available');
    client.create(PVCS, 'default', makeClaim('data', { request: '3Gi', className: '' }));
    run(1000);
    const claim = pvc('data');
    const volume = pv('pv-5');
    expect(claim.spec?.volumeName).toBe('pv-5');
    expect(claim.status).toEqual({
      phase: 'Bound',
      accessModes: ['ReadWriteOnce'],
      capacity: { storage: '5Gi' },
    });
    expect(claim.metadata.annotations).toEqual({
      'pv.kubernetes.io/bind-completed': 'yes',
      'pv.kubernetes.io/bound-by-controller': 'yes',
    });
    expect(volume.status?.phase).toBe('Bound');
    expect(volume.metadata.annotations).toEqual({ 'pv.kubernetes.io/bound-by-controller': 'yes' });
    expect(volume.spec?.claimRef).toMatchObject({
      kind: 'PersistentVolumeClaim',
      apiVersion: 'v1',
      namespace: 'default',
      name: 'data',
      uid: claim.metadata.uid,
    });
    expect(pv('pv-10').status?.phase).toBe('Available');
  });

  it('a volume pre-bound to a claim (claimRef without uid) is only for that claim, and not marked bound by the controller', () => {
    const { client, run, pv, pvc } = volumeCluster();
    client.create(PVS, null, makeVolume('reserved', { capacity: '20Gi', claim: 'default/db' }));
    client.create(PVS, null, makeVolume('small', { capacity: '1Gi' }));
    run(1000);
    expect(pv('reserved').status?.phase).toBe('Available');
    client.create(PVCS, 'default', makeClaim('db', { className: '' }));
    run(1000);
    expect(pvc('db').spec?.volumeName).toBe('reserved');
    expect(pv('reserved').metadata.annotations).toBeUndefined();
    expect(pv('reserved').spec?.claimRef?.uid).toBe(pvc('db').metadata.uid);
    expect(pv('small').status?.phase).toBe('Available');
  });

  it('a claim naming its volume binds to it; the claim is not marked bound by the controller', () => {
    const { client, run, pv, pvc } = volumeCluster();
    client.create(PVCS, 'default', makeClaim('db', { className: '', volumeName: 'later' }));
    run(1000);
    expect(pvc('db').status?.phase).toBe('Pending');
    // The claim is tried again at the next resync.
    client.create(PVS, null, makeVolume('later', { capacity: '2Gi' }));
    run(PV_RESYNC_PERIOD_MS);
    expect(pvc('db').status?.phase).toBe('Bound');
    expect(pvc('db').metadata.annotations).toEqual({ 'pv.kubernetes.io/bind-completed': 'yes' });
    expect(pv('later').metadata.annotations).toEqual({ 'pv.kubernetes.io/bound-by-controller': 'yes' });
  });

  it('refuses a requested volume that cannot serve the claim, or that another claim holds', () => {
    const { client, run, pvc, events } = volumeCluster();
    client.create(PVS, null, makeVolume('small', { capacity: '1Gi' }));
    client.create(PVS, null, makeVolume('theirs', { capacity: '5Gi', claim: 'default/other' }));
    client.create(PVCS, 'default', makeClaim('big', { request: '2Gi', className: '', volumeName: 'small' }));
    client.create(PVCS, 'default', makeClaim('mine', { className: '', volumeName: 'theirs' }));
    run(1000);
    expect(pvc('big').status?.phase).toBe('Pending');
    expect(events('big')).toContain(
      'Warning VolumeMismatch: Cannot bind to requested volume "small": requested PV is too small',
    );
    expect(events('mine')).toContain(
      'Warning FailedBinding: volume "theirs" already bound to a different claim.',
    );
  });

  it('with no volume and no class, the claim stays Pending with FailedBinding, retried every resync', () => {
    const { client, run, pvc, events } = volumeCluster();
    client.create(PVCS, 'default', makeClaim('orphan', { className: null }));
    run(1000);
    expect(pvc('orphan').status?.phase).toBe('Pending');
    expect(events('orphan')).toEqual([
      'Normal FailedBinding: no persistent volumes available for this claim and no storage class is set',
    ]);
    // A volume that appears later is picked up.
    client.create(PVS, null, makeVolume('late', { capacity: '1Gi', className: '' }));
    run(PV_RESYNC_PERIOD_MS);
    expect(pvc('orphan').spec?.volumeName).toBe('late');
  });

  it('a claim with no class gets the default class once one exists (retroactive default)', () => {
    const { client, run, pvc } = volumeCluster();
    client.create(PVCS, 'default', makeClaim('old', { className: null }));
    run(1000);
    expect(pvc('old').spec?.storageClassName).toBeUndefined();
    client.create(STORAGE_CLASSES, null, makeClass('fast', 'example.com/fast', { isDefault: true }));
    run(PV_RESYNC_PERIOD_MS);
    expect(pvc('old').spec?.storageClassName).toBe('fast');
  });
});

describe('persistentvolume-binder: provisioning and delayed binding', () => {
  it('hands an immediate-binding claim to its external provisioner', () => {
    const { client, run, pvc, events } = volumeCluster();
    client.create(STORAGE_CLASSES, null, makeClass('fast', 'example.com/fast'));
    client.create(PVCS, 'default', makeClaim('data', { className: 'fast' }));
    run(1000);
    expect(pvc('data').metadata.annotations).toEqual({
      'volume.beta.kubernetes.io/storage-provisioner': 'example.com/fast',
      'volume.kubernetes.io/storage-provisioner': 'example.com/fast',
    });
    expect(events('data')[0]).toBe(
      `Normal ExternalProvisioning: ${externalProvisioningMessage('example.com/fast')}`,
    );
    expect(externalProvisioningMessage('example.com/fast')).toBe(
      "Waiting for a volume to be created either by the external provisioner 'example.com/fast' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.",
    );
    expect(pvc('data').status?.phase).toBe('Pending');
  });

  it('a WaitForFirstConsumer claim waits for a consumer, then for its pod to be scheduled', () => {
    const { client, run, pvc, events } = volumeCluster();
    client.create(
      STORAGE_CLASSES,
      null,
      makeClass('local', 'example.com/local', { volumeBindingMode: 'WaitForFirstConsumer' }),
    );
    client.create(PVS, null, makeVolume('free', { capacity: '5Gi', className: 'local' }));
    client.create(PVCS, 'default', makeClaim('data', { className: 'local' }));
    run(1000);
    expect(events('data')).toEqual([
      'Normal WaitForFirstConsumer: waiting for first consumer to be created before binding',
    ]);
    client.create(PODS, 'default', podWith('web-0', 'data'));
    run(PV_RESYNC_PERIOD_MS);
    expect(events('data')).toContain('Normal WaitForPodScheduled: waiting for pod web-0 to be scheduled');
    // The controller leaves the free volume to the scheduler and provisions nothing.
    expect(pvc('data').spec?.volumeName).toBeUndefined();
    expect(pvc('data').metadata.annotations).toBeUndefined();
    // Once the scheduler picks a node, the provisioner is asked.
    const claim = pvc('data');
    client.update(PVCS, {
      ...claim,
      metadata: { ...claim.metadata, annotations: { 'volume.kubernetes.io/selected-node': 'node-1' } },
    });
    run(1000);
    expect(pvc('data').metadata.annotations?.['volume.kubernetes.io/storage-provisioner']).toBe(
      'example.com/local',
    );
  });
});

describe('persistentvolume-binder: release and reclaim', () => {
  function bound(reclaimPolicy: string, path = '/mnt/data') {
    const t = volumeCluster();
    t.client.create(
      PVS,
      null,
      makeVolume('vol', { className: '', reclaimPolicy, source: { hostPath: { path } } }),
    );
    t.client.create(PVCS, 'default', makeClaim('data', { className: '' }));
    t.run(1000);
    expect(t.pv('vol').status?.phase).toBe('Bound');
    t.client.delete(PVCS, 'default', 'data');
    t.run(1000);
    return t;
  }

  it('Retain: the volume is Released and keeps its claimRef', () => {
    const { pv, exists, pvc } = bound('Retain');
    expect(exists(() => pvc('data'))).toBe(false);
    expect(pv('vol').status?.phase).toBe('Released');
    expect(pv('vol').spec?.claimRef?.name).toBe('data');
  });

  it('Delete: a hostPath volume under /tmp is deleted', () => {
    const { pv, exists } = bound('Delete', '/tmp/data');
    expect(exists(() => pv('vol'))).toBe(false);
  });

  it('Delete: a hostPath volume elsewhere cannot be deleted and fails', () => {
    const { pv, events } = bound('Delete', '/mnt/data');
    expect(pv('vol').status).toMatchObject({
      phase: 'Failed',
      message: 'host_path deleter only supports /tmp/.+ but received provided /mnt/data',
    });
    expect(events('vol', 'default')).toEqual([
      'Warning VolumeFailedDelete: host_path deleter only supports /tmp/.+ but received provided /mnt/data',
    ]);
  });

  it('a bound claim whose volume is gone is Lost', () => {
    const { client, run, pv, pvc, events } = volumeCluster();
    client.create(PVS, null, makeVolume('vol', { className: '' }));
    client.create(PVCS, 'default', makeClaim('data', { className: '' }));
    run(1000);
    // pv-protection keeps a bound volume: delete it, then drop its finalizer by hand.
    client.delete(PVS, null, 'vol');
    run(1000);
    expect(pv('vol').metadata.deletionTimestamp).toBeDefined();
    client.patch(PVS, null, 'vol', 'merge', { metadata: { finalizers: null } });
    run(1000);
    expect(pvc('data').status?.phase).toBe('Lost');
    expect(events('data')).toContain(
      'Warning ClaimLost: Bound claim has lost its PersistentVolume. Data on the volume is lost!',
    );
  });
});

describe('pvc-protection and pv-protection', () => {
  it('a claim in use by a scheduled pod stays Terminating until the pod is gone', () => {
    const { client, run, pvc, exists, forceDeletePod } = volumeCluster();
    client.create(PVS, null, makeVolume('vol', { className: '' }));
    client.create(PVCS, 'default', makeClaim('data', { className: '' }));
    client.create(PODS, 'default', podWith('web', 'data', 'node-1'));
    run(1000);
    expect(pvc('data').metadata.finalizers).toEqual(['kubernetes.io/pvc-protection']);
    client.delete(PVCS, 'default', 'data');
    run(5000);
    expect(pvc('data').metadata.deletionTimestamp).toBeDefined();
    expect(pvc('data').status?.phase).toBe('Bound');
    forceDeletePod('web');
    run(1000);
    expect(exists(() => pvc('data'))).toBe(false);
  });

  it('a claim only unscheduled pods use is deleted at once', () => {
    const { client, run, pvc, exists } = volumeCluster();
    client.create(PVCS, 'default', makeClaim('data', { className: '' }));
    client.create(PODS, 'default', podWith('pending', 'data'));
    run(1000);
    client.delete(PVCS, 'default', 'data');
    run(1000);
    expect(exists(() => pvc('data'))).toBe(false);
  });

  it('a bound volume stays Terminating until its claim lets go', () => {
    const { client, run, pv, exists } = volumeCluster();
    client.create(PVS, null, makeVolume('vol', { className: '' }));
    client.create(PVCS, 'default', makeClaim('data', { className: '' }));
    run(1000);
    expect(pv('vol').metadata.finalizers).toEqual(['kubernetes.io/pv-protection']);
    client.delete(PVS, null, 'vol');
    run(5000);
    expect(pv('vol').metadata.deletionTimestamp).toBeDefined();
    client.delete(PVCS, 'default', 'data');
    run(1000);
    expect(exists(() => pv('vol'))).toBe(false);
  });
});
