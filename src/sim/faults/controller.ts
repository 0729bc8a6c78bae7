/**
 * The chaos controller: keeps the simulated world in step with the Fault objects, in the
 * manner of chaos tools driven by custom resources. It watches Faults (an informer whose
 * handlers only enqueue keys); `sync(name)` reads the cache and
 * - puts its finalizer on a new Fault, checks the target, applies the fault and writes the
 *   status (Active, or Applied for a one-shot fault, with the target and since; Failed with
 *   a message when the target does not exist);
 * - on a Fault marked for deletion, heals what it applied, then removes its finalizer so the
 *   apiserver lets the object go.
 * Every application and heal is a `chaos-controller -> <component>` step.
 */
import type { ApiServer } from '../apiserver/apiserver';
import { findResource, type ResourceInfo } from '../apiserver/resources';
import { ApiError } from '../apiserver/status';
import { Controller } from '../client/controller';
import { Informer } from '../client/informer';
import { ApiClient } from '../client/rest';
import type { ControllerManager } from '../controllers/manager';
import type { Kernel } from '../kernel/kernel';
import type { ClusterNetwork } from '../network/network';
import type { Kubelet } from '../node/kubelet';
import type { Scheduler } from '../scheduler';
import { containerKill } from './container-kill';
import { nodeMemoryPressure } from './node-memory-pressure';
import { controllerManagerStop, schedulerStop } from './control-plane-stop';
import {
  FAULT_FINALIZER,
  FAULT_GROUP,
  FAULT_VERSION,
  type Fault,
  type FaultStatus,
  type FaultType,
} from './crd';
import { kubeletStop } from './kubelet-stop';
import { nodeNetworkPartition } from './network-partition';
import { registryUnreachable } from './registry-unreachable';
import {
  CHAOS_CONTROLLER_ID,
  FaultTargetError,
  type ChaosWorld,
  type FaultHandler,
  type Injection,
  type StepTo,
} from './types';

export const FAULTS = findResource(FAULT_GROUP, FAULT_VERSION, 'faults') as ResourceInfo;

/** What the controller does for each fault type. */
const HANDLERS: Record<FaultType, FaultHandler> = {
  KubeletStop: kubeletStop,
  NodeNetworkPartition: nodeNetworkPartition,
  ContainerKill: containerKill,
  NodeMemoryPressure: nodeMemoryPressure,
  SchedulerStop: schedulerStop,
  ControllerManagerStop: controllerManagerStop,
  RegistryUnreachable: registryUnreachable,
};

/** The components the chaos controller acts on, as the composition root has them. */
export interface ChaosTargets {
  readonly kubelets: ReadonlyMap<string, Kubelet>;
  readonly scheduler: Scheduler | null;
  readonly controllerManager: ControllerManager | null;
  readonly network: ClusterNetwork | null;
}

export class ChaosController {
  readonly #world: ChaosWorld;
  readonly #faults: Informer<Fault>;
  readonly #controller: Controller;
  /** What is in effect, by the Fault's uid. */
  readonly #applied = new Map<string, Injection>();

  constructor(kernel: Kernel, apiserver: ApiServer, targets: ChaosTargets) {
    const client = new ApiClient(apiserver, CHAOS_CONTROLLER_ID, 'chaos-controller');
    this.#world = { kernel, client, ...targets };
    this.#faults = new Informer<Fault>(kernel, client, FAULTS);
    this.#controller = new Controller({
      kernel,
      name: 'chaos-controller',
      component: CHAOS_CONTROLLER_ID,
      sync: (key, cause) => this.sync(key, cause),
    });
    this.#controller.watch(this.#faults);
  }

  start(): void {
    this.#faults.start();
    this.#controller.start();
  }

  /** Reconciles the Fault named `key` (cluster-scoped: the key is its name). */
  sync(key: string, cause: number | null): void {
    const fault = this.#faults.lister.get(key);
    if (fault === undefined) return;
    const uid = fault.metadata.uid ?? '';
    const finalizers = fault.metadata.finalizers ?? [];
    if (fault.metadata.deletionTimestamp !== undefined) {
      if (!finalizers.includes(FAULT_FINALIZER)) return;
      const injection = this.#applied.get(uid);
      this.#applied.delete(uid);
      if (injection !== undefined && injection.oneShot !== true) injection.heal(this.#stepper(fault, cause));
      this.#update(
        {
          ...fault,
          metadata: { ...fault.metadata, finalizers: finalizers.filter((f) => f !== FAULT_FINALIZER) },
        },
        cause,
      );
      return;
    }
    if (!finalizers.includes(FAULT_FINALIZER)) {
      // The next sync (woken by this update) applies it.
      this.#update(
        { ...fault, metadata: { ...fault.metadata, finalizers: [...finalizers, FAULT_FINALIZER] } },
        cause,
      );
      return;
    }
    if (this.#applied.has(uid) || fault.status?.phase !== undefined) return;
    this.#apply(fault, cause);
  }

  #apply(fault: Fault, cause: number | null): void {
    const type = fault.spec?.type;
    const handler = type === undefined ? undefined : HANDLERS[type];
    const now = this.#world.kernel.clock.timestamp();
    if (fault.spec === undefined || handler === undefined) {
      return this.#status(
        fault,
        { phase: 'Failed', message: `fault type ${String(type)} is not supported` },
        cause,
      );
    }
    try {
      const injection = handler.apply(fault.spec, this.#world, this.#stepper(fault, cause));
      this.#applied.set(fault.metadata.uid ?? '', injection);
      const phase = injection.oneShot === true ? 'Applied' : 'Active';
      this.#status(fault, { phase, target: injection.target, since: now }, cause);
    } catch (error) {
      if (!(error instanceof FaultTargetError)) throw error;
      this.#status(fault, { phase: 'Failed', message: error.message }, cause);
    }
  }

  /** Steps from the chaos controller about one Fault. */
  #stepper(fault: Fault, cause: number | null): StepTo {
    return (to, summary) =>
      this.#world.kernel.trace.emit({
        from: CHAOS_CONTROLLER_ID,
        to,
        kind: 'request',
        summary: `Fault ${fault.metadata.name ?? ''} (${fault.spec?.type ?? '?'}): ${summary}`,
        causedBy: cause,
      }).id;
  }

  #update(fault: Fault, cause: number | null): void {
    try {
      this.#world.client.update(FAULTS, fault, undefined, cause);
    } catch (error) {
      // A conflict: the watch brings the newer version, whose sync tries again.
      if (!(error instanceof ApiError) || (error.code !== 409 && error.code !== 404)) throw error;
    }
  }

  #status(fault: Fault, status: FaultStatus, cause: number | null): void {
    const name = fault.metadata.name ?? '';
    this.#world.client.patch(FAULTS, null, name, 'merge', { status }, cause, 'status');
  }
}

/** Starts the chaos controller (the composition root does, next to the other components). */
export function startChaosController(
  kernel: Kernel,
  apiserver: ApiServer,
  targets: ChaosTargets,
): ChaosController {
  const controller = new ChaosController(kernel, apiserver, targets);
  controller.start();
  return controller;
}
