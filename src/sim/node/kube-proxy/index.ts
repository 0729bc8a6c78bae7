/**
 * kube-proxy on one node: an API client of kube-apiserver (`<node>/kube-proxy`, user agent
 * `kube-proxy`) that watches Services and EndpointSlices (without the headless and
 * service-proxy-name labels, as upstream's informers select) and its own Node. Every change
 * that alters what it would program triggers a sync (at most one per --iptables-min-sync-period,
 * 1 s) that recomputes the rules and keeps them as data, one trace step on the node. The node's
 * kernel then consults {@link KubeProxy.lookup} for each new connection.
 */
import type { NodeStatus } from 'kubernetes-types/core/v1';
import type { ApiServer } from '../../apiserver/apiserver';
import type { KubeObject } from '../../apiserver/types';
import { Informer } from '../../client/informer';
import { ApiClient } from '../../client/rest';
import type { Kernel } from '../../kernel/kernel';
import { buildIptables, type IptablesTable } from './iptables';
import { iptablesSave } from './iptables-save';
import { buildIpvs, ipvsadmList, type VirtualServer } from './ipvs';
import { ProxyDataplane, type ProxyPacket, type ProxyVerdict } from './lookup';
import { buildNftables, type NftTable } from './nftables';
import { nftListTable } from './nftables-list';
import { planAll } from './service-map';
import {
  ENDPOINT_SLICES,
  NODES,
  SERVICES,
  type ProxyMode,
  type ServiceObject,
  type ServicePortPlan,
  type SliceObject,
} from './types';

export type { ProxyMode, ProxyPacket, ProxyVerdict, ServicePortPlan };

export interface KubeProxyOptions {
  /** --proxy-mode; `iptables` (kind's default) when omitted. */
  readonly mode?: ProxyMode;
  /** The node's IP; read from the Node's InternalIP when omitted. */
  readonly nodeIP?: string;
  /** --cluster-cidr, the pod network (kind: 10.244.0.0/16). */
  readonly clusterCIDR?: string;
  /** --iptables-min-sync-period in virtual ms (1 s by default). */
  readonly minSyncPeriodMs?: number;
}

/** A running kube-proxy. */
export interface KubeProxy {
  /** Its component id, `<node>/kube-proxy`. */
  readonly id: string;
  readonly nodeName: string;
  readonly mode: ProxyMode;
  /** What the last sync programmed, per service port. */
  plans(): readonly ServicePortPlan[];
  /** `iptables-save` (or `-t nat` / `-t filter`); outside iptables mode only the built-in chains. */
  iptablesSave(table?: 'nat' | 'filter'): string;
  /** `ipvsadm -Ln`; outside IPVS mode the header alone. */
  ipvsadm(): string;
  /** `nft list table ip kube-proxy`, or null outside nftables mode (no such table). */
  nftList(): string | null;
  /** The tables, virtual servers and nftables table of the last sync, as data. */
  rules(): { iptables: readonly IptablesTable[]; ipvs: readonly VirtualServer[]; nftables: NftTable | null };
  /**
   * What this node's kernel does with a new connection, traced as a step from `from` (the
   * sending component) to kube-proxy when a Service rule matched. `step` is null for `pass`.
   */
  lookup(
    packet: ProxyPacket,
    from: string,
    causedBy: number | null,
  ): { verdict: ProxyVerdict; step: number | null };
}

type NodeObject = KubeObject & { status?: NodeStatus };

const NOT_PROXIED = '!service.kubernetes.io/service-proxy-name,!service.kubernetes.io/headless';

/** Starts kube-proxy on `nodeName`. */
export function startKubeProxy(
  kernel: Kernel,
  apiserver: ApiServer,
  nodeName: string,
  options: KubeProxyOptions = {},
): KubeProxy {
  const id = `${nodeName}/kube-proxy`;
  const mode = options.mode ?? 'iptables';
  const client = new ApiClient(apiserver, id, 'kube-proxy');
  const services = new Informer<ServiceObject>(kernel, client, SERVICES, { labelSelector: NOT_PROXIED });
  const slices = new Informer<SliceObject>(kernel, client, ENDPOINT_SLICES, { labelSelector: NOT_PROXIED });
  const nodes = new Informer<NodeObject>(kernel, client, NODES, {
    fieldSelector: `metadata.name=${nodeName}`,
  });
  const dataplane = new ProxyDataplane(kernel, mode, {
    nodeName,
    nodeIP: options.nodeIP ?? '',
    clusterCIDR: options.clusterCIDR ?? '10.244.0.0/16',
  });
  const minSync = options.minSyncPeriodMs ?? 1000;
  let tables: IptablesTable[] = buildIptables([], dataplane.net);
  let ipvs: VirtualServer[] = [];
  let nft: NftTable | null = null;
  let lastSync = -Infinity;
  let lastFingerprint: string | null = null;
  /** The cause of the sync waiting to run, if one is scheduled. */
  let pending: { cause: number | null } | null = null;

  const sync = (cause: number | null) => {
    pending = null;
    lastSync = kernel.clock.now();
    const plans = planAll(services.lister.list(), slices.lister.list(), nodeName);
    const fingerprint = JSON.stringify([dataplane.net, plans]);
    if (fingerprint === lastFingerprint) return;
    lastFingerprint = fingerprint;
    dataplane.plans = plans;
    const endpoints = plans.reduce((n, p) => n + p.reachable.length, 0);
    let programmed: string;
    if (mode === 'iptables') {
      tables = buildIptables(plans, dataplane.net);
      const [nat, filter] = tables;
      programmed = `iptables-restore: ${nat?.rules.length ?? 0} nat rules, ${filter?.rules.length ?? 0} filter rules`;
    } else if (mode === 'ipvs') {
      ipvs = buildIpvs(plans, dataplane.net);
      programmed = `ipvs: ${ipvs.length} virtual servers, ${ipvs.reduce((n, v) => n + v.reals.length, 0)} real servers`;
    } else {
      nft = buildNftables(plans, dataplane.net);
      programmed = `nft: ${nft.objects.filter((o) => o.kind === 'chain').length} chains`;
    }
    kernel.trace.emit({
      from: id,
      to: id,
      kind: 'decision',
      summary: `syncProxyRules (${mode}): ${plans.length} service ports, ${endpoints} endpoints; ${programmed}`,
      detail: { mode, servicePorts: plans.map((p) => p.svc.nameString), endpoints },
      causedBy: cause,
    });
  };

  const requestSync = (cause: number | null) => {
    if (!services.hasSynced || !slices.hasSynced) return;
    if (pending !== null) return;
    const delay = Math.max(0, lastSync + minSync - kernel.clock.now());
    pending = { cause };
    kernel.schedule(delay, `${id}: syncProxyRules`, () => sync(pending?.cause ?? cause));
  };
  const onChange = {
    add: (_: unknown, c: number | null) => requestSync(c),
    delete: (_: unknown, c: number | null) => requestSync(c),
  };
  services.addHandlers({ ...onChange, update: (_o, _n, c) => requestSync(c) });
  slices.addHandlers({ ...onChange, update: (_o, _n, c) => requestSync(c) });
  const readNode = (node: NodeObject, cause: number | null) => {
    if (options.nodeIP !== undefined) return;
    const ip = node.status?.addresses?.find((a) => a.type === 'InternalIP')?.address ?? '';
    if (ip === dataplane.net.nodeIP) return;
    dataplane.net = { ...dataplane.net, nodeIP: ip };
    requestSync(cause);
  };
  nodes.addHandlers({ add: readNode, update: (_o, n, c) => readNode(n, c) });

  kernel.schedule(0, `${id}: start`, () => {
    services.start();
    slices.start();
    nodes.start();
    requestSync(null);
  });

  return {
    id,
    nodeName,
    mode,
    plans: () => dataplane.plans,
    iptablesSave: (table) => {
      const shown =
        mode === 'iptables'
          ? tables
          : buildIptables([], dataplane.net).map((t) => ({ ...t, chains: [], rules: [] }));
      const epoch = kernel.clock.epoch + kernel.clock.now();
      return iptablesSave(table === undefined ? shown : shown.filter((t) => t.name === table), epoch);
    },
    ipvsadm: () => ipvsadmList(mode === 'ipvs' ? ipvs : []),
    nftList: () => (nft === null ? null : nftListTable(nft)),
    rules: () => ({ iptables: mode === 'iptables' ? tables : [], ipvs, nftables: nft }),
    lookup: (packet, from, causedBy) => {
      const verdict = dataplane.decide(packet);
      if (verdict.kind === 'pass') return { verdict, step: null };
      const dst = `${packet.dstIP}:${packet.dstPort}/${packet.protocol}`;
      const summary =
        verdict.kind === 'dnat'
          ? `DNAT ${dst} -> ${verdict.endpoint.key} (${verdict.service}${verdict.sticky ? ', ClientIP affinity' : ''}${verdict.masquerade ? ', masquerade' : ''})`
          : `${verdict.kind.toUpperCase()} ${dst}: "${verdict.reason}"`;
      const step = kernel.trace.emit({
        from,
        to: id,
        kind: 'decision',
        summary: `${mode}: ${summary}`,
        detail: { mode, packet: { ...packet }, verdict: verdict.kind, path: [...verdict.path] },
        causedBy,
      });
      return { verdict, step: step.id };
    },
  };
}
