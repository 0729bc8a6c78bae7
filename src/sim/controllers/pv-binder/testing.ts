/**
 * Test builders for volumes, claims and classes (in the spirit of upstream's
 * newVolume/newClaim), shared by the PV controller's, the VolumeBinding plugin's and the
 * provisioner's tests.
 */
import type { PersistentVolumeSpec, VolumeNodeAffinity } from 'kubernetes-types/core/v1';
import type { LabelSelector } from 'kubernetes-types/meta/v1';
import { findResource, type ResourceInfo } from '../../apiserver/resources';
import { ApiError } from '../../apiserver/status';
import type { KubeObject } from '../../apiserver/types';
import { ApiClient, resourcePath } from '../../client/rest';
import type { ControllerDescriptor } from '../manager';
import { pvProtection } from '../pv-protection';
import { pvcProtection } from '../pvc-protection';
import { clusterWith } from '../testing';
import { persistentVolumeBinder } from '.';
import { PODS, PVCS, PVS, type Claim, type StorageClassObject, type Volume } from './types';

const EVENTS = findResource('', 'v1', 'events') as ResourceInfo;

/** What makeVolume sets. */
export interface VolumeOptions {
  readonly capacity?: string;
  readonly accessModes?: readonly string[];
  readonly className?: string;
  readonly volumeMode?: string;
  readonly phase?: string;
  readonly labels?: Readonly<Record<string, string>>;
  readonly annotations?: Readonly<Record<string, string>>;
  /** `namespace/name`, with `@uid` for a bound volume. */
  readonly claim?: string;
  readonly reclaimPolicy?: string;
  readonly deleting?: boolean;
  readonly nodeAffinity?: VolumeNodeAffinity;
  readonly source?: Partial<PersistentVolumeSpec>;
  readonly resourceVersion?: string;
}

/** A PersistentVolume (a hostPath one unless `source` says otherwise), Available by default. */
export function makeVolume(name: string, o: VolumeOptions = {}): Volume {
  const [ref, uid] = (o.claim ?? '').split('@');
  const [namespace, claimName] = (ref ?? '').split('/');
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolume',
    metadata: {
      name,
      ...(o.labels === undefined ? {} : { labels: { ...o.labels } }),
      ...(o.annotations === undefined ? {} : { annotations: { ...o.annotations } }),
      ...(o.deleting === true ? { deletionTimestamp: '2025-01-01T00:00:00Z' } : {}),
      ...(o.resourceVersion === undefined ? {} : { resourceVersion: o.resourceVersion }),
    },
    spec: {
      capacity: { storage: o.capacity ?? '1Gi' },
      accessModes: [...(o.accessModes ?? ['ReadWriteOnce'])],
      persistentVolumeReclaimPolicy: o.reclaimPolicy ?? 'Retain',
      volumeMode: o.volumeMode ?? 'Filesystem',
      ...(o.className === undefined ? {} : { storageClassName: o.className }),
      ...(o.claim === undefined
        ? {}
        : {
            claimRef: { kind: 'PersistentVolumeClaim', namespace, name: claimName, ...(uid ? { uid } : {}) },
          }),
      ...(o.nodeAffinity === undefined ? {} : { nodeAffinity: o.nodeAffinity }),
      ...(o.source ?? { hostPath: { path: `/mnt/${name}` } }),
    },
    status: { phase: o.phase ?? 'Available' },
  };
}

/** What makeClaim sets. */
export interface ClaimOptions {
  readonly namespace?: string;
  readonly uid?: string;
  readonly request?: string;
  readonly accessModes?: readonly string[];
  /** The class; `null` leaves spec.storageClassName unset. */
  readonly className?: string | null;
  readonly volumeMode?: string;
  readonly volumeName?: string;
  readonly selector?: LabelSelector;
  readonly annotations?: Readonly<Record<string, string>>;
}

/** A PersistentVolumeClaim for 1Gi RWO with no class by default. */
export function makeClaim(name: string, o: ClaimOptions = {}): Claim {
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: {
      name,
      namespace: o.namespace ?? 'default',
      ...(o.uid === undefined ? {} : { uid: o.uid }),
      ...(o.annotations === undefined ? {} : { annotations: { ...o.annotations } }),
    },
    spec: {
      accessModes: [...(o.accessModes ?? ['ReadWriteOnce'])],
      resources: { requests: { storage: o.request ?? '1Gi' } },
      ...(o.className === undefined || o.className === null ? {} : { storageClassName: o.className }),
      ...(o.volumeMode === undefined ? {} : { volumeMode: o.volumeMode }),
      ...(o.volumeName === undefined ? {} : { volumeName: o.volumeName }),
      ...(o.selector === undefined ? {} : { selector: o.selector }),
    },
  };
}

/** A StorageClass (immediate binding unless said otherwise). */
export function makeClass(
  name: string,
  provisioner: string,
  o: { volumeBindingMode?: string; reclaimPolicy?: string; isDefault?: boolean } = {},
): StorageClassObject {
  return {
    apiVersion: 'storage.k8s.io/v1',
    kind: 'StorageClass',
    metadata: {
      name,
      ...(o.isDefault === true
        ? { annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } }
        : {}),
    },
    provisioner,
    reclaimPolicy: o.reclaimPolicy ?? 'Delete',
    volumeBindingMode: o.volumeBindingMode ?? 'Immediate',
  };
}

/** The volume controllers of kube-controller-manager. */
export const VOLUME_CONTROLLERS: readonly ControllerDescriptor[] = [
  persistentVolumeBinder,
  pvcProtection,
  pvProtection,
];

/**
 * A cluster whose kube-controller-manager runs only `controllers` (the volume controllers by
 * default): no scheduler, kubelets, cloud or installed storage, so a test creates the volumes,
 * classes and pods it needs and plays the other components' parts.
 */
export function volumeCluster(controllers: readonly ControllerDescriptor[] = VOLUME_CONTROLLERS) {
  const cluster = clusterWith(controllers);
  const client = new ApiClient(cluster.apiserver, 'kubectl', 'kubectl');
  const run = (ms: number) => cluster.kernel.runUntil(cluster.kernel.clock.now() + ms);
  const pv = (name: string) => client.get<Volume>(PVS, null, name);
  const pvc = (name: string, ns = 'default') => client.get<Claim>(PVCS, ns, name);
  const exists = (read: () => unknown) => {
    try {
      read();
      return true;
    } catch (error) {
      if (error instanceof ApiError && error.code === 404) return false;
      throw error;
    }
  };
  /** `type reason: message` of the events about the object `name`, oldest first. */
  const events = (name: string, ns = 'default') =>
    client
      .list<
        KubeObject & { type?: string; reason?: string; message?: string; involvedObject?: { name?: string } }
      >(EVENTS, ns)
      .items.filter((e) => e.involvedObject?.name === name)
      .map((e) => `${e.type ?? ''} ${e.reason ?? ''}: ${e.message ?? ''}`);
  /** Deletes a pod at once (grace period 0), as kubelet's confirmation would. */
  const forceDeletePod = (name: string, ns = 'default') =>
    client.request('DELETE', resourcePath(PODS, ns, name), { query: { gracePeriodSeconds: '0' } });
  return { cluster, client, run, pv, pvc, exists, events, forceDeletePod };
}
