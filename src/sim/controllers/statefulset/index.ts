/**
 * kube-controller-manager's StatefulSet controller (`statefulset-controller`, upstream's
 * pkg/controller/statefulset): runs pods with stable identities `<set>-0..n-1`, each with
 * its own PersistentVolumeClaims from the set's volumeClaimTemplates, created in order
 * (OrderedReady) or all at once (Parallel), updated by RollingUpdate (highest ordinal first,
 * down to the partition) or OnDelete, with every template recorded as a ControllerRevision.
 * Events come from `statefulset-controller`; every request names the trace step behind it.
 */
import type { ControllerDescriptor } from '../manager';
import { StatefulSetController } from './controller';

export { StatefulSetController } from './controller';
export { POD_INDEX_LABEL, POD_NAME_LABEL, REVISION_LABEL } from './types';

/** The StatefulSet controller, as kube-controller-manager registers it. */
export const statefulSet: ControllerDescriptor = {
  name: 'statefulset-controller',
  setup(ctx) {
    new StatefulSetController(ctx);
  },
};
