/**
 * The files the kubelet makes for a pod's containers: its hosts file
 * (`/var/lib/kubelet/pods/<uid>/etc-hosts`, upstream's managedHostsFileContent: localhost
 * lines, the pod's IPs with its hostname (fully qualified when it has a subdomain), then
 * hostAliases; a host-network pod gets the node's hosts file), and the hostname and DNS
 * settings its sandbox is created with (pkg/kubelet/network/dns, kind's kubelet flags
 * `--cluster-dns=10.96.0.10 --cluster-domain=cluster.local`).
 */
import type { HostAlias } from 'kubernetes-types/core/v1';
import { KIND_NODE_RESOLV, podResolvConf, type ResolvConf } from '../../network/dns/resolv';
import type { PodObject } from './context';

/** kind's kubelet configuration: clusterDNS and clusterDomain. */
export const CLUSTER_DNS = '10.96.0.10';
export const CLUSTER_DOMAIN = 'cluster.local';

/** GeneratePodHostNameAndDomain: the pod's hostname and, with a subdomain, its domain. */
export function podHostname(pod: PodObject): { hostname: string; domain: string } {
  const hostname = (pod.spec?.hostname ?? '') !== '' ? (pod.spec?.hostname ?? '') : (pod.metadata.name ?? '');
  const subdomain = pod.spec?.subdomain ?? '';
  const ns = pod.metadata.namespace ?? 'default';
  return {
    hostname: hostname.slice(0, 63).replace(/[-.]+$/, ''),
    domain: subdomain === '' ? '' : `${subdomain}.${ns}.svc.${CLUSTER_DOMAIN}`,
  };
}

function aliasLines(aliases: readonly HostAlias[] | undefined): string {
  if (aliases === undefined || aliases.length === 0) return '';
  return `\n# Entries added by HostAliases.\n${aliases.map((a) => `${a.ip}\t${(a.hostnames ?? []).join('\t')}\n`).join('')}`;
}

/** The content of the pod's hosts file; `nodeHosts` is the node's own, for host-network pods. */
export function hostsFile(pod: PodObject, podIPs: readonly string[], nodeHosts: string): string {
  const aliases = aliasLines(pod.spec?.hostAliases);
  if (pod.spec?.hostNetwork === true) return nodeHosts + aliases;
  const { hostname, domain } = podHostname(pod);
  const own = podIPs
    .map((ip) => (domain === '' ? `${ip}\t${hostname}\n` : `${ip}\t${hostname}.${domain}\t${hostname}\n`))
    .join('');
  return (
    '# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n' +
    'fe00::0\tip6-localnet\nfe00::0\tip6-mcastprefix\nfe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n' +
    own +
    aliases
  );
}

/** The DNS configuration the pod's sandbox gets (what containerd writes as resolv.conf). */
export function podDns(pod: PodObject): ResolvConf {
  const spec = pod.spec;
  return podResolvConf(
    {
      namespace: pod.metadata.namespace ?? 'default',
      ...(spec?.dnsPolicy === undefined ? {} : { dnsPolicy: spec.dnsPolicy }),
      ...(spec?.hostNetwork === undefined ? {} : { hostNetwork: spec.hostNetwork }),
      ...(spec?.dnsConfig === undefined ? {} : { dnsConfig: spec.dnsConfig }),
    },
    { clusterDNS: CLUSTER_DNS, clusterDomain: CLUSTER_DOMAIN, node: KIND_NODE_RESOLV },
  );
}
