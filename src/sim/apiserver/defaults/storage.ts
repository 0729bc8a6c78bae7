/**
 * Defaults for `storage.k8s.io/v1`: StorageClass, CSIDriver and VolumeAttachment.
 * CSINode and CSIStorageCapacity have none.
 */
import type { CSIDriver, StorageClass, VolumeAttachment } from 'kubernetes-types/storage/v1';
import { child, isEmpty, isNil, present } from './util';
import { defaultPersistentVolumeSource } from './volumes';

/** StorageClass: provisioned volumes are deleted with their claim and bound immediately. */
export function defaultStorageClass(storageClass: StorageClass): void {
  if (isNil(storageClass.reclaimPolicy)) storageClass.reclaimPolicy = 'Delete';
  if (isNil(storageClass.volumeBindingMode)) storageClass.volumeBindingMode = 'Immediate';
}

/**
 * CSIDriver: volumes need attaching; no pod info on mount, no capacity tracking, no
 * periodic republish, no SELinux mount support; fsGroup applied for ReadWriteOnce volumes
 * with an fsType; persistent volumes only.
 */
export function defaultCSIDriver(driver: CSIDriver): void {
  const spec = child(driver, 'spec');
  if (!spec) return;
  if (isNil(spec.attachRequired)) spec.attachRequired = true;
  if (isNil(spec.podInfoOnMount)) spec.podInfoOnMount = false;
  if (isNil(spec.storageCapacity)) spec.storageCapacity = false;
  if (isNil(spec.fsGroupPolicy)) spec.fsGroupPolicy = 'ReadWriteOnceWithFSType';
  if (isEmpty(spec.volumeLifecycleModes)) spec.volumeLifecycleModes = ['Persistent'];
  if (isNil(spec.requiresRepublish)) spec.requiresRepublish = false;
  if (isNil(spec.seLinuxMount)) spec.seLinuxMount = false;
}

/** VolumeAttachment: an inline persistent volume spec gets its volume source defaults. */
export function defaultVolumeAttachment(attachment: VolumeAttachment): void {
  const spec = present(attachment, 'spec');
  const source = spec && present(spec, 'source');
  const inline = source && present(source, 'inlineVolumeSpec');
  if (inline) defaultPersistentVolumeSource(inline);
}
