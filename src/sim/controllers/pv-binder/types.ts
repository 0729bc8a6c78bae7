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

/** The claim names a pod's volumes use (persistentVolumeClaim volumes only). */
export function podClaimNames(pod: PodObject): string[] {
  return (pod.spec?.volumes ?? []).flatMap((v) =>
    v.persistentVolumeClaim === undefined ? [] : [v.persistentVolumeClaim.claimName],
  );
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
