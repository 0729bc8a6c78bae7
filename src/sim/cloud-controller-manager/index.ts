/**
 * cloud-controller-manager: the control-plane process that links the cluster to its cloud
 * provider, here the simulated `kubelab` cloud. It runs upstream's three cloud controllers —
 * service (load balancers), cloud-node (node initialization) and route (pod CIDR routes) —
 * as its own API client, `control-plane/cloud-controller-manager`.
 */
import type { ApiServer } from '../apiserver/apiserver';
import type { Kernel } from '../kernel/kernel';
import {
  createCloudControllerManager,
  type CloudControllerDescriptor,
  type CloudControllerManager,
} from './manager';
import { cloudNodeController } from './node';
import { routeController } from './route';
import { serviceController } from './service';

export { KubelabCloud, PROVIDER_NAME, REGION, ZONES } from './cloud';
export {
  CLOUD_CONTROLLER_MANAGER_FIELD_MANAGER,
  CLOUD_CONTROLLER_MANAGER_ID,
  createCloudControllerManager,
  type CloudControllerContext,
  type CloudControllerDescriptor,
  type CloudControllerManager,
} from './manager';
export { LB_CLEANUP_FINALIZER } from './service';

/** The cloud controllers, in upstream's start order. */
export const CLOUD_CONTROLLERS: readonly CloudControllerDescriptor[] = [
  cloudNodeController,
  serviceController,
  routeController,
];

/**
 * Bare metal: a cluster that does not start the cloud-controller-manager has no cloud. Nothing
 * else depends on the CCM — kube-apiserver still allocates a LoadBalancer Service's ClusterIP
 * and NodePorts, kube-proxy serves them — but no one provisions a load balancer, so
 * `status.loadBalancer` stays empty and `kubectl get svc` shows EXTERNAL-IP `<pending>`
 * (reach the Service through a NodePort, or install a bare-metal load balancer such as
 * MetalLB). Nodes keep no providerID, cloud labels or ExternalIP, and pod routes are the CNI
 * overlay's business.
 */
export const BARE_METAL =
  'Without a cloud-controller-manager, LoadBalancer Services keep EXTERNAL-IP <pending>: use their NodePorts.';

/** Starts the cloud-controller-manager with every cloud controller against `apiserver`. */
export function startCloudControllerManager(kernel: Kernel, apiserver: ApiServer): void {
  startCloudControllerManagerWith(kernel, apiserver, CLOUD_CONTROLLERS);
}

/** Starts the cloud-controller-manager with only `descriptors`; returns it (and its cloud). */
export function startCloudControllerManagerWith(
  kernel: Kernel,
  apiserver: ApiServer,
  descriptors: readonly CloudControllerDescriptor[],
): CloudControllerManager {
  const ccm = createCloudControllerManager(kernel, apiserver, descriptors);
  ccm.start();
  return ccm;
}
