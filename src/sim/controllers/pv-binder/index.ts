/**
 * kube-controller-manager's PersistentVolume binder (`persistentvolume-binder-controller`,
 * pkg/controller/volume/persistentvolume): binds claims to volumes, hands claims to their
 * class's provisioner, marks volumes Released when their claim goes and carries out their
 * reclaim policy. Its events come from `persistentvolume-controller`.
 */
import type { ControllerDescriptor } from '../manager';
import { PersistentVolumeController } from './controller';

export { PV_CONTROLLER_COMPONENT, PV_RESYNC_PERIOD_MS, PersistentVolumeController } from './controller';
export { externalProvisioningMessage } from './claims';

/** The PersistentVolume binder controller. */
export const persistentVolumeBinder: ControllerDescriptor = {
  name: 'persistentvolume-binder-controller',
  setup(ctx) {
    new PersistentVolumeController(ctx);
  },
};
