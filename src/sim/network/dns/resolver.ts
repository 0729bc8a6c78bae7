/**
 * A pod's stub resolver (getaddrinfo with AF_UNSPEC, as wget and curl call it): for each
 * candidate of the search list it asks the first nameserver for A and AAAA, and stops at the
 * first candidate with an IPv4 address. Every query is recorded, so `nslookup`-style output
 * and the trace can show the ndots:5 search expansion a short name costs.
 */
import { isIPv4 } from '../ip';
import { bare, type DnsExchange, type Rcode, type RecordType } from './types';
import { searchCandidates, type ResolvConf } from './resolv';

/** Sends one query to a nameserver; null when no answer comes back (timeout). */
export type DnsTransport = (
  server: string,
  name: string,
  type: RecordType,
  causedBy: number | null,
) => DnsExchange | null;

/** One query the resolver sent and what came back. */
export interface TriedQuery {
  readonly name: string;
  readonly type: RecordType;
  /** The response code, or `timeout` when the server never answered. */
  readonly rcode: Rcode | 'timeout';
  readonly answers: readonly string[];
}

export interface ResolveResult {
  readonly host: string;
  /** IPv4 addresses found (empty on failure). */
  readonly addresses: readonly string[];
  /** The candidate name that answered, e.g. `web.default.svc.cluster.local`. */
  readonly name: string | null;
  readonly tried: readonly TriedQuery[];
  /** Why resolution failed: no such name, server failure, or no server reachable. */
  readonly error: 'NXDOMAIN' | 'SERVFAIL' | 'timeout' | null;
  /** The last trace step of the lookup (to chain the connection after it). */
  readonly lastStep: number | null;
}

/** Resolves `host` the way a pod with `conf` as its resolv.conf does. */
export function resolveHost(
  host: string,
  conf: ResolvConf,
  transport: DnsTransport,
  causedBy: number | null,
): ResolveResult {
  if (isIPv4(host))
    return { host, addresses: [host], name: host, tried: [], error: null, lastStep: causedBy };
  const server = conf.nameservers[0];
  const tried: TriedQuery[] = [];
  let lastStep = causedBy;
  let servfail = false;
  if (server === undefined) return { host, addresses: [], name: null, tried, error: 'timeout', lastStep };
  for (const candidate of searchCandidates(host, conf)) {
    let addresses: string[] = [];
    for (const type of ['A', 'AAAA'] as const) {
      const reply = transport(server, candidate, type, lastStep);
      if (reply === null) {
        tried.push({ name: candidate, type, rcode: 'timeout', answers: [] });
        return { host, addresses: [], name: null, tried, error: 'timeout', lastStep };
      }
      lastStep = reply.step;
      servfail ||= reply.rcode === 'SERVFAIL';
      const answers = reply.answers.filter((r) => r.type === type).map((r) => r.data);
      tried.push({ name: candidate, type, rcode: reply.rcode, answers });
      if (type === 'A') addresses = answers.filter(isIPv4);
    }
    if (addresses.length > 0) return { host, addresses, name: bare(candidate), tried, error: null, lastStep };
  }
  return { host, addresses: [], name: null, tried, error: servfail ? 'SERVFAIL' : 'NXDOMAIN', lastStep };
}
