/**
 * kube-controller-manager's PV protection controller (`persistentvolume-protection-controller`,
 * pkg/controller/volume/pvprotection): a volume being deleted keeps its
 * `kubernetes.io/pv-protection` finalizer while it is Bound to a claim, so deleting a bound
 * PersistentVolume leaves it Terminating until its claim lets go. Volumes created before the
 * admission plugin get the finalizer from here.
 */
import { PV_PROTECTION_FINALIZER } from '../../apiserver/storage-protection-admission';
import type { ControllerDescriptor } from '../manager';
import { PVS, type Volume } from '../pv-binder/types';
import { isDeletionCandidate, needToAddFinalizer } from '../pvc-protection';

/** The PV protection controller. */
export const pvProtection: ControllerDescriptor = {
  name: 'persistentvolume-protection-controller',
  setup(ctx) {
    const volumes = ctx.informers.informerFor<Volume>(PVS);
    const setFinalizers = (volume: Volume, finalizers: string[], cause: number | null) => {
      ctx.client.update(PVS, { ...volume, metadata: { ...volume.metadata, finalizers } }, undefined, cause);
    };

    const controller = ctx.controller({
      name: 'pvprotection',
      sync(name, cause) {
        const volume = volumes.lister.get(name);
        if (volume === undefined) return;
        const finalizers = volume.metadata.finalizers ?? [];
        // isBeingUsed: the PV controller keeps the phase Bound while a claim holds the volume.
        if (isDeletionCandidate(volume, PV_PROTECTION_FINALIZER) && volume.status?.phase !== 'Bound') {
          const step = ctx.kernel.trace.emit({
            from: ctx.client.id,
            to: ctx.client.id,
            kind: 'decision',
            summary: `pv-protection: volume ${name} is not bound, removing ${PV_PROTECTION_FINALIZER}`,
            causedBy: cause,
          }).id;
          return setFinalizers(
            volume,
            finalizers.filter((f) => f !== PV_PROTECTION_FINALIZER),
            step,
          );
        }
        if (needToAddFinalizer(volume, PV_PROTECTION_FINALIZER))
          setFinalizers(volume, [...finalizers, PV_PROTECTION_FINALIZER], cause);
      },
    });

    const changed = (volume: Volume, cause: number | null) => {
      if (
        needToAddFinalizer(volume, PV_PROTECTION_FINALIZER) ||
        isDeletionCandidate(volume, PV_PROTECTION_FINALIZER)
      )
        controller.queue.add(volume.metadata.name ?? '', cause);
    };
    volumes.addHandlers({ add: changed, update: (_old, volume, cause) => changed(volume, cause) });
  },
};
