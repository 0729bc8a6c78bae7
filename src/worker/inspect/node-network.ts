/**
 * The network part of the node view: what `ip -br addr`, `ip route` and `ls /etc/cni/net.d`
 * show on a kind node for its CNI plugin. The addresses and routes follow the datapath the
 * simulation models (network/routing.ts): kindnet's ptp veths with a /32 route per pod,
 * flannel's cni0 bridge and flannel.1 VXLAN device, Calico's cali* routes and tunl0 IPIP
 * routes learned by BGP, Cilium's cilium_host and VXLAN. Everything is read from the node's
 * CNI plugin (its IPAM), its host filesystem and the CNI agent's view of the other nodes.
 */
import { loadedCniConfig } from '../../sim/node/cni/config';
import type { CniPlugin } from '../../sim/node/cni/plugin';
import type { PodSandboxStatus } from '../../sim/node/cri/types';
import type { Filesystem } from '../../sim/node/cri/fs';
import type { CniPluginName, NetworkNode } from '../../sim/network/cni-agent';
import { hostInterface } from '../../sim/network/routing';

/** kind's docker network: the nodes' eth0 addresses and their gateway. */
const KIND_NETWORK_PREFIX = 16;
const KIND_GATEWAY = '172.18.0.1';

/** One interface as `ip -br addr` lists it. */
export interface InterfaceView {
  readonly name: string;
  readonly kind: 'loopback' | 'ethernet' | 'bridge' | 'vxlan' | 'ipip' | 'veth' | 'cilium';
  /** `10.244.1.1/24` */
  readonly addresses: readonly string[];
  /** For a pod's veth: the pod whose eth0 is the other end (`default/web-1`). */
  readonly peer?: string;
}

/** The node's CNI setup and the routes it leads to. */
export interface NodeNetworkView {
  /** `kindnet`, `flannel`, `calico`, `cilium`. */
  readonly plugin: CniPluginName;
  /** The binary the configuration chains to for the pod interface (`ptp`, `bridge`...). */
  readonly binary: string;
  /** The configuration file the runtime loaded, or null (the network is not ready). */
  readonly config: string | null;
  /** The pod CIDR of host-local IPAM, or null before the runtime was given one. */
  readonly podCIDR: string | null;
  /** The pods' gateway (`10.244.1.1`), or null without a pod CIDR. */
  readonly gateway: string | null;
  /** Addresses IPAM has handed out, lowest first, with the sandbox (short id) holding each. */
  readonly allocations: readonly { readonly ip: string; readonly sandbox: string }[];
  readonly interfaces: readonly InterfaceView[];
  /** `ip route` lines. */
  readonly routes: readonly string[];
}

/** What the network view is built from. */
export interface NodeNetworkSource {
  readonly plugin: CniPluginName;
  readonly cni: CniPlugin;
  readonly fs: Filesystem;
  readonly nodeName: string;
  readonly internalIP: string;
  /** The Ready pod sandboxes with their own network namespace (not host network). */
  readonly sandboxes: readonly PodSandboxStatus[];
  /** Every node the CNI agent knows (name, InternalIP, pod CIDR); empty without one. */
  readonly nodes: readonly NetworkNode[];
}

/** The first address of a CIDR (`10.244.2.0/24` -> `10.244.2.0`). */
const network = (cidr: string) => cidr.split('/')[0] ?? cidr;

/** The node's device for the plugin's overlay or host side, with its address. */
function pluginInterfaces(plugin: CniPluginName, podCIDR: string, gateway: string): InterfaceView[] {
  switch (plugin) {
    case 'flannel':
      return [
        { name: 'cni0', kind: 'bridge', addresses: [`${gateway}/${podCIDR.split('/')[1] ?? '24'}`] },
        { name: 'flannel.1', kind: 'vxlan', addresses: [`${network(podCIDR)}/32`] },
      ];
    case 'calico':
      return [{ name: 'tunl0', kind: 'ipip', addresses: [`${gateway}/32`] }];
    case 'cilium':
      return [
        { name: 'cilium_net', kind: 'cilium', addresses: [] },
        { name: 'cilium_host', kind: 'cilium', addresses: [`${gateway}/32`] },
        { name: 'cilium_vxlan', kind: 'vxlan', addresses: [] },
      ];
    case 'kindnet':
      return [];
  }
}

/** The route to this node's own pods. */
function localRoutes(
  plugin: CniPluginName,
  podCIDR: string,
  gateway: string,
  pods: readonly { ip: string; veth: string }[],
): string[] {
  switch (plugin) {
    case 'flannel':
      return [`${podCIDR} dev cni0 proto kernel scope link src ${gateway}`];
    case 'calico':
      return [`blackhole ${podCIDR} proto bird`, ...pods.map((p) => `${p.ip} dev ${p.veth} scope link`)];
    case 'cilium':
      return [`${podCIDR} via ${gateway} dev cilium_host proto kernel src ${gateway}`];
    case 'kindnet':
      return pods.map((p) => `${p.ip} dev ${p.veth} scope host`);
  }
}

/** The route to another node's pod CIDR (routing.ts's crossNodeHop, as a route). */
function remoteRoute(plugin: CniPluginName, to: NetworkNode, gateway: string): string {
  switch (plugin) {
    case 'flannel':
      return `${to.podCIDR} via ${network(to.podCIDR)} dev flannel.1 onlink`;
    case 'calico':
      return `${to.podCIDR} via ${to.ip} dev tunl0 proto bird onlink`;
    case 'cilium':
      return `${to.podCIDR} via ${gateway} dev cilium_host proto kernel src ${gateway} mtu 1450`;
    case 'kindnet':
      return `${to.podCIDR} via ${to.ip} dev eth0`;
  }
}

/** The node's network as its shell shows it. */
export function nodeNetwork(source: NodeNetworkSource): NodeNetworkView {
  const { plugin, cni, internalIP } = source;
  const ipam = cni.ipam;
  const podCIDR = ipam?.subnet ?? null;
  const gateway = ipam?.gateway ?? null;
  const pods = source.sandboxes
    .filter((s) => s.ip !== null)
    .map((s) => ({
      ip: s.ip ?? '',
      veth: hostInterface(plugin, s.config.namespace, s.config.name),
      pod: `${s.config.namespace}/${s.config.name}`,
    }));
  const interfaces: InterfaceView[] = [
    { name: 'lo', kind: 'loopback', addresses: ['127.0.0.1/8'] },
    { name: 'eth0', kind: 'ethernet', addresses: [`${internalIP}/${KIND_NETWORK_PREFIX}`] },
    ...(podCIDR === null || gateway === null ? [] : pluginInterfaces(plugin, podCIDR, gateway)),
    // ptp gives each host-side veth the gateway address; the other plugins leave it bare.
    ...pods.map((p): InterfaceView => ({
      name: p.veth,
      kind: 'veth',
      addresses: plugin === 'kindnet' && gateway !== null ? [`${gateway}/32`] : [],
      peer: p.pod,
    })),
  ];
  const others = source.nodes.filter((n) => n.name !== source.nodeName && n.podCIDR !== '');
  const routes = [
    `default via ${KIND_GATEWAY} dev eth0`,
    ...(podCIDR === null || gateway === null
      ? []
      : [
          ...localRoutes(plugin, podCIDR, gateway, pods),
          ...others.map((n) => remoteRoute(plugin, n, gateway)),
        ]),
    `172.18.0.0/${KIND_NETWORK_PREFIX} dev eth0 proto kernel scope link src ${internalIP}`,
  ];
  return {
    plugin,
    binary: cni.binary,
    config: loadedCniConfig(source.fs),
    podCIDR,
    gateway,
    allocations: (ipam?.allocations() ?? []).map((a) => ({ ip: a.ip, sandbox: a.containerId.slice(0, 13) })),
    interfaces,
    routes,
  };
}
