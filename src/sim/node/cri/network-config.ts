/**
 * The runtime's side of the pod network (the CRI plugin's CNI manager in containerd): the
 * network configuration it loads from the node's `/etc/cni/net.d`, which decides what
 * `Status` says of NetworkReady, and the pod CIDR the kubelet hands it with
 * `UpdateRuntimeConfig` once the node has one, which the CNI plugin's host-local IPAM hands
 * pod IPs out of. A runtime configured with a CNI config template (containerd's
 * `conf_template`, for node images that bring their own network) renders the node's
 * configuration from it when it learns the pod CIDR; otherwise the CNI plugin's agent writes
 * it (network/cni-install.ts).
 */
import type { CniPluginName } from '../../network/cni-agent';
import { loadedCniConfig, writeCniConfig } from '../cni/config';
import type { CniPlugin } from '../cni/plugin';
import type { NodeHost } from '../host';
import type { RuntimeFlavour } from './flavour';
import type { RuntimeTracer } from './tracer';
import type { Traced } from './types';

/** One condition of CRI Status (RuntimeReady, NetworkReady). */
export interface RuntimeCondition {
  readonly type: 'RuntimeReady' | 'NetworkReady';
  readonly status: boolean;
  readonly reason: string;
  readonly message: string;
}

/** What CRI Status answers. */
export interface RuntimeStatus {
  readonly conditions: readonly RuntimeCondition[];
}

/** How the kubelet prints a condition (kubecontainer.RuntimeCondition.String). */
export function formatRuntimeCondition(c: RuntimeCondition): string {
  return `${c.type}=${String(c.status)} reason:${c.reason} message:${c.message}`;
}

/** The runtime's CNI network configuration: what Status reports, and UpdateRuntimeConfig. */
export class RuntimeNetworkConfig {
  #podCIDR: string | null = null;

  constructor(
    private readonly host: NodeHost,
    private readonly tracer: RuntimeTracer,
    private readonly cni: CniPlugin,
    private readonly flavour: RuntimeFlavour,
    /** The plugin whose configuration the runtime renders itself, or null (the CNI addon writes it). */
    private readonly template: CniPluginName | null,
  ) {}

  /** The pod CIDR the kubelet gave, if any. */
  get podCIDR(): string | null {
    return this.#podCIDR;
  }

  /** CRI UpdateRuntimeConfig: the node's pod CIDR, for the CNI plugin's IPAM (and the template). */
  update(podCIDR: string, causedBy: number | null): Traced<void> {
    const rendered = this.template === null ? null : `${this.template} template`;
    const step = this.tracer.call(
      `UpdateRuntimeConfig pod CIDR ${podCIDR}${rendered === null ? '' : ` (CNI config from the ${rendered})`}`,
      { podCIDR },
      causedBy,
    );
    this.#podCIDR = podCIDR;
    this.cni.setPodCIDR(podCIDR);
    if (this.template !== null) writeCniConfig(this.host.fs, this.template, podCIDR, this.host.name);
    return { value: undefined, step };
  }

  /** CRI Status: the runtime is up; its network is ready once a CNI configuration is loaded. */
  status(): RuntimeStatus {
    const loaded = loadedCniConfig(this.host.fs) !== null;
    return {
      conditions: [
        { type: 'RuntimeReady', status: true, reason: '', message: '' },
        loaded
          ? { type: 'NetworkReady', status: true, reason: '', message: '' }
          : {
              type: 'NetworkReady',
              status: false,
              reason: 'NetworkPluginNotReady',
              message: this.flavour.networkNotReady,
            },
      ],
    };
  }
}
