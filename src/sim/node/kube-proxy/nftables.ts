/**
 * The nftables backend: the `ip kube-proxy` table upstream's pkg/proxy/nftables builds —
 * base chains hooked at the netfilter hooks, verdict maps from `address . protocol . port`
 * to per-service chains, `numgen random` load balancing, and no-endpoint maps that reject
 * or drop — kept as data and printed as `nft list table ip kube-proxy` does (sets and maps
 * first, then chains, each in creation order). NodePorts listen on the node's primary IP
 * (nftables mode's default --nodeport-addresses).
 */
import { nftEndpointBase, nftServiceBase } from './hash';
import { compareElements, duration } from './nftables-list';
import type { ProxyEndpoint, ProxyNetwork, ServicePortPlan } from './types';

/** One element of a set or map. */
export interface NftElement {
  readonly key: string;
  readonly value?: string;
  readonly comment?: string;
}

export interface NftSet {
  readonly kind: 'set' | 'map';
  readonly name: string;
  readonly type: string;
  readonly comment?: string;
  /** Extra declaration lines (`flags dynamic,timeout`, `timeout 3h`). */
  readonly extra?: readonly string[];
  readonly elements: NftElement[];
}

export interface NftChain {
  readonly kind: 'chain';
  readonly name: string;
  /** `type nat hook prerouting priority dstnat; policy accept;` for base chains. */
  readonly hook?: string;
  readonly comment?: string;
  readonly rules: string[];
}

/** The kube-proxy table: its objects in creation order. */
export interface NftTable {
  readonly objects: readonly (NftSet | NftChain)[];
}

const MARK = '0x00004000';

/** Names of a service port's chains. */
export function nftServiceChains(plan: ServicePortPlan) {
  const { svc } = plan;
  const base = nftServiceBase(svc.namespace, svc.name, svc.protocol, svc.portName);
  return { cluster: `service-${base}`, local: `local-${base}`, external: `external-${base}` };
}

/** The endpoint chain (and affinity set) base of one endpoint. */
export function nftEndpointName(plan: ServicePortPlan, ep: ProxyEndpoint): string {
  const { svc } = plan;
  return nftEndpointBase(svc.namespace, svc.name, svc.protocol, svc.portName, ep.ip, ep.port);
}

function set(kind: 'set' | 'map', name: string, type: string, comment: string): NftSet {
  return { kind, name, type, comment, elements: [] };
}

function chain(name: string, rules: string[] = [], hook?: string, comment?: string): NftChain {
  return {
    kind: 'chain',
    name,
    rules,
    ...(hook === undefined ? {} : { hook }),
    ...(comment === undefined ? {} : { comment }),
  };
}

/** The `ip kube-proxy` table for these plans. */
export function buildNftables(plans: readonly ServicePortPlan[], net: ProxyNetwork): NftTable {
  const triple = 'ipv4_addr . inet_proto . inet_service : verdict';
  const clusterIPs = set('set', 'cluster-ips', 'ipv4_addr', 'Active ClusterIPs');
  const nodePortIPs = set('set', 'nodeport-ips', 'ipv4_addr', 'IPs that accept NodePort traffic');
  nodePortIPs.elements.push({ key: net.nodeIP });
  const noEpServices = set(
    'map',
    'no-endpoint-services',
    triple,
    'vmap to drop or reject packets to services with no endpoints',
  );
  const noEpNodePorts = set(
    'map',
    'no-endpoint-nodeports',
    'inet_proto . inet_service : verdict',
    'vmap to drop or reject packets to service nodeports with no endpoints',
  );
  const firewallIPs = set(
    'map',
    'firewall-ips',
    triple,
    'destinations that are subject to LoadBalancerSourceRanges',
  );
  const serviceIPs = set('map', 'service-ips', triple, 'ClusterIP, ExternalIP and LoadBalancer IP traffic');
  const serviceNodePorts = set(
    'map',
    'service-nodeports',
    'inet_proto . inet_service : verdict',
    'NodePort traffic',
  );
  const isNew = 'ct state new jump';
  const sets: NftSet[] = [
    clusterIPs,
    nodePortIPs,
    noEpServices,
    noEpNodePorts,
    firewallIPs,
    serviceIPs,
    serviceNodePorts,
  ];
  const chains: NftChain[] = [
    chain(
      'filter-prerouting',
      [`${isNew} firewall-check`],
      'type filter hook prerouting priority dstnat - 10; policy accept;',
    ),
    chain(
      'filter-input',
      [`${isNew} nodeport-endpoints-check`, `${isNew} service-endpoints-check`],
      'type filter hook input priority -110; policy accept;',
    ),
    chain(
      'filter-forward',
      [`${isNew} service-endpoints-check`, `${isNew} cluster-ips-check`],
      'type filter hook forward priority -110; policy accept;',
    ),
    chain(
      'filter-output',
      [`${isNew} service-endpoints-check`, `${isNew} firewall-check`],
      'type filter hook output priority -110; policy accept;',
    ),
    chain(
      'filter-output-post-dnat',
      [`${isNew} cluster-ips-check`],
      'type filter hook output priority -90; policy accept;',
    ),
    chain('nat-prerouting', ['jump services'], 'type nat hook prerouting priority dstnat; policy accept;'),
    chain('nat-output', ['jump services'], 'type nat hook output priority -100; policy accept;'),
    chain(
      'nat-postrouting',
      ['jump masquerading'],
      'type nat hook postrouting priority srcnat; policy accept;',
    ),
    chain('nodeport-endpoints-check', [
      'ip daddr @nodeport-ips meta l4proto . th dport vmap @no-endpoint-nodeports',
    ]),
    chain('service-endpoints-check', ['ip daddr . meta l4proto . th dport vmap @no-endpoint-services']),
    chain('firewall-check', ['ip daddr . meta l4proto . th dport vmap @firewall-ips']),
    chain('services', [
      'ip daddr . meta l4proto . th dport vmap @service-ips',
      'ip daddr @nodeport-ips meta l4proto . th dport vmap @service-nodeports',
    ]),
    chain('masquerading', [
      `meta mark & ${MARK} == 0x00000000 return`,
      `meta mark set meta mark ^ ${MARK}`,
      'masquerade fully-random',
    ]),
    chain('cluster-ips-check', [
      'ip daddr @cluster-ips reject comment "Reject traffic to invalid ports of ClusterIPs"',
    ]),
    chain('mark-for-masquerade', [`meta mark set meta mark | ${MARK}`]),
    chain('reject-chain', ['reject'], undefined, 'helper for @no-endpoint-services / @no-endpoint-nodeports'),
  ];
  for (const plan of plans) {
    const { svc } = plan;
    const proto = svc.protocol.toLowerCase();
    const names = nftServiceChains(plan);
    const internalChain = svc.internalPolicyLocal ? names.local : names.cluster;
    const externalPolicyChain = svc.externalPolicyLocal ? names.local : names.cluster;
    const verdict = plan.hasEndpoints ? 'drop' : 'goto reject-chain';
    if (!clusterIPs.elements.some((e) => e.key === svc.clusterIP))
      clusterIPs.elements.push({ key: svc.clusterIP });
    const triple = (ip: string) => `${ip} . ${proto} . ${svc.port}`;
    if (plan.hasInternalEndpoints)
      serviceIPs.elements.push({ key: triple(svc.clusterIP), value: `goto ${internalChain}` });
    else noEpServices.elements.push({ key: triple(svc.clusterIP), value: verdict, comment: svc.nameString });
    for (const ip of [...svc.externalIPs, ...svc.loadBalancerIPs]) {
      if (plan.hasEndpoints) serviceIPs.elements.push({ key: triple(ip), value: `goto ${names.external}` });
      if (!plan.hasExternalEndpoints)
        noEpServices.elements.push({ key: triple(ip), value: verdict, comment: svc.nameString });
    }
    if (svc.nodePort !== 0) {
      const key = `${proto} . ${svc.nodePort}`;
      if (plan.hasEndpoints) serviceNodePorts.elements.push({ key, value: `goto ${names.external}` });
      if (!plan.hasExternalEndpoints)
        noEpNodePorts.elements.push({ key, value: verdict, comment: svc.nameString });
    }
    const endpointChains = new Map(
      plan.reachable.map((ep) => [ep.key, chain(`endpoint-${nftEndpointName(plan, ep)}`)]),
    );
    chains.push(...endpointChains.values());
    if (svc.stickySeconds !== null) {
      for (const ep of plan.reachable) {
        const extra = ['size 65535', 'flags dynamic,timeout', `timeout ${duration(svc.stickySeconds)}`];
        sets.push({
          kind: 'set',
          name: `affinity-${nftEndpointName(plan, ep)}`,
          type: 'ipv4_addr',
          extra,
          elements: [],
        });
      }
    }
    const serviceChain = (name: string, endpoints: readonly ProxyEndpoint[]) => {
      const rules: string[] = [];
      if (name === internalChain && plan.hasInternalEndpoints)
        rules.push(
          `ip daddr ${svc.clusterIP} ${proto} dport ${svc.port} ip saddr != ${net.clusterCIDR} jump mark-for-masquerade`,
        );
      if (svc.stickySeconds !== null)
        for (const ep of endpoints)
          rules.push(
            `ip saddr @affinity-${nftEndpointName(plan, ep)} goto endpoint-${nftEndpointName(plan, ep)}`,
          );
      const vmap = endpoints.map((ep, i) => `${i} : goto endpoint-${nftEndpointName(plan, ep)}`).join(', ');
      rules.push(`numgen random mod ${endpoints.length} vmap { ${vmap} }`);
      chains.push(chain(name, rules));
    };
    if (plan.usesClusterChain) serviceChain(names.cluster, plan.clusterEndpoints);
    if (plan.usesLocalChain) serviceChain(names.local, plan.localEndpoints);
    if (plan.usesExternalChain) {
      const rules: string[] = [];
      if (!svc.externalPolicyLocal) rules.push('jump mark-for-masquerade');
      else
        rules.push(
          `ip saddr ${net.clusterCIDR} goto ${names.cluster} comment "short-circuit pod traffic"`,
          'fib saddr type local jump mark-for-masquerade comment "masquerade local traffic"',
          `fib saddr type local goto ${names.cluster} comment "short-circuit local traffic"`,
        );
      if (plan.hasExternalEndpoints) rules.push(`goto ${externalPolicyChain}`);
      chains.push(chain(names.external, rules));
    }
    for (const ep of plan.reachable) {
      const rules = endpointChains.get(ep.key)?.rules ?? [];
      rules.push(`ip saddr ${ep.ip} jump mark-for-masquerade`);
      if (svc.stickySeconds !== null)
        rules.push(`update @affinity-${nftEndpointName(plan, ep)} { ip saddr }`);
      rules.push(`meta l4proto ${proto} dnat to ${ep.key}`);
    }
  }
  for (const s of sets) s.elements.sort(compareElements);
  return { objects: [...sets, ...chains] };
}
