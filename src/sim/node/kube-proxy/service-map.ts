/**
 * From API objects to kube-proxy's model, as upstream's ServiceChangeTracker and
 * EndpointSliceCache do: one ServicePort per port of every Service with a ClusterIP, and
 * per service port the endpoints of its EndpointSlices (deduplicated by `ip:port`, local
 * copies preferred, sorted by that string). Then CategorizeEndpoints picks, per traffic
 * policy, the endpoints each sync programs.
 */
import { isIPv4 } from '../../network/ip';
import {
  externallyAccessible,
  usesClusterEndpoints,
  usesLocalEndpoints,
  type Protocol,
  type ProxyEndpoint,
  type ServicePort,
  type ServicePortPlan,
  type ServiceObject,
  type SliceObject,
} from './types';

const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';
/** Upstream's default ClientIP affinity timeout (3 hours). */
const DEFAULT_STICKY_SECONDS = 10800;

/** The key of a service port's endpoint list: ServicePortName with protocol. */
export function servicePortKey(namespace: string, name: string, portName: string, protocol: string): string {
  return `${namespace}/${name}:${portName}/${protocol}`;
}

/** The service ports kube-proxy proxies for one Service (none for headless or ExternalName). */
export function servicePorts(svc: ServiceObject): ServicePort[] {
  const spec = svc.spec ?? {};
  const clusterIP = spec.clusterIP ?? '';
  if (clusterIP === '' || clusterIP === 'None' || spec.type === 'ExternalName' || !isIPv4(clusterIP))
    return [];
  const namespace = svc.metadata.namespace ?? '';
  const name = svc.metadata.name ?? '';
  const type = spec.type ?? 'ClusterIP';
  const accessible =
    type === 'NodePort' || type === 'LoadBalancer' || (spec.externalIPs ?? []).filter(isIPv4).length > 0;
  const loadBalancerIPs =
    type === 'LoadBalancer'
      ? (svc.status?.loadBalancer?.ingress ?? [])
          .filter((i) => i.ip !== undefined && isIPv4(i.ip) && i.ipMode !== 'Proxy')
          .map((i) => i.ip as string)
      : [];
  const affinity = spec.sessionAffinity === 'ClientIP';
  return (spec.ports ?? []).map((p) => {
    const portName = p.name ?? '';
    return {
      namespace,
      name,
      portName,
      nameString: `${namespace}/${name}${portName === '' ? '' : `:${portName}`}`,
      protocol: (p.protocol ?? 'TCP') as Protocol,
      clusterIP,
      port: p.port,
      nodePort: type === 'NodePort' || type === 'LoadBalancer' ? (p.nodePort ?? 0) : 0,
      externalIPs: (spec.externalIPs ?? []).filter(isIPv4),
      loadBalancerIPs,
      stickySeconds: affinity
        ? (spec.sessionAffinityConfig?.clientIP?.timeoutSeconds ?? DEFAULT_STICKY_SECONDS)
        : null,
      externalPolicyLocal: accessible && spec.externalTrafficPolicy === 'Local',
      internalPolicyLocal: spec.internalTrafficPolicy === 'Local',
    };
  });
}

/** Endpoints of every service port, from the EndpointSlices kube-proxy watches. */
export function endpointsByServicePort(
  slices: readonly SliceObject[],
  nodeName: string,
): Map<string, ProxyEndpoint[]> {
  const sets = new Map<string, Map<string, ProxyEndpoint>>();
  for (const slice of slices) {
    const service = slice.metadata.labels?.[SERVICE_NAME_LABEL];
    if (service === undefined || service === '' || slice.addressType !== 'IPv4') continue;
    const namespace = slice.metadata.namespace ?? '';
    for (const port of slice.ports ?? []) {
      if (port.port === undefined || port.port === 0) continue;
      const key = servicePortKey(namespace, service, port.name ?? '', port.protocol ?? 'TCP');
      const set = sets.get(key) ?? new Map<string, ProxyEndpoint>();
      sets.set(key, set);
      for (const ep of slice.endpoints ?? []) {
        const ip = ep.addresses[0];
        if (ip === undefined || !isIPv4(ip)) continue;
        const node = ep.nodeName ?? '';
        const endpoint: ProxyEndpoint = {
          ip,
          port: port.port,
          nodeName: node,
          isLocal: node !== '' && node === nodeName,
          ready: ep.conditions?.ready !== false,
          serving: ep.conditions?.serving !== false,
          terminating: ep.conditions?.terminating === true,
          ...(ep.targetRef?.kind === 'Pod'
            ? { pod: { namespace: ep.targetRef.namespace ?? namespace, name: ep.targetRef.name ?? '' } }
            : {}),
          key: `${ip}:${port.port}`,
        };
        if (!set.has(endpoint.key) || endpoint.isLocal) set.set(endpoint.key, endpoint);
      }
    }
  }
  const result = new Map<string, ProxyEndpoint[]>();
  for (const [key, set] of sets) {
    if (set.size === 0) continue;
    result.set(
      key,
      [...set.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)),
    );
  }
  return result;
}

/**
 * CategorizeEndpoints (without topology hints): Ready endpoints, falling back to
 * serving-terminating ones, separately for Cluster and Local policy, and the chains the
 * service port needs on this node.
 */
export function planServicePort(svc: ServicePort, endpoints: readonly ProxyEndpoint[]): ServicePortPlan {
  let clusterEndpoints: ProxyEndpoint[] = [];
  let localEndpoints: ProxyEndpoint[] = [];
  let hasEndpoints = false;
  let servingTerminatingLocal = false;
  if (usesClusterEndpoints(svc)) {
    clusterEndpoints = endpoints.filter((ep) => ep.ready);
    if (clusterEndpoints.length === 0)
      clusterEndpoints = endpoints.filter((ep) => ep.serving && ep.terminating);
    hasEndpoints = clusterEndpoints.length > 0;
  }
  if (usesLocalEndpoints(svc)) {
    const usable = (ep: ProxyEndpoint) => ep.ready || (ep.serving && ep.terminating);
    if (endpoints.some(usable)) hasEndpoints = true;
    localEndpoints = endpoints.filter((ep) => ep.isLocal && ep.ready);
    if (localEndpoints.length === 0) {
      localEndpoints = endpoints.filter((ep) => ep.isLocal && ep.serving && ep.terminating);
      servingTerminatingLocal = localEndpoints.length > 0;
    }
  }
  let reachable = usesLocalEndpoints(svc) ? localEndpoints : clusterEndpoints;
  if (usesClusterEndpoints(svc) && usesLocalEndpoints(svc)) {
    reachable = servingTerminatingLocal
      ? [...new Map([...clusterEndpoints, ...localEndpoints].map((ep) => [ep.key, ep])).values()]
      : clusterEndpoints;
  }
  const hasInternalEndpoints = hasEndpoints && (!svc.internalPolicyLocal || localEndpoints.length > 0);
  const hasExternalEndpoints = hasEndpoints && (!svc.externalPolicyLocal || localEndpoints.length > 0);
  return {
    svc,
    clusterEndpoints,
    localEndpoints,
    reachable,
    hasEndpoints,
    hasInternalEndpoints,
    hasExternalEndpoints,
    usesClusterChain: clusterEndpoints.length > 0 && usesClusterEndpoints(svc),
    usesLocalChain: localEndpoints.length > 0 && usesLocalEndpoints(svc),
    usesExternalChain: hasEndpoints && externallyAccessible(svc),
  };
}

/** Plans for every service port of `services`, sorted by name for a stable rule order. */
export function planAll(
  services: readonly ServiceObject[],
  slices: readonly SliceObject[],
  nodeName: string,
): ServicePortPlan[] {
  const endpoints = endpointsByServicePort(slices, nodeName);
  return services
    .flatMap(servicePorts)
    .sort((a, b) =>
      a.nameString === b.nameString
        ? a.protocol.localeCompare(b.protocol)
        : a.nameString < b.nameString
          ? -1
          : 1,
    )
    .map((svc) =>
      planServicePort(
        svc,
        endpoints.get(servicePortKey(svc.namespace, svc.name, svc.portName, svc.protocol)) ?? [],
      ),
    );
}
