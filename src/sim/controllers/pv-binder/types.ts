/**
 * What the volume controllers, the scheduler's VolumeBinding plugin and the CSI external
 * provisioner share (upstream's component-helpers/storage/volume): the resources, the
 * annotations that carry the binding protocol between them, and typed views of the objects.
 */
import type {
  PersistentVolumeClaimSpec,
  PersistentVolumeClaimStatus,
  PersistentVolumeSpec,
  PersistentVolumeStatus,
  PodSpec,
  PodStatus,
} from 'kubernetes-types/core/v1';
import type { TopologySelectorTerm } from 'kubernetes-types/core/v1';
import { findResource, type ResourceInfo } from '../../apiserver/resources';
import type { KubeObject } from '../../apiserver/types';

function resource(group: string, plural: string): ResourceInfo {
  const info = findResource(group, 'v1', plural);
  if (info === undefined) throw new Error(`no resource ${group}/v1 ${plural}`);
  return info;
}

export const PVS = resource('', 'persistentvolumes');
export const PVCS = resource('', 'persistentvolumeclaims');
export const PODS = resource('', 'pods');
export const NODES = resource('', 'nodes');
export const STORAGE_CLASSES = resource('storage.k8s.io', 'storageclasses');
export const CSI_NODES = resource('storage.k8s.io', 'csinodes');
export const CSI_DRIVERS = resource('storage.k8s.io', 'csidrivers');

/** A PersistentVolume as the apiserver serves it. */
export type Volume = KubeObject & { spec?: PersistentVolumeSpec; status?: PersistentVolumeStatus };
/** A PersistentVolumeClaim as the apiserver serves it. */
export type Claim = KubeObject & { spec?: PersistentVolumeClaimSpec; status?: PersistentVolumeClaimStatus };
/** A storage.k8s.io/v1 StorageClass. */
export type StorageClassObject = KubeObject & {
  provisioner?: string;
  parameters?: Record<string, string>;
  reclaimPolicy?: string;
  volumeBindingMode?: string;
  allowedTopologies?: TopologySelectorTerm[];
  mountOptions?: string[];
};
/** A Pod, as far as its volumes go. */
export type PodObject = KubeObject & { spec?: PodSpec; status?: PodStatus };

/** On a claim: its binding finished once (the controller then treats a lost volume as Lost). */
export const ANN_BIND_COMPLETED = 'pv.kubernetes.io/bind-completed';
/** On a volume or claim: the controller, not the user, made the binding. */
export const ANN_BOUND_BY_CONTROLLER = 'pv.kubernetes.io/bound-by-controller';
/** On a claim: the node the scheduler chose for its first consumer (delayed binding). */
export const ANN_SELECTED_NODE = 'volume.kubernetes.io/selected-node';
/** On a volume: who provisioned it dynamically. */
export const ANN_DYNAMICALLY_PROVISIONED = 'pv.kubernetes.io/provisioned-by';
/** On a claim: the provisioner that should provision it. */
export const ANN_STORAGE_PROVISIONER = 'volume.kubernetes.io/storage-provisioner';
/** The deprecated beta name of {@link ANN_STORAGE_PROVISIONER}, still set alongside it. */
export const ANN_BETA_STORAGE_PROVISIONER = 'volume.beta.kubernetes.io/storage-provisioner';
/** A class provisioner meaning "no dynamic provisioning" (local volumes). */
export const NOT_SUPPORTED_PROVISIONER = 'kubernetes.io/no-provisioner';
/** The finalizer the external provisioner puts on volumes it must delete (HonorPVReclaimPolicy). */
export const PV_DELETION_PROTECTION_FINALIZER = 'external-provisioner.volume.kubernetes.io/finalizer';

/** `namespace/name` of a claim. */
export function claimKey(claim: KubeObject): string {
  return `${claim.metadata.namespace ?? ''}/${claim.metadata.name ?? ''}`;
}

/** Whether an object carries an annotation (metav1.HasAnnotation). */
export function hasAnnotation(obj: KubeObject, key: string): boolean {
  return obj.metadata.annotations?.[key] !== undefined;
}

/** A copy of `obj` with an annotation set. */
export function withAnnotation<T extends KubeObject>(obj: T, key: string, value: string): T {
  return {
    ...obj,
    metadata: { ...obj.metadata, annotations: { ...obj.metadata.annotations, [key]: value } },
  };
}

/** One of a pod's volumes that is backed by a claim, and that claim's name. */
export interface PodVolumeClaim {
  readonly volume: PodVolume;
  readonly claimName: string;
  /** A generic ephemeral volume: its claim must be owned by the pod. */
  readonly ephemeral: boolean;
}

type PodVolume = NonNullable<PodSpec['volumes']>[number];

/** ephemeral.VolumeClaimName: the claim of a generic ephemeral volume is `<pod>-<volume>`. */
export function ephemeralClaimName(pod: KubeObject, volume: { readonly name: string }): string {
  return `${pod.metadata.name ?? ''}-${volume.name}`;
}

/**
 * ephemeral.VolumeIsForPod: null when the claim of an ephemeral volume was made for the pod
 * (the pod is its owner), else the error upstream reports.
 */
export function volumeIsForPod(pod: KubeObject, claim: KubeObject): string | null {
  const owned = (claim.metadata.ownerReferences ?? []).some((r) => r.uid === pod.metadata.uid);
  if (owned) return null;
  const ns = claim.metadata.namespace ?? '';
  return `PVC ${ns}/${claim.metadata.name ?? ''} was not created for pod ${pod.metadata.namespace ?? ''}/${pod.metadata.name ?? ''} (pod is not owner)`;
}

/** The claim behind one pod volume (persistentVolumeClaim or generic ephemeral), if any. */
export function volumeClaim(pod: KubeObject, volume: PodVolume): PodVolumeClaim | undefined {
  if (volume.persistentVolumeClaim !== undefined)
    return { volume, claimName: volume.persistentVolumeClaim.claimName, ephemeral: false };
  if (volume.ephemeral !== undefined)
    return { volume, claimName: ephemeralClaimName(pod, volume), ephemeral: true };
  return undefined;
}

/** The pod's volumes that are backed by claims, in spec order. */
export function podVolumeClaims(pod: PodObject): PodVolumeClaim[] {
  return (pod.spec?.volumes ?? []).flatMap((v) => volumeClaim(pod, v) ?? []);
}

/** The claim names a pod's volumes use: persistentVolumeClaim and generic ephemeral volumes. */
export function podClaimNames(pod: PodObject): string[] {
  return podVolumeClaims(pod).map((c) => c.claimName);
}

/**
 * Whether a pod is done with its volumes (volumeutil.IsPodTerminated): it succeeded or
 * failed, or it is being deleted and none of its containers runs any more.
 */
export function isPodTerminated(pod: PodObject): boolean {
  const phase = pod.status?.phase;
  if (phase === 'Failed' || phase === 'Succeeded') return true;
  if (pod.metadata.deletionTimestamp === undefined) return false;
  const statuses = [
    ...(pod.status?.initContainerStatuses ?? []),
    ...(pod.status?.containerStatuses ?? []),
    ...(pod.status?.ephemeralContainerStatuses ?? []),
  ];
  return statuses.every((s) => s.state?.terminated !== undefined || s.state?.waiting !== undefined);
}
