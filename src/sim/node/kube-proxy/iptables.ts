/**
 * The iptables backend: a sync's plans as kube-proxy's `nat` and `filter` tables, rule for
 * rule as upstream's pkg/proxy/iptables syncProxyRules writes them. Per service port:
 * capture rules in KUBE-SERVICES (ClusterIP, external and load-balancer IPs) and
 * KUBE-NODEPORTS; KUBE-SVC-/KUBE-SVL- chains spreading over endpoints with `statistic`
 * rules; KUBE-EXT- for external traffic; a KUBE-SEP- chain per endpoint doing the DNAT. A
 * service port without usable endpoints gets filter rules instead: REJECT ("has no
 * endpoints") or, for Local policy without local endpoints, DROP ("has no local endpoints").
 */
import { iptablesEndpointChain, iptablesServiceChains } from './hash';
import {
  FILTER_CHAINS,
  filterPreamble,
  forwardRules,
  NAT_CHAINS,
  natPreamble,
  nfacct,
  rule,
  statisticProbability,
  type IptablesRule,
  type IptablesTable,
} from './iptables-base';
import type { ProxyEndpoint, ProxyNetwork, ServicePortPlan } from './types';

export { statisticProbability, statisticValue, type IptablesRule, type IptablesTable } from './iptables-base';

/** Rules collected per chain group, so each chain's rules keep upstream's order. */
interface Collected {
  readonly services: IptablesRule[];
  readonly nodePorts: IptablesRule[];
  readonly perService: IptablesRule[];
  readonly filter: IptablesRule[];
  readonly chains: string[];
}

/** The `nat` and `filter` tables kube-proxy programs for these plans. */
export function buildIptables(
  plans: readonly ServicePortPlan[],
  net: ProxyNetwork,
): [IptablesTable, IptablesTable] {
  const out: Collected = { services: [], nodePorts: [], perService: [], filter: [], chains: [...NAT_CHAINS] };
  for (const plan of plans) {
    captureRules(plan, out);
    serviceChains(plan, net, out);
  }
  out.services.push(
    rule(
      'KUBE-SERVICES',
      {
        comment: 'kubernetes service nodeports; NOTE: this must be the last rule in this chain',
        after: ['-m', 'addrtype', '--dst-type', 'LOCAL'],
      },
      'KUBE-NODEPORTS',
    ),
  );
  const nat: IptablesTable = {
    name: 'nat',
    builtinChains: ['PREROUTING', 'INPUT', 'OUTPUT', 'POSTROUTING'],
    chains: [...new Set(out.chains)],
    rules: [...natPreamble(), ...out.nodePorts, ...out.services, ...out.perService],
  };
  const filter: IptablesTable = {
    name: 'filter',
    builtinChains: ['INPUT', 'FORWARD', 'OUTPUT'],
    chains: FILTER_CHAINS,
    rules: [...filterPreamble(), ...out.filter, ...forwardRules()],
  };
  return [nat, filter];
}

/** The rules that catch the service port's addresses, or reject/drop them in the filter table. */
function captureRules(plan: ServicePortPlan, out: Collected): void {
  const { svc } = plan;
  const proto = svc.protocol.toLowerCase();
  const chains = iptablesServiceChains(svc.nameString, proto);
  const refuse = plan.hasEndpoints
    ? { target: ['DROP'], comment: `${svc.nameString} has no local endpoints` }
    : {
        target: ['REJECT', '--reject-with', 'icmp-port-unreachable'],
        comment: `${svc.nameString} has no endpoints`,
      };
  const [refuseTarget = '', ...refuseArgs] = refuse.target;
  const dport = ['-m', proto, '--dport', String(svc.port)];
  const clusterIP = { dst: svc.clusterIP, proto, comment: `${svc.nameString} cluster IP`, after: dport };
  if (plan.hasInternalEndpoints) {
    const internal = svc.internalPolicyLocal ? chains.local : chains.cluster;
    out.services.push(rule('KUBE-SERVICES', clusterIP, internal));
  } else {
    out.filter.push(
      rule('KUBE-SERVICES', { ...clusterIP, comment: refuse.comment }, refuseTarget, ...refuseArgs),
    );
  }
  const addresses: [string, string][] = [
    ...svc.externalIPs.map((ip): [string, string] => [ip, 'external IP']),
    ...svc.loadBalancerIPs.map((ip): [string, string] => [ip, 'loadbalancer IP']),
  ];
  for (const [ip, kind] of addresses) {
    const parts = { dst: ip, proto, comment: `${svc.nameString} ${kind}`, after: dport };
    if (plan.hasEndpoints) out.services.push(rule('KUBE-SERVICES', parts, chains.external));
    if (!plan.hasExternalEndpoints) {
      const refused = { ...parts, comment: refuse.comment };
      out.filter.push(rule('KUBE-EXTERNAL-SERVICES', refused, refuseTarget, ...refuseArgs));
    }
  }
  if (svc.nodePort === 0) return;
  const nodePort = ['-m', proto, '--dport', String(svc.nodePort)];
  if (plan.hasEndpoints) {
    const localhost = {
      dst: '127.0.0.0/8',
      proto,
      comment: svc.nameString,
      after: [...nodePort, ...nfacct('localhost_nps_accepted_pkts')],
    };
    out.nodePorts.push(
      rule('KUBE-NODEPORTS', localhost, chains.external),
      rule('KUBE-NODEPORTS', { proto, comment: svc.nameString, after: nodePort }, chains.external),
    );
  }
  if (!plan.hasExternalEndpoints) {
    const local = {
      proto,
      comment: refuse.comment,
      after: ['-m', 'addrtype', '--dst-type', 'LOCAL', ...nodePort],
    };
    out.filter.push(rule('KUBE-EXTERNAL-SERVICES', local, refuseTarget, ...refuseArgs));
  }
}

/** The service port's own chains: SVC/SVL (masquerade + spread), EXT, and one SEP per endpoint. */
function serviceChains(plan: ServicePortPlan, net: ProxyNetwork, out: Collected): void {
  const { svc } = plan;
  const proto = svc.protocol.toLowerCase();
  const chains = iptablesServiceChains(svc.nameString, proto);
  const add = (...rules: IptablesRule[]) => out.perService.push(...rules);
  if (plan.hasInternalEndpoints) {
    const internal = svc.internalPolicyLocal ? chains.local : chains.cluster;
    const after = ['-m', proto, '--dport', String(svc.port)];
    const parts = {
      src: net.clusterCIDR,
      notSrc: true,
      dst: svc.clusterIP,
      proto,
      comment: `${svc.nameString} cluster IP`,
      after,
    };
    add(rule(internal, parts, 'KUBE-MARK-MASQ'));
  }
  if (plan.usesExternalChain) {
    out.chains.push(chains.external);
    const name = svc.nameString;
    const srcLocal = ['-m', 'addrtype', '--src-type', 'LOCAL'];
    if (!svc.externalPolicyLocal) {
      add(
        rule(
          chains.external,
          { comment: `masquerade traffic for ${name} external destinations` },
          'KUBE-MARK-MASQ',
        ),
      );
    } else {
      add(
        rule(
          chains.external,
          { src: net.clusterCIDR, comment: `pod traffic for ${name} external destinations` },
          chains.cluster,
        ),
        rule(
          chains.external,
          { comment: `masquerade LOCAL traffic for ${name} external destinations`, after: srcLocal },
          'KUBE-MARK-MASQ',
        ),
        rule(
          chains.external,
          { comment: `route LOCAL traffic for ${name} external destinations`, after: srcLocal },
          chains.cluster,
        ),
      );
    }
    if (plan.hasExternalEndpoints)
      add(rule(chains.external, {}, svc.externalPolicyLocal ? chains.local : chains.cluster));
  }
  if (plan.usesClusterChain) {
    out.chains.push(chains.cluster);
    add(...endpointSpread(plan, chains.cluster, plan.clusterEndpoints));
  }
  if (plan.usesLocalChain) {
    out.chains.push(chains.local);
    add(...endpointSpread(plan, chains.local, plan.localEndpoints));
  }
  for (const ep of plan.reachable) {
    const sep = iptablesEndpointChain(svc.nameString, proto, ep.key);
    out.chains.push(sep);
    const recent =
      svc.stickySeconds === null
        ? []
        : ['-m', 'recent', '--set', '--name', sep, '--mask', '255.255.255.255', '--rsource'];
    add(
      rule(sep, { src: ep.ip, comment: svc.nameString }, 'KUBE-MARK-MASQ'),
      rule(
        sep,
        { proto, comment: svc.nameString, after: [...recent, '-m', proto] },
        'DNAT',
        '--to-destination',
        ep.key,
      ),
    );
  }
}

/** writeServiceToEndpointRules: affinity checks, then one random-statistic rule per endpoint. */
function endpointSpread(
  plan: ServicePortPlan,
  chain: string,
  endpoints: readonly ProxyEndpoint[],
): IptablesRule[] {
  const { svc } = plan;
  const sep = (ep: ProxyEndpoint) => iptablesEndpointChain(svc.nameString, svc.protocol, ep.key);
  const out: IptablesRule[] = [];
  if (svc.stickySeconds !== null) {
    for (const ep of endpoints) {
      const recent = ['-m', 'recent', '--rcheck', '--seconds', String(svc.stickySeconds), '--reap'];
      const after = [...recent, '--name', sep(ep), '--mask', '255.255.255.255', '--rsource'];
      out.push(rule(chain, { comment: `${svc.nameString} -> ${ep.key}`, after }, sep(ep)));
    }
  }
  endpoints.forEach((ep, i) => {
    const last = i === endpoints.length - 1;
    const probability = statisticProbability(endpoints.length - i);
    const after = last ? [] : ['-m', 'statistic', '--mode', 'random', '--probability', probability];
    out.push(rule(chain, { comment: `${svc.nameString} -> ${ep.key}`, after }, sep(ep)));
  });
  return out;
}
