/**
 * The cluster installer: what `kind create cluster` and `kubeadm init` add once
 * kube-apiserver is up, as the cluster admin. kubeadm's mark-control-plane phase labels the
 * control-plane node (its kubelet registers it with the NoSchedule taint); its addon phase
 * installs kube-proxy and CoreDNS; kind then applies its CNI (kindnet, or flannel, calico
 * or cilium here) and the cluster gets metrics-server and, as kind's ingress guide sets it up,
 * ingress-nginx. Every object goes through the
 * apiserver like a `kubectl apply`, so each is a visible step.
 */
import type { ApiServer } from '../apiserver/apiserver';
import { resourceForKind, type ResourceInfo } from '../apiserver/resources';
import type { KubeObject } from '../apiserver/types';
import { ApiClient } from '../client/rest';
import type { Kernel } from '../kernel/kernel';
import type { CniPluginName } from '../network/cni-agent';
import { FAULT_CRD } from '../faults/crd';
import { cniAddon } from './cni';
import { corednsAddon } from './coredns';
import { ingressNginxAddon } from './ingress-nginx';
import { kubeProxyAddon } from './kube-proxy';
import { metricsServerAddon } from './metrics-server';

export type { CniPluginName } from '../network/cni-agent';

/** The Ingress controller the installer deploys: kind's ingress-nginx, or none. */
export type IngressControllerName = 'ingress-nginx' | 'none';

/** The kube-proxy modes (`mode` in its KubeProxyConfiguration). */
export type ProxyMode = 'iptables' | 'ipvs' | 'nftables';

/** What to install. */
export interface InstallOptions {
  /** The control-plane node kubeadm marks. */
  readonly controlPlaneNode: string;
  readonly cni: CniPluginName;
  readonly proxyMode: ProxyMode;
  /** Whether to apply metrics-server's manifest. */
  readonly metricsServer: boolean;
  /** Which Ingress controller's manifest to apply; none when omitted. */
  readonly ingressController?: IngressControllerName;
}

/** The labels kubeadm's mark-control-plane phase puts on the control-plane node. */
export const CONTROL_PLANE_LABELS: Readonly<Record<string, string>> = {
  'node-role.kubernetes.io/control-plane': '',
  'node.kubernetes.io/exclude-from-external-load-balancers': '',
};

/** The taint the control-plane kubelet registers with (kubeadm's nodeRegistration.taints). */
export const CONTROL_PLANE_TAINT = {
  key: 'node-role.kubernetes.io/control-plane',
  effect: 'NoSchedule',
} as const;

const NODES = resourceForKind('v1', 'Node') as ResourceInfo;
/** How long `kubeadm init` takes from kube-apiserver answering to its addon phase. */
const ADDON_PHASE_MS = 2_000;
const RETRY_MS = 1_000;

/** The manifests the installer applies, in order. */
export function addonManifests(options: InstallOptions): Record<string, unknown>[] {
  return [
    ...kubeProxyAddon(options.proxyMode),
    ...corednsAddon(),
    ...cniAddon(options.cni),
    ...(options.metricsServer ? metricsServerAddon() : []),
    ...(options.ingressController === 'ingress-nginx' ? ingressNginxAddon() : []),
    // Kubelab's chaos API (src/sim/faults): the Fault CRD the chaos controller serves.
    FAULT_CRD,
  ];
}

/** Schedules the installer's work on the cluster's clock. */
export function install(kernel: Kernel, apiserver: ApiServer, options: InstallOptions): void {
  const kubectl = new ApiClient(apiserver, 'kubectl', 'kubectl-client-side-apply');
  const markControlPlane = () => {
    try {
      kubectl.patch(NODES, null, options.controlPlaneNode, 'strategic', {
        metadata: { labels: CONTROL_PLANE_LABELS },
      });
    } catch {
      // The kubelet has not registered the node yet: kubeadm waits for it.
      kernel.schedule(RETRY_MS, 'kubeadm: mark-control-plane', markControlPlane);
    }
  };
  kernel.schedule(ADDON_PHASE_MS, 'kubeadm: mark-control-plane', markControlPlane);
  kernel.schedule(ADDON_PHASE_MS, 'kubeadm: addons', () => {
    for (const manifest of addonManifests(options)) {
      const obj = manifest as KubeObject;
      const resource = resourceForKind(obj.apiVersion, obj.kind);
      if (resource === undefined) throw new Error(`installer: no resource for ${obj.apiVersion} ${obj.kind}`);
      kubectl.create(resource, resource.namespaced ? (obj.metadata.namespace ?? 'default') : null, obj);
    }
  });
}
