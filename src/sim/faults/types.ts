/**
 * What a fault handler gets to work with and gives back. The chaos controller is an API
 * client like every controller; to act on the simulated world it holds the components'
 * fault hooks (as a real chaos tool's node agents hold the node), and it reads targets
 * through the apiserver.
 */
import type { ApiClient } from '../client/rest';
import type { ControllerManager } from '../controllers/manager';
import type { Kernel } from '../kernel/kernel';
import type { ClusterNetwork } from '../network/network';
import type { Kubelet } from '../node/kubelet';
import type { Scheduler } from '../scheduler';
import type { FaultSpec } from './crd';

/** The component id the chaos controller's steps come from. */
export const CHAOS_CONTROLLER_ID = 'chaos-controller';

/** The components faults act on. */
export interface ChaosWorld {
  readonly kernel: Kernel;
  /** The chaos controller's connection to kube-apiserver, to look targets up. */
  readonly client: ApiClient;
  readonly kubelets: ReadonlyMap<string, Kubelet>;
  readonly scheduler: Scheduler | null;
  readonly controllerManager: ControllerManager | null;
  readonly network: ClusterNetwork | null;
}

/** Records a `chaos-controller -> to` step and returns its id, the cause of what follows. */
export type StepTo = (to: string, summary: string) => number;

/** A fault in effect. */
export interface Injection {
  /** What it hit, for status.target (`node-1`, `default/web-abc/nginx`, `docker.io`). */
  readonly target: string;
  /** A one-shot fault happened and has nothing to heal. */
  readonly oneShot?: boolean;
  /** Undoes the fault; `step` records the heal towards the target. */
  heal(step: StepTo): void;
}

/** Applies one fault type; throws {@link FaultTargetError} when its target does not exist. */
export interface FaultHandler {
  apply(spec: FaultSpec, world: ChaosWorld, step: StepTo): Injection;
}

/** The fault's target is missing: the Fault is Failed with this message. */
export class FaultTargetError extends Error {}
