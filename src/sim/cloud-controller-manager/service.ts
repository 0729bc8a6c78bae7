/**
 * The service controller (k8s.io/cloud-provider controllers/service): gives every Service of
 * type LoadBalancer a cloud load balancer. Before creating one it adds the
 * `service.kubernetes.io/load-balancer-cleanup` finalizer, so the Service cannot go away
 * before its load balancer does; once the cloud reports the load balancer active it writes
 * `status.loadBalancer.ingress` through `services/<name>/status`. When the Service is deleted
 * or stops being a LoadBalancer, the load balancer is deleted and the finalizer removed.
 * Upstream's EnsureLoadBalancer blocks the worker while the cloud works; here the cloud calls
 * back after its virtual delay and the Service is synced again to finish.
 */
import { ApiError } from '../apiserver/status';
import type { Controller } from '../client/controller';
import type { EventRecorder } from '../client/events';
import type { Informer } from '../client/informer';
import type { CloudControllerContext, CloudControllerDescriptor } from './manager';
import { EXCLUDE_LB_LABEL, NODES, SERVICES, type NodeObject, type ServiceObject } from './types';

/** The finalizer that holds a Service until its load balancer is deleted. */
export const LB_CLEANUP_FINALIZER = 'service.kubernetes.io/load-balancer-cleanup';
/** The queue key of the node sync (upstream's nodeSyncLoop), apart from Service keys. */
const NODE_SYNC_KEY = '\u0000nodes';

/** wantsLoadBalancer: type LoadBalancer without a loadBalancerClass (another implementation's). */
export function wantsLoadBalancer(svc: ServiceObject): boolean {
  return svc.spec?.type === 'LoadBalancer' && (svc.spec.loadBalancerClass ?? null) === null;
}

const hasFinalizer = (svc: ServiceObject) => (svc.metadata.finalizers ?? []).includes(LB_CLEANUP_FINALIZER);

/** needsCleanup: the Service holds our finalizer but is going away or no longer wants a load balancer. */
export function needsCleanup(svc: ServiceObject): boolean {
  return hasFinalizer(svc) && ((svc.metadata.deletionTimestamp ?? null) !== null || !wantsLoadBalancer(svc));
}

/** DefaultLoadBalancerName: `a` + the uid without dashes, cut to 32 characters. */
export function loadBalancerName(svc: ServiceObject): string {
  return `a${(svc.metadata.uid ?? '').replace(/-/g, '')}`.slice(0, 32);
}

/** The listeners a Service asks for: `port/protocol->nodePort`. */
function listeners(svc: ServiceObject): string[] {
  return (svc.spec?.ports ?? []).map((p) => `${p.port}/${p.protocol ?? 'TCP'}->${p.nodePort ?? 0}`);
}

/** What of a Service its load balancer depends on (needsUpdate's comparisons). */
function lbShape(svc: ServiceObject): string {
  const s = svc.spec;
  return JSON.stringify([
    listeners(svc),
    s?.loadBalancerSourceRanges ?? [],
    s?.loadBalancerIP ?? '',
    s?.externalTrafficPolicy ?? '',
    svc.metadata.annotations ?? {},
    svc.metadata.uid ?? '',
  ]);
}

class ServiceController {
  readonly #services: Informer<ServiceObject>;
  readonly #nodes: Informer<NodeObject>;
  readonly #controller: Controller;
  readonly #events: EventRecorder;
  /** Services whose EnsuringLoadBalancer / DeletingLoadBalancer awaits its second half. */
  readonly #ensuring = new Set<string>();
  readonly #deleting = new Set<string>();

  constructor(private readonly ctx: CloudControllerContext) {
    this.#services = ctx.informers.informerFor<ServiceObject>(SERVICES);
    this.#nodes = ctx.informers.informerFor<NodeObject>(NODES);
    this.#events = ctx.recorder('service-controller');
    this.#controller = ctx.controller({
      name: 'service-lb-controller',
      sync: (key, cause) => (key === NODE_SYNC_KEY ? this.#syncNodes(cause) : this.sync(key, cause)),
    });
    const queue = this.#controller.queue;
    this.#services.addHandlers({
      add: (svc, cause) => {
        if (wantsLoadBalancer(svc) || needsCleanup(svc)) queue.add(key(svc), cause);
      },
      update: (old, svc, cause) => {
        if (wantsLoadBalancer(old) !== wantsLoadBalancer(svc))
          this.#events.event(
            svc,
            'Normal',
            'Type',
            `${old.spec?.type ?? ''} -> ${svc.spec?.type ?? ''}`,
            cause,
          );
        const changed = !wantsLoadBalancer(old) || lbShape(old) !== lbShape(svc);
        if (needsCleanup(svc) || (wantsLoadBalancer(svc) && changed)) queue.add(key(svc), cause);
      },
      delete: (svc, cause) => queue.add(key(svc), cause),
    });
    this.#nodes.addHandlers({
      add: (_node, cause) => queue.add(NODE_SYNC_KEY, cause),
      update: (old, node, cause) => {
        if (old.metadata.labels?.[EXCLUDE_LB_LABEL] !== node.metadata.labels?.[EXCLUDE_LB_LABEL])
          queue.add(NODE_SYNC_KEY, cause);
      },
      delete: (_node, cause) => queue.add(NODE_SYNC_KEY, cause),
    });
  }

  /** syncService / syncLoadBalancerIfNeeded. */
  sync(k: string, cause: number | null): void {
    const svc = this.#services.lister.get(k);
    if (svc === undefined) return; // the finalizer saw to its load balancer
    if (needsCleanup(svc)) return this.#cleanup(k, svc, cause);
    if (!wantsLoadBalancer(svc)) return;
    this.#ensure(k, svc, cause);
  }

  #ensure(k: string, svc: ServiceObject, cause: number | null): void {
    const cloud = this.ctx.cloud;
    const name = loadBalancerName(svc);
    const lb = cloud.loadBalancer(name);
    this.#deleting.delete(k);
    if (lb?.state === 'deleting') return; // its deletion's callback syncs us again
    const hosts = this.#hosts();
    const upToDate = lb !== undefined && JSON.stringify(lb.ports) === JSON.stringify(listeners(svc));
    if (lb?.state === 'active' && upToDate && !this.#ensuring.has(k)) {
      return this.#patchStatus(svc, [{ ip: lb.ip, ipMode: 'VIP' }], cause);
    }
    if (lb?.state === 'active' && upToDate) {
      this.#ensuring.delete(k);
      this.#events.event(svc, 'Normal', 'EnsuredLoadBalancer', 'Ensured load balancer', cause);
      return this.#patchStatus(svc, [{ ip: lb.ip, ipMode: 'VIP' }], cause);
    }
    if (lb?.state === 'provisioning' && upToDate) return; // the cloud calls back
    this.#events.event(svc, 'Normal', 'EnsuringLoadBalancer', 'Ensuring load balancer', cause);
    this.#ensuring.add(k);
    if (!hasFinalizer(svc)) {
      const finalizers = [...(svc.metadata.finalizers ?? []), LB_CLEANUP_FINALIZER];
      this.ctx.client.patch(
        SERVICES,
        svc.metadata.namespace ?? null,
        svc.metadata.name ?? '',
        'merge',
        {
          metadata: { finalizers },
        },
        cause,
      );
    }
    cloud.ensureLoadBalancer(name, listeners(svc), hosts, () => this.#controller.queue.add(k, null));
  }

  #cleanup(k: string, svc: ServiceObject, cause: number | null): void {
    const lb = this.ctx.cloud.loadBalancer(loadBalancerName(svc));
    if (!this.#deleting.has(k)) {
      this.#ensuring.delete(k);
      this.#deleting.add(k);
      this.#events.event(svc, 'Normal', 'DeletingLoadBalancer', 'Deleting load balancer', cause);
      if (lb !== undefined) {
        this.ctx.cloud.deleteLoadBalancer(lb.name, () => this.#controller.queue.add(k, null));
        return;
      }
    } else if (lb !== undefined) return; // the cloud calls back
    const finalizers = (svc.metadata.finalizers ?? []).filter((f) => f !== LB_CLEANUP_FINALIZER);
    this.ctx.client.patch(
      SERVICES,
      svc.metadata.namespace ?? null,
      svc.metadata.name ?? '',
      'merge',
      {
        metadata: { finalizers: finalizers.length === 0 ? null : finalizers },
      },
      cause,
    );
    this.#deleting.delete(k);
    this.#events.event(svc, 'Normal', 'DeletedLoadBalancer', 'Deleted load balancer', cause);
    try {
      this.#patchStatus(svc, [], cause);
    } catch (error) {
      // The Service is gone once its last finalizer is.
      if (!(error instanceof ApiError) || error.code !== 404) throw error;
    }
  }

  /** patchStatus: writes the ingress list if it differs. */
  #patchStatus(svc: ServiceObject, ingress: { ip: string; ipMode: string }[], cause: number | null): void {
    const current = svc.status?.loadBalancer?.ingress ?? [];
    if (JSON.stringify(current) === JSON.stringify(ingress)) return;
    this.ctx.client.patch(
      SERVICES,
      svc.metadata.namespace ?? null,
      svc.metadata.name ?? '',
      'merge',
      { status: { loadBalancer: ingress.length === 0 ? { ingress: null } : { ingress } } },
      cause,
      'status',
    );
  }

  /** The load balancer backends: nodes not excluded by label, by name. */
  #hosts(): string[] {
    return this.#nodes.lister
      .list()
      .filter((n) => n.metadata.labels?.[EXCLUDE_LB_LABEL] === undefined)
      .map((n) => n.metadata.name ?? '')
      .sort();
  }

  /** nodeSyncService: points every active load balancer at the current node set. */
  #syncNodes(cause: number | null): void {
    const hosts = this.#hosts();
    for (const svc of this.#services.lister.list()) {
      if (!wantsLoadBalancer(svc) || needsCleanup(svc)) continue;
      const lb = this.ctx.cloud.loadBalancer(loadBalancerName(svc));
      if (lb?.state !== 'active' || JSON.stringify(lb.hosts) === JSON.stringify(hosts)) continue;
      this.ctx.cloud.updateLoadBalancerHosts(lb.name, hosts);
      this.#events.event(svc, 'Normal', 'UpdatedLoadBalancer', 'Updated load balancer with new hosts', cause);
    }
  }
}

const key = (svc: ServiceObject) => `${svc.metadata.namespace ?? ''}/${svc.metadata.name ?? ''}`;

/** The cloud service controller (`service-lb-controller` upstream, `service` in --controllers). */
export const serviceController: CloudControllerDescriptor = {
  name: 'service-lb-controller',
  setup(ctx) {
    new ServiceController(ctx);
  },
};
