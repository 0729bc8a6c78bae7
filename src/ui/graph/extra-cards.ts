/**
 * Cards the UI draws that are not components of the topology, so that every trace step has
 * somewhere to land: each node's pods with the plugins kubelet calls for them (CNI, CSI),
 * and the world outside the cluster (upstream DNS). The simulation names these endpoints
 * `<node>/pod/<ns>/<name>`, `<node>/cni`, `<node>/csi`, `<node>/host` and `upstream-dns`;
 * anchors.ts maps them onto these cards.
 */
import type { ComponentInfo } from '../catalog';

/** The kinds of card that exist only in the UI. */
export type ExtraKind = 'pods' | 'internet';

/** The card id of a machine's pods card. */
export const podsCard = (machine: string): string => `${machine}/pods`;

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
  internet: {
    title: 'internet',
    role: 'outside the cluster',
    tier: 'client',
    description:
      'Everything outside the cluster. CoreDNS forwards the names it is not authoritative for (anything not under cluster.local) to the upstream DNS server here.',
  },
};
