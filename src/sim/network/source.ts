/**
 * Where a connection starts and how that client resolves names: a pod (its resolv.conf from
 * dnsPolicy, its egress policies), a process on a node's host network, or a client on the kind
 * network outside the cluster. DNS queries from a pod pass its egress NetworkPolicy towards
 * CoreDNS's pods (kube-system, `k8s-app: kube-dns`, UDP 53) first, as real queries do; they
 * then reach CoreDNS directly (CoreDNS runs as a component, not as pods behind the kube-dns
 * Service, so there is no Service DNAT on this leg).
 */
import type { KubeProxy } from '../node/kube-proxy';
import type { CniAgent, CniPluginName, NetworkPod } from './cni-agent';
import type { CoreDns } from './dns/coredns';
import { KIND_NODE_RESOLV, podResolvConf, type ClusterDnsSettings, type ResolvConf } from './dns/resolv';
import type { DnsTransport } from './dns/resolver';
import type { DnsClient, DnsServer } from './dns/types';
import type { UpstreamDns } from './dns/upstream';
import type { PolicyPeer, PolicyPod } from './policy/evaluate';
import type { Kernel } from '../kernel/kernel';

/** Everything the packet path works with. */
export interface NetworkDeps {
  readonly kernel: Kernel;
  readonly cni: CniPluginName;
  readonly proxies: ReadonlyMap<string, KubeProxy>;
  readonly agents: ReadonlyMap<string, CniAgent>;
  readonly dns: CoreDns;
  readonly upstream: UpstreamDns;
  readonly clusterDns: ClusterDnsSettings;
  /** Nodes cut off from the network (a fault): no packet leaves or reaches them. */
  readonly partitioned?: ReadonlySet<string>;
}

/** Who opens a connection. */
export type ConnectSource =
  | {
      readonly kind: 'pod';
      readonly namespace: string;
      readonly name: string;
      /**
       * Where the pod's sandbox is, as its runtime knows it: used while the network has not
       * yet seen the pod's address in its status (its processes start before the kubelet
       * reports it); until then no NetworkPolicy selects it and its DNS is ClusterFirst.
       */
      readonly sandbox?: { readonly ip: string; readonly node: string };
    }
  /** A process in a node's host network namespace (`docker exec node-1 curl ...`). */
  | { readonly kind: 'node'; readonly node: string }
  /** A client on the kind network outside the cluster (the host running kind). */
  | { readonly kind: 'external'; readonly ip?: string; readonly component?: string };

/** A resolved source. */
export interface Source {
  /** Component id for the trace: `node-1/pod/default/client`, `node-1/host`, or the client's. */
  readonly component: string;
  readonly ip: string;
  /** The node the connection starts on, or null outside the cluster. */
  readonly node: string | null;
  /** The pod, when policies apply to it (not for host-network pods). */
  readonly pod: NetworkPod | null;
  readonly resolv: ResolvConf;
  readonly peer: PolicyPeer;
}

/** CoreDNS's pods as NetworkPolicies select them. */
export const COREDNS_POD: PolicyPod = {
  namespace: 'kube-system',
  name: 'coredns',
  labels: { 'k8s-app': 'kube-dns' },
  ip: '10.244.0.2',
  ports: [
    { name: 'dns', containerPort: 53, protocol: 'UDP' },
    { name: 'dns-tcp', containerPort: 53, protocol: 'TCP' },
    { name: 'metrics', containerPort: 9153, protocol: 'TCP' },
  ],
};

/** The docker network gateway: where clients outside the cluster come from. */
export const EXTERNAL_CLIENT_IP = '172.18.0.1';

/** Finds a pod in any agent's cache. */
export function findPod(deps: NetworkDeps, namespace: string, name: string): NetworkPod | undefined {
  for (const agent of deps.agents.values()) {
    const pod = agent.podByName(namespace, name);
    if (pod !== undefined) return pod;
  }
  return undefined;
}

/** Resolves who `from` is; throws when the pod does not exist or has no address yet. */
export function resolveSource(deps: NetworkDeps, from: ConnectSource): Source {
  if (from.kind === 'external') {
    const ip = from.ip ?? EXTERNAL_CLIENT_IP;
    return {
      component: from.component ?? 'external-client',
      ip,
      node: null,
      pod: null,
      resolv: KIND_NODE_RESOLV,
      peer: { kind: 'ip', ip },
    };
  }
  if (from.kind === 'node') {
    const ip =
      deps.agents
        .get(from.node)
        ?.nodes()
        .find((n) => n.name === from.node)?.ip ?? '';
    return {
      component: `${from.node}/host`,
      ip,
      node: from.node,
      pod: null,
      resolv: KIND_NODE_RESOLV,
      peer: { kind: 'ip', ip },
    };
  }
  const pod = findPod(deps, from.namespace, from.name);
  if (pod === undefined && from.sandbox !== undefined) {
    const { ip, node } = from.sandbox;
    return {
      component: `${node}/pod/${from.namespace}/${from.name}`,
      ip,
      node,
      pod: null,
      resolv: podResolvConf({ namespace: from.namespace }, deps.clusterDns),
      peer: { kind: 'ip', ip },
    };
  }
  if (pod === undefined)
    throw new Error(`pod ${from.namespace}/${from.name} has no IP address (not running?)`);
  const spec = pod.object.spec;
  const resolv = podResolvConf(
    {
      namespace: pod.namespace,
      ...(spec?.dnsPolicy === undefined ? {} : { dnsPolicy: spec.dnsPolicy }),
      ...(spec?.hostNetwork === undefined ? {} : { hostNetwork: spec.hostNetwork }),
      ...(spec?.dnsConfig === undefined ? {} : { dnsConfig: spec.dnsConfig }),
    },
    deps.clusterDns,
  );
  const hostNetwork = spec?.hostNetwork === true;
  return {
    component: `${pod.node}/pod/${pod.namespace}/${pod.name}`,
    ip: pod.ip,
    node: pod.node,
    pod: hostNetwork ? null : pod,
    resolv,
    peer: hostNetwork ? { kind: 'ip', ip: pod.ip } : { kind: 'pod', pod },
  };
}

/**
 * How `source` reaches nameservers: CoreDNS at its Service address and the upstream resolver
 * at the kind gateway; anything else, or a query its egress policy drops, gets no answer.
 */
export function dnsTransport(deps: NetworkDeps, source: Source): DnsTransport {
  const client: DnsClient = { component: source.component, ip: source.ip };
  const allowed = new Map<string, boolean>();
  return (server, name, type, causedBy) => {
    const target: DnsServer | undefined =
      server === deps.dns.address ? deps.dns : server === deps.upstream.address ? deps.upstream : undefined;
    if (target === undefined) return null;
    let cause = causedBy;
    const agent = source.node === null ? undefined : deps.agents.get(source.node);
    if (!allowed.has(server) && source.pod !== null && agent !== undefined) {
      const dst: PolicyPeer =
        target === deps.dns ? { kind: 'pod', pod: COREDNS_POD } : { kind: 'ip', ip: server };
      const conn = { src: source.peer, dst, port: 53, protocol: 'UDP' as const };
      const check = agent.checkPolicy('Egress', source.pod, conn, source.component, causedBy);
      allowed.set(server, check.verdict.allowed);
      cause = check.step ?? causedBy;
    }
    if (allowed.get(server) === false) return null;
    return target.query(name, type, client, cause);
  };
}
