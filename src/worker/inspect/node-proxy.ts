/**
 * The kube-proxy part of the node view: a readable summary of the Service rules kube-proxy
 * programmed on the node at its last sync. In iptables mode it follows the nat table as
 * `iptables-save -t nat` shows it, KUBE-SERVICES (and KUBE-NODEPORTS) -> KUBE-SVC-/KUBE-SVL-/
 * KUBE-EXT- -> KUBE-SEP- with each `statistic` rule's probability and the SEP chain's DNAT,
 * plus the filter table's REJECT/DROP for Services without endpoints; in IPVS mode it lists
 * the virtual servers and their real servers (`ipvsadm -Ln`); in nftables mode the
 * `service-`/`endpoint-` chains the `service-ips` map jumps to.
 */
import type { KubeProxy, ProxyMode } from '../../sim/node/kube-proxy';
import type { IptablesRule, IptablesTable } from '../../sim/node/kube-proxy/iptables';
import { nftEndpointName, nftServiceChains } from '../../sim/node/kube-proxy/nftables';
import type { ServicePortPlan } from '../../sim/node/kube-proxy/types';

/** One endpoint a Service rule may send a connection to. */
export interface ProxyEndpointView {
  /** The endpoint's chain (`KUBE-SEP-…`, `endpoint-…`); null for an IPVS real server. */
  readonly chain: string | null;
  /** The DNAT destination / real server, `10.244.1.2:80`. */
  readonly destination: string;
  /** iptables: the `statistic --probability` of its rule (null for the last, which always matches). */
  readonly probability: string | null;
}

/** How one Service address is handled on the node. */
export interface ProxyServiceView {
  /** ServicePortName, `default/web:http` (or `default/web`). */
  readonly service: string;
  /** `10.96.23.4:80/TCP`, or `*:30080/TCP` for a NodePort on every local address. */
  readonly frontend: string;
  readonly via: 'cluster IP' | 'external IP' | 'loadbalancer IP' | 'node port';
  /** The chain the capture rule jumps to (`KUBE-SVC-…`, `service-…`); null in IPVS mode. */
  readonly chain: string | null;
  /** `dnat` when it has endpoints, else what the no-endpoint rule does. */
  readonly verdict: 'dnat' | 'reject' | 'drop';
  /** How a connection picks its endpoint: `statistic random`, `numgen random`, `rr`. */
  readonly spread: string;
  readonly endpoints: readonly ProxyEndpointView[];
}

/** The node's Service rules. */
export interface ProxyRulesView {
  readonly mode: ProxyMode;
  readonly services: readonly ProxyServiceView[];
}

/** The value after `flag` in a rule's matches (`--dport 80` -> `80`), unquoted. */
function arg(rule: IptablesRule, flag: string): string | null {
  const i = rule.matches.indexOf(flag);
  const value = i < 0 ? undefined : rule.matches[i + 1];
  return value === undefined ? null : value.replace(/^"|"$/g, '');
}

const CAPTURE_VIA: readonly [string, ProxyServiceView['via']][] = [
  [' cluster IP', 'cluster IP'],
  [' external IP', 'external IP'],
  [' loadbalancer IP', 'loadbalancer IP'],
];

/** The service name and address kind a capture rule's comment names. */
function parseComment(comment: string, nodePort: boolean): { service: string; via: ProxyServiceView['via'] } {
  if (nodePort) return { service: comment, via: 'node port' };
  for (const [suffix, via] of CAPTURE_VIA)
    if (comment.endsWith(suffix)) return { service: comment.slice(0, -suffix.length), via };
  const refused = /^(.*) has no (local )?endpoints$/.exec(comment);
  return { service: refused?.[1] ?? comment, via: 'cluster IP' };
}

/** The endpoints a service chain spreads over, following KUBE-EXT- to its SVC/SVL chain. */
function chainEndpoints(nat: IptablesTable, chain: string, depth = 0): ProxyEndpointView[] {
  const rules = nat.rules.filter((r) => r.chain === chain);
  const seps = rules.filter((r) => r.target.startsWith('KUBE-SEP-') && !r.matches.includes('--rcheck'));
  if (seps.length === 0) {
    const next = rules.findLast((r) => /^KUBE-(SVC|SVL)-/.test(r.target));
    return next === undefined || depth > 2 ? [] : chainEndpoints(nat, next.target, depth + 1);
  }
  return seps.map((r) => {
    const dnat = nat.rules.find((d) => d.chain === r.target && d.target === 'DNAT');
    return {
      chain: r.target,
      destination: dnat?.targetArgs[dnat.targetArgs.indexOf('--to-destination') + 1] ?? '',
      probability: arg(r, '--probability'),
    };
  });
}

/** One capture rule (or no-endpoint rule) as a Service row. */
function iptablesRow(
  nat: IptablesTable,
  rule: IptablesRule,
  verdict: ProxyServiceView['verdict'],
): ProxyServiceView {
  const nodePort = rule.chain === 'KUBE-NODEPORTS' || arg(rule, '--dst-type') === 'LOCAL';
  const parsed = parseComment(arg(rule, '--comment') ?? '', nodePort);
  // A refused external address says only "has no endpoints"; its chain tells it apart.
  const external = verdict !== 'dnat' && !nodePort && rule.chain === 'KUBE-EXTERNAL-SERVICES';
  const { service } = parsed;
  const via = external ? 'external IP' : parsed.via;
  const dst = (arg(rule, '-d') ?? '*').replace(/\/32$/, '');
  const proto = (arg(rule, '-p') ?? 'tcp').toUpperCase();
  const target = verdict === 'dnat' ? rule.target : null;
  return {
    service,
    frontend: `${nodePort ? '*' : dst}:${arg(rule, '--dport') ?? ''}/${proto}`,
    via,
    chain: target,
    verdict,
    spread: 'statistic random',
    endpoints: target === null ? [] : chainEndpoints(nat, target),
  };
}

function iptablesRows(tables: readonly IptablesTable[]): ProxyServiceView[] {
  const nat = tables.find((t) => t.name === 'nat');
  const filter = tables.find((t) => t.name === 'filter');
  if (nat === undefined) return [];
  const captures = nat.rules.filter(
    (r) =>
      (r.chain === 'KUBE-SERVICES' || (r.chain === 'KUBE-NODEPORTS' && arg(r, '-d') === null)) &&
      /^KUBE-(SVC|SVL|EXT)-/.test(r.target),
  );
  const refusals = (filter?.rules ?? []).filter(
    (r) =>
      (r.chain === 'KUBE-SERVICES' || r.chain === 'KUBE-EXTERNAL-SERVICES') &&
      (r.target === 'REJECT' || r.target === 'DROP'),
  );
  return [
    ...captures.map((r) => iptablesRow(nat, r, 'dnat')),
    ...refusals.map((r) => iptablesRow(nat, r, r.target === 'REJECT' ? 'reject' : 'drop')),
  ];
}

const IPVS_VIA = {
  'cluster-ip': 'cluster IP',
  'external-ip': 'external IP',
  'load-balancer': 'loadbalancer IP',
  'node-port': 'node port',
} as const;

/** nftables: each service port's ClusterIP and NodePort, with its endpoint chains. */
function nftRows(plans: readonly ServicePortPlan[]): ProxyServiceView[] {
  return plans.flatMap((plan) => {
    const { svc } = plan;
    const names = nftServiceChains(plan);
    const endpoints = (svc.internalPolicyLocal ? plan.localEndpoints : plan.clusterEndpoints).map((ep) => ({
      chain: `endpoint-${nftEndpointName(plan, ep)}`,
      destination: ep.key,
      probability: null,
    }));
    const row = (frontend: string, via: ProxyServiceView['via'], chain: string, has: boolean) => ({
      service: svc.nameString,
      frontend,
      via,
      chain: has ? chain : null,
      verdict: has
        ? ('dnat' as const)
        : svc.internalPolicyLocal && plan.hasEndpoints
          ? ('drop' as const)
          : ('reject' as const),
      spread: `numgen random mod ${endpoints.length}`,
      endpoints: has ? endpoints : [],
    });
    const internal = svc.internalPolicyLocal ? names.local : names.cluster;
    return [
      row(`${svc.clusterIP}:${svc.port}/${svc.protocol}`, 'cluster IP', internal, plan.hasInternalEndpoints),
      ...(svc.nodePort === 0
        ? []
        : [row(`*:${svc.nodePort}/${svc.protocol}`, 'node port', names.external, plan.hasExternalEndpoints)]),
    ];
  });
}

/** The Service rules kube-proxy programmed on its node at its last sync. */
export function proxyRules(proxy: KubeProxy): ProxyRulesView {
  const rules = proxy.rules();
  if (proxy.mode === 'iptables') return { mode: proxy.mode, services: iptablesRows(rules.iptables) };
  if (proxy.mode === 'nftables') return { mode: proxy.mode, services: nftRows(proxy.plans()) };
  return {
    mode: proxy.mode,
    services: rules.ipvs.map((vs) => ({
      service: vs.plan.svc.nameString,
      frontend: `${vs.address}:${vs.port}/${vs.protocol}`,
      via: IPVS_VIA[vs.via],
      chain: null,
      verdict: vs.reals.length === 0 ? 'reject' : 'dnat',
      spread: vs.persistent === null ? vs.scheduler : `${vs.scheduler} persistent ${vs.persistent}`,
      endpoints: vs.reals.map((r) => ({
        chain: null,
        destination: `${r.address}:${r.port}`,
        probability: null,
      })),
    })),
  };
}
