/**
 * Periodic background work in the trace: what a cluster does every few seconds whether or
 * not anyone acts (kubelet probes, node lease renewals, node status, metrics scrapes, watch
 * bookmarks, configmap refreshes, the cloud's node address sync, etcd compaction). The timeline hides it by default and
 * Step skips over it, so a learner sees what their own actions caused. A step is periodic
 * when it matches a rule, or when the step that caused it is periodic.
 */
import type { TraceStep } from './protocol';

/** Whether `step`, on its own, is periodic background work. */
export function isPeriodicStep(step: TraceStep): boolean {
  const { kind, from, to, summary } = step;
  const root = step.causedBy === null;
  // kubelet probing its containers on its own timer (HTTP, TCP and exec probes).
  if (root && from.endsWith('/kubelet') && to.includes('/pod/')) return true;
  if (root && kind === 'runtime' && /^Exec(Sync)? /.test(summary)) return true;
  if (kind === 'watch' && summary.startsWith('watch BOOKMARK')) return true;
  if (kind === 'decision' && summary.startsWith('compaction:')) return true;
  // metrics-server scraping every kubelet, and the apiserver checking that it is available.
  if (from === 'metrics-server' && (kind === 'decision' || to.endsWith('/kubelet'))) return true;
  if (summary.includes('(availability check of ')) return true;
  if (kind !== 'request') return false;
  // Heartbeats: node leases (and leader-election leases), node status and the read before it.
  if (summary.includes('/apis/coordination.k8s.io/v1/namespaces/') && summary.includes('/leases/'))
    return true;
  // cloud-controller-manager reconciling node addresses on its timer (UpdateNodeStatus).
  if (
    root &&
    from.endsWith('/cloud-controller-manager') &&
    /^PATCH \/api\/v1\/nodes\/[^/?]+\/status/.test(summary)
  )
    return true;
  if (from.endsWith('/kubelet')) {
    if (/^PATCH \/api\/v1\/nodes\/[^/?]+\/status/.test(summary)) return true;
    if (summary.startsWith('GET /api/v1/nodes?fieldSelector=metadata.name=')) return true;
    // kubelet refreshing the ConfigMaps and Secrets its pods mount, on its own timer.
    if (root && /^GET \/api\/v1\/namespaces\/[^/]+\/(configmaps|secrets)\//.test(summary)) return true;
  }
  return false;
}

/** How many recent step ids a {@link PeriodicTracker} remembers. */
export const TRACKED_STEPS = 1 << 18;

/**
 * Classifies a stream of steps, remembering recent verdicts so a step whose cause was
 * periodic is periodic too. Steps must be fed in id order.
 */
export class PeriodicTracker {
  readonly #verdicts = new Uint8Array(TRACKED_STEPS);
  readonly #ids = new Float64Array(TRACKED_STEPS).fill(-1);

  /** Whether `step` is periodic background work (by its own rule or its cause's). */
  classify(step: TraceStep): boolean {
    const cause = step.causedBy === null ? false : this.known(step.causedBy);
    const periodic = cause === true || isPeriodicStep(step);
    const slot = step.id % TRACKED_STEPS;
    this.#ids[slot] = step.id;
    this.#verdicts[slot] = periodic ? 1 : 0;
    return periodic;
  }

  /** The verdict for step `id`, or undefined if it was never seen or is forgotten. */
  known(id: number): boolean | undefined {
    const slot = id % TRACKED_STEPS;
    return this.#ids[slot] === id ? this.#verdicts[slot] === 1 : undefined;
  }
}
