/**
 * The kubelet's eviction manager (pkg/kubelet/eviction), for memory: every 10 s it reads the
 * node's memory from its cgroups, as cAdvisor does, and compares `memory.available` with the
 * default hard threshold (100Mi). Below it, the node reports MemoryPressure (the node
 * controller then taints it `node.kubernetes.io/memory-pressure:NoSchedule`), and the kubelet
 * evicts one pod per pass (never a critical one): those using more than they requested
 * first, then lower priority, then larger use above the request. The condition clears once no
 * pressure was seen for the transition period (5 min).
 */
import type { KubeObject } from '../../apiserver/types';
import type { KubeletContext, PodRecord } from './context';

export const MONITORING_INTERVAL_MS = 10_000;
export const PRESSURE_TRANSITION_PERIOD_MS = 5 * 60_000;
/** `memory.available<100Mi`, the kubelet's default hard eviction threshold. */
export const MEMORY_THRESHOLD_BYTES = 100 * 1024 * 1024;
/** SystemCriticalPriority: pods at or above it are never evicted. */
const SYSTEM_CRITICAL_PRIORITY = 2_000_000_000;

const BINARY: readonly [string, number][] = [
  ['Gi', 1024 ** 3],
  ['Mi', 1024 ** 2],
  ['Ki', 1024],
];

/** A byte count as a binary-SI quantity prints (`100Mi`, `51200Ki`, `0`). */
export function bytesQuantity(bytes: number): string {
  if (bytes === 0) return '0';
  const unit = BINARY.find(([, size]) => bytes % size === 0);
  return unit === undefined ? String(bytes) : `${bytes / unit[1]}${unit[0]}`;
}

/** What a quantity such as `64Mi` or `8039232Ki` is in bytes. */
export function quantityBytes(quantity: string | undefined): number {
  const m = /^(\d+)(Ki|Mi|Gi)?$/.exec(quantity ?? '');
  if (m === null) return 0;
  const size = BINARY.find(([suffix]) => suffix === m[2])?.[1] ?? 1;
  return Number(m[1]) * size;
}

/** What the eviction manager reads and does. */
export interface EvictionDeps {
  /** The node's memory capacity, in bytes. */
  readonly capacityBytes: number;
  /** The Node, for the events the manager records about it. */
  readonly node: KubeObject;
  /** The root cgroup's working set: what the node uses now. */
  nodeWorkingSet(): number;
  /** A running container's working set, by container id. */
  containerWorkingSet(id: string): number | undefined;
  records(): Iterable<PodRecord>;
  /** Kills the pod and fails it with `message` (reason Evicted). */
  evict(record: PodRecord, message: string, cause: number | null): void;
  /** The MemoryPressure condition changed. */
  pressure(on: boolean, cause: number | null): void;
}

interface Candidate {
  readonly record: PodRecord;
  readonly usage: number;
  readonly request: number;
  readonly priority: number;
  readonly containers: readonly { name: string; usage: number; request: number }[];
}

/** The memory side of the kubelet's eviction manager. */
export class EvictionManager {
  /** Memory held on the node outside any pod (a process run amok: the memory fault). */
  #held = 0;
  #pressure = false;
  #lastObserved = -Infinity;

  constructor(
    private readonly ctx: KubeletContext,
    private readonly deps: EvictionDeps,
  ) {}

  /** Whether the node reports MemoryPressure. */
  get underPressure(): boolean {
    return this.#pressure;
  }

  /** `memory.available`: capacity less what the node and anything outside the pods use. */
  available(): number {
    return Math.max(0, this.deps.capacityBytes - this.deps.nodeWorkingSet() - this.#held);
  }

  /**
   * Something outside the pods holds `bytes` of the node's memory from now on (0: it let go).
   */
  hold(bytes: number): void {
    this.#held = Math.max(0, bytes);
  }

  /** Starts the 10 s monitoring loop (synchronize). */
  start(active: () => boolean): void {
    const tick = () => {
      if (active()) this.synchronize(null);
      this.ctx.kernel.schedule(MONITORING_INTERVAL_MS, `${this.ctx.id}: eviction manager`, tick);
    };
    this.ctx.kernel.schedule(MONITORING_INTERVAL_MS, `${this.ctx.id}: eviction manager`, tick);
  }

  /** One pass: observe, update the condition, and evict at most one pod under pressure. */
  synchronize(cause: number | null): void {
    const now = this.ctx.kernel.clock.now();
    const available = this.available();
    const met = available < MEMORY_THRESHOLD_BYTES;
    if (met) this.#lastObserved = now;
    const pressure = met || now - this.#lastObserved < PRESSURE_TRANSITION_PERIOD_MS;
    if (pressure !== this.#pressure) {
      this.#pressure = pressure;
      this.deps.pressure(pressure, cause);
    }
    if (!met) return;
    this.ctx.recorder.event(
      this.deps.node,
      'Warning',
      'EvictionThresholdMet',
      'Attempting to reclaim memory',
      cause,
    );
    const victim = this.#candidates().sort(rank)[0];
    if (victim === undefined) return;
    this.deps.evict(victim.record, message(available, victim), cause);
  }

  #candidates(): Candidate[] {
    return [...this.deps.records()].flatMap((record) => {
      const pod = record.pod;
      const priority = pod.spec?.priority ?? 0;
      if (record.terminal || record.deleted || record.isStatic || !record.admitted) return [];
      if (priority >= SYSTEM_CRITICAL_PRIORITY || record.evicted !== undefined) return [];
      const containers = (pod.spec?.containers ?? []).map((c) => {
        const id = record.containers.get(c.name)?.[0]?.id;
        const usage = id === undefined ? 0 : (this.deps.containerWorkingSet(id) ?? 0);
        return { name: c.name, usage, request: quantityBytes(c.resources?.requests?.memory) };
      });
      const usage = containers.reduce((a, c) => a + c.usage, 0);
      const request = containers.reduce((a, c) => a + c.request, 0);
      return [{ record, usage, request, priority, containers }];
    });
  }
}

/** rankMemoryPressure: over its requests first, then lower priority, then more above the request. */
function rank(a: Candidate, b: Candidate): number {
  const over = (c: Candidate) => (c.usage > c.request ? 0 : 1);
  return (
    over(a) - over(b) ||
    a.priority - b.priority ||
    b.usage - b.request - (a.usage - a.request) ||
    (a.record.pod.metadata.name ?? '').localeCompare(b.record.pod.metadata.name ?? '')
  );
}

/** The message an evicted pod gets (eviction/helpers.go evictionMessage), trailing space and all. */
function message(available: number, victim: Candidate): string {
  let text = 'The node was low on resource: memory. ';
  text += `Threshold quantity: ${bytesQuantity(MEMORY_THRESHOLD_BYTES)}, available: ${bytesQuantity(available)}. `;
  for (const c of victim.containers) {
    if (c.usage > c.request)
      text += `Container ${c.name} was using ${bytesQuantity(c.usage)}, request is ${bytesQuantity(c.request)}, has larger consumption of memory. `;
  }
  return text;
}
