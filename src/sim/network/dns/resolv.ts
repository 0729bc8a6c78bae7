/**
 * A pod's /etc/resolv.conf, as the kubelet computes it from the pod's dnsPolicy and dnsConfig
 * (pkg/kubelet/network/dns) and containerd writes it: ClusterFirst points at the cluster DNS
 * with the `<ns>.svc.<domain> svc.<domain> <domain>` search list and `ndots:5`; Default (and
 * ClusterFirst on the host network) copies the node's resolver configuration; None starts
 * empty. dnsConfig's nameservers and searches are appended, its options override by name.
 */
import type { PodDNSConfig } from 'kubernetes-types/core/v1';
import { NODE_DNS_ADDRESS } from './upstream';

export interface ResolvConf {
  readonly nameservers: readonly string[];
  readonly searches: readonly string[];
  /** `ndots:5`, `edns0`... */
  readonly options: readonly string[];
}

/** What the kubelet needs to know about a pod. */
export interface PodDnsSettings {
  readonly namespace: string;
  readonly dnsPolicy?: string;
  readonly hostNetwork?: boolean;
  readonly dnsConfig?: PodDNSConfig;
}

/** The cluster's DNS settings (kubelet's --cluster-dns and --cluster-domain) and the node's resolver. */
export interface ClusterDnsSettings {
  readonly clusterDNS: string;
  readonly clusterDomain: string;
  /** The node's /etc/resolv.conf (kubelet's --resolv-conf). */
  readonly node: ResolvConf;
}

/** A kind node's resolver: Docker's DNS behind the kind network's gateway. */
export const KIND_NODE_RESOLV: ResolvConf = {
  nameservers: [NODE_DNS_ADDRESS],
  searches: [],
  options: ['ndots:0'],
};

/** The resolv.conf the kubelet gives a pod. */
export function podResolvConf(pod: PodDnsSettings, cluster: ClusterDnsSettings): ResolvConf {
  const policy = pod.dnsPolicy ?? 'ClusterFirst';
  const clusterFirst =
    (policy === 'ClusterFirst' && pod.hostNetwork !== true) || policy === 'ClusterFirstWithHostNet';
  let base: ResolvConf;
  if (policy === 'None') base = { nameservers: [], searches: [], options: [] };
  else if (clusterFirst) {
    const d = cluster.clusterDomain;
    base = {
      nameservers: [cluster.clusterDNS],
      searches: [`${pod.namespace}.svc.${d}`, `svc.${d}`, d, ...cluster.node.searches],
      options: ['ndots:5'],
    };
  } else base = cluster.node;
  const config = pod.dnsConfig;
  if (config === undefined) return base;
  const options = new Map(base.options.map((o) => [o.split(':')[0] ?? o, o]));
  for (const o of config.options ?? [])
    options.set(o.name ?? '', o.value === undefined ? (o.name ?? '') : `${o.name}:${o.value}`);
  return {
    nameservers: [...base.nameservers, ...(config.nameservers ?? [])].slice(0, 3),
    searches: [...new Set([...base.searches, ...(config.searches ?? [])])],
    options: [...options.values()],
  };
}

/** The file's text (`cat /etc/resolv.conf`), in containerd's order: search, nameservers, options. */
export function renderResolvConf(conf: ResolvConf): string {
  const lines: string[] = [];
  if (conf.searches.length > 0) lines.push(`search ${conf.searches.join(' ')}`);
  for (const ns of conf.nameservers) lines.push(`nameserver ${ns}`);
  if (conf.options.length > 0) lines.push(`options ${conf.options.join(' ')}`);
  return `${lines.join('\n')}\n`;
}

/** The `ndots` option (1 when unset, the resolver default). */
export function ndots(conf: ResolvConf): number {
  const option = conf.options.find((o) => o.startsWith('ndots:'));
  const value = option === undefined ? 1 : Number(option.slice('ndots:'.length));
  return Number.isFinite(value) ? Math.min(value, 15) : 1;
}

/**
 * The names a stub resolver tries for `name`, in order (glibc res_search): as given first
 * when it ends with a dot or has at least `ndots` dots, else each search domain first and
 * the name as given last.
 */
export function searchCandidates(name: string, conf: ResolvConf): string[] {
  if (name.endsWith('.')) return [name.slice(0, -1)];
  const dots = name.split('.').length - 1;
  const searched = conf.searches.map((s) => `${name}.${s}`);
  return dots >= ndots(conf) ? [name, ...searched] : [...searched, name];
}
