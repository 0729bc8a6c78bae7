/**
 * CoreDNS's kubernetes plugin (v1.11, as kind/kubeadm configure it: `kubernetes cluster.local
 * in-addr.arpa ip6.arpa { pods insecure; fallthrough in-addr.arpa ip6.arpa; ttl 30 }`),
 * answering from its caches of Services, EndpointSlices and Namespaces:
 *
 * - `svc.ns.svc.cluster.local`: the ClusterIP; a headless Service's ready endpoint addresses;
 *   an ExternalName Service's CNAME (its target resolved through `lookup`).
 * - `host.svc.ns.svc.cluster.local`: one endpoint, by hostname or dashed IP.
 * - `_port._proto.svc.ns.svc.cluster.local`: SRV records for named ports.
 * - `1-2-3-4.ns.pod.cluster.local`: the dashed address (insecure pod mode: no pod check).
 * - PTR for ClusterIPs and endpoint addresses.
 *
 * Names that do not parse, unknown namespaces and missing Services are NXDOMAIN; a namespace
 * alone, or a record type the name has no data for, is NOERROR with no answer (NODATA).
 */
import { isIPv4 } from '../ip';
import type { ServiceObject, SliceObject } from '../../node/kube-proxy/types';
import { fqdn, inZone, type DnsAnswer, type DnsRecord, type RecordType } from './types';

/** The plugin's view of the cluster (its informer caches). */
export interface KubernetesDnsView {
  readonly zone: string;
  readonly ttl: number;
  namespaceExists(name: string): boolean;
  service(namespace: string, name: string): ServiceObject | undefined;
  services(): readonly ServiceObject[];
  slicesOf(namespace: string, service: string): readonly SliceObject[];
  slices(): readonly SliceObject[];
}

/** Resolves a name outside the zone (the forward plugin), for CNAME targets. */
export type UpstreamLookup = (name: string, type: RecordType) => DnsAnswer;

interface Request {
  podOrSvc: string;
  namespace: string;
  service: string;
  endpoint: string;
  port: string;
  protocol: string;
}

/** A backend record before it becomes an RR (msg.Service): an address or a name, and its key. */
interface Item {
  readonly host: string;
  readonly port: number;
  /** The DNS name the key maps to: `svc.ns.svc.zone.` or `host.svc.ns.svc.zone.`. */
  readonly domain: string;
}

class NameError extends Error {}

const strip = (s: string) => (s.startsWith('_') ? s.slice(1) : s);

/** parseRequest: `[_port._proto. | endpoint.]service.namespace.(svc|pod).zone`. */
function parse(name: string, zone: string): Request | null {
  const base = name === zone ? '' : name.slice(0, -zone.length - 1);
  if (base === '' || base === 'svc' || base === 'pod') return null;
  const segs = base.split('.');
  const r: Request = {
    podOrSvc: segs.pop() ?? '',
    namespace: '',
    service: '',
    endpoint: '',
    port: '',
    protocol: '',
  };
  if (r.podOrSvc !== 'svc' && r.podOrSvc !== 'pod') throw new NameError();
  r.namespace = segs.pop() ?? '';
  r.service = segs.pop() ?? '';
  if (segs.length === 1) r.endpoint = segs[0] ?? '';
  else if (segs.length === 2) [r.port, r.protocol] = [strip(segs[0] ?? ''), strip(segs[1] ?? '')];
  else if (segs.length > 2) throw new NameError();
  return r;
}

/** endpointHostname: the endpoint's hostname, else its address with dashes. */
function endpointHostname(hostname: string | undefined, ip: string): string {
  return hostname !== undefined && hostname !== '' ? hostname : ip.replaceAll('.', '-');
}

const eq = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
const portMatches = (r: Request, name: string, protocol: string) =>
  (r.port === '' || eq(r.port, name)) && (r.protocol === '' || eq(r.protocol, protocol));

/** The ready endpoints of a Service's slices, with their ports (EndpointSliceToEndpoints). */
function readyEndpoints(slices: readonly SliceObject[]) {
  return slices.flatMap((slice) => {
    const ports = (slice.ports ?? []).map((p) => ({
      name: p.name ?? '',
      port: p.port ?? -1,
      protocol: p.protocol ?? '',
    }));
    return (slice.endpoints ?? [])
      .filter((ep) => ep.conditions?.ready !== false)
      .flatMap((ep) =>
        ep.addresses.map((ip) => ({
          ip,
          hostname: ep.hostname ?? undefined,
          ports: ports.length > 0 ? ports : [{ name: '', port: -1, protocol: '' }],
        })),
      );
  });
}

/** findServices / findPods: the items a name stands for; throws NameError for NXDOMAIN. */
function records(view: KubernetesDnsView, name: string): Item[] {
  const r = parse(name, view.zone);
  if (r === null) return [];
  if (!view.namespaceExists(r.namespace)) throw new NameError();
  if (r.service === '') return [];
  if (r.podOrSvc === 'pod') {
    const ip = r.service.replaceAll('-', '.');
    if (!isIPv4(ip)) throw new NameError();
    return [{ host: ip, port: 0, domain: name }];
  }
  const svc = view.service(r.namespace, r.service);
  if (svc === undefined) throw new NameError();
  const domain = `${r.service}.${r.namespace}.svc.${view.zone}`;
  const spec = svc.spec ?? {};
  const items: Item[] = [];
  if (spec.type === 'ExternalName') {
    if (r.endpoint !== '' || r.port !== '' || r.protocol !== '') throw new NameError();
    const target = spec.externalName ?? '';
    if (target === '' || isIPv4(target)) throw new NameError();
    return [{ host: target, port: 0, domain }];
  }
  if (spec.clusterIP === 'None' || r.endpoint !== '') {
    for (const ep of readyEndpoints(view.slicesOf(r.namespace, r.service))) {
      const host = endpointHostname(ep.hostname, ep.ip);
      if (r.endpoint !== '' && !eq(r.endpoint, host)) continue;
      for (const p of ep.ports) {
        if (portMatches(r, p.name, p.protocol))
          items.push({ host: ep.ip, port: p.port, domain: `${host}.${domain}` });
      }
    }
  } else {
    for (const p of spec.ports ?? []) {
      if (!portMatches(r, p.name ?? '', p.protocol ?? 'TCP')) continue;
      for (const ip of spec.clusterIPs ?? [spec.clusterIP ?? ''])
        items.push({ host: ip, port: p.port, domain });
    }
  }
  if (items.length === 0) throw new NameError();
  return items;
}

const answer = (rcode: DnsAnswer['rcode'], answers: DnsRecord[], extra: DnsRecord[] = []): DnsAnswer => ({
  rcode,
  authoritative: rcode !== 'SERVFAIL',
  answers,
  extra,
});

/**
 * The plugin's answer for `name` (fully qualified, in the zone or in-addr.arpa), or null when
 * it falls through to the next plugin (reverse names it does not know).
 */
export function answerKubernetes(
  view: KubernetesDnsView,
  name: string,
  type: RecordType,
  lookup: UpstreamLookup,
  depth = 0,
): DnsAnswer | null {
  if (name.endsWith('.in-addr.arpa.')) return reverse(view, name, type);
  const rr = (data: string, t: RecordType, n = name): DnsRecord => ({
    name: n,
    type: t,
    ttl: view.ttl,
    data,
  });
  try {
    const items = records(view, name);
    if (type === 'A' || type === 'AAAA' || type === 'CNAME') {
      const out: DnsRecord[] = [];
      for (const item of items) {
        if (isIPv4(item.host)) {
          if (type === 'A' && !out.some((r) => r.data === item.host)) out.push(rr(item.host, 'A'));
          continue;
        }
        const target = fqdn(item.host);
        if (type === 'CNAME' || !inZone(target, view.zone)) {
          out.push(rr(target, 'CNAME'), ...(type === 'CNAME' ? [] : lookup(target, type).answers));
          continue;
        }
        // In-zone targets are chased here; a dead end drops the CNAME too.
        const next = depth < 8 ? answerKubernetes(view, target, type, lookup, depth + 1) : null;
        if (next?.rcode === 'NOERROR' && next.answers.length > 0)
          out.push(rr(target, 'CNAME'), ...next.answers);
      }
      return answer('NOERROR', out);
    }
    if (type === 'SRV') {
      const internal = items.filter((i) => isIPv4(i.host) && i.port !== -1);
      const weight = Math.max(1, Math.floor((100 / (100 * internal.length)) * 100));
      const srvs: DnsRecord[] = [];
      const extra: DnsRecord[] = [];
      for (const i of internal) {
        if (!srvs.some((s) => s.srv?.target === i.domain && s.srv.port === i.port)) {
          const srv = { priority: 0, weight, port: i.port, target: i.domain };
          srvs.push({ ...rr(`${srv.priority} ${weight} ${i.port} ${i.domain}`, 'SRV'), srv });
        }
        if (!extra.some((e) => e.name === i.domain && e.data === i.host))
          extra.push(rr(i.host, 'A', i.domain));
      }
      return answer('NOERROR', srvs, extra);
    }
    return answer('NOERROR', []);
  } catch (error) {
    if (error instanceof NameError) return answer('NXDOMAIN', []);
    throw error;
  }
}

/** Reverse: a ClusterIP's Service name, else the names of endpoints with that address. */
function reverse(view: KubernetesDnsView, name: string, type: RecordType): DnsAnswer | null {
  const ip = name.slice(0, -'.in-addr.arpa.'.length).split('.').reverse().join('.');
  if (!isIPv4(ip)) return null;
  const targets: string[] = [];
  const svc = view.services().find((s) => (s.spec?.clusterIPs ?? [s.spec?.clusterIP]).includes(ip));
  if (svc !== undefined) targets.push(`${svc.metadata.name}.${svc.metadata.namespace}.svc.${view.zone}`);
  else {
    for (const slice of view.slices()) {
      const service = slice.metadata.labels?.['kubernetes.io/service-name'] ?? '';
      for (const ep of readyEndpoints([slice])) {
        if (ep.ip === ip)
          targets.push(
            `${endpointHostname(ep.hostname, ip)}.${service}.${slice.metadata.namespace}.svc.${view.zone}`,
          );
      }
    }
  }
  if (targets.length === 0) return null;
  const answers =
    type === 'PTR' ? targets.map((t) => ({ name, type: 'PTR' as const, ttl: view.ttl, data: t })) : [];
  return answer('NOERROR', answers);
}
