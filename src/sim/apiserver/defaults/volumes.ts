/**
 * Volume defaults: pod volumes (in pods and every pod template), the sources a
 * PersistentVolume can carry, and PersistentVolumeClaim specs (claims, StatefulSet claim
 * templates, ephemeral volumes).
 */
import type {
  AzureDiskVolumeSource,
  ISCSIPersistentVolumeSource,
  ISCSIVolumeSource,
  PersistentVolumeClaim,
  PersistentVolumeClaimSpec,
  PersistentVolumeSpec,
  RBDPersistentVolumeSource,
  RBDVolumeSource,
  ScaleIOPersistentVolumeSource,
  ScaleIOVolumeSource,
  Volume,
} from 'kubernetes-types/core/v1';
import { defaultFieldSelector } from './container';
import { child, isEmptyString, isNil, present, records } from './util';

/** File mode 0644, the default for files projected from secrets, config maps and the downward API. */
export const DEFAULT_FILE_MODE = 0o644;
/** A projected service account token lives for an hour unless the pod asks otherwise. */
export const DEFAULT_TOKEN_EXPIRATION_SECONDS = 3600;

/** A claim spec's volume is a mounted filesystem unless it asks for a raw block device. */
export function defaultClaimSpec(spec: PersistentVolumeClaimSpec): void {
  if (isNil(spec.volumeMode)) spec.volumeMode = 'Filesystem';
}

/** Claims start `Pending`; the claim spec gets its own defaults. */
export function defaultClaim(claim: PersistentVolumeClaim): void {
  const spec = child(claim, 'spec');
  if (spec) defaultClaimSpec(spec);
  const status = child(claim, 'status');
  if (status && isEmptyString(status.phase)) status.phase = 'Pending';
}

function defaultISCSI(source: ISCSIVolumeSource | ISCSIPersistentVolumeSource): void {
  if (isEmptyString(source.iscsiInterface)) source.iscsiInterface = 'default';
}

function defaultRBD(source: RBDVolumeSource | RBDPersistentVolumeSource): void {
  if (isEmptyString(source.pool)) source.pool = 'rbd';
  if (isEmptyString(source.user)) source.user = 'admin';
  if (isEmptyString(source.keyring)) source.keyring = '/etc/ceph/keyring';
}

function defaultAzureDisk(source: AzureDiskVolumeSource): void {
  if (isNil(source.cachingMode)) source.cachingMode = 'ReadWrite';
  if (isNil(source.kind)) source.kind = 'Shared';
  if (isNil(source.fsType)) source.fsType = 'ext4';
  if (isNil(source.readOnly)) source.readOnly = false;
}

function defaultScaleIO(source: ScaleIOVolumeSource | ScaleIOPersistentVolumeSource): void {
  if (isEmptyString(source.storageMode)) source.storageMode = 'ThinProvisioned';
  if (isEmptyString(source.fsType)) source.fsType = 'xfs';
}

/** The volume sources shared by pod volumes and persistent volumes. */
function defaultSharedSources(volume: Volume | PersistentVolumeSpec): void {
  const hostPath = present(volume, 'hostPath');
  if (hostPath && isNil(hostPath.type)) hostPath.type = '';
  const iscsi = present(volume, 'iscsi');
  if (iscsi) defaultISCSI(iscsi);
  const rbd = present(volume, 'rbd');
  if (rbd) defaultRBD(rbd);
  const azureDisk = present(volume, 'azureDisk');
  if (azureDisk) defaultAzureDisk(azureDisk);
  const scaleIO = present(volume, 'scaleIO');
  if (scaleIO) defaultScaleIO(scaleIO);
}

/** Defaults the volume source carried by a PersistentVolume spec (or an inline one). */
export function defaultPersistentVolumeSource(spec: PersistentVolumeSpec): void {
  defaultSharedSources(spec);
}

/**
 * Defaults one pod volume. A volume naming no source at all becomes an `emptyDir`;
 * projected files get mode 0644, field references `apiVersion: v1`, tokens an hour.
 */
export function defaultVolume(volume: Volume): void {
  const hasSource = Object.entries(volume).some(([key, value]) => key !== 'name' && !isNil(value));
  if (!hasSource) volume.emptyDir = {};
  defaultSharedSources(volume);
  for (const key of ['secret', 'configMap', 'downwardAPI', 'projected'] as const) {
    const source = present(volume, key);
    if (source && isNil(source.defaultMode)) source.defaultMode = DEFAULT_FILE_MODE;
  }
  for (const item of records(present(volume, 'downwardAPI')?.items)) {
    const fieldRef = present(item, 'fieldRef');
    if (fieldRef) defaultFieldSelector(fieldRef);
  }
  for (const projection of records(present(volume, 'projected')?.sources)) {
    for (const item of records(present(projection, 'downwardAPI')?.items)) {
      const fieldRef = present(item, 'fieldRef');
      if (fieldRef) defaultFieldSelector(fieldRef);
    }
    const token = present(projection, 'serviceAccountToken');
    if (token && isNil(token.expirationSeconds)) {
      token.expirationSeconds = DEFAULT_TOKEN_EXPIRATION_SECONDS;
    }
  }
  const ephemeral = present(volume, 'ephemeral');
  const claimTemplate = ephemeral && present(ephemeral, 'volumeClaimTemplate');
  const claimSpec = claimTemplate && child(claimTemplate, 'spec');
  if (claimSpec) defaultClaimSpec(claimSpec);
}
