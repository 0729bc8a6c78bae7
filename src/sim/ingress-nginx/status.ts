/**
 * The status half of the ingress-nginx controller (internal/ingress/status): the leader sets
 * `status.loadBalancer.ingress` of every Ingress of its class to the controller's addresses,
 * skipping those already right, reading each one fresh before its update of the status
 * subresource. With `--publish-status-address=localhost` the address is the hostname
 * `localhost`; on shutdown the last controller clears the addresses.
 */
import type { ResourceInfo } from '../apiserver/resources';
import type { ApiClient } from '../client/rest';
import { byAge, type IngressObject } from './model';

/** An Ingress load-balancer point (IngressLoadBalancerIngress). */
export interface LoadBalancerAddress {
  readonly hostname?: string;
  readonly ip?: string;
}

/** What `--publish-status-address=localhost` publishes: a name, not an IP, so a hostname. */
export const LOCALHOST: LoadBalancerAddress = { hostname: 'localhost' };

const same = (a: readonly LoadBalancerAddress[], b: readonly LoadBalancerAddress[]) =>
  a.length === b.length && a.every((x, i) => x.hostname === b[i]?.hostname && x.ip === b[i]?.ip);

/** Updates every Ingress whose addresses differ from `addresses`; returns how many it updated. */
export function syncStatus(
  client: ApiClient,
  ingressesResource: ResourceInfo,
  ingresses: readonly IngressObject[],
  addresses: readonly LoadBalancerAddress[],
  causedBy: number | null,
): number {
  let updated = 0;
  for (const ing of [...ingresses].sort(byAge)) {
    if (same(ing.status?.loadBalancer?.ingress ?? [], addresses)) continue;
    const namespace = ing.metadata.namespace ?? 'default';
    try {
      const fresh = client.get<IngressObject>(
        ingressesResource,
        namespace,
        ing.metadata.name ?? '',
        causedBy,
      );
      const loadBalancer = addresses.length === 0 ? {} : { ingress: addresses.map((a) => ({ ...a })) };
      client.update(
        ingressesResource,
        { ...fresh, status: { ...fresh.status, loadBalancer } },
        'status',
        causedBy,
      );
      updated++;
    } catch {
      // Deleted or changed meanwhile ("error updating ingress rule"): the next sync sees it.
    }
  }
  return updated;
}
