/**
 * syncVolume (pv_controller.go): what the PV controller does with a volume. Unclaimed and
 * pre-bound volumes are Available; a volume whose claim is gone is Released and reclaimed
 * by its policy (Retain keeps it, Delete deletes it or leaves it to its external deleter,
 * Recycle scrubs it); one bound to a claim that went elsewhere is unbound again.
 */
import { ApiError } from '../../apiserver/status';
import type { PvContext } from './context';
import { volumeModeMismatch } from './helpers';
import {
  ANN_DYNAMICALLY_PROVISIONED,
  PVCS,
  PVS,
  hasAnnotation,
  isPodTerminated,
  podClaimNames,
  type Claim,
  type Volume,
} from './types';
import { unbindVolume, updateVolumePhase, updateVolumePhaseWithEvent } from './writes';

/** A claim by namespace and name from the API; undefined when it does not exist. */
function getClaim(ctx: PvContext, namespace: string, name: string, cause: number | null): Claim | undefined {
  try {
    return ctx.client.get<Claim>(PVCS, namespace, name, cause);
  } catch (error) {
    if (error instanceof ApiError && error.code === 404) return undefined;
    throw error;
  }
}

const releasedOrFailed = (v: Volume) => v.status?.phase === 'Released' || v.status?.phase === 'Failed';

/** syncVolume */
export function syncVolume(ctx: PvContext, volume: Volume, cause: number | null): void {
  const ref = volume.spec?.claimRef;
  // Unused, or reserved for a claim that has not bound yet (the claim's sync handles that).
  if (ref === undefined || (ref.uid ?? '') === '')
    return void updateVolumePhase(ctx, volume, 'Available', '', cause);
  const namespace = ref.namespace ?? '';
  const name = ref.name ?? '';
  const key = `${namespace}/${name}`;
  let claim = ctx.claims.get(key);
  // A provisioner or the scheduler may have bound the volume before the claim reached this
  // controller: look in the informer, then ask the apiserver, before reclaiming anything.
  if (claim === undefined && !releasedOrFailed(volume))
    claim = ctx.claimLister.get(key) ?? getClaim(ctx, namespace, name, cause);
  if (claim !== undefined && claim.metadata.uid !== ref.uid) {
    // The cached claim may be older than the claimRef: the apiserver decides.
    claim = getClaim(ctx, namespace, name, cause);
    if (claim?.metadata.uid !== ref.uid) claim = undefined;
  }
  if (claim === undefined) {
    const step = ctx.decide(
      `volume ${volume.metadata.name ?? ''}: claim ${key} is gone, reclaim policy ${volume.spec?.persistentVolumeReclaimPolicy ?? ''}`,
      cause,
    );
    const released = releasedOrFailed(volume) ? volume : updateVolumePhase(ctx, volume, 'Released', '', step);
    return reclaimVolume(ctx, released, step);
  }
  const claimVolume = claim.spec?.volumeName ?? '';
  if (claimVolume === '') {
    if (volumeModeMismatch(claim, volume)) {
      const pv = volume.metadata.name ?? '';
      const volumeMessage = `Cannot bind PersistentVolume to requested PersistentVolumeClaim "${name}" due to incompatible volumeMode.`;
      const claimMessage = `Cannot bind PersistentVolume "${pv}" to requested PersistentVolumeClaim due to incompatible volumeMode.`;
      ctx.recorder.event(volume, 'Warning', 'VolumeMismatch', volumeMessage, cause);
      ctx.recorder.event(claim, 'Warning', 'VolumeMismatch', claimMessage, cause);
      return;
    }
    // Bound on this side only (e.g. a freshly provisioned volume): the claim's sync finishes it.
    return ctx.enqueueClaim(key, cause);
  }
  if (claimVolume === volume.metadata.name) return void updateVolumePhase(ctx, volume, 'Bound', '', cause);
  // The claim is bound to another volume.
  if (
    hasAnnotation(volume, ANN_DYNAMICALLY_PROVISIONED) &&
    volume.spec?.persistentVolumeReclaimPolicy === 'Delete'
  ) {
    const released = releasedOrFailed(volume)
      ? volume
      : updateVolumePhase(ctx, volume, 'Released', '', cause);
    return reclaimVolume(ctx, released, cause);
  }
  unbindVolume(ctx, volume, cause);
}

/**
 * isVolumeReleased: the volume's claim is gone, or is bound to another volume; a volume with
 * no claimRef, or one reserved for a claim that has not bound yet, is not released.
 */
function isVolumeReleased(ctx: PvContext, volume: Volume): boolean {
  const ref = volume.spec?.claimRef;
  if (ref === undefined || (ref.uid ?? '') === '') return false;
  const claim = ctx.claims.get(`${ref.namespace ?? ''}/${ref.name ?? ''}`);
  if (claim === undefined || claim.metadata.uid !== ref.uid) return true;
  const bound = claim.spec?.volumeName ?? '';
  return bound !== '' && bound !== volume.metadata.name;
}

/** reclaimVolume: carries out the volume's reclaim policy. */
function reclaimVolume(ctx: PvContext, volume: Volume, cause: number | null): void {
  switch (volume.spec?.persistentVolumeReclaimPolicy) {
    case 'Retain':
      return;
    case 'Recycle':
      return recycleVolume(ctx, volume, cause);
    case 'Delete':
      return deleteVolume(ctx, volume, cause);
    default:
      updateVolumePhaseWithEvent(
        ctx,
        volume,
        'Failed',
        {
          type: 'Warning',
          reason: 'VolumeUnknownReclaimPolicy',
          message: 'Volume has unrecognized PersistentVolumeReclaimPolicy',
        },
        cause,
      );
  }
}

/** The volume's newest version from the API, for an operation about to act on it. */
function fresh(ctx: PvContext, volume: Volume, cause: number | null): Volume {
  return ctx.client.get<Volume>(PVS, null, volume.metadata.name ?? '', cause);
}

/**
 * recycleVolumeOperation (deprecated Recycle policy): hostPath and NFS volumes are scrubbed
 * (the recycler pod is not simulated) and made Available again; other volumes cannot be.
 */
function recycleVolume(ctx: PvContext, volume: Volume, cause: number | null): void {
  const current = fresh(ctx, volume, cause);
  if (!isVolumeReleased(ctx, current)) return;
  const namespace = current.spec?.claimRef?.namespace ?? '';
  const claimName = current.spec?.claimRef?.name ?? '';
  const users = ctx.podLister
    .byNamespace(namespace)
    .filter((p) => podClaimNames(p).includes(claimName) && !isPodTerminated(p))
    .map((p) => `${p.metadata.namespace ?? ''}/${p.metadata.name ?? ''}`);
  if (users.length > 0 && ctx.claims.get(`${namespace}/${claimName}`) === undefined) {
    ctx.recorder.event(
      current,
      'Normal',
      'VolumeFailedRecycle',
      `Volume is used by pods: ${users.join(',')}`,
      cause,
    );
    return;
  }
  if (current.spec?.hostPath === undefined && current.spec?.nfs === undefined) {
    const event = {
      type: 'Warning' as const,
      reason: 'VolumeFailedRecycle',
      message: 'No recycler plugin found for the volume!',
    };
    updateVolumePhaseWithEvent(ctx, current, 'Failed', event, cause);
    return;
  }
  ctx.recorder.event(current, 'Normal', 'VolumeRecycled', 'Volume recycled', cause);
  unbindVolume(ctx, current, cause);
}

/**
 * deleteVolumeOperation: volumes of external provisioners (dynamically provisioned ones,
 * and CSI volumes) are left to them; hostPath volumes under /tmp are deleted; anything else
 * has no deleter and the volume fails.
 */
function deleteVolume(ctx: PvContext, volume: Volume, cause: number | null): void {
  const current = fresh(ctx, volume, cause);
  if (!isVolumeReleased(ctx, current)) return;
  const name = volume.metadata.name ?? '';
  const provisioner = volume.metadata.annotations?.[ANN_DYNAMICALLY_PROVISIONED] ?? '';
  const external =
    (provisioner !== '' && !provisioner.startsWith('kubernetes.io/')) || volume.spec?.csi !== undefined;
  if (external) return;
  const path = volume.spec?.hostPath?.path;
  let error: string;
  if (path === undefined)
    error = `error getting deleter volume plugin for volume "${name}": no deletable volume plugin matched`;
  else if (!/\/tmp\/.+/.test(path))
    error = `host_path deleter only supports /tmp/.+ but received provided ${path}`;
  else {
    ctx.client.delete(PVS, null, name, {}, cause);
    return;
  }
  updateVolumePhaseWithEvent(
    ctx,
    volume,
    'Failed',
    { type: 'Warning', reason: 'VolumeFailedDelete', message: error },
    cause,
  );
}
