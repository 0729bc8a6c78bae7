/**
 * How each CNI plugin carries a packet between pods, for the trace: the host-side interface
 * names its pods get, the same-node path (flannel's cni0 bridge, kindnet's ptp veth routes,
 * Calico's proxy-ARP cali* routes, Cilium's eBPF redirect between lxc* devices) and the
 * cross-node path (flannel and Cilium VXLAN on UDP 8472, Calico IPIP over routes learned by
 * BGP, kindnet plain routes to the other node's podCIDR).
 */
import { sha256 } from '../node/kube-proxy/hash';
import type { CniPluginName, NetworkNode } from './cni-agent';

const hex = (text: string, length: number) =>
  [...sha256(text)]
    .map((b) => b.toString(16).padStart(2, '0'))
    .join('')
    .slice(0, length);

/** The host side of a pod's veth pair, named as the plugin names it. */
export function hostInterface(plugin: CniPluginName, namespace: string, pod: string): string {
  const seed = `${namespace}.${pod}`;
  switch (plugin) {
    case 'calico':
      return `cali${hex(seed, 11)}`;
    case 'cilium':
      return `lxc${hex(seed, 12)}`;
    default:
      return `veth${hex(seed, 8)}`;
  }
}

/** The pod side of the hop's description: its host interface, or the node's own stack. */
export interface HopEnd {
  readonly ip: string;
  readonly pod?: { readonly namespace: string; readonly name: string };
}

const iface = (plugin: CniPluginName, end: HopEnd) =>
  end.pod === undefined ? 'host' : hostInterface(plugin, end.pod.namespace, end.pod.name);

/** A packet's way between two ends on one node. */
export function sameNodeHop(plugin: CniPluginName, src: HopEnd, dst: HopEnd, port: number): string {
  const flow = `${src.ip} -> ${dst.ip}:${port}`;
  const [a, b] = [iface(plugin, src), iface(plugin, dst)];
  switch (plugin) {
    case 'flannel':
      return `cni0 bridge: ${a} -> ${b} (${flow})`;
    case 'calico':
      return `host route ${dst.ip} dev ${b} (proxy ARP from ${a}) (${flow})`;
    case 'cilium':
      return `eBPF redirect ${a} -> ${b} (${flow})`;
    case 'kindnet':
      return `ptp veth: host route ${dst.ip} dev ${b} (${flow})`;
  }
}

/** A packet's way from one node to another node's pod network. */
export function crossNodeHop(
  plugin: CniPluginName,
  from: NetworkNode,
  to: NetworkNode,
  src: HopEnd,
  dst: HopEnd,
  port: number,
): string {
  const flow = `${src.ip} -> ${dst.ip}:${port}`;
  switch (plugin) {
    case 'flannel':
      return `VXLAN flannel.1 (VNI 1, UDP 8472) ${from.ip} -> ${to.ip}, inner ${flow}`;
    case 'calico':
      return `IPIP tunl0 ${from.ip} -> ${to.ip} (route ${to.podCIDR} proto bird), inner ${flow}`;
    case 'cilium':
      return `VXLAN cilium_vxlan (UDP 8472) ${from.ip} -> ${to.ip}, inner ${flow}`;
    case 'kindnet':
      return `route ${to.podCIDR} via ${to.ip} dev eth0 (${flow})`;
  }
}

/**
 * A packet's way from a node (or the kind network) to another node's own address; a pod's
 * packet leaves its node masqueraded to the node's address (`masqueradedTo`), as every plugin
 * here masquerades pod traffic to destinations outside the pod network (kindnet's
 * KIND-MASQ-AGENT, flannel's --ip-masq, Calico's natOutgoing, Cilium's BPF masquerade).
 */
export function toHostHop(to: NetworkNode, srcIP: string, port: number, masqueradedTo?: string): string {
  const from = masqueradedTo === undefined ? srcIP : `MASQUERADE ${srcIP} to ${masqueradedTo}`;
  return `eth0: ${from} -> ${to.ip}:${port} (node ${to.name})`;
}

/** The last hop into the destination pod. */
export function deliverHop(plugin: CniPluginName, dst: HopEnd, srcIP: string, port: number): string {
  return `${iface(plugin, dst)} -> eth0 of ${dst.pod?.namespace}/${dst.pod?.name}: ${srcIP} -> ${dst.ip}:${port}`;
}

/**
 * A hostPort's DNAT on its node: the portmap plugin's `CNI-HOSTPORT-DNAT` iptables chain
 * (kindnet, flannel and Calico chain portmap in their CNI config), or Cilium's eBPF host-port
 * map, from the node's address and port to the pod's.
 */
export function hostPortHop(
  plugin: CniPluginName,
  node: NetworkNode,
  hostPort: number,
  protocol: string,
  dst: HopEnd,
  containerPort: number,
): string {
  const how = plugin === 'cilium' ? 'eBPF hostPort' : 'portmap CNI-HOSTPORT-DNAT';
  const of = dst.pod === undefined ? '' : ` (hostPort of ${dst.pod.namespace}/${dst.pod.name})`;
  return `${how}: ${node.ip}:${hostPort}/${protocol} -> ${dst.ip}:${containerPort}${of}`;
}
