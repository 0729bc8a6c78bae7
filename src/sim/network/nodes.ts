/**
 * Wires the cluster network to the nodes' container runtimes: starts the Service network
 * (network.ts) on the nodes whose kubelets run, and gives each node's runtime a
 * `ContainerNetwork` (containers.ts) whose connections end at the destination node's runtime.
 */
import type { ApiServer } from '../apiserver/apiserver';
import type { Kernel } from '../kernel/kernel';
import type { ProxyMode } from '../node/kube-proxy';
import type { ContainerRuntime } from '../node/cri/runtime';
import type { CniPluginName } from './cni-agent';
import { containerNetwork } from './containers';
import { startClusterNetwork, type ClusterNetwork } from './network';

/** A node as the network needs it: its name and its container runtime. */
export interface NetworkedNode {
  readonly nodeName: string;
  readonly runtime: ContainerRuntime;
}

/** Starts the cluster network on `nodes` and connects their runtimes to it. */
export function connectNodes(
  kernel: Kernel,
  apiserver: ApiServer,
  nodes: readonly NetworkedNode[],
  options: { readonly cni: CniPluginName; readonly proxyMode: ProxyMode },
): ClusterNetwork {
  const network = startClusterNetwork(kernel, apiserver, {
    nodes: nodes.map((n) => n.nodeName),
    cni: options.cni,
    proxyMode: options.proxyMode,
  });
  const runtimes = new Map(nodes.map((n) => [n.nodeName, n.runtime]));
  for (const node of nodes)
    node.runtime.connectNetwork(
      containerNetwork(kernel, network, node.nodeName, (name) => runtimes.get(name)),
    );
  return network;
}
