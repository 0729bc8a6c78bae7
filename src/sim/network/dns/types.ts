/**
 * DNS messages as the simulation passes them around: a question, the answer's response code,
 * records and authority flag, and a server a client can ask (CoreDNS, or the node's upstream
 * resolver). Names are lower-case and fully qualified (trailing dot) inside records.
 */

export type RecordType = 'A' | 'AAAA' | 'CNAME' | 'SRV' | 'PTR';

export type Rcode = 'NOERROR' | 'NXDOMAIN' | 'SERVFAIL';

export interface SrvData {
  readonly priority: number;
  readonly weight: number;
  readonly port: number;
  /** Fully qualified target, e.g. `web-0.nginx.default.svc.cluster.local.`. */
  readonly target: string;
}

/** One resource record. `data` is the address, the CNAME/PTR target, or the SRV fields. */
export interface DnsRecord {
  readonly name: string;
  readonly type: RecordType;
  readonly ttl: number;
  readonly data: string;
  readonly srv?: SrvData;
}

export interface DnsAnswer {
  readonly rcode: Rcode;
  /** The AA bit: CoreDNS's kubernetes plugin answers authoritatively, forwarded answers are not. */
  readonly authoritative: boolean;
  readonly answers: readonly DnsRecord[];
  /** The additional section (SRV targets' addresses). */
  readonly extra: readonly DnsRecord[];
}

/** An answer plus the trace step of the exchange. */
export interface DnsExchange extends DnsAnswer {
  readonly step: number;
}

/** Who asks: the component id for the trace and the source address. */
export interface DnsClient {
  readonly component: string;
  readonly ip: string;
}

/** A DNS server reachable at `address:53`. */
export interface DnsServer {
  /** Component id, e.g. `control-plane/coredns`. */
  readonly id: string;
  readonly address: string;
  query(name: string, type: RecordType, client: DnsClient, causedBy: number | null): DnsExchange;
}

/** `Name.` with a trailing dot, lower-cased. */
export function fqdn(name: string): string {
  const lower = name.toLowerCase();
  return lower.endsWith('.') ? lower : `${lower}.`;
}

/** A name without its trailing dot, as tools print query names. */
export function bare(name: string): string {
  return name.endsWith('.') ? name.slice(0, -1) : name;
}

/** Whether `name` is `zone` or below it (both fully qualified). */
export function inZone(name: string, zone: string): boolean {
  return name === zone || name.endsWith(`.${zone}`);
}

/** One record line as `dig` prints it, for trace details. */
export function formatRecord(r: DnsRecord): string {
  const data =
    r.srv === undefined ? r.data : `${r.srv.priority} ${r.srv.weight} ${r.srv.port} ${r.srv.target}`;
  return `${r.name} ${r.ttl} IN ${r.type} ${data}`;
}
