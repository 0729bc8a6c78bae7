/**
 * The node lease controller (pkg/kubelet/nodelease via component-helpers' lease controller):
 * the kubelet's heartbeat. It makes sure the Lease `kube-node-lease/<node>` exists (holder
 * the node, 40 s duration, owned by the Node), then renews it every 10 s (a quarter of the
 * duration) with a PUT of the lease it last saw, re-reading it after a conflict.
 */
import { ApiError } from '../../apiserver/status';
import type { KubeObject } from '../../apiserver/types';
import type { ApiClient } from '../../client/rest';
import type { Kernel } from '../../kernel/kernel';
import { LEASES } from './context';
import { microTime } from './format';

export const LEASE_NAMESPACE = 'kube-node-lease';
export const LEASE_DURATION_SECONDS = 40;
/** renewInterval = 0.25 * leaseDuration. */
export const LEASE_RENEW_INTERVAL_MS = (LEASE_DURATION_SECONDS * 1000) / 4;

type Lease = KubeObject & { spec?: Record<string, unknown> };

export class NodeLease {
  #lease: Lease | null = null;

  constructor(
    private readonly kernel: Kernel,
    private readonly client: ApiClient,
    private readonly nodeName: string,
    /** The registered Node's uid, for the owner reference (undefined until it is known). */
    private readonly nodeUid: () => string | undefined,
    /** Whether renewals reach the apiserver (not while the kubelet is stopped or cut off). */
    private readonly active: () => boolean = () => true,
  ) {}

  /** Ensures the lease now, then renews it every 10 s. */
  start(cause: number | null): void {
    const tick = (first: boolean) => {
      if (this.active()) this.#sync(first ? cause : null);
      this.kernel.schedule(LEASE_RENEW_INTERVAL_MS, `${this.client.id}: renew lease`, () => tick(false));
    };
    tick(true);
  }

  #desired(base: Lease | null): Lease {
    const uid = this.nodeUid();
    const metadata = {
      ...(base?.metadata ?? { name: this.nodeName, namespace: LEASE_NAMESPACE }),
      ...(uid === undefined
        ? {}
        : { ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name: this.nodeName, uid }] }),
    };
    return {
      apiVersion: 'coordination.k8s.io/v1',
      kind: 'Lease',
      metadata,
      spec: {
        ...(base?.spec ?? {}),
        holderIdentity: this.nodeName,
        leaseDurationSeconds: LEASE_DURATION_SECONDS,
        renewTime: microTime(this.kernel.clock),
      },
    };
  }

  #sync(cause: number | null): void {
    try {
      if (this.#lease === null) this.#ensure(cause);
      else this.#lease = this.client.update<Lease>(LEASES, this.#desired(this.#lease), undefined, cause);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      // A conflict or a vanished lease: read it again on the next tick.
      this.#lease = null;
    }
  }

  #ensure(cause: number | null): void {
    try {
      this.#lease = this.client.get<Lease>(LEASES, LEASE_NAMESPACE, this.nodeName, cause);
      this.#lease = this.client.update<Lease>(LEASES, this.#desired(this.#lease), undefined, cause);
    } catch (error) {
      if (!(error instanceof ApiError) || error.code !== 404) throw error;
      this.#lease = this.client.create<Lease>(LEASES, LEASE_NAMESPACE, this.#desired(null), cause);
    }
  }
}
