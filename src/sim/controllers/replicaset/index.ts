/**
 * kube-controller-manager's ReplicaSet and ReplicationController controllers. Upstream runs
 * both with the same code (pkg/controller/replicaset), ReplicationControllers converted to
 * ReplicaSets on the way in and out; here both are {@link ReplicaSetController}s, one per kind.
 */
import type { ControllerDescriptor } from '../manager';
import { ReplicaSetController } from './controller';
import { REPLICA_SET, REPLICATION_CONTROLLER } from './types';

export { BURST_REPLICAS, ReplicaSetController } from './controller';
export { EXPECTATIONS_TIMEOUT_MS } from './expectations';
export { POD_DELETION_COST } from './pods';

/** The ReplicaSet controller (`replicaset-controller`). */
export const replicaSet: ControllerDescriptor = {
  name: 'replicaset-controller',
  setup(ctx) {
    new ReplicaSetController(ctx, REPLICA_SET);
  },
};

/** The ReplicationController controller (`replicationcontroller-controller`). */
export const replicationController: ControllerDescriptor = {
  name: 'replicationcontroller-controller',
  setup(ctx) {
    new ReplicaSetController(ctx, REPLICATION_CONTROLLER);
  },
};
