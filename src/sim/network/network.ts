/**
 * The cluster's Service network, composed: kube-proxy and the CNI agent on every node,
 * CoreDNS, and the upstream resolver outside the cluster, plus the client-facing operations
 * the terminal and lessons use (`cat /etc/resolv.conf`, `nslookup`, opening a connection).
 * The composition root starts it next to the kubelets.
 *
 * Component ids its trace steps use (for the topology and the UI): `<node>/kube-proxy`,
 * `<node>/cni` (the CNI agent and the node's datapath), `<node>/pod/<namespace>/<name>`,
 * `<node>/host` (host-network processes), `control-plane/coredns`, `upstream-dns` (the kind
 * network's resolver), `internet`, and `external-client` (a client on the kind network).
 */
import type { ApiServer } from '../apiserver/apiserver';
import type { Kernel } from '../kernel/kernel';
import { IngressControllers } from '../node/images/ingress-nginx';
import { startKubeProxy, type KubeProxy, type ProxyMode } from '../node/kube-proxy';
import { startCniAgent, type CniAgent, type CniPluginName } from './cni-agent';
import { startCoreDns, type CoreDns } from './dns/coredns';
import { nslookup, type NslookupOptions, type NslookupResult } from './dns/nslookup';
import { KIND_NODE_RESOLV, renderResolvConf } from './dns/resolv';
import { resolveHost, type ResolveResult } from './dns/resolver';
import { DEFAULT_EXTERNAL_ZONE, UpstreamDns, type ExternalZone } from './dns/upstream';
import { connect, type ConnectRequest, type ConnectResult, type ConnectionTarget } from './path';
import { dnsTransport, resolveSource, type ConnectSource, type NetworkDeps } from './source';

export interface ClusterNetworkOptions {
  /** The nodes that run kube-proxy and the CNI agent (the worker nodes). */
  readonly nodes: readonly string[];
  /** The CNI plugin; kind's `kindnet` by default. */
  readonly cni?: CniPluginName;
  /** kube-proxy's mode; `iptables` by default. */
  readonly proxyMode?: ProxyMode;
  /** The pod network (kind: 10.244.0.0/16). */
  readonly clusterCIDR?: string;
  readonly clusterDomain?: string;
  /** Names the world outside knows; {@link DEFAULT_EXTERNAL_ZONE}. */
  readonly upstream?: ExternalZone;
}

/** The running Service network. */
export interface ClusterNetwork {
  readonly cni: CniPluginName;
  readonly proxies: ReadonlyMap<string, KubeProxy>;
  readonly agents: ReadonlyMap<string, CniAgent>;
  readonly dns: CoreDns;
  readonly upstream: UpstreamDns;
  /**
   * The ingress-nginx controllers running in the cluster, by pod address: their nginx (the
   * image's server) consults the one in scope while a connection reaches its container.
   */
  readonly ingressControllers: IngressControllers;
  /** `cat /etc/resolv.conf` in a pod (or on a node / outside the cluster). */
  resolvConf(from: ConnectSource): string;
  /** busybox `nslookup name [server]` run by `from`. */
  nslookup(
    from: ConnectSource,
    name: string,
    causedBy: number | null,
    options?: NslookupOptions,
  ): NslookupResult;
  /** What getaddrinfo returns to `from` for `host`, with every query it sent. */
  resolve(from: ConnectSource, host: string, causedBy: number | null): ResolveResult;
  /** Cuts a node off the network (a fault), or reconnects it: pod traffic to and from it is lost. */
  setNodePartitioned(node: string, partitioned: boolean): void;
  /**
   * Opens a connection from `request.from`; `target` says what listens where. Throws when the
   * source pod does not exist or has no address yet (nothing could run in it).
   */
  connect(request: ConnectRequest, target: ConnectionTarget): ConnectResult;
}

/** Starts kube-proxy and the CNI agent on every node, CoreDNS, and the upstream resolver. */
export function startClusterNetwork(
  kernel: Kernel,
  apiserver: ApiServer,
  options: ClusterNetworkOptions,
): ClusterNetwork {
  const cni = options.cni ?? 'kindnet';
  const clusterCIDR = options.clusterCIDR ?? '10.244.0.0/16';
  const proxies = new Map<string, KubeProxy>();
  const agents = new Map<string, CniAgent>();
  for (const node of options.nodes) {
    agents.set(node, startCniAgent(kernel, apiserver, node, cni));
    proxies.set(
      node,
      startKubeProxy(kernel, apiserver, node, { mode: options.proxyMode ?? 'iptables', clusterCIDR }),
    );
  }
  const zone = options.upstream ?? DEFAULT_EXTERNAL_ZONE;
  const dns = startCoreDns(kernel, apiserver, {
    ...(options.clusterDomain === undefined ? {} : { clusterDomain: options.clusterDomain }),
    upstream: zone,
  });
  const upstream = new UpstreamDns(kernel, zone);
  const partitioned = new Set<string>();
  const deps: NetworkDeps = {
    partitioned,
    kernel,
    cni,
    proxies,
    agents,
    dns,
    upstream,
    clusterDns: { clusterDNS: dns.address, clusterDomain: dns.clusterDomain, node: KIND_NODE_RESOLV },
  };
  return {
    cni,
    proxies,
    agents,
    dns,
    upstream,
    ingressControllers: new IngressControllers(),
    resolvConf: (from) => renderResolvConf(resolveSource(deps, from).resolv),
    nslookup: (from, name, causedBy, opts) => {
      const source = resolveSource(deps, from);
      return nslookup(name, source.resolv, dnsTransport(deps, source), causedBy, opts);
    },
    resolve: (from, host, causedBy) => {
      const source = resolveSource(deps, from);
      return resolveHost(host, source.resolv, dnsTransport(deps, source), causedBy);
    },
    connect: (request, target) => connect(deps, request, target),
    setNodePartitioned: (node, cut) => void (cut ? partitioned.add(node) : partitioned.delete(node)),
  };
}
