/**
 * syncClaim (pv_controller.go): what the PV controller does with a claim. An unbound claim is
 * matched to a volume, handed to a provisioner through its class, left for the scheduler
 * when its class waits for the first consumer, or marked Pending; a claim that was bound
 * stays Bound, or becomes Lost when its volume is gone or belongs to another claim.
 */
import { compareQuantity } from '../../apiserver/validation/quantity';
import type { PvContext } from './context';
import {
  accessModesSatisfied,
  claimClass,
  isDelayBindingMode,
  isVolumeBoundToClaim,
  requestedStorage,
  storageQuantity,
  volumeClass,
  volumeModeMismatch,
} from './helpers';
import {
  ANN_BIND_COMPLETED,
  ANN_BOUND_BY_CONTROLLER,
  ANN_SELECTED_NODE,
  claimKey,
  hasAnnotation,
  isPodTerminated,
  podClaimNames,
  type Claim,
  type Volume,
} from './types';
import { findBestMatchForClaim } from './volume-index';
import {
  assignDefaultStorageClass,
  bind,
  setClaimProvisioner,
  updateClaimStatus,
  updateClaimStatusWithEvent,
} from './writes';

/** The message of the ExternalProvisioning event. */
export function externalProvisioningMessage(provisioner: string): string {
  return (
    `Waiting for a volume to be created either by the external provisioner '${provisioner}' ` +
    'or manually by the system administrator. If volume creation is delayed, please verify that ' +
    'the provisioner is running and correctly registered.'
  );
}

/** syncClaim: bound and unbound claims take different paths. */
export function syncClaim(ctx: PvContext, claim: Claim, cause: number | null): void {
  if (hasAnnotation(claim, ANN_BIND_COMPLETED)) syncBoundClaim(ctx, claim, cause);
  else syncUnboundClaim(ctx, claim, cause);
}

/**
 * emitEventForUnboundDelayBindingClaim: WaitForFirstConsumer while no pod uses the claim,
 * WaitForPodScheduled once pods do but none is scheduled yet.
 */
function emitEventForUnboundDelayBindingClaim(ctx: PvContext, claim: Claim, cause: number | null): void {
  const name = claim.metadata.name ?? '';
  const waiting = ctx.podLister
    .byNamespace(claim.metadata.namespace ?? '')
    .filter((p) => podClaimNames(p).includes(name) && !isPodTerminated(p) && (p.spec?.nodeName ?? '') === '')
    .map((p) => p.metadata.name ?? '');
  if (waiting.length === 0) {
    ctx.recorder.event(
      claim,
      'Normal',
      'WaitForFirstConsumer',
      'waiting for first consumer to be created before binding',
      cause,
    );
    return;
  }
  const message =
    waiting.length > 1
      ? `waiting for pods ${waiting.join(',')} to be scheduled`
      : `waiting for pod ${waiting[0] ?? ''} to be scheduled`;
  ctx.recorder.event(claim, 'Normal', 'WaitForPodScheduled', message, cause);
}

/**
 * provisionClaim (external provisioners only): names the class's provisioner on the claim
 * and says it is waiting for it. In-tree provisioners (`kubernetes.io/...`) are gone.
 */
function provisionClaim(ctx: PvContext, claim: Claim, cause: number | null): void {
  const name = claimClass(claim);
  const sc = ctx.classLister.get(name);
  if (sc === undefined) {
    const message = `storageclass.storage.k8s.io "${name}" not found`;
    ctx.recorder.event(claim, 'Warning', 'ProvisioningFailed', message, cause);
    return;
  }
  const provisioner = sc.provisioner ?? '';
  if (provisioner.startsWith('kubernetes.io/')) {
    ctx.recorder.event(
      claim,
      'Warning',
      'ProvisioningFailed',
      `no volume plugin matched name: ${provisioner}`,
      cause,
    );
    return;
  }
  const step = ctx.decide(`claim ${claimKey(claim)}: waiting for external provisioner ${provisioner}`, cause);
  const updated = setClaimProvisioner(ctx, claim, provisioner, step);
  ctx.recorder.event(
    updated,
    'Normal',
    'ExternalProvisioning',
    externalProvisioningMessage(provisioner),
    step,
  );
}

/** syncUnboundClaim: a claim whose binding has not completed yet. */
function syncUnboundClaim(ctx: PvContext, claim: Claim, cause: number | null): void {
  const volumeName = claim.spec?.volumeName ?? '';
  if (volumeName === '') {
    const delayBinding = isDelayBindingMode(claim, ctx.classLister);
    const volume = findBestMatchForClaim(claim, ctx.volumes.list(), delayBinding);
    if (volume !== undefined) return bind(ctx, volume, claim, cause);
    if (assignDefaultStorageClass(ctx, claim, cause)) return;
    if (delayBinding && !hasAnnotation(claim, ANN_SELECTED_NODE)) {
      emitEventForUnboundDelayBindingClaim(ctx, claim, cause);
    } else if (claimClass(claim) !== '') {
      return provisionClaim(ctx, claim, cause);
    } else {
      const message = 'no persistent volumes available for this claim and no storage class is set';
      ctx.recorder.event(claim, 'Normal', 'FailedBinding', message, cause);
    }
    updateClaimStatus(ctx, claim, 'Pending', null, cause);
    return;
  }
  const volume = ctx.volumes.get(volumeName);
  if (volume === undefined) {
    // The user asked for a volume that does not exist (yet): try again later.
    updateClaimStatus(ctx, claim, 'Pending', null, cause);
    return;
  }
  if (volume.spec?.claimRef === undefined) {
    const mismatch = checkVolumeSatisfyClaim(volume, claim);
    if (mismatch === null) return bind(ctx, volume, claim, cause);
    const message = `Cannot bind to requested volume "${volumeName}": ${mismatch}`;
    ctx.recorder.event(claim, 'Warning', 'VolumeMismatch', message, cause);
    updateClaimStatus(ctx, claim, 'Pending', null, cause);
    return;
  }
  if (isVolumeBoundToClaim(volume, claim)) return bind(ctx, volume, claim, cause);
  const message = `volume "${volumeName}" already bound to a different claim.`;
  ctx.recorder.event(claim, 'Warning', 'FailedBinding', message, cause);
  if (hasAnnotation(claim, ANN_BOUND_BY_CONTROLLER)) {
    const ref = volume.spec.claimRef;
    throw new Error(
      `invalid binding of claim "${claimKey(claim)}" to volume "${volumeName}": volume already claimed by "${ref.namespace ?? ''}/${ref.name ?? ''}"`,
    );
  }
  updateClaimStatus(ctx, claim, 'Pending', null, cause);
}

/** checkVolumeSatisfyClaim: why a requested volume cannot serve the claim, or null. */
function checkVolumeSatisfyClaim(volume: Volume, claim: Claim): string | null {
  if (volume.metadata.deletionTimestamp !== undefined)
    return `the volume is marked for deletion "${volume.metadata.name ?? ''}"`;
  if (compareQuantity(storageQuantity(volume.spec?.capacity), requestedStorage(claim)) < 0)
    return 'requested PV is too small';
  if (volumeClass(volume) !== claimClass(claim)) return 'storageClassName does not match';
  if (volumeModeMismatch(claim, volume)) return 'incompatible volumeMode';
  if (!accessModesSatisfied(claim, volume)) return 'incompatible accessMode';
  return null;
}

/** syncBoundClaim: a claim that was bound keeps its volume, or is Lost. */
function syncBoundClaim(ctx: PvContext, claim: Claim, cause: number | null): void {
  const volumeName = claim.spec?.volumeName ?? '';
  const lost = (reason: string, message: string) =>
    updateClaimStatusWithEvent(ctx, claim, 'Lost', { type: 'Warning', reason, message }, cause);
  if (volumeName === '')
    return void lost(
      'ClaimLost',
      'Bound claim has lost reference to PersistentVolume. Data on the volume is lost!',
    );
  const volume = ctx.volumes.get(volumeName);
  if (volume === undefined)
    return void lost('ClaimLost', 'Bound claim has lost its PersistentVolume. Data on the volume is lost!');
  const ref = volume.spec?.claimRef;
  // Unbound (or not yet seen bound), or correctly bound: (re)bind, which writes only what is missing.
  if (ref === undefined || ref.uid === claim.metadata.uid) return bind(ctx, volume, claim, cause);
  lost('ClaimMisbound', 'Two claims are bound to the same volume, this one is bound incorrectly');
}
