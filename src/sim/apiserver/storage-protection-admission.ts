/**
 * kube-apiserver's storage admission plugins, in the mutating chain, for the CREATE of a
 * PersistentVolumeClaim or PersistentVolume:
 *
 * - DefaultStorageClass gives a claim that names no class (no `spec.storageClassName`, no beta
 *   `volume.beta.kubernetes.io/storage-class` annotation) the cluster's default StorageClass,
 *   the newest one when several are marked default. An explicit `""` is a class: no default.
 * - StorageObjectInUseProtection adds the `kubernetes.io/pvc-protection` finalizer to claims and
 *   `kubernetes.io/pv-protection` to volumes. The pvc-protection and pv-protection controllers
 *   remove them once no pod uses the claim, or no claim is bound to the volume.
 */
import type { RequestScope } from './handlers/scope';
import { findResource } from './resources';
import type { KubeObject } from './types';

/** The finalizer that keeps a claim while a pod uses it. */
export const PVC_PROTECTION_FINALIZER = 'kubernetes.io/pvc-protection';
/** The finalizer that keeps a volume while it is bound to a claim. */
export const PV_PROTECTION_FINALIZER = 'kubernetes.io/pv-protection';
/** The beta annotation that names a claim's or volume's class (it wins over the spec field). */
export const BETA_STORAGE_CLASS_ANNOTATION = 'volume.beta.kubernetes.io/storage-class';

const DEFAULT_CLASS_ANNOTATIONS = [
  'storageclass.kubernetes.io/is-default-class',
  'storageclass.beta.kubernetes.io/is-default-class',
];

const STORAGE_CLASSES = findResource('storage.k8s.io', 'v1', 'storageclasses');

/** Whether a StorageClass is marked default (storagehelpers.IsDefaultAnnotation). */
export function isDefaultStorageClass(sc: KubeObject): boolean {
  const annotations = sc.metadata.annotations ?? {};
  return DEFAULT_CLASS_ANNOTATIONS.some((a) => annotations[a] === 'true');
}

/**
 * The default StorageClass (volumeutil.GetDefaultClass): of the classes marked default, the
 * newest, then the first by name; undefined when none is.
 */
export function defaultStorageClass<T extends KubeObject>(classes: readonly T[]): T | undefined {
  const time = (sc: KubeObject) => Date.parse(sc.metadata.creationTimestamp ?? '') || 0;
  return classes
    .filter(isDefaultStorageClass)
    .sort((a, b) => time(b) - time(a) || (a.metadata.name ?? '').localeCompare(b.metadata.name ?? ''))[0];
}

/** Whether a claim asked for a class, even `""` (helper.PersistentVolumeClaimHasClass). */
export function claimHasClass(claim: KubeObject): boolean {
  if (claim.metadata.annotations?.[BETA_STORAGE_CLASS_ANNOTATION] !== undefined) return true;
  const spec = claim['spec'] as { storageClassName?: string | null } | undefined;
  return spec?.storageClassName !== undefined && spec.storageClassName !== null;
}

/** Whether the storage plugins look at this request: creating a claim or a volume itself. */
export function isStorageAdmissionTarget(scope: RequestScope, operation: 'CREATE' | 'UPDATE'): boolean {
  const r = scope.resource;
  return (
    operation === 'CREATE' &&
    scope.subresource === null &&
    r.group === '' &&
    (r.plural === 'persistentvolumeclaims' || r.plural === 'persistentvolumes')
  );
}

function withFinalizer(obj: KubeObject, finalizer: string): KubeObject {
  const finalizers = obj.metadata.finalizers ?? [];
  if (finalizers.includes(finalizer)) return obj;
  return { ...obj, metadata: { ...obj.metadata, finalizers: [...finalizers, finalizer] } };
}

/** Runs DefaultStorageClass and StorageObjectInUseProtection on a created claim or volume. */
export function storageAdmission(scope: RequestScope, obj: KubeObject): KubeObject {
  const plugins: string[] = [];
  let out = obj;
  if (scope.resource.plural === 'persistentvolumeclaims') {
    if (!claimHasClass(out) && STORAGE_CLASSES !== undefined) {
      const classes = scope.storage.list(STORAGE_CLASSES, null, {}, { causedBy: scope.step }).items;
      const def = defaultStorageClass(classes);
      if (def !== undefined) {
        out = { ...out, spec: { ...(out['spec'] as object), storageClassName: def.metadata.name } };
        plugins.push('DefaultStorageClass');
      }
    }
    const protectedClaim = withFinalizer(out, PVC_PROTECTION_FINALIZER);
    if (protectedClaim !== out) plugins.push('StorageObjectInUseProtection');
    out = protectedClaim;
  } else {
    const protectedVolume = withFinalizer(out, PV_PROTECTION_FINALIZER);
    if (protectedVolume !== out) plugins.push('StorageObjectInUseProtection');
    out = protectedVolume;
  }
  if (plugins.length > 0)
    scope.stage(`mutating admission: ${plugins.join(', ')}`, { plugins: plugins.join(',') });
  return out;
}
