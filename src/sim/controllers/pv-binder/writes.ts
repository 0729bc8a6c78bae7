/**
 * The PV controller's writes (pv_controller.go): phases, the two-sided binding (the volume's
 * claimRef first, then the claim's volumeName), unbinding, and the annotations that hand a
 * claim to a provisioner. Each write goes to the controller's cache too, so the next sync
 * sees it even before the informer does.
 */
import { claimHasClass, defaultStorageClass } from '../../apiserver/storage-protection-admission';
import { compareQuantity } from '../../apiserver/validation/quantity';
import type { EventType } from '../../client/events';
import type { PvContext } from './context';
import { bindVolumeToClaim, storageQuantity } from './helpers';
import {
  ANN_BETA_STORAGE_PROVISIONER,
  ANN_BIND_COMPLETED,
  ANN_BOUND_BY_CONTROLLER,
  ANN_STORAGE_PROVISIONER,
  PVCS,
  PVS,
  hasAnnotation,
  withAnnotation,
  type Claim,
  type Volume,
} from './types';

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * updateClaimStatus: sets the claim's phase and, from its volume, the access modes and (when
 * it becomes Bound) the capacity; with no volume, clears both. Writes only what changed.
 */
export function updateClaimStatus(
  ctx: PvContext,
  claim: Claim,
  phase: string,
  volume: Volume | null,
  cause: number | null,
): Claim {
  const status = { ...claim.status };
  let dirty = false;
  if (status.phase !== phase) {
    status.phase = phase;
    dirty = true;
  }
  if (volume === null) {
    for (const field of ['accessModes', 'capacity'] as const) {
      if (status[field] === undefined) continue;
      delete status[field];
      dirty = true;
    }
  } else {
    if (!same(status.accessModes, volume.spec?.accessModes)) {
      status.accessModes = volume.spec?.accessModes ?? [];
      dirty = true;
    }
    if (claim.status?.phase !== phase) {
      const capacity = volume.spec?.capacity;
      if (capacity?.['storage'] === undefined)
        throw new Error(`PersistentVolume "${volume.metadata.name ?? ''}" is without a storage capacity`);
      const old = claim.status?.capacity?.['storage'];
      if (
        old === undefined ||
        compareQuantity(storageQuantity(capacity), storageQuantity({ storage: old })) !== 0
      ) {
        status.capacity = capacity;
        dirty = true;
      }
    }
  }
  if (!dirty) return claim;
  const updated = ctx.client.update<Claim>(PVCS, { ...claim, status }, 'status', cause);
  ctx.claims.store(updated);
  return updated;
}

/** updateClaimStatusWithEvent: like updateClaimStatus, with an event when the phase changes. */
export function updateClaimStatusWithEvent(
  ctx: PvContext,
  claim: Claim,
  phase: string,
  event: { type: EventType; reason: string; message: string },
  cause: number | null,
): Claim {
  if (claim.status?.phase === phase) return claim;
  const updated = updateClaimStatus(ctx, claim, phase, null, cause);
  ctx.recorder.event(updated, event.type, event.reason, event.message, cause);
  return updated;
}

/** updateVolumePhase: writes the volume's phase and message, if the phase changes. */
export function updateVolumePhase(
  ctx: PvContext,
  volume: Volume,
  phase: string,
  message: string,
  cause: number | null,
): Volume {
  if (volume.status?.phase === phase) return volume;
  const { message: _old, ...status } = volume.status ?? {};
  const next = { ...volume, status: { ...status, phase, ...(message === '' ? {} : { message }) } };
  const updated = ctx.client.update<Volume>(PVS, next, 'status', cause);
  ctx.volumes.store(updated);
  return updated;
}

/** updateVolumePhaseWithEvent: like updateVolumePhase, with an event when the phase changes. */
export function updateVolumePhaseWithEvent(
  ctx: PvContext,
  volume: Volume,
  phase: string,
  event: { type: EventType; reason: string; message: string },
  cause: number | null,
): Volume {
  if (volume.status?.phase === phase) return volume;
  const updated = updateVolumePhase(ctx, volume, phase, event.message, cause);
  ctx.recorder.event(updated, event.type, event.reason, event.message, cause);
  return updated;
}

/** bindClaimToVolume: the claim's volumeName, bound-by-controller (if it set it) and bind-completed. */
function bindClaimToVolume(ctx: PvContext, claim: Claim, volume: Volume, cause: number | null): Claim {
  let next = claim;
  let dirty = false;
  const name = volume.metadata.name ?? '';
  if (claim.spec?.volumeName !== name) {
    next = { ...next, spec: { ...next.spec, volumeName: name } };
    if (!hasAnnotation(next, ANN_BOUND_BY_CONTROLLER))
      next = withAnnotation(next, ANN_BOUND_BY_CONTROLLER, 'yes');
    dirty = true;
  }
  if (!hasAnnotation(next, ANN_BIND_COMPLETED)) {
    next = withAnnotation(next, ANN_BIND_COMPLETED, 'yes');
    dirty = true;
  }
  if (!dirty) return claim;
  const updated = ctx.client.update<Claim>(PVCS, next, undefined, cause);
  ctx.claims.store(updated);
  return updated;
}

/**
 * bind: saves the binding on both sides and marks both Bound, the volume first. Stops at
 * the first failed write; the next sync finishes the binding.
 */
export function bind(ctx: PvContext, volume: Volume, claim: Claim, cause: number | null): void {
  const step = ctx.decide(
    `binding volume ${volume.metadata.name ?? ''} to claim ${claim.metadata.namespace ?? ''}/${claim.metadata.name ?? ''}`,
    cause,
  );
  let pv = volume;
  const { volume: bound, dirty } = bindVolumeToClaim(volume, claim);
  if (dirty) {
    pv = ctx.client.update<Volume>(PVS, bound, undefined, step);
    ctx.volumes.store(pv);
  }
  pv = updateVolumePhase(ctx, pv, 'Bound', '', step);
  const pvc = bindClaimToVolume(ctx, claim, pv, step);
  updateClaimStatus(ctx, pvc, 'Bound', pv, step);
}

/**
 * unbindVolume: undoes a binding the claim does not share. A controller-made binding is
 * dropped entirely; a user's pre-binding keeps its claimRef without the uid. Then Available.
 */
export function unbindVolume(ctx: PvContext, volume: Volume, cause: number | null): void {
  let next: Volume;
  if (hasAnnotation(volume, ANN_BOUND_BY_CONTROLLER)) {
    const { claimRef: _ref, ...spec } = volume.spec ?? {};
    const { [ANN_BOUND_BY_CONTROLLER]: _ann, ...annotations } = volume.metadata.annotations ?? {};
    const { annotations: _all, ...rest } = volume.metadata;
    const metadata = Object.keys(annotations).length === 0 ? rest : { ...rest, annotations };
    next = { ...volume, metadata, spec };
  } else {
    const { uid: _uid, ...claimRef } = volume.spec?.claimRef ?? {};
    next = { ...volume, spec: { ...volume.spec, claimRef } };
  }
  const updated = ctx.client.update<Volume>(PVS, next, undefined, cause);
  ctx.volumes.store(updated);
  updateVolumePhase(ctx, updated, 'Available', '', cause);
}

/**
 * setClaimProvisioner: hands the claim to `provisioner` through the storage-provisioner
 * annotation (and its deprecated beta twin), which external provisioners watch for.
 */
export function setClaimProvisioner(
  ctx: PvContext,
  claim: Claim,
  provisioner: string,
  cause: number | null,
): Claim {
  if (claim.metadata.annotations?.[ANN_STORAGE_PROVISIONER] === provisioner) return claim;
  const next = withAnnotation(
    withAnnotation(claim, ANN_BETA_STORAGE_PROVISIONER, provisioner),
    ANN_STORAGE_PROVISIONER,
    provisioner,
  );
  const updated = ctx.client.update<Claim>(PVCS, next, undefined, cause);
  ctx.claims.store(updated);
  return updated;
}

/**
 * assignDefaultStorageClass: a claim that asked for no class gets the default one after the
 * fact (retroactive default StorageClass). Returns whether the claim was updated.
 */
export function assignDefaultStorageClass(ctx: PvContext, claim: Claim, cause: number | null): boolean {
  if (claimHasClass(claim)) return false;
  const sc = defaultStorageClass(ctx.classLister.list());
  if (sc === undefined) return false;
  const next = { ...claim, spec: { ...claim.spec, storageClassName: sc.metadata.name ?? '' } };
  ctx.client.update<Claim>(PVCS, next, undefined, cause);
  return true;
}
