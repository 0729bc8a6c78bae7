/**
 * The node's CNI plugin, reduced to what the simulation needs: ADD gives a sandbox's network
 * namespace an `eth0` with the next pod IP of the node's podCIDR (host-local IPAM; the range
 * is the pod CIDR the kubelet gave the runtime with UpdateRuntimeConfig) and the
 * host end of its veth pair (kindnet's `ptp` veth with a /32 route, flannel's `bridge` onto
 * cni0, calico's `cali*` and cilium's `lxc*` devices), DEL releases it. Each call is a trace
 * step on the edge between the node's kubelet and container runtime, since it is part of
 * setting up a pod sandbox.
 */
import type { Kernel } from '../../kernel/kernel';
import type { CniPluginName } from '../../network/cni-agent';
import { hostInterface } from '../../network/routing';
import { HostLocalIpam } from './ipam';

/** The CNI binary each plugin's config chains to for the pod's interface. */
const BINARY: Readonly<Record<CniPluginName, string>> = {
  kindnet: 'ptp',
  flannel: 'bridge',
  calico: 'calico',
  cilium: 'cilium-cni',
};

/** The result of a CNI ADD (trimmed CNI Result). */
export interface CniResult {
  readonly interface: 'eth0';
  /** `10.244.1.2/24` */
  readonly address: string;
  readonly ip: string;
  readonly gateway: string;
  /** The host end of the pod's veth pair. */
  readonly hostInterface: string;
}

/** Identifies the pod a sandbox belongs to (CNI_ARGS K8S_POD_NAMESPACE/NAME). */
export interface CniPodRef {
  readonly namespace: string;
  readonly name: string;
}

export class CniPlugin {
  #ipam: HostLocalIpam | null = null;

  constructor(
    private readonly kernel: Kernel,
    /** The trace ids of the caller and the callee (`node-1/kubelet`, `node-1/container-runtime`). */
    private readonly from: string,
    private readonly to: string,
    /** Which plugin the node runs (kind's kindnet by default). */
    private readonly plugin: CniPluginName = 'kindnet',
  ) {}

  /** The binary the plugin's configuration chains to for the pod interface (`ptp`...). */
  get binary(): string {
    return BINARY[this.plugin];
  }

  /** The host-local IPAM of the node's pod CIDR (null until the runtime was given one). */
  get ipam(): HostLocalIpam | null {
    return this.#ipam;
  }

  /** The node's pod CIDR, from the runtime's UpdateRuntimeConfig; a new range starts afresh. */
  setPodCIDR(podCIDR: string): void {
    if (this.#ipam?.subnet !== podCIDR) this.#ipam = new HostLocalIpam(podCIDR);
  }

  /** CNI ADD: sets up the sandbox's network and returns its address; throws without a range. */
  add(sandboxId: string, pod: CniPodRef, causedBy: number | null): { result: CniResult; step: number } {
    const ipam = this.#ipam;
    if (ipam === null) throw new Error('no IP ranges specified');
    const ip = ipam.allocate(sandboxId);
    const result: CniResult = {
      interface: 'eth0',
      address: `${ip}/${ipam.prefixLength}`,
      ip,
      gateway: ipam.gateway,
      hostInterface: hostInterface(this.plugin, pod.namespace, pod.name),
    };
    const step = this.kernel.trace.emit({
      from: this.from,
      to: this.to,
      kind: 'runtime',
      summary: `CNI ADD ${pod.namespace}/${pod.name}: eth0 ${result.address} <-> ${result.hostInterface}`,
      detail: {
        command: 'ADD',
        plugin: BINARY[this.plugin],
        hostInterface: result.hostInterface,
        ...(this.plugin === 'flannel' ? { bridge: 'cni0' } : {}),
        ipam: 'host-local',
        containerId: sandboxId,
        namespace: pod.namespace,
        pod: pod.name,
        address: result.address,
        gateway: result.gateway,
      },
      causedBy,
    });
    return { result, step: step.id };
  }

  /** CNI DEL: tears the sandbox's network down and releases its address. */
  del(sandboxId: string, pod: CniPodRef, causedBy: number | null): number {
    const ip = this.#ipam?.release(sandboxId) ?? null;
    return this.kernel.trace.emit({
      from: this.from,
      to: this.to,
      kind: 'runtime',
      summary: `CNI DEL ${pod.namespace}/${pod.name}${ip === null ? '' : `: release ${ip}`}`,
      detail: {
        command: 'DEL',
        plugin: BINARY[this.plugin],
        ipam: 'host-local',
        containerId: sandboxId,
        namespace: pod.namespace,
        pod: pod.name,
        released: ip,
      },
      causedBy,
    }).id;
  }
}
