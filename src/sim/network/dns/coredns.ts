/**
 * CoreDNS as kubeadm deploys it: the `kube-dns` Service's server at 10.96.0.10, running the
 * Corefile below. It is an API client (`control-plane/coredns`) watching Services,
 * EndpointSlices and Namespaces (pods are not needed with `pods insecure`). Names in
 * cluster.local (and reverse names it knows) are answered by the kubernetes plugin; everything
 * else is forwarded to the node's resolver. Each query is two trace steps (question and
 * answer) between the client and CoreDNS, plus one per forwarded question.
 */
import type { ApiServer } from '../../apiserver/apiserver';
import { findResource, type ResourceInfo } from '../../apiserver/resources';
import type { KubeObject } from '../../apiserver/types';
import { Informer } from '../../client/informer';
import { ApiClient } from '../../client/rest';
import type { Kernel } from '../../kernel/kernel';
import { ENDPOINT_SLICES, SERVICES, type ServiceObject, type SliceObject } from '../../node/kube-proxy/types';
import { answerKubernetes, type KubernetesDnsView } from './kubernetes';
import {
  fqdn,
  formatRecord,
  inZone,
  type DnsAnswer,
  type DnsClient,
  type DnsExchange,
  type DnsServer,
  type RecordType,
} from './types';
import { answerExternal, DEFAULT_EXTERNAL_ZONE, UPSTREAM_DNS_ID, type ExternalZone } from './upstream';

const NAMESPACES = findResource('', 'v1', 'namespaces') as ResourceInfo;

/** The kube-dns Service's ClusterIP (the tenth address of kubeadm's service CIDR). */
export const DNS_SERVICE_IP = '10.96.0.10';
export const COREDNS_ID = 'control-plane/coredns';

/** The Corefile kubeadm v1.32 writes into the `coredns` ConfigMap. */
export const COREFILE = `.:53 {
    errors
    health {
       lameduck 5s
    }
    ready
    kubernetes cluster.local in-addr.arpa ip6.arpa {
       pods insecure
       fallthrough in-addr.arpa ip6.arpa
       ttl 30
    }
    prometheus :9153
    forward . /etc/resolv.conf {
       max_concurrent 1000
    }
    cache 30 {
       disable success cluster.local
       disable denial cluster.local
    }
    loop
    reload
    loadbalance
}
`;

export interface CoreDnsOptions {
  /** The cluster domain (kubelet's --cluster-domain); `cluster.local`. */
  readonly clusterDomain?: string;
  /** The address clients query; {@link DNS_SERVICE_IP}. */
  readonly address?: string;
  /** What the upstream resolver knows; {@link DEFAULT_EXTERNAL_ZONE}. */
  readonly upstream?: ExternalZone;
}

/** A running CoreDNS. */
export interface CoreDns extends DnsServer {
  readonly clusterDomain: string;
  /** Whether its caches have listed everything once (before that, name errors are SERVFAIL). */
  readonly hasSynced: boolean;
}

/** Starts CoreDNS: its informers start at once (as its pods come up with the cluster). */
export function startCoreDns(kernel: Kernel, apiserver: ApiServer, options: CoreDnsOptions = {}): CoreDns {
  const client = new ApiClient(apiserver, COREDNS_ID, 'coredns');
  const services = new Informer<ServiceObject>(kernel, client, SERVICES);
  const slices = new Informer<SliceObject>(kernel, client, ENDPOINT_SLICES);
  const namespaces = new Informer<KubeObject>(kernel, client, NAMESPACES);
  const clusterDomain = options.clusterDomain ?? 'cluster.local';
  const zone = fqdn(clusterDomain);
  const upstream = options.upstream ?? DEFAULT_EXTERNAL_ZONE;
  const address = options.address ?? DNS_SERVICE_IP;
  const view: KubernetesDnsView = {
    zone,
    ttl: 30,
    namespaceExists: (name) => namespaces.lister.get(name) !== undefined,
    service: (ns, name) => services.lister.get(`${ns}/${name}`),
    services: () => services.lister.list(),
    slicesOf: (ns, name) =>
      slices.lister.byNamespace(ns).filter((s) => s.metadata.labels?.['kubernetes.io/service-name'] === name),
    slices: () => slices.lister.list(),
  };
  kernel.schedule(0, `${COREDNS_ID}: start`, () => {
    services.start();
    slices.start();
    namespaces.start();
  });

  const synced = () => services.hasSynced && slices.hasSynced && namespaces.hasSynced;

  const answer = (name: string, type: RecordType, cause: number): DnsAnswer => {
    const forward = (n: string, t: RecordType): DnsAnswer => {
      const result = answerExternal(upstream, n, t);
      kernel.trace.emit({
        from: COREDNS_ID,
        to: UPSTREAM_DNS_ID,
        kind: 'request',
        summary: `forward ${t} ${n}: ${result.rcode}${result.answers.length > 0 ? ` ${result.answers.map((r) => r.data).join(', ')}` : ''}`,
        detail: {
          plugin: 'forward',
          question: { name: n, type: t },
          rcode: result.rcode,
          answers: result.answers.map(formatRecord),
        },
        causedBy: cause,
      });
      return result;
    };
    if (!inZone(name, zone) && !name.endsWith('.in-addr.arpa.')) return forward(name, type);
    const result = answerKubernetes(view, name, type, forward);
    if (result === null) return forward(name, type);
    if (result.rcode === 'NXDOMAIN' && !synced()) return { ...result, rcode: 'SERVFAIL' };
    const shuffle = (type === 'A' || type === 'AAAA') && result.answers.length > 1;
    return shuffle ? { ...result, answers: loadbalance(result.answers) } : result;
  };

  /** The loadbalance plugin: shuffles an address answer's records, CNAMEs kept first (round_robin). */
  const loadbalance = (records: DnsAnswer['answers']) => {
    const shuffled = [...records];
    for (let i = shuffled.length - 1; i > 0; i--) {
      const j = kernel.rng.int(0, i);
      [shuffled[i], shuffled[j]] = [
        shuffled[j] as (typeof shuffled)[number],
        shuffled[i] as (typeof shuffled)[number],
      ];
    }
    const cnames = shuffled.filter((r) => r.type === 'CNAME');
    return [...cnames, ...shuffled.filter((r) => r.type !== 'CNAME')];
  };

  return {
    id: COREDNS_ID,
    address,
    clusterDomain,
    get hasSynced() {
      return synced();
    },
    query(name: string, type: RecordType, from: DnsClient, causedBy: number | null): DnsExchange {
      const q = fqdn(name);
      const ask = kernel.trace.emit({
        from: from.component,
        to: COREDNS_ID,
        kind: 'request',
        summary: `DNS query ${type} ${q}`,
        detail: { server: `${address}:53`, client: from.ip, question: { name: q, type } },
        causedBy,
      });
      const result = answer(q, type, ask.id);
      const data = result.answers.map((r) => r.data).join(', ');
      const reply = kernel.trace.emit({
        from: COREDNS_ID,
        to: from.component,
        kind: 'response',
        summary: `DNS ${result.rcode} ${type} ${q}${data === '' ? '' : ` ${data}`}`,
        detail: {
          rcode: result.rcode,
          authoritative: result.authoritative,
          answers: result.answers.map(formatRecord),
          extra: result.extra.map(formatRecord),
        },
        causedBy: ask.id,
      });
      return { ...result, step: reply.id };
    },
  };
}
