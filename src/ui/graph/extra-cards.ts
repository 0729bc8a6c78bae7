/**
 * Cards the UI draws that are not components of the topology, so that every trace step has
 * somewhere to land: each node's pods with the plugins kubelet calls for them (CNI, CSI),
 * the world outside the cluster (upstream DNS), and in a large cluster one small card per
 * worker node standing for all of it (compact-workers.ts). The simulation names these endpoints
 * `<node>/pod/<ns>/<name>`, `<node>/cni`, `<node>/csi`, `<node>/host` and `upstream-dns`;
 * anchors.ts maps them onto these cards.
 */
import type { ComponentInfo } from '../catalog';

/** The kinds of card that exist only in the UI. */
export type ExtraKind = 'pods' | 'internet' | 'worker';

/** The card id of a machine's pods card. */
export const podsCard = (machine: string): string => `${machine}/pods`;

/** The card id of a worker node drawn as one small card (its components are not drawn). */
export const workerCard = (machine: string): string => `${machine}/worker`;

/** The card id of the outside world. */
export const INTERNET_CARD = 'internet';

/** How the UI names and explains the extra cards. */
export const EXTRA_INFO: Readonly<Record<ExtraKind, ComponentInfo>> = {
  pods: {
    title: 'pods',
    role: 'containers · CNI · CSI',
    tier: 'node',
    description:
      'The pods running on this node, and the plugins that give them a network and storage. kubelet probes the containers here; the CNI plugin gives each pod a network interface, an IP address and routes; the CSI driver stages and mounts its volumes. On the control-plane node, the cluster add-ons run here too: CoreDNS, the CSI controllers, metrics-server and the ingress controller.',
  },
  worker: {
    title: 'worker node',
    role: 'kubelet · proxy · CRI · pods',
    tier: 'node',
    description:
      'A worker node, drawn as one small card because the cluster is large: its kubelet, kube-proxy, container runtime and pods all share it, and the steps to and from any of them land here. Like every node, it talks to the control plane only through kube-apiserver. A cluster of up to 8 worker nodes shows each component on its own card.',
  },
  internet: {
    title: 'internet',
    role: 'outside the cluster',
    tier: 'client',
    description:
      'Everything outside the cluster. CoreDNS forwards the names it is not authoritative for (anything not under cluster.local) to the upstream DNS server here.',
  },
};
