/**
 * The runtime's pod sandboxes (the pod side of the CRI RuntimeService): RunPodSandbox checks
 * the runtime handler, sets up the sandbox's network through the CNI plugin (a host-network
 * sandbox shares the node's), writes the sandbox's files and starts its pause container;
 * StopPodSandbox and RemovePodSandbox tear the network down. With them, the runtime's network
 * configuration (network-config.ts): Status and UpdateRuntimeConfig. What happens to the
 * sandbox's containers is the runtime's (runtime.ts), through the callbacks it passes.
 */
import type { Kernel } from '../../kernel/kernel';
import type { CniPluginName } from '../../network/cni-agent';
import type { CniPlugin } from '../cni/plugin';
import type { NodeHost } from '../host';
import { PAUSE_IMAGE } from '../images/reference';
import { removeSandboxFiles, writeSandboxFiles } from './container-fs';
import type { RuntimeFlavour } from './flavour';
import { CriError, unknownHandler } from './handlers';
import { RuntimeNetworkConfig } from './network-config';
import { ociRun } from './oci';
import { shortId } from './streams';
import type { RuntimeTracer } from './tracer';
import type { PodSandboxConfig, PodSandboxStatus, Traced } from './types';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** The runtime's pod sandboxes by id, and its network configuration. */
export class PodSandboxes {
  readonly #sandboxes = new Map<string, Mutable<PodSandboxStatus>>();
  /** Status and UpdateRuntimeConfig. */
  readonly network: RuntimeNetworkConfig;

  constructor(
    private readonly kernel: Kernel,
    private readonly host: NodeHost,
    private readonly tracer: RuntimeTracer,
    private readonly cni: CniPlugin,
    private readonly flavour: RuntimeFlavour,
    cniTemplate: CniPluginName | null,
  ) {
    this.network = new RuntimeNetworkConfig(host, tracer, cni, flavour, cniTemplate);
  }

  get(id: string): PodSandboxStatus | undefined {
    return this.#sandboxes.get(id);
  }

  values(): IterableIterator<PodSandboxStatus> {
    return this.#sandboxes.values();
  }

  /** RunPodSandbox with the new sandbox's id; throws a CriError the kubelet reports. */
  run(id: string, config: PodSandboxConfig, causedBy: number | null): Traced<PodSandboxStatus> {
    const step = this.tracer.call(
      `RunPodSandbox ${config.namespace}/${config.name}`,
      { sandboxId: id, image: PAUSE_IMAGE, attempt: config.attempt, handler: config.runtimeHandler ?? '' },
      causedBy,
    );
    const refused = unknownHandler(this.flavour, config.runtimeHandler);
    if (refused !== null) throw new CriError(refused, step);
    const ip = config.hostNetwork ? null : this.#setUpNetwork(id, config, step);
    writeSandboxFiles(this.host.fs, this.flavour.sandboxDir(id), config);
    ociRun(this.tracer, { id, name: 'pause', sandboxId: null }, ['/pause'], config.uid, step);
    const sandbox = { id, config, state: 'SANDBOX_READY' as const, ip, createdAt: this.kernel.clock.now() };
    this.#sandboxes.set(id, sandbox);
    return { value: { ...sandbox }, step };
  }

  /** StopPodSandbox: `stopContainers` kills what still runs in it, then CNI DEL. */
  stop(id: string, causedBy: number | null, stopContainers: (step: number) => void): Traced<void> {
    const step = this.tracer.call(`StopPodSandbox ${shortId(id)}`, { sandboxId: id }, causedBy);
    const sandbox = this.#sandboxes.get(id);
    if (sandbox === undefined || sandbox.state === 'SANDBOX_NOTREADY') return { value: undefined, step };
    stopContainers(step);
    if (!sandbox.config.hostNetwork) this.cni.del(id, sandbox.config, step);
    sandbox.state = 'SANDBOX_NOTREADY';
    return { value: undefined, step };
  }

  /** RemovePodSandbox: `removeContainers` forgets its containers, then its files go. */
  remove(id: string, causedBy: number | null, removeContainers: () => void): Traced<void> {
    const step = this.tracer.call(`RemovePodSandbox ${shortId(id)}`, { sandboxId: id }, causedBy);
    const sandbox = this.#sandboxes.get(id);
    if (sandbox?.state === 'SANDBOX_READY' && !sandbox.config.hostNetwork)
      this.cni.del(id, sandbox.config, step);
    removeContainers();
    removeSandboxFiles(this.host.fs, this.flavour.sandboxDir(id));
    this.#sandboxes.delete(id);
    return { value: undefined, step };
  }

  /** CNI ADD for a new sandbox; a failure fails RunPodSandbox as containerd words it. */
  #setUpNetwork(id: string, config: PodSandboxConfig, step: number): string {
    try {
      return this.cni.add(id, config, step).result.ip;
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      throw new CriError(
        `rpc error: code = Unknown desc = failed to setup network for sandbox "${id}": plugin type="${this.cni.binary}" failed (add): ${why}`,
        step,
      );
    }
  }
}
