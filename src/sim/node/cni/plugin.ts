/**
 * The node's CNI plugin (kind's kindnet: `ptp` with `host-local` IPAM), reduced to what
 * the simulation needs: ADD gives a sandbox's network namespace an `eth0` with the next pod
 * IP of the node's podCIDR, DEL releases it. Each call is a trace step on the edge between
 * the node's kubelet and container runtime, since it is part of setting up a pod sandbox.
 */
import type { Kernel } from '../../kernel/kernel';
import { HostLocalIpam } from './ipam';

/** The result of a CNI ADD (trimmed CNI Result). */
export interface CniResult {
  readonly interface: 'eth0';
  /** `10.244.1.2/24` */
  readonly address: string;
  readonly ip: string;
  readonly gateway: string;
}

/** Identifies the pod a sandbox belongs to (CNI_ARGS K8S_POD_NAMESPACE/NAME). */
export interface CniPodRef {
  readonly namespace: string;
  readonly name: string;
}

export class CniPlugin {
  readonly ipam: HostLocalIpam;

  constructor(
    private readonly kernel: Kernel,
    /** The trace ids of the caller and the callee (`node-1/kubelet`, `node-1/container-runtime`). */
    private readonly from: string,
    private readonly to: string,
    podCIDR: string,
  ) {
    this.ipam = new HostLocalIpam(podCIDR);
  }

  /** CNI ADD: sets up the sandbox's network and returns its address. */
  add(sandboxId: string, pod: CniPodRef, causedBy: number | null): { result: CniResult; step: number } {
    const ip = this.ipam.allocate(sandboxId);
    const result: CniResult = {
      interface: 'eth0',
      address: `${ip}/${this.ipam.prefixLength}`,
      ip,
      gateway: this.ipam.gateway,
    };
    const step = this.kernel.trace.emit({
      from: this.from,
      to: this.to,
      kind: 'runtime',
      summary: `CNI ADD ${pod.namespace}/${pod.name}: eth0 ${result.address}`,
      detail: {
        command: 'ADD',
        plugin: 'ptp',
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
    const ip = this.ipam.release(sandboxId);
    return this.kernel.trace.emit({
      from: this.from,
      to: this.to,
      kind: 'runtime',
      summary: `CNI DEL ${pod.namespace}/${pod.name}${ip === null ? '' : `: release ${ip}`}`,
      detail: {
        command: 'DEL',
        plugin: 'ptp',
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
