/**
 * The subsets of a legacy Endpoints object (pkg/controller/endpoint and pkg/api/v1/endpoints'
 * RepackSubsets): one subset per set of ports, ready addresses under `addresses`, the others
 * under `notReadyAddresses`, addresses sorted by IP; at most 1000 addresses in all.
 */
import type { EndpointAddress, EndpointPort, EndpointSubset } from 'kubernetes-types/core/v1';
import {
  findPort,
  isHeadless,
  isPodReady,
  podIPv4,
  shouldPodBeInEndpoints,
  type PodObject,
  type ServiceObject,
} from '../endpointslice/types';

/** Upstream's maxCapacity: more addresses than this are truncated. */
export const MAX_ENDPOINTS_CAPACITY = 1000;

function address(svc: ServiceObject, pod: PodObject): EndpointAddress {
  const hostname = pod.spec?.hostname;
  const nodeName = pod.spec?.nodeName;
  return {
    ip: podIPv4(pod) ?? '',
    ...(hostname !== undefined && hostname !== '' && pod.spec?.subdomain === svc.metadata.name
      ? { hostname }
      : {}),
    ...(nodeName === undefined || nodeName === '' ? {} : { nodeName }),
    targetRef: {
      kind: 'Pod',
      namespace: pod.metadata.namespace ?? '',
      name: pod.metadata.name ?? '',
      uid: pod.metadata.uid ?? '',
    },
  };
}

function ports(svc: ServiceObject, pod: PodObject): EndpointPort[] {
  const out: EndpointPort[] = [];
  for (const sp of svc.spec?.ports ?? []) {
    const port = findPort(pod, sp);
    if (port === undefined) continue;
    out.push({
      ...(sp.name === undefined || sp.name === '' ? {} : { name: sp.name }),
      port,
      protocol: sp.protocol ?? 'TCP',
      ...(sp.appProtocol === undefined ? {} : { appProtocol: sp.appProtocol }),
    });
  }
  return out;
}

const byIP = (a: EndpointAddress, b: EndpointAddress) =>
  a.ip === b.ip ? (a.targetRef?.uid ?? '').localeCompare(b.targetRef?.uid ?? '') : a.ip.localeCompare(b.ip);

/** The subsets of `svc` for its selected `pods`, and the ready and not-ready counts. */
export function computeSubsets(svc: ServiceObject, pods: readonly PodObject[]): EndpointSubset[] {
  const tolerateUnready = svc.spec?.publishNotReadyAddresses === true;
  const groups = new Map<string, EndpointSubset & { addresses: EndpointAddress[] }>();
  for (const pod of pods) {
    if (!shouldPodBeInEndpoints(pod, tolerateUnready)) continue;
    const podPorts = ports(svc, pod);
    // A pod none of whose ports resolve is left out, unless the Service is headless and portless.
    if (podPorts.length === 0 && !((svc.spec?.ports ?? []).length === 0 && isHeadless(svc))) continue;
    const key = JSON.stringify(podPorts);
    let group = groups.get(key);
    if (group === undefined) {
      group = { addresses: [], notReadyAddresses: [], ...(podPorts.length === 0 ? {} : { ports: podPorts }) };
      groups.set(key, group);
    }
    if (tolerateUnready || isPodReady(pod)) group.addresses.push(address(svc, pod));
    else group.notReadyAddresses?.push(address(svc, pod));
  }
  return [...groups.values()].map((g) => ({
    ...(g.addresses.length === 0 ? {} : { addresses: g.addresses.sort(byIP) }),
    ...((g.notReadyAddresses ?? []).length === 0
      ? {}
      : { notReadyAddresses: g.notReadyAddresses?.sort(byIP) }),
    ...(g.ports === undefined ? {} : { ports: g.ports }),
  }));
}

/**
 * truncateEndpoints: keeps at most 1000 addresses, shared between subsets in proportion to
 * their size, ready ones first; returns whether anything was cut.
 */
export function truncate(subsets: EndpointSubset[]): boolean {
  const count = (s: EndpointSubset) => (s.addresses ?? []).length + (s.notReadyAddresses ?? []).length;
  const total = subsets.reduce((n, s) => n + count(s), 0);
  if (total <= MAX_ENDPOINTS_CAPACITY) return false;
  const ratio = MAX_ENDPOINTS_CAPACITY / total;
  let left = MAX_ENDPOINTS_CAPACITY;
  subsets.forEach((s, i) => {
    const keep = i === subsets.length - 1 ? left : Math.min(left, Math.round(count(s) * ratio));
    left -= keep;
    const ready = (s.addresses ?? []).slice(0, keep);
    s.addresses = ready;
    s.notReadyAddresses = (s.notReadyAddresses ?? []).slice(0, keep - ready.length);
  });
  return true;
}
