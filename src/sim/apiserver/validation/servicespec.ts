/**
 * A Service spec as the registry hands it to validation: defaults applied, clusterIPs
 * synced from clusterIP, allocated values kept on update, and type-dependent fields
 * dropped when the type changes (upstream's PrepareForCreate/PrepareForUpdate).
 */
import type { ServicePort, ServiceSpec } from 'kubernetes-types/core/v1';
import { deepEqual } from './field';
import { arr, num, rec } from './util';

/** A normalized service spec: clusterIPs and ports always present. */
export type Spec = ServiceSpec & { clusterIPs: string[]; ports: ServicePort[] };

/** needsClusterIP */
export const needsClusterIP = (s: ServiceSpec): boolean => s.type !== 'ExternalName';
/** needsNodePort */
export const needsNodePort = (s: ServiceSpec): boolean =>
  s.type === 'NodePort' || (s.type === 'LoadBalancer' && s.allocateLoadBalancerNodePorts !== false);
/** isHeadless */
export const isHeadless = (s: Spec): boolean => s.clusterIPs.length === 1 && s.clusterIPs[0] === 'None';
/** externallyAccessible */
export const externallyAccessible = (s: ServiceSpec): boolean =>
  s.type === 'LoadBalancer' ||
  s.type === 'NodePort' ||
  (s.type === 'ClusterIP' && arr(s.externalIPs).length > 0);
/** needsHealthCheck */
export const needsHealthCheck = (s: ServiceSpec): boolean =>
  s.type === 'LoadBalancer' && s.externalTrafficPolicy === 'Local';

/** The spec as validation sees it after defaulting and the registry's PrepareFor* steps. */
export function normalizeServiceSpec(spec: ServiceSpec | undefined, old?: ServiceSpec): Spec {
  const s = { ...rec(spec) } as ServiceSpec;
  s.type = s.type || 'ClusterIP';
  s.sessionAffinity = s.sessionAffinity || 'None';
  s.ports = arr<ServicePort>(s.ports).map((p) => {
    const port = { ...rec(p) } as unknown as ServicePort;
    port.protocol = port.protocol || 'TCP';
    if (port.targetPort === undefined || port.targetPort === 0 || port.targetPort === '')
      port.targetPort = port.port;
    return port;
  });
  if (s.type !== 'ExternalName') s.internalTrafficPolicy = s.internalTrafficPolicy || 'Cluster';
  if (externallyAccessible(s)) s.externalTrafficPolicy = s.externalTrafficPolicy || 'Cluster';
  if (s.type === 'LoadBalancer' && s.allocateLoadBalancerNodePorts === undefined)
    s.allocateLoadBalancerNodePorts = true;
  let ips = arr<string>(s.clusterIPs);
  if (old) {
    const o = normalizeServiceSpec(old);
    if (needsClusterIP(o) && needsClusterIP(s)) {
      if (!s.clusterIP) s.clusterIP = o.clusterIP;
      if (ips.length === 0 && o.clusterIPs.length > 0) ips = o.clusterIPs;
      if (s.clusterIP !== o.clusterIP && s.clusterIP && deepEqual(ips, o.clusterIPs)) ips = [s.clusterIP];
      if (!s.ipFamilies) s.ipFamilies = o.ipFamilies;
      if (!s.ipFamilyPolicy) s.ipFamilyPolicy = o.ipFamilyPolicy;
    }
    if (needsNodePort(o) && needsNodePort(s)) {
      const used = new Set(s.ports.map((p) => num(p.nodePort) ?? 0).filter((n) => n !== 0));
      s.ports = s.ports.map((p) => {
        if (num(p.nodePort)) return p;
        const prev = o.ports.find((q) => q.port === p.port && q.protocol === p.protocol);
        const np = num(prev?.nodePort) ?? 0;
        return np && !used.has(np) ? { ...p, nodePort: np } : p;
      });
    }
    if (needsHealthCheck(o) && needsHealthCheck(s) && !num(s.healthCheckNodePort))
      s.healthCheckNodePort = o.healthCheckNodePort;
    if (needsClusterIP(o) && !needsClusterIP(s)) {
      if (deepEqual(ips, o.clusterIPs) || ips.length === 0) {
        ips = [];
        s.clusterIP = '';
      }
      if (deepEqual(s.ipFamilies, o.ipFamilies)) delete s.ipFamilies;
      if (s.ipFamilyPolicy === o.ipFamilyPolicy) delete s.ipFamilyPolicy;
    }
    if (needsNodePort(o) && !needsNodePort(s)) {
      const same = deepEqual(
        s.ports.map((p) => p.nodePort),
        o.ports.map((p) => p.nodePort),
      );
      if (same) s.ports = s.ports.map((p) => ({ ...p, nodePort: undefined }));
    }
    if (needsHealthCheck(o) && !needsHealthCheck(s) && s.healthCheckNodePort === o.healthCheckNodePort)
      delete s.healthCheckNodePort;
    if (!externallyAccessible(s) && s.externalTrafficPolicy === o.externalTrafficPolicy)
      delete s.externalTrafficPolicy;
    if (s.type !== 'LoadBalancer' && s.allocateLoadBalancerNodePorts === o.allocateLoadBalancerNodePorts)
      delete s.allocateLoadBalancerNodePorts;
    if (s.type !== 'LoadBalancer' && s.loadBalancerClass === o.loadBalancerClass) delete s.loadBalancerClass;
  } else if (s.clusterIP && ips.length === 0) {
    ips = [s.clusterIP];
  }
  return { ...s, clusterIPs: ips, ports: s.ports };
}
