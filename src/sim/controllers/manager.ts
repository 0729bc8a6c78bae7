/**
 * kube-controller-manager: runs the controllers, all sharing one set of informers and one
 * identity towards kube-apiserver. Each controller lives in its own folder and registers
 * itself through a {@link ControllerDescriptor}.
 */
import type { ApiServer } from '../apiserver/apiserver';
import { Controller, type ControllerOptions } from '../client/controller';
import { InformerFactory } from '../client/factory';
import { ApiClient } from '../client/rest';
import type { Kernel } from '../kernel/kernel';

export const CONTROLLER_MANAGER_ID = 'control-plane/kube-controller-manager';

/** What a controller gets to work with. */
export interface ControllerContext {
  readonly kernel: Kernel;
  /** kube-controller-manager's connection to kube-apiserver. */
  readonly client: ApiClient;
  /** Shared informers: ask for the resources the controller watches. */
  readonly informers: InformerFactory;
  /** Creates the controller's work queue and workers (one per descriptor, usually). */
  controller(options: Omit<ControllerOptions, 'kernel' | 'component'>): Controller;
}

/** A controller as kube-controller-manager knows it: its upstream name and how to set it up. */
export interface ControllerDescriptor {
  /** The name `--controllers` uses upstream, e.g. `garbage-collector-controller`. */
  readonly name: string;
  /** Wires the controller's informers and handlers. Runs before informers start. */
  setup(ctx: ControllerContext): void;
}

export interface ControllerManager {
  readonly informers: InformerFactory;
  /** Starts informers, then workers; after {@link stop}, relists and catches up. */
  start(): void;
  /** Stops the process (a fault): its watches end and no controller syncs until started. */
  stop(): void;
  /** Whether kube-controller-manager runs. */
  readonly running: boolean;
}

export function createControllerManager(
  kernel: Kernel,
  apiserver: ApiServer,
  descriptors: readonly ControllerDescriptor[],
): ControllerManager {
  const client = new ApiClient(apiserver, CONTROLLER_MANAGER_ID, 'kube-controller-manager');
  const informers = new InformerFactory(kernel, client);
  const controllers: Controller[] = [];
  const ctx: ControllerContext = {
    kernel,
    client,
    informers,
    controller: (options) => {
      const c = new Controller({ ...options, kernel, component: CONTROLLER_MANAGER_ID });
      controllers.push(c);
      return c;
    },
  };
  for (const d of descriptors) d.setup(ctx);
  let running = false;
  return {
    informers,
    start() {
      running = true;
      informers.start();
      for (const c of controllers) c.start();
    },
    stop() {
      running = false;
      informers.stop();
      for (const c of controllers) c.stop();
    },
    get running() {
      return running;
    },
  };
}
