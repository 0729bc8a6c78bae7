/** Defaults for core (`v1`) Services and Endpoints. */
import type { Endpoints, Service } from 'kubernetes-types/core/v1';
import { child, isEmptyString, isNil, present, records } from './util';

/** How long ClientIP session affinity sticks when no timeout is given: three hours. */
export const DEFAULT_CLIENT_IP_TIMEOUT_SECONDS = 10800;

function externallyAccessible(service: Service): boolean {
  const type = service.spec?.type;
  const externalIPs = service.spec?.externalIPs;
  return (
    type === 'LoadBalancer' ||
    type === 'NodePort' ||
    (type === 'ClusterIP' && Array.isArray(externalIPs) && externalIPs.length > 0)
  );
}

/**
 * Service: type `ClusterIP`, session affinity `None` (ClientIP affinity gets a 3 h
 * timeout), port protocol `TCP` and target port = port, traffic policies `Cluster`, and
 * for load balancers `allocateLoadBalancerNodePorts: true` and `ipMode: VIP` on ingress
 * IPs. Cluster IPs, IP families and node ports are allocated later by the registry.
 */
export function defaultService(service: Service): void {
  const spec = child(service, 'spec');
  if (!spec) return;
  if (isEmptyString(spec.sessionAffinity)) spec.sessionAffinity = 'None';
  if (spec.sessionAffinity === 'None') delete spec.sessionAffinityConfig;
  if (spec.sessionAffinity === 'ClientIP' && isNil(spec.sessionAffinityConfig?.clientIP?.timeoutSeconds)) {
    spec.sessionAffinityConfig = { clientIP: { timeoutSeconds: DEFAULT_CLIENT_IP_TIMEOUT_SECONDS } };
  }
  if (isEmptyString(spec.type)) spec.type = 'ClusterIP';
  for (const port of records(spec.ports)) {
    if (isEmptyString(port.protocol)) port.protocol = 'TCP';
    const noTarget = isNil(port.targetPort) || port.targetPort === 0 || port.targetPort === '';
    if (noTarget && !isNil(port.port)) {
      port.targetPort = port.port;
    }
  }
  if (externallyAccessible(service) && isEmptyString(spec.externalTrafficPolicy)) {
    spec.externalTrafficPolicy = 'Cluster';
  }
  const type = spec.type;
  if (
    isNil(spec.internalTrafficPolicy) &&
    (type === 'ClusterIP' || type === 'NodePort' || type === 'LoadBalancer')
  ) {
    spec.internalTrafficPolicy = 'Cluster';
  }
  if (type === 'LoadBalancer') {
    if (isNil(spec.allocateLoadBalancerNodePorts)) spec.allocateLoadBalancerNodePorts = true;
    for (const ingress of records(present(service, 'status')?.loadBalancer?.ingress)) {
      if (!isEmptyString(ingress.ip) && isNil(ingress.ipMode)) ingress.ipMode = 'VIP';
    }
  }
}

/** Endpoints: every port's protocol is `TCP` unless given. */
export function defaultEndpoints(endpoints: Endpoints): void {
  for (const subset of records(endpoints.subsets)) {
    for (const port of records(subset.ports)) {
      if (isEmptyString(port.protocol)) port.protocol = 'TCP';
    }
  }
}
