/**
 * What the node's kernel does with a new connection under kube-proxy's rules: DNAT to one
 * endpoint, reject or drop it, or leave it alone. The decision follows the rules' semantics
 * (the same in every mode, as upstream intends), while the endpoint choice uses each mode's
 * mechanism: iptables' chained `statistic` probabilities and nftables' `numgen random mod n`
 * with the kernel's seeded RNG, IPVS's round robin; ClientIP affinity (`recent` lists, affinity
 * sets, IPVS persistence) pins a client to its last endpoint until the timeout passes.
 */
import type { Kernel } from '../../kernel/kernel';
import { cidrContains } from '../../network/ip';
import { iptablesEndpointChain, iptablesServiceChains } from './hash';
import { statisticValue } from './iptables';
import { nftEndpointName, nftServiceChains } from './nftables';
import type { Protocol, ProxyEndpoint, ProxyMode, ProxyNetwork, ServicePortPlan } from './types';

/** A new connection as it enters the node's netfilter hooks. */
export interface ProxyPacket {
  readonly srcIP: string;
  readonly dstIP: string;
  readonly dstPort: number;
  readonly protocol: Protocol;
}

/** How the destination matched a Service. */
export type ServiceAccess = 'cluster-ip' | 'external-ip' | 'load-balancer' | 'node-port';

/** kube-proxy's verdict on a packet. */
export type ProxyVerdict =
  /** No Service rule matched: the packet is routed unchanged. */
  | { readonly kind: 'pass' }
  | {
      readonly kind: 'dnat';
      readonly service: string;
      readonly via: ServiceAccess;
      readonly endpoint: ProxyEndpoint;
      /** Whether the source is masqueraded to the node's IP on the way out. */
      readonly masquerade: boolean;
      /** Whether ClientIP affinity chose the endpoint. */
      readonly sticky: boolean;
      /** The chains (or IPVS entries) the packet went through. */
      readonly path: readonly string[];
    }
  | {
      readonly kind: 'reject' | 'drop';
      readonly service: string;
      readonly reason: string;
      readonly path: readonly string[];
    };

interface Match {
  readonly plan: ServicePortPlan;
  readonly via: ServiceAccess;
}

/** The node's dataplane state: the last sync's plans plus affinity and round-robin memory. */
export class ProxyDataplane {
  plans: readonly ServicePortPlan[] = [];
  readonly #affinity = new Map<string, Map<string, number>>();
  readonly #roundRobin = new Map<string, number>();

  constructor(
    private readonly kernel: Kernel,
    readonly mode: ProxyMode,
    public net: ProxyNetwork,
  ) {}

  /** Decides the fate of a new connection entering this node. */
  decide(packet: ProxyPacket): ProxyVerdict {
    const match = this.#match(packet);
    if (match === null) {
      const vip = this.plans.find((p) => p.svc.clusterIP === packet.dstIP);
      if (vip === undefined || this.mode === 'iptables') return { kind: 'pass' };
      const path =
        this.mode === 'nftables' ? ['cluster-ips-check'] : ['kube-ipvs0 (local address, no virtual server)'];
      return {
        kind: 'reject',
        service: vip.svc.nameString,
        reason: 'Reject traffic to invalid ports of ClusterIPs',
        path,
      };
    }
    const { plan, via } = match;
    const { svc } = plan;
    const fromPod = cidrContains(this.net.clusterCIDR, packet.srcIP);
    const fromNode = packet.srcIP === this.net.nodeIP;
    if (via === 'cluster-ip') {
      if (!plan.hasInternalEndpoints) return this.#refuse(plan, via);
      const endpoints = svc.internalPolicyLocal ? plan.localEndpoints : plan.clusterEndpoints;
      return this.#dnat(plan, via, endpoints, !fromPod, packet, svc.internalPolicyLocal);
    }
    if (!plan.hasEndpoints) return this.#refuse(plan, via);
    if (!svc.externalPolicyLocal) return this.#dnat(plan, via, plan.clusterEndpoints, true, packet, false);
    if (fromPod || fromNode) return this.#dnat(plan, via, plan.clusterEndpoints, fromNode, packet, false);
    if (!plan.hasExternalEndpoints) return this.#refuse(plan, via);
    return this.#dnat(plan, via, plan.localEndpoints, false, packet, true);
  }

  #match(packet: ProxyPacket): Match | null {
    const local = packet.dstIP === this.net.nodeIP;
    for (const plan of this.plans) {
      const { svc } = plan;
      if (svc.protocol !== packet.protocol) continue;
      if (packet.dstPort === svc.port) {
        if (packet.dstIP === svc.clusterIP) return { plan, via: 'cluster-ip' };
        if (svc.externalIPs.includes(packet.dstIP)) return { plan, via: 'external-ip' };
        if (svc.loadBalancerIPs.includes(packet.dstIP)) return { plan, via: 'load-balancer' };
      }
    }
    if (!local) return null;
    const plan = this.plans.find(
      (p) => p.svc.nodePort === packet.dstPort && p.svc.protocol === packet.protocol,
    );
    return plan === undefined ? null : { plan, via: 'node-port' };
  }

  #refuse(plan: ServicePortPlan, via: ServiceAccess): ProxyVerdict {
    const { svc } = plan;
    const kind = plan.hasEndpoints ? 'drop' : 'reject';
    const reason = `${svc.nameString} has no ${plan.hasEndpoints ? 'local ' : ''}endpoints`;
    const external = via !== 'cluster-ip';
    const path =
      this.mode === 'iptables'
        ? [`filter ${external ? 'KUBE-EXTERNAL-SERVICES' : 'KUBE-SERVICES'}`, kind.toUpperCase()]
        : this.mode === 'nftables'
          ? [
              `${via === 'node-port' ? 'nodeport' : 'service'}-endpoints-check`,
              kind === 'reject' ? 'reject-chain' : 'drop',
            ]
          : [`${svc.protocol} ${this.#vsAddress(plan, via)} rr`, 'no real servers'];
    return { kind, service: svc.nameString, reason, path };
  }

  #dnat(
    plan: ServicePortPlan,
    via: ServiceAccess,
    endpoints: readonly ProxyEndpoint[],
    masquerade: boolean,
    packet: ProxyPacket,
    localPolicy: boolean,
  ): ProxyVerdict {
    const { svc } = plan;
    const now = this.kernel.clock.now();
    const affinityKey = (ep: ProxyEndpoint) => `${svc.nameString}/${svc.protocol}/${ep.key}`;
    let endpoint: ProxyEndpoint | undefined;
    let sticky = false;
    if (svc.stickySeconds !== null) {
      const limit = svc.stickySeconds * 1000;
      endpoint = endpoints.find((ep) => {
        const seen = this.#affinity.get(affinityKey(ep))?.get(packet.srcIP);
        return seen !== undefined && now - seen <= limit;
      });
      sticky = endpoint !== undefined;
    }
    endpoint ??= this.#pick(plan, via, endpoints);
    if (svc.stickySeconds !== null) {
      const seen = this.#affinity.get(affinityKey(endpoint)) ?? new Map<string, number>();
      seen.set(packet.srcIP, now);
      this.#affinity.set(affinityKey(endpoint), seen);
    }
    const hairpin = endpoint.ip === packet.srcIP;
    return {
      kind: 'dnat',
      service: svc.nameString,
      via,
      endpoint,
      masquerade: masquerade || hairpin,
      sticky,
      path: this.#path(plan, via, endpoint, localPolicy),
    };
  }

  #pick(plan: ServicePortPlan, via: ServiceAccess, endpoints: readonly ProxyEndpoint[]): ProxyEndpoint {
    if (this.mode === 'nftables')
      return endpoints[this.kernel.rng.int(0, endpoints.length - 1)] as ProxyEndpoint;
    if (this.mode === 'ipvs') {
      const key = `${plan.svc.protocol} ${this.#vsAddress(plan, via)}`;
      const next = this.#roundRobin.get(key) ?? 0;
      this.#roundRobin.set(key, next + 1);
      return endpoints[next % endpoints.length] as ProxyEndpoint;
    }
    for (let i = 0; i < endpoints.length - 1; i++) {
      if (this.kernel.rng.float() < statisticValue(endpoints.length - i))
        return endpoints[i] as ProxyEndpoint;
    }
    return endpoints[endpoints.length - 1] as ProxyEndpoint;
  }

  #vsAddress(plan: ServicePortPlan, via: ServiceAccess): string {
    const { svc } = plan;
    if (via === 'node-port') return `${this.net.nodeIP}:${svc.nodePort}`;
    return `${via === 'cluster-ip' ? svc.clusterIP : (svc.loadBalancerIPs[0] ?? svc.externalIPs[0])}:${svc.port}`;
  }

  #path(plan: ServicePortPlan, via: ServiceAccess, ep: ProxyEndpoint, localPolicy: boolean): string[] {
    const { svc } = plan;
    if (this.mode === 'ipvs')
      return [`${svc.protocol} ${this.#vsAddress(plan, via)} rr`, `-> ${ep.key} Masq`];
    const internal = via === 'cluster-ip';
    if (this.mode === 'nftables') {
      const names = nftServiceChains(plan);
      const policy = localPolicy ? names.local : names.cluster;
      return [
        'services',
        ...(internal ? [] : [names.external]),
        policy,
        `endpoint-${nftEndpointName(plan, ep)}`,
      ];
    }
    const chains = iptablesServiceChains(svc.nameString, svc.protocol);
    return [
      'KUBE-SERVICES',
      ...(via === 'node-port' ? ['KUBE-NODEPORTS'] : []),
      ...(internal ? [] : [chains.external]),
      localPolicy ? chains.local : chains.cluster,
      iptablesEndpointChain(svc.nameString, svc.protocol, ep.key),
    ];
  }
}
