/**
 * The PersistentVolume controller (pv_controller_base.go): one work queue of claims and one of
 * volumes, each fed by its informer and by a full resync every 15 s (the controller's own
 * resync, --pvclaimbinder-sync-period). A worker syncs the informer's version of an object
 * only if it is not older than the controller's own cache; an object gone from the informer
 * is a deletion, which wakes the other side of the binding.
 *
 * Failed syncs are not retried through the queue, as upstream's plain queues are not: the
 * controller notes the error and the next resync tries again.
 */
import type { Controller } from '../../client/controller';
import { EventRecorder } from '../../client/events';
import type { Informer } from '../../client/informer';
import { objectKey } from '../../client/cache';
import type { ControllerContext } from '../manager';
import { syncClaim } from './claims';
import { ObjectCache, type PvContext } from './context';
import {
  PODS,
  PVCS,
  PVS,
  STORAGE_CLASSES,
  type Claim,
  type PodObject,
  type StorageClassObject,
  type Volume,
} from './types';
import { syncVolume } from './volumes';

/** The controller's resync period (kube-controller-manager's --pvclaimbinder-sync-period). */
export const PV_RESYNC_PERIOD_MS = 15_000;
/** The component its events come from. */
export const PV_CONTROLLER_COMPONENT = 'persistentvolume-controller';

export class PersistentVolumeController {
  readonly #ctx: PvContext;
  readonly #claimInformer: Informer<Claim>;
  readonly #volumeInformer: Informer<Volume>;
  readonly #claimQueue: Controller;
  readonly #volumeQueue: Controller;
  #initialized = false;

  constructor(kcm: ControllerContext) {
    this.#volumeInformer = kcm.informers.informerFor<Volume>(PVS);
    this.#claimInformer = kcm.informers.informerFor<Claim>(PVCS);
    const classes = kcm.informers.informerFor<StorageClassObject>(STORAGE_CLASSES);
    const pods = kcm.informers.informerFor<PodObject>(PODS);
    this.#claimQueue = kcm.controller({
      name: 'persistentvolume claims',
      sync: (key, cause) => this.#claimWorker(key, cause),
    });
    this.#volumeQueue = kcm.controller({
      name: 'persistentvolume volumes',
      sync: (key, cause) => this.#volumeWorker(key, cause),
    });
    this.#claimQueue.watch(this.#claimInformer);
    this.#volumeQueue.watch(this.#volumeInformer);
    this.#ctx = {
      client: kcm.client,
      recorder: new EventRecorder(kcm.kernel, kcm.client, PV_CONTROLLER_COMPONENT),
      volumeLister: this.#volumeInformer.lister,
      claimLister: this.#claimInformer.lister,
      classLister: classes.lister,
      podLister: pods.lister,
      volumes: new ObjectCache<Volume>(),
      claims: new ObjectCache<Claim>(),
      enqueueClaim: (key, cause) => this.#claimQueue.queue.add(key, cause),
      decide: (summary, cause) =>
        kcm.kernel.trace.emit({
          from: kcm.client.id,
          to: kcm.client.id,
          kind: 'decision',
          summary: `${PV_CONTROLLER_COMPONENT}: ${summary}`,
          causedBy: cause,
        }).id,
    };
    const resync = () => {
      for (const claim of this.#claimInformer.lister.list())
        this.#claimQueue.queue.add(objectKey(claim), null);
      for (const volume of this.#volumeInformer.lister.list())
        this.#volumeQueue.queue.add(objectKey(volume), null);
      kcm.kernel.schedule(PV_RESYNC_PERIOD_MS, `${PV_CONTROLLER_COMPONENT}: resync`, resync);
    };
    kcm.kernel.schedule(PV_RESYNC_PERIOD_MS, `${PV_CONTROLLER_COMPONENT}: resync`, resync);
  }

  /** initializeCaches: the controller's caches start from what the informers listed. */
  #initialize(): void {
    if (this.#initialized) return;
    this.#initialized = true;
    for (const volume of this.#volumeInformer.lister.list()) this.#ctx.volumes.store(volume);
    for (const claim of this.#claimInformer.lister.list()) this.#ctx.claims.store(claim);
  }

  /** Runs a sync; an error is noted (the resync retries), never thrown into the queue. */
  #guard(what: string, cause: number | null, sync: () => void): void {
    try {
      sync();
    } catch (error) {
      this.#ctx.decide(
        `could not sync ${what}: ${error instanceof Error ? error.message : String(error)}`,
        cause,
      );
    }
  }

  /** claimWorker: updateClaim for a claim the informer has, deleteClaim for one it lost. */
  #claimWorker(key: string, cause: number | null): void {
    this.#initialize();
    const claim = this.#claimInformer.lister.get(key);
    if (claim !== undefined) {
      if (this.#ctx.claims.store(claim))
        this.#guard(`claim ${key}`, cause, () => syncClaim(this.#ctx, claim, cause));
      return;
    }
    const deleted = this.#ctx.claims.get(key);
    if (deleted === undefined) return;
    this.#ctx.claims.delete(key);
    // Sync the volume now, rather than at the next resync, so it is Released at once.
    const volumeName = deleted.spec?.volumeName ?? '';
    if (volumeName !== '') this.#volumeQueue.queue.add(volumeName, cause);
  }

  /** volumeWorker: updateVolume for a volume the informer has, deleteVolume for one it lost. */
  #volumeWorker(key: string, cause: number | null): void {
    this.#initialize();
    const volume = this.#volumeInformer.lister.get(key);
    if (volume !== undefined) {
      if (this.#ctx.volumes.store(volume))
        this.#guard(`volume ${key}`, cause, () => syncVolume(this.#ctx, volume, cause));
      return;
    }
    const deleted = this.#ctx.volumes.get(key);
    if (deleted === undefined) return;
    this.#ctx.volumes.delete(key);
    // Sync the claim now, so it becomes Lost without waiting for the resync.
    const ref = deleted.spec?.claimRef;
    if (ref !== undefined) this.#claimQueue.queue.add(`${ref.namespace ?? ''}/${ref.name ?? ''}`, cause);
  }
}
