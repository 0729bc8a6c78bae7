/** Services, Endpoints, EndpointSlices, Ingresses, IngressClasses and NetworkPolicies. */
import type { Endpoints, Service } from 'kubernetes-types/core/v1';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1';
import type { Ingress, IngressClass, NetworkPolicy } from 'kubernetes-types/networking/v1';
import { AGE_COLUMN, NAME_COLUMN, column, printer, wide } from './columns';
import { since } from './duration';
import { compareStrings, formatLabelSelector, formatLabels, listWithMore } from './format';

/** Unique, sorted IPs (or hostnames) of load-balancer ingress points, comma-separated. */
function loadBalancerAddresses(ingress: readonly { ip?: string; hostname?: string }[] | undefined): string {
  const set = new Set<string>();
  for (const point of ingress ?? []) {
    if (point.ip) set.add(point.ip);
    else if (point.hostname) set.add(point.hostname);
  }
  // The apiserver always builds tables in wide mode, so long lists are never elided.
  return [...set].sort(compareStrings).join(',');
}

function externalIP(svc: Service): string {
  const externalIPs = svc.spec?.externalIPs ?? [];
  switch (svc.spec?.type) {
    case 'ClusterIP':
    case 'NodePort':
      return externalIPs.length > 0 ? externalIPs.join(',') : '<none>';
    case 'LoadBalancer': {
      const lb = loadBalancerAddresses(svc.status?.loadBalancer?.ingress);
      if (externalIPs.length > 0) return [...(lb ? lb.split(',') : []), ...externalIPs].join(',');
      return lb || '<pending>';
    }
    case 'ExternalName':
      return svc.spec.externalName ?? '';
    default:
      return '<unknown>';
  }
}

function portString(svc: Service): string {
  const ports = (svc.spec?.ports ?? []).map((p) =>
    p.nodePort ? `${p.port}:${p.nodePort}/${p.protocol ?? ''}` : `${p.port}/${p.protocol ?? ''}`,
  );
  return ports.length > 0 ? ports.join(',') : '<none>';
}

/** `kubectl get services`. */
export const servicePrinter = printer<Service>(
  [
    NAME_COLUMN,
    column('Type', 'string', 'How the service is exposed.'),
    column('Cluster-IP', 'string', 'The virtual IP inside the cluster.'),
    column('External-IP', 'string', 'Addresses reaching the service from outside the cluster.'),
    column('Port(s)', 'string', 'Service ports, with node ports where allocated.'),
    AGE_COLUMN,
    wide(column('Selector', 'string', 'Labels of the pods the service routes to.')),
  ],
  (svc, now) => [
    svc.metadata?.name ?? '',
    svc.spec?.type ?? '',
    // clusterIP wins over clusterIPs[0], as in the v1 -> internal conversion.
    svc.spec?.clusterIP || svc.spec?.clusterIPs?.[0] || '<none>',
    externalIP(svc),
    portString(svc),
    since(svc.metadata?.creationTimestamp, now),
    formatLabels(svc.spec?.selector),
  ],
);

/** `ip:port` with IPv6 addresses bracketed, like Go's net.JoinHostPort. */
function joinHostPort(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/** Up to three ready endpoints, then ` + N more...`; `<none>` without subsets. */
function formatEndpoints(ep: Endpoints): string {
  const subsets = ep.subsets ?? [];
  if (subsets.length === 0) return '<none>';
  const max = 3;
  const list: string[] = [];
  let count = 0;
  for (const subset of subsets) {
    const addresses = subset.addresses ?? [];
    const ports = subset.ports ?? [];
    if (ports.length === 0) {
      // Headless services may have no ports: list bare IPs.
      count += addresses.length;
      for (const a of addresses) if (list.length < max) list.push(a.ip);
      continue;
    }
    for (const port of ports) {
      count += addresses.length;
      for (const a of addresses) if (list.length < max) list.push(joinHostPort(a.ip, port.port));
    }
  }
  const shown = list.join(',');
  return count > max ? `${shown} + ${count - max} more...` : shown;
}

/** `kubectl get endpoints`. */
export const endpointsPrinter = printer<Endpoints>(
  [NAME_COLUMN, column('Endpoints', 'string', 'Ready addresses behind the service.'), AGE_COLUMN],
  (ep, now) => [ep.metadata?.name ?? '', formatEndpoints(ep), since(ep.metadata?.creationTimestamp, now)],
);

/** `kubectl get endpointslices`. */
export const endpointSlicePrinter = printer<EndpointSlice>(
  [
    NAME_COLUMN,
    column('AddressType', 'string', 'The address family of the endpoints.'),
    column('Ports', 'string', 'Ports every endpoint exposes.'),
    column('Endpoints', 'string', 'Endpoint addresses in the slice.'),
    AGE_COLUMN,
  ],
  (slice, now) => [
    slice.metadata?.name ?? '',
    slice.addressType ?? '',
    listWithMore(
      (slice.ports ?? []).map((p) =>
        p.port !== undefined && p.port !== null ? String(p.port) : (p.name ?? '*'),
      ),
    ),
    listWithMore((slice.endpoints ?? []).flatMap((e) => e.addresses ?? [])),
    since(slice.metadata?.creationTimestamp, now),
  ],
);

/**
 * Up to three rule hosts (`*` when none). ` + N more...` (N counted over all rules, with
 * or without a host) appears only when some rule comes after the third host.
 */
function formatHosts(ingress: Ingress): string {
  const rules = ingress.spec?.rules ?? [];
  const max = 3;
  const hosts: string[] = [];
  let more = false;
  for (const rule of rules) {
    if (hosts.length === max) {
      more = true;
      break;
    }
    if (rule.host) hosts.push(rule.host);
  }
  if (hosts.length === 0) return '*';
  const shown = hosts.join(',');
  return more ? `${shown} + ${rules.length - max} more...` : shown;
}

/** `kubectl get ingresses`. */
export const ingressPrinter = printer<Ingress>(
  [
    NAME_COLUMN,
    column('Class', 'string', 'The IngressClass handling this ingress.'),
    column('Hosts', 'string', 'Hosts the rules match.'),
    column('Address', 'string', 'Addresses of the load balancer serving the ingress.'),
    column('Ports', 'string', 'Ports the ingress serves (443 too with TLS).'),
    AGE_COLUMN,
  ],
  (ing, now) => [
    ing.metadata?.name ?? '',
    ing.spec?.ingressClassName ?? '<none>',
    formatHosts(ing),
    loadBalancerAddresses(ing.status?.loadBalancer?.ingress),
    (ing.spec?.tls?.length ?? 0) > 0 ? '80, 443' : '80',
    since(ing.metadata?.creationTimestamp, now),
  ],
);

/** `kubectl get ingressclasses`. */
export const ingressClassPrinter = printer<IngressClass>(
  [
    NAME_COLUMN,
    column('Controller', 'string', 'The controller implementing this class.'),
    column('Parameters', 'string', 'The resource holding extra configuration.'),
    AGE_COLUMN,
  ],
  (ic, now) => {
    const p = ic.spec?.parameters;
    const parameters = p
      ? `${p.kind}${p.apiGroup !== undefined && p.apiGroup !== null ? `.${p.apiGroup}` : ''}/${p.name}`
      : '<none>';
    return [
      ic.metadata?.name ?? '',
      ic.spec?.controller ?? '',
      parameters,
      since(ic.metadata?.creationTimestamp, now),
    ];
  },
);

/** `kubectl get networkpolicies`. */
export const networkPolicyPrinter = printer<NetworkPolicy>(
  [NAME_COLUMN, column('Pod-Selector', 'string', 'The pods the policy applies to.'), AGE_COLUMN],
  (np, now) => [
    np.metadata?.name ?? '',
    formatLabelSelector(np.spec?.podSelector ?? {}),
    since(np.metadata?.creationTimestamp, now),
  ],
);
