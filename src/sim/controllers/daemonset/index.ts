/**
 * kube-controller-manager's DaemonSet controller (`daemonset-controller`, upstream's
 * pkg/controller/daemon): runs one pod of each DaemonSet on every node its nodeSelector,
 * node affinity and taints allow, each pinned to its node by a required node affinity on
 * `metadata.name` (the scheduler binds it), with the tolerations every daemon pod gets.
 * Template changes roll out by RollingUpdate (maxUnavailable, maxSurge) or OnDelete, each
 * template recorded as a ControllerRevision. Events come from `daemonset-controller`.
 */
import type { ControllerDescriptor } from '../manager';
import { DaemonSetController } from './controller';

export { DaemonSetController } from './controller';
export { daemonTolerations, nodeShouldRunDaemonPod } from './nodes';

/** The DaemonSet controller, as kube-controller-manager registers it. */
export const daemonSet: ControllerDescriptor = {
  name: 'daemonset-controller',
  setup(ctx) {
    new DaemonSetController(ctx);
  },
};
