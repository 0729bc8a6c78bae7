/**
 * The world outside the cluster, as DNS sees it: the resolver kind's nodes use (Docker's
 * embedded DNS, reached at the kind network's gateway 172.18.0.1), which CoreDNS's `forward .
 * /etc/resolv.conf` sends every non-cluster name to. It knows a fixed set of public names, each
 * mapped to documentation addresses (RFC 5737, RFC 3849) so no real host is ever implied;
 * anything else is NXDOMAIN.
 */
import type { Kernel } from '../../kernel/kernel';
import {
  fqdn,
  formatRecord,
  type DnsAnswer,
  type DnsClient,
  type DnsExchange,
  type DnsServer,
  type RecordType,
} from './types';

/** The addresses of one external name. */
export interface ExternalHost {
  readonly a: readonly string[];
  readonly aaaa?: readonly string[];
}

/** External names (without trailing dot) and their addresses. */
export type ExternalZone = Readonly<Record<string, ExternalHost>>;

/** The public names the simulated Internet knows. */
export const DEFAULT_EXTERNAL_ZONE: ExternalZone = {
  'example.com': { a: ['192.0.2.10'], aaaa: ['2001:db8::10'] },
  'www.example.com': { a: ['192.0.2.10'], aaaa: ['2001:db8::10'] },
  'example.org': { a: ['192.0.2.20'], aaaa: ['2001:db8::20'] },
  'example.net': { a: ['192.0.2.30'], aaaa: ['2001:db8::30'] },
  'kubernetes.io': { a: ['198.51.100.10'], aaaa: ['2001:db8::100:10'] },
  'registry.k8s.io': { a: ['198.51.100.20'], aaaa: ['2001:db8::100:20'] },
  'github.com': { a: ['198.51.100.30'] },
  'google.com': { a: ['203.0.113.10'], aaaa: ['2001:db8::113:10'] },
};

/** The component id of the upstream resolver in the trace. */
export const UPSTREAM_DNS_ID = 'upstream-dns';
/** Where kind's nodes (and `dnsPolicy: Default` pods) send queries. */
export const NODE_DNS_ADDRESS = '172.18.0.1';
/** TTL of upstream answers as clients see them through CoreDNS's `cache 30`. */
const TTL = 30;

/** The upstream resolver's answer for a name: records of the zone, NXDOMAIN otherwise. */
export function answerExternal(zone: ExternalZone, name: string, type: RecordType): DnsAnswer {
  const q = fqdn(name);
  if (q.endsWith('.in-addr.arpa.')) {
    const ip = q.slice(0, -'.in-addr.arpa.'.length).split('.').reverse().join('.');
    const owner = Object.entries(zone).find(([, host]) => host.a.includes(ip));
    if (owner === undefined) return { rcode: 'NXDOMAIN', authoritative: false, answers: [], extra: [] };
    const answers = type === 'PTR' ? [{ name: q, type, ttl: TTL, data: fqdn(owner[0]) }] : [];
    return { rcode: 'NOERROR', authoritative: false, answers, extra: [] };
  }
  const host = zone[q.slice(0, -1)];
  if (host === undefined) return { rcode: 'NXDOMAIN', authoritative: false, answers: [], extra: [] };
  const data = type === 'A' ? host.a : type === 'AAAA' ? (host.aaaa ?? []) : [];
  return {
    rcode: 'NOERROR',
    authoritative: false,
    answers: data.map((d) => ({ name: q, type, ttl: TTL, data: d })),
    extra: [],
  };
}

/** The upstream resolver as a server pods with `dnsPolicy: Default` (and CoreDNS) query. */
export class UpstreamDns implements DnsServer {
  readonly id = UPSTREAM_DNS_ID;

  constructor(
    private readonly kernel: Kernel,
    readonly zone: ExternalZone = DEFAULT_EXTERNAL_ZONE,
    readonly address: string = NODE_DNS_ADDRESS,
  ) {}

  query(name: string, type: RecordType, client: DnsClient, causedBy: number | null): DnsExchange {
    const q = fqdn(name);
    const ask = this.kernel.trace.emit({
      from: client.component,
      to: this.id,
      kind: 'request',
      summary: `DNS query ${type} ${q}`,
      detail: { server: `${this.address}:53`, client: client.ip, question: { name: q, type } },
      causedBy,
    });
    const result = answerExternal(this.zone, q, type);
    const data = result.answers.map((r) => r.data).join(', ');
    const reply = this.kernel.trace.emit({
      from: this.id,
      to: client.component,
      kind: 'response',
      summary: `DNS ${result.rcode} ${type} ${q}${data === '' ? '' : ` ${data}`}`,
      detail: { rcode: result.rcode, authoritative: false, answers: result.answers.map(formatRecord) },
      causedBy: ask.id,
    });
    return { ...result, step: reply.id };
  }
}
