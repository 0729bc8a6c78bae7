/**
 * cloud-controller-manager's composition. kube-controller-manager's createControllerManager
 * fixes its client identity, so the CCM builds the same {@link ControllerContext} here with
 * its own: requests come from `control-plane/cloud-controller-manager` under field manager
 * `cloud-controller-manager`, over informers of its own, and controllers also get the cloud.
 */
import type { ApiServer } from '../apiserver/apiserver';
import { Controller } from '../client/controller';
import { EventRecorder } from '../client/events';
import { InformerFactory } from '../client/factory';
import { ApiClient } from '../client/rest';
import type { ControllerContext } from '../controllers/manager';
import type { Kernel } from '../kernel/kernel';
import { KubelabCloud } from './cloud';

/** The CCM's component id (topology and trace). */
export const CLOUD_CONTROLLER_MANAGER_ID = 'control-plane/cloud-controller-manager';
/** The field manager of the CCM's writes. */
export const CLOUD_CONTROLLER_MANAGER_FIELD_MANAGER = 'cloud-controller-manager';

/** What a cloud controller gets: kube-controller-manager's context plus the cloud. */
export interface CloudControllerContext extends ControllerContext {
  readonly cloud: KubelabCloud;
  /** An event recorder reporting as `component` (e.g. `service-controller`). */
  recorder(component: string): EventRecorder;
}

/** A cloud controller: its upstream name and how it wires itself. */
export interface CloudControllerDescriptor {
  /** The name `--controllers` uses upstream (`service`, `cloud-node`, `route`...). */
  readonly name: string;
  setup(ctx: CloudControllerContext): void;
}

/** A running cloud-controller-manager. */
export interface CloudControllerManager {
  readonly cloud: KubelabCloud;
  readonly informers: InformerFactory;
  start(): void;
}

/** Builds the CCM around `descriptors`; call `start()` to list, watch and work. */
export function createCloudControllerManager(
  kernel: Kernel,
  apiserver: ApiServer,
  descriptors: readonly CloudControllerDescriptor[],
  cloud: KubelabCloud = new KubelabCloud(kernel),
): CloudControllerManager {
  const client = new ApiClient(
    apiserver,
    CLOUD_CONTROLLER_MANAGER_ID,
    CLOUD_CONTROLLER_MANAGER_FIELD_MANAGER,
  );
  const informers = new InformerFactory(kernel, client);
  const controllers: Controller[] = [];
  const ctx: CloudControllerContext = {
    kernel,
    client,
    informers,
    cloud,
    controller: (options) => {
      const c = new Controller({ ...options, kernel, component: CLOUD_CONTROLLER_MANAGER_ID });
      controllers.push(c);
      return c;
    },
    recorder: (component) => new EventRecorder(kernel, client, component),
  };
  for (const d of descriptors) d.setup(ctx);
  return {
    cloud,
    informers,
    start() {
      informers.start();
      for (const c of controllers) c.start();
    },
  };
}
