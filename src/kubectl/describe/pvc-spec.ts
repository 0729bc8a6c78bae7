/** The claim fields shared by `describe pvc` and an ephemeral volume's claim template. */
import type { PersistentVolumeClaimSpec, PersistentVolumeClaimStatus } from 'kubernetes-types/core/v1';
import type { ObjectMeta } from 'kubernetes-types/meta/v1';
import { since } from '../../sim/apiserver/printers/duration';
import { goList, printAnnotationsMultiline, printLabelsMultiline } from './format';
import { quantity, quantityString } from './quantity';
import { LEVEL_0, LEVEL_1, type PrefixWriter } from './writer';

/** The parts of a claim the describer reads (a template has no status). */
export interface ClaimView {
  readonly metadata?: ObjectMeta;
  readonly spec?: PersistentVolumeClaimSpec;
  readonly status?: PersistentVolumeClaimStatus;
}

const BETA_CLASS_ANNOTATION = 'volume.beta.kubernetes.io/storage-class';

/** The claim's storage class: the beta annotation if present, else spec.storageClassName. */
export function claimClass(claim: ClaimView): string {
  const annotations = claim.metadata?.annotations ?? {};
  if (BETA_CLASS_ANNOTATION in annotations) return annotations[BETA_CLASS_ANNOTATION] ?? '';
  return claim.spec?.storageClassName ?? '';
}

/** Access modes in kubectl's fixed order and short names: `RWO,ROX,RWX,RWOP`. */
export function accessModesString(modes: readonly string[] | undefined): string {
  const short: [string, string][] = [
    ['ReadWriteOnce', 'RWO'],
    ['ReadOnlyMany', 'ROX'],
    ['ReadWriteMany', 'RWX'],
    ['ReadWriteOncePod', 'RWOP'],
  ];
  return short
    .filter(([mode]) => (modes ?? []).includes(mode))
    .map(([, s]) => s)
    .join(',');
}

/**
 * Writes a claim's class, status, volume, labels, capacity and modes. A full claim
 * (`describe pvc`) also gets name, namespace, status and finalizers; `now` ages a deletion.
 */
export function printPersistentVolumeClaim(w: PrefixWriter, claim: ClaimView, full: boolean, now = 0): void {
  const meta = claim.metadata;
  if (full) {
    w.write(LEVEL_0, `Name:\t${meta?.name ?? ''}\n`);
    w.write(LEVEL_0, `Namespace:\t${meta?.namespace ?? ''}\n`);
  }
  w.write(LEVEL_0, `StorageClass:\t${claimClass(claim)}\n`);
  if (full) {
    if (meta?.deletionTimestamp) {
      w.write(LEVEL_0, `Status:\tTerminating (lasts ${since(meta.deletionTimestamp, now)})\n`);
    } else {
      w.write(LEVEL_0, `Status:\t${claim.status?.phase ?? ''}\n`);
    }
  }
  w.write(LEVEL_0, `Volume:\t${claim.spec?.volumeName ?? ''}\n`);
  printLabelsMultiline(w, 'Labels', meta?.labels);
  printAnnotationsMultiline(w, 'Annotations', meta?.annotations);
  if (full) w.write(LEVEL_0, `Finalizers:\t${goList(meta?.finalizers)}\n`);
  let capacity = '';
  let accessModes = '';
  if (claim.spec?.volumeName) {
    accessModes = accessModesString(claim.status?.accessModes);
    capacity = quantityString(quantity(claim.status?.capacity?.storage));
  }
  w.write(LEVEL_0, `Capacity:\t${capacity}\n`);
  w.write(LEVEL_0, `Access Modes:\t${accessModes}\n`);
  if (claim.spec?.volumeMode) w.write(LEVEL_0, `VolumeMode:\t${claim.spec.volumeMode}\n`);
  const source = claim.spec?.dataSource;
  if (source) {
    w.write(LEVEL_0, 'DataSource:\n');
    if (source.apiGroup !== undefined && source.apiGroup !== null)
      w.write(LEVEL_1, `APIGroup:\t${source.apiGroup}\n`);
    w.write(LEVEL_1, `Kind:\t${source.kind}\n`);
    w.write(LEVEL_1, `Name:\t${source.name}\n`);
  }
}
