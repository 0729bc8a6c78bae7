/**
 * kube-proxy's model of the cluster's Services (upstream pkg/proxy: ServicePortName,
 * BaseServicePortInfo, BaseEndpointInfo) and the per-sync plan every backend (iptables,
 * IPVS, nftables) renders from, so the three modes agree on what traffic goes where.
 */
import type { ServiceSpec, ServiceStatus } from 'kubernetes-types/core/v1';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1';
import { findResource, type ResourceInfo } from '../../apiserver/resources';
import type { KubeObject } from '../../apiserver/types';

function resource(group: string, version: string, plural: string): ResourceInfo {
  const found = findResource(group, version, plural);
  if (found === undefined) throw new Error(`no resource ${group}/${version} ${plural}`);
  return found;
}

export const SERVICES = resource('', 'v1', 'services');
export const ENDPOINT_SLICES = resource('discovery.k8s.io', 'v1', 'endpointslices');
export const NODES = resource('', 'v1', 'nodes');

/** A Service as an informer delivers it. */
export type ServiceObject = KubeObject & { spec?: ServiceSpec; status?: ServiceStatus };
/** An EndpointSlice as an informer delivers it. */
export type SliceObject = KubeObject & Omit<EndpointSlice, 'metadata'>;

/** kube-proxy's --proxy-mode. kind runs `iptables` unless its config says otherwise. */
export type ProxyMode = 'iptables' | 'ipvs' | 'nftables';

export type Protocol = 'TCP' | 'UDP' | 'SCTP';

/** One endpoint of a service port (BaseEndpointInfo). */
export interface ProxyEndpoint {
  readonly ip: string;
  readonly port: number;
  /** The endpoint's node, or '' when the slice does not say. */
  readonly nodeName: string;
  /** Whether the endpoint runs on this kube-proxy's node. */
  readonly isLocal: boolean;
  readonly ready: boolean;
  readonly serving: boolean;
  readonly terminating: boolean;
  /** The pod behind the endpoint, if the slice names it. */
  readonly pod?: { readonly namespace: string; readonly name: string };
  /** `10.244.1.2:80`, as Endpoint.String(). */
  readonly key: string;
}

/** A Service port as kube-proxy proxies it (BaseServicePortInfo). */
export interface ServicePort {
  readonly namespace: string;
  readonly name: string;
  /** The Service port's name, '' when it has none. */
  readonly portName: string;
  /** ServicePortName.String(): `ns/name:port`, or `ns/name` for an unnamed port. */
  readonly nameString: string;
  readonly protocol: Protocol;
  readonly clusterIP: string;
  readonly port: number;
  /** 0 when the Service has no NodePort. */
  readonly nodePort: number;
  readonly externalIPs: readonly string[];
  /** `status.loadBalancer.ingress[].ip` (VIP mode). */
  readonly loadBalancerIPs: readonly string[];
  /** ClientIP session affinity timeout in seconds, or null without affinity. */
  readonly stickySeconds: number | null;
  readonly externalPolicyLocal: boolean;
  readonly internalPolicyLocal: boolean;
}

/** ExternallyAccessible: a NodePort, external IPs or load-balancer IPs. */
export function externallyAccessible(svc: ServicePort): boolean {
  return svc.nodePort !== 0 || svc.externalIPs.length > 0 || svc.loadBalancerIPs.length > 0;
}

/** UsesClusterEndpoints: Cluster internal policy, or any external access (for short-circuiting). */
export function usesClusterEndpoints(svc: ServicePort): boolean {
  return !svc.internalPolicyLocal || externallyAccessible(svc);
}

/** UsesLocalEndpoints: Local internal policy, or Local external policy with external access. */
export function usesLocalEndpoints(svc: ServicePort): boolean {
  return svc.internalPolicyLocal || (svc.externalPolicyLocal && externallyAccessible(svc));
}

/**
 * What one sync decided for one service port (the locals of upstream's syncProxyRules loop):
 * which endpoints each traffic policy uses and which chains exist.
 */
export interface ServicePortPlan {
  readonly svc: ServicePort;
  /** Endpoints for Cluster traffic policy (ready ones, else serving-terminating ones). */
  readonly clusterEndpoints: readonly ProxyEndpoint[];
  /** Endpoints for Local traffic policy: this node's usable endpoints. */
  readonly localEndpoints: readonly ProxyEndpoint[];
  /** Every endpoint a rule on this node may DNAT to (one endpoint chain each). */
  readonly reachable: readonly ProxyEndpoint[];
  /** Whether the Service has usable endpoints anywhere in the cluster. */
  readonly hasEndpoints: boolean;
  /** Whether ClusterIP traffic has endpoints under the internal traffic policy. */
  readonly hasInternalEndpoints: boolean;
  /** Whether external traffic has endpoints under the external traffic policy. */
  readonly hasExternalEndpoints: boolean;
  readonly usesClusterChain: boolean;
  readonly usesLocalChain: boolean;
  readonly usesExternalChain: boolean;
}

/** Node-level settings every backend needs (kind's kube-proxy configuration). */
export interface ProxyNetwork {
  readonly nodeName: string;
  /** The node's InternalIP, where NodePorts listen. */
  readonly nodeIP: string;
  /** The cluster's pod CIDR, for the ClusterCIDR local-traffic detector (kind: 10.244.0.0/16). */
  readonly clusterCIDR: string;
}
