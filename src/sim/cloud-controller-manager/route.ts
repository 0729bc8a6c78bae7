/**
 * The route controller (k8s.io/cloud-provider controllers/route): every 10 s
 * (--route-reconciliation-period) it makes the cloud's route table send each node's pod CIDR
 * to that node, deletes routes of nodes that are gone or whose CIDR changed, and tells each
 * routed node's `NetworkUnavailable` condition `False` / `RouteCreated` through
 * `nodes/<name>/status`, so pods on different nodes can reach each other.
 */
import type { NodeCondition } from 'kubernetes-types/core/v1';
import { ApiError } from '../apiserver/status';
import type { Informer } from '../client/informer';
import type { Route } from './cloud';
import type { CloudControllerContext, CloudControllerDescriptor } from './manager';
import { NODES, type NodeObject } from './types';

/** Upstream's --route-reconciliation-period default. */
export const ROUTE_RECONCILIATION_PERIOD_MS = 10_000;
/** Upstream's --cluster-name default: route names are `<cluster>-<node uid>`. */
const CLUSTER_NAME = 'kubernetes';

class RouteController {
  readonly #nodes: Informer<NodeObject>;

  constructor(private readonly ctx: CloudControllerContext) {
    this.#nodes = ctx.informers.informerFor<NodeObject>(NODES);
    const tick = () => {
      if (this.#nodes.hasSynced) this.reconcile();
      ctx.kernel.schedule(ROUTE_RECONCILIATION_PERIOD_MS, 'route-controller: reconcile', tick);
    };
    ctx.kernel.schedule(0, 'route-controller: reconcile', tick);
  }

  /** reconcileNodeRoutes. */
  reconcile(): void {
    const cloud = this.ctx.cloud;
    const nodes = this.#nodes.lister
      .list()
      .sort((a, b) => (a.metadata.name ?? '').localeCompare(b.metadata.name ?? ''));
    const wanted = new Map<string, string>(); // node -> CIDR
    for (const node of nodes) {
      const cidr = node.spec?.podCIDRs?.[0] ?? node.spec?.podCIDR;
      if (cidr !== undefined && cidr !== '') wanted.set(node.metadata.name ?? '', cidr);
    }
    const routes = cloud.routes();
    let step: number | null = null;
    const decide = (summary: string) => {
      step = this.ctx.kernel.trace.emit({
        from: this.ctx.client.id,
        to: this.ctx.client.id,
        kind: 'decision',
        summary: `route-controller: ${summary}`,
        causedBy: null,
      }).id;
    };
    for (const route of routes) {
      if (wanted.get(route.targetNode) === route.destinationCIDR) continue;
      decide(`deleting route ${route.name} ${route.destinationCIDR} -> ${route.targetNode}`);
      cloud.deleteRoute(route.name);
    }
    const have = new Set(cloud.routes().map((r) => `${r.targetNode} ${r.destinationCIDR}`));
    for (const node of nodes) {
      const name = node.metadata.name ?? '';
      const cidr = wanted.get(name);
      if (cidr === undefined) continue;
      if (!have.has(`${name} ${cidr}`)) {
        const route: Route = {
          name: `${CLUSTER_NAME}-${node.metadata.uid ?? name}`,
          targetNode: name,
          destinationCIDR: cidr,
        };
        decide(`creating route for node ${name} ${cidr} with hint ${node.metadata.uid ?? ''}`);
        cloud.createRoute(route);
      }
      this.#updateNetworkingCondition(node, step);
    }
  }

  /** updateNetworkingCondition: NetworkUnavailable False once the node's route exists. */
  #updateNetworkingCondition(node: NodeObject, cause: number | null): void {
    const current = (node.status?.conditions ?? []).find((c) => c.type === 'NetworkUnavailable');
    if (current?.status === 'False' && current.reason === 'RouteCreated') return;
    const now = this.ctx.kernel.clock.timestamp();
    const condition: NodeCondition = {
      type: 'NetworkUnavailable',
      status: 'False',
      reason: 'RouteCreated',
      message: 'RouteController created a route',
      lastTransitionTime: now,
      lastHeartbeatTime: now,
    };
    try {
      this.ctx.client.patch(
        NODES,
        null,
        node.metadata.name ?? '',
        'strategic',
        { status: { conditions: [condition] } },
        cause,
        'status',
      );
    } catch (error) {
      if (!(error instanceof ApiError) || error.code !== 404) throw error;
    }
  }
}

/** The route controller (`node-route-controller`). */
export const routeController: CloudControllerDescriptor = {
  name: 'node-route-controller',
  setup(ctx) {
    new RouteController(ctx);
  },
};
