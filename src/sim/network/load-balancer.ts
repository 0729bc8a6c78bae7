/** Where a cloud load balancer (cloud-controller-manager's) delivers traffic in the packet path. */
import type { NetworkDeps } from './source';

/**
 * The node a cloud load balancer sends `ip:port` to: one whose kube-proxy serves it with
 * endpoints for external traffic (health checks keep Local-policy traffic off other nodes).
 */
export function loadBalancerNode(
  deps: NetworkDeps,
  ip: string,
  port: number,
  protocol: string,
): string | null {
  let fallback: string | null = null;
  for (const [name, kp] of [...deps.proxies].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const plan = kp
      .plans()
      .find(
        (p) =>
          p.svc.protocol === protocol &&
          p.svc.port === port &&
          [...p.svc.loadBalancerIPs, ...p.svc.externalIPs].includes(ip),
      );
    if (plan === undefined) continue;
    if (plan.hasExternalEndpoints) return name;
    fallback ??= name;
  }
  return fallback;
}
