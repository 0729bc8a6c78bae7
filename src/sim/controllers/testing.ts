/** Shared setup for controller tests. */
import { createCluster, type Cluster } from '../cluster';
import { createControllerManager, type ControllerDescriptor } from './manager';

/**
 * A cluster running only `descriptors` in its kube-controller-manager: no kubelets, no
 * scheduler, no cloud, no installed storage, so a test plays their parts and sees only what
 * the controllers do.
 */
export function clusterWith(descriptors: readonly ControllerDescriptor[], seed = 1): Cluster {
  const cluster = createCluster({
    seed,
    controllers: [],
    kubelets: false,
    scheduler: false,
    cloudProvider: false,
    storage: false,
  });
  createControllerManager(cluster.kernel, cluster.apiserver, descriptors).start();
  return cluster;
}
