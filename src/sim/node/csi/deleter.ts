/**
 * The external provisioner's volume side (sig-storage-lib-external-provisioner's syncVolume):
 * which volumes are the driver's, the deletion finalizer it keeps on volumes it must delete
 * (HonorPVReclaimPolicy), when to delete one, and deleting its PV after DeleteVolume.
 */
import { ApiError } from '../../apiserver/status';
import { objectKey } from '../../client/cache';
import type { ApiClient } from '../../client/rest';
import {
  ANN_DYNAMICALLY_PROVISIONED,
  PVS,
  PV_DELETION_PROTECTION_FINALIZER,
  type Volume,
} from '../../controllers/pv-binder/types';
import { DRIVER_NAME } from './driver';

/** isProvisionerForVolume: provisioned by this driver, or a static volume of this CSI driver. */
export function isProvisionerForVolume(volume: Volume): boolean {
  const provisioner = volume.metadata.annotations?.[ANN_DYNAMICALLY_PROVISIONED];
  return provisioner === undefined ? volume.spec?.csi?.driver === DRIVER_NAME : provisioner === DRIVER_NAME;
}

/**
 * handleProtectionFinalizer: a bound Delete-policy volume gets the finalizer, a Retain or
 * Recycle one loses it. Returns the volume as it now is.
 */
export function handleProtectionFinalizer(client: ApiClient, volume: Volume, cause: number | null): Volume {
  const finalizers = volume.metadata.finalizers ?? [];
  const has = finalizers.includes(PV_DELETION_PROTECTION_FINALIZER);
  const policy = volume.spec?.persistentVolumeReclaimPolicy;
  const bound = volume.status?.phase === 'Bound' && volume.metadata.deletionTimestamp === undefined;
  let next: string[] | undefined;
  if (policy === 'Delete' && !has && bound) next = [...finalizers, PV_DELETION_PROTECTION_FINALIZER];
  else if ((policy === 'Retain' || policy === 'Recycle') && has)
    next = finalizers.filter((f) => f !== PV_DELETION_PROTECTION_FINALIZER);
  if (next === undefined) return volume;
  const patch = { metadata: { finalizers: next.length === 0 ? null : next } };
  return client.patch<Volume>(PVS, null, objectKey(volume), 'merge', patch, cause);
}

/** shouldDelete: Released with policy Delete, and not deleted already (its finalizer gone). */
export function shouldDelete(volume: Volume): boolean {
  const has = (volume.metadata.finalizers ?? []).includes(PV_DELETION_PROTECTION_FINALIZER);
  if (!has && volume.metadata.deletionTimestamp !== undefined) return false;
  return volume.status?.phase === 'Released' && volume.spec?.persistentVolumeReclaimPolicy === 'Delete';
}

/** deleteVolumeOperation, after DeleteVolume: deletes the PV, then lets go of it (its finalizer). */
export function deletePersistentVolume(client: ApiClient, name: string, cause: number | null): void {
  try {
    const deleted = client.delete(PVS, null, name, {}, cause) as Volume;
    const finalizers = deleted.metadata?.finalizers ?? [];
    if (!finalizers.includes(PV_DELETION_PROTECTION_FINALIZER)) return;
    const rest = finalizers.filter((f) => f !== PV_DELETION_PROTECTION_FINALIZER);
    client.patch(
      PVS,
      null,
      name,
      'merge',
      { metadata: { finalizers: rest.length === 0 ? null : rest } },
      cause,
    );
  } catch (error) {
    if (!(error instanceof ApiError) || error.code !== 404) throw error;
  }
}
