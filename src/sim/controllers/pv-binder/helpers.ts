/**
 * Matching claims to volumes (component-helpers' storage/volume pv_helpers and helpers), used
 * by the PV controller (no node) and by the scheduler's VolumeBinding plugin (a node).
 */
import type { ObjectReference } from 'kubernetes-types/core/v1';
import type { Lister } from '../../client/cache';
import { BETA_STORAGE_CLASS_ANNOTATION } from '../../apiserver/storage-protection-admission';
import {
  compareQuantity,
  isQuantityError,
  parseQuantity,
  type Quantity,
} from '../../apiserver/validation/quantity';
import { matchesLabels } from '../../apiserver/selectors';
import { selectorFromApi } from '../replicaset/types';
import {
  ANN_BOUND_BY_CONTROLLER,
  hasAnnotation,
  withAnnotation,
  type Claim,
  type StorageClassObject,
  type Volume,
} from './types';

const ZERO = parseQuantity('0') as Quantity;

/** A `storage` quantity of a resource list; 0 when missing or unparsable. */
export function storageQuantity(list: Readonly<Record<string, string>> | undefined): Quantity {
  const q = parseQuantity(list?.['storage'] ?? '0');
  return isQuantityError(q) ? ZERO : q;
}

/** The storage a claim requests. */
export function requestedStorage(claim: Claim): Quantity {
  return storageQuantity(claim.spec?.resources?.requests);
}

/** The class a claim asks for, '' for none; the beta annotation wins (GetPersistentVolumeClaimClass). */
export function claimClass(claim: Claim): string {
  const annotation = claim.metadata.annotations?.[BETA_STORAGE_CLASS_ANNOTATION];
  return annotation ?? claim.spec?.storageClassName ?? '';
}

/** The class a volume belongs to, '' for none (GetPersistentVolumeClass). */
export function volumeClass(volume: Volume): string {
  const annotation = volume.metadata.annotations?.[BETA_STORAGE_CLASS_ANNOTATION];
  return annotation ?? volume.spec?.storageClassName ?? '';
}

/**
 * Whether a volume is pre-bound or bound to this claim: same namespace and name, and the same
 * uid when the claimRef has one (IsVolumeBoundToClaim).
 */
export function isVolumeBoundToClaim(volume: Volume, claim: Claim): boolean {
  const ref = volume.spec?.claimRef;
  if (ref === undefined) return false;
  if (ref.name !== claim.metadata.name || ref.namespace !== claim.metadata.namespace) return false;
  return (ref.uid ?? '') === '' || ref.uid === claim.metadata.uid;
}

/** Whether the claim's and volume's modes differ, unset meaning Filesystem (CheckVolumeModeMismatches). */
export function volumeModeMismatch(claim: Claim, volume: Volume): boolean {
  return (claim.spec?.volumeMode ?? 'Filesystem') !== (volume.spec?.volumeMode ?? 'Filesystem');
}

/** Whether the volume offers every access mode the claim asks for (CheckAccessModes). */
export function accessModesSatisfied(claim: Claim, volume: Volume): boolean {
  const offered = new Set(volume.spec?.accessModes ?? []);
  return (claim.spec?.accessModes ?? []).every((m) => offered.has(m));
}

/** Where a volume search runs: the PV controller (no node) or the scheduler (a node). */
export interface MatchOptions {
  /** The PV controller skips unbound volumes of delayed-binding claims (the scheduler binds them). */
  readonly delayBinding: boolean;
  /** Scheduler path: whether the volume's node affinity admits the node being filtered. */
  readonly nodeAffinityOk?: (volume: Volume) => boolean;
  /** Scheduler path: volumes already chosen for the pod's other claims. */
  readonly excluded?: ReadonlySet<string>;
}

/**
 * The best volume for a claim (FindMatchingVolume): a volume pre-bound to it if any (none if
 * that one's node affinity does not fit), otherwise the smallest Available volume that is big
 * enough, of the same volume mode and class, matching the claim's selector (and, on the
 * scheduler path, the node and the access modes).
 */
export function findMatchingVolume(
  claim: Claim,
  volumes: readonly Volume[],
  options: MatchOptions,
): Volume | undefined {
  const requested = requestedStorage(claim);
  const wantedClass = claimClass(claim);
  const selector = claim.spec?.selector === undefined ? null : selectorFromApi(claim.spec.selector);
  let smallest: { volume: Volume; size: Quantity } | undefined;
  for (const volume of volumes) {
    if (options.excluded?.has(volume.metadata.name ?? '')) continue;
    if (volume.spec?.claimRef !== undefined && !isVolumeBoundToClaim(volume, claim)) continue;
    const size = storageQuantity(volume.spec?.capacity);
    if (compareQuantity(size, requested) < 0) continue;
    if (volumeModeMismatch(claim, volume)) continue;
    if (volume.metadata.deletionTimestamp !== undefined) continue;
    const nodeAffinityValid = options.nodeAffinityOk?.(volume) ?? true;
    if (isVolumeBoundToClaim(volume, claim)) return nodeAffinityValid ? volume : undefined;
    if (options.nodeAffinityOk === undefined && options.delayBinding) continue;
    if (volume.status?.phase !== 'Available') continue;
    if (selector !== null && !matchesLabels(selector, volume.metadata.labels)) continue;
    if (volumeClass(volume) !== wantedClass || !nodeAffinityValid) continue;
    if (options.nodeAffinityOk !== undefined && !accessModesSatisfied(claim, volume)) continue;
    if (smallest === undefined || compareQuantity(smallest.size, size) > 0) smallest = { volume, size };
  }
  return smallest?.volume;
}

/** The claimRef a binding writes (reference.GetReference of the claim). */
export function claimReference(claim: Claim): ObjectReference {
  return {
    kind: 'PersistentVolumeClaim',
    namespace: claim.metadata.namespace ?? '',
    name: claim.metadata.name ?? '',
    uid: claim.metadata.uid ?? '',
    apiVersion: 'v1',
    resourceVersion: claim.metadata.resourceVersion ?? '',
  };
}

/**
 * The volume bound to the claim (GetBindVolumeToClaim): claimRef set to the claim, and marked
 * bound-by-controller unless it was already pre-bound to it. `dirty` says whether it changed.
 */
export function bindVolumeToClaim(volume: Volume, claim: Claim): { volume: Volume; dirty: boolean } {
  const setByController = !isVolumeBoundToClaim(volume, claim);
  let out = volume;
  let dirty = false;
  const ref = volume.spec?.claimRef;
  if (
    ref === undefined ||
    ref.name !== claim.metadata.name ||
    ref.namespace !== claim.metadata.namespace ||
    ref.uid !== claim.metadata.uid
  ) {
    out = { ...out, spec: { ...out.spec, claimRef: claimReference(claim) } };
    dirty = true;
  }
  if (setByController && !hasAnnotation(out, ANN_BOUND_BY_CONTROLLER)) {
    out = withAnnotation(out, ANN_BOUND_BY_CONTROLLER, 'yes');
    dirty = true;
  }
  return { volume: out, dirty };
}

/**
 * Whether a claim waits for its first consumer (IsDelayBindingMode): its class exists and is
 * WaitForFirstConsumer. A missing class means immediate binding; a class without a binding
 * mode is an error.
 */
export function isDelayBindingMode(claim: Claim, classes: Lister<StorageClassObject>): boolean {
  const name = claimClass(claim);
  if (name === '') return false;
  const sc = classes.get(name);
  if (sc === undefined) return false;
  if (sc.volumeBindingMode === undefined)
    throw new Error(`VolumeBindingMode not set for StorageClass "${name}"`);
  return sc.volumeBindingMode === 'WaitForFirstConsumer';
}
