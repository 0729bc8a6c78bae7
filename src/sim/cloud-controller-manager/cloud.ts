/**
 * The simulated cloud behind the cloud-controller-manager: provider `kubelab`, one region
 * (`kubelab-1`) with three zones. It models what k8s.io/cloud-provider's interfaces reach
 * (LoadBalancer, InstancesV2, Routes): load balancers that take a few seconds of virtual time
 * to provision and to tear down, one VM per node with a stable external IP, and a route table
 * for pod CIDRs. Addresses come from the kernel's seeded RNG, so the same seed gives the same
 * IPs; they are drawn from documentation ranges that never collide with the cluster's own.
 */
import type { Kernel, TimerHandle } from '../kernel/kernel';

/** The provider name in `spec.providerID` (`kubelab://<node>`). */
export const PROVIDER_NAME = 'kubelab';
export const REGION = 'kubelab-1';
export const ZONES = ['kubelab-1a', 'kubelab-1b', 'kubelab-1c'] as const;
export const INSTANCE_TYPE = 'kubelab.standard-2';
/** Load balancer ingress IPs: TEST-NET-3 (RFC 5737). */
export const LB_NETWORK = '203.0.113';
/** Node external IPs: TEST-NET-2 (RFC 5737). */
export const NODE_EXTERNAL_NETWORK = '198.51.100';
/** How long creating or reconfiguring a load balancer takes. */
export const LB_PROVISION_MS = 3_000;
/** How long deleting a load balancer takes. */
export const LB_DELETE_MS = 2_000;

export type LoadBalancerState = 'provisioning' | 'active' | 'deleting';

/** A load balancer as the cloud's API describes it. */
export interface LoadBalancer {
  /** upstream's GetLoadBalancerName: `a` + the Service uid without dashes, at most 32 chars. */
  readonly name: string;
  readonly ip: string;
  state: LoadBalancerState;
  /** `port/protocol -> nodePort` listeners, as configured. */
  ports: readonly string[];
  /** Backend nodes. */
  hosts: readonly string[];
}

/** A VM as the cloud knows it (InstancesV2.InstanceMetadata). */
export interface Instance {
  readonly providerID: string;
  readonly instanceType: string;
  readonly region: string;
  readonly zone: string;
  readonly externalIP: string;
}

/** A route in the cluster's VPC route table: pod CIDR -> node. */
export interface Route {
  readonly name: string;
  readonly targetNode: string;
  readonly destinationCIDR: string;
}

/** The fake `kubelab` cloud provider. */
export class KubelabCloud {
  readonly #lbs = new Map<string, LoadBalancer>();
  readonly #timers = new Map<string, TimerHandle>();
  readonly #instances = new Map<string, Instance>();
  readonly #routes = new Map<string, Route>();
  readonly #usedIPs = new Set<string>();

  constructor(private readonly kernel: Kernel) {}

  // --- LoadBalancer -------------------------------------------------------------------

  /** The load balancer called `name`, if it exists. */
  loadBalancer(name: string): LoadBalancer | undefined {
    return this.#lbs.get(name);
  }

  /** Every load balancer, by name. */
  loadBalancers(): LoadBalancer[] {
    return [...this.#lbs.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  /**
   * EnsureLoadBalancer, asynchronously: creates or reconfigures `name` and calls `done` once
   * it is active. A load balancer being deleted must finish first (returns false).
   */
  ensureLoadBalancer(
    name: string,
    ports: readonly string[],
    hosts: readonly string[],
    done: () => void,
  ): boolean {
    const existing = this.#lbs.get(name);
    if (existing?.state === 'deleting') return false;
    const lb: LoadBalancer = existing ?? {
      name,
      ip: this.#allocate(LB_NETWORK),
      state: 'provisioning',
      ports: [],
      hosts: [],
    };
    lb.state = 'provisioning';
    lb.ports = [...ports];
    lb.hosts = [...hosts];
    this.#lbs.set(name, lb);
    this.#after(name, LB_PROVISION_MS, `provision load balancer ${name}`, () => {
      lb.state = 'active';
      done();
    });
    return true;
  }

  /** UpdateLoadBalancer: new backend hosts take effect at once. */
  updateLoadBalancerHosts(name: string, hosts: readonly string[]): void {
    const lb = this.#lbs.get(name);
    if (lb !== undefined) lb.hosts = [...hosts];
  }

  /** EnsureLoadBalancerDeleted, asynchronously: frees the IP and calls `done` when gone. */
  deleteLoadBalancer(name: string, done: () => void): void {
    const lb = this.#lbs.get(name);
    if (lb === undefined) return done();
    lb.state = 'deleting';
    this.#after(name, LB_DELETE_MS, `delete load balancer ${name}`, () => {
      this.#lbs.delete(name);
      this.#usedIPs.delete(lb.ip);
      done();
    });
  }

  // --- InstancesV2 --------------------------------------------------------------------

  /**
   * The VM a node runs on, created the first time it is asked about. Nodes named `node-N`
   * sit in zone N-1 modulo 3 (node-1 in kubelab-1a); others round-robin in order of asking.
   */
  instance(nodeName: string): Instance {
    const known = this.#instances.get(nodeName);
    if (known !== undefined) return known;
    const n = /-(\d+)$/.exec(nodeName)?.[1];
    const index = n === undefined ? this.#instances.size : Number(n) - 1;
    const instance: Instance = {
      providerID: `${PROVIDER_NAME}://${nodeName}`,
      instanceType: INSTANCE_TYPE,
      region: REGION,
      zone: ZONES[index % ZONES.length] ?? ZONES[0],
      externalIP: this.#allocate(NODE_EXTERNAL_NETWORK),
    };
    this.#instances.set(nodeName, instance);
    return instance;
  }

  // --- Routes -------------------------------------------------------------------------

  /** ListRoutes. */
  routes(): Route[] {
    return [...this.#routes.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  /** CreateRoute: takes effect at once. */
  createRoute(route: Route): void {
    this.#routes.set(route.name, route);
  }

  /** DeleteRoute. */
  deleteRoute(name: string): void {
    this.#routes.delete(name);
  }

  /** Runs `fn` after `ms`, replacing whatever was pending for `name`. */
  #after(name: string, ms: number, label: string, fn: () => void): void {
    const pending = this.#timers.get(name);
    if (pending !== undefined) this.kernel.cancel(pending);
    const handle = this.kernel.schedule(ms, `cloud ${PROVIDER_NAME}: ${label}`, () => {
      this.#timers.delete(name);
      fn();
    });
    this.#timers.set(name, handle);
  }

  /** A free host address `<network>.1`..`.254`, chosen with the seeded RNG. */
  #allocate(network: string): string {
    for (let tries = 0; tries < 1000; tries++) {
      const ip = `${network}.${this.kernel.rng.int(1, 254)}`;
      if (this.#usedIPs.has(ip)) continue;
      this.#usedIPs.add(ip);
      return ip;
    }
    throw new Error(`cloud ${PROVIDER_NAME}: no free address left in ${network}.0/24`);
  }
}
