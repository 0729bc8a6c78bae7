/**
 * A node's cgroups as its kernel accounts them: each running container's CPU time and memory
 * working set, and the root cgroup's (the node's: its system daemons plus every container), on
 * the virtual clock.
 *
 * CPU is integrated second by second. A container wants its workload's CPU (workloads.ts) plus
 * what its request load costs (`setLoad`), give or take 10% from one second to the next; its
 * CFS quota caps it a little under its CPU limit (throttling); when the node's CPUs cannot
 * serve every container, they are shared in proportion to cpu.shares, as CFS does. Memory
 * grows as the workload allocates, and a container whose working set would pass its memory
 * limit is OOM-killed at that instant. Everything is a pure function of the containers' ids,
 * start times and inputs, so runs are deterministic.
 */
import type { Kernel, TimerHandle } from '../../kernel/kernel';
import type { LinuxContainerResources } from './types';
import type { Workload } from './workloads';

/** What the node's own processes (kernel, systemd, containerd, kubelet) use. */
const SYSTEM_CORES = 0.05;
const SYSTEM_CORES_PER_CONTAINER = 0.002;
const SYSTEM_BYTES = 620 * 1024 * 1024;
/** CPU time the node used booting, before the simulation (and its kubelet) started. */
const BOOT_CPU_SECONDS = 4.2;
const PAGE = 4096;

/** A cgroup's usage at an instant: cumulative CPU time and the working set. */
export interface CgroupUsage {
  /** Core-seconds used since the cgroup was created. */
  readonly cpuSeconds: number;
  readonly workingSetBytes: number;
}

interface Tracked {
  readonly workload: Workload;
  readonly startedAt: number;
  /** Cores the CFS quota allows; Infinity without a limit. */
  readonly cpuLimit: number;
  readonly memoryLimit: number;
  readonly shares: number;
  cpuSeconds: number;
  requestsPerSecond: number;
  oom: TimerHandle | null;
}

/** A number in [0, 1) from a container id and a second: the same on every run (FNV-1a). */
function jitter(id: string, second: number): number {
  const text = `${id}@${second}`;
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h / 2 ** 32;
}

/** CFS sharing: CPUs go to demands in proportion to weights; what one cannot use goes to the rest. */
export function shareCpu(demands: readonly number[], weights: readonly number[], capacity: number): number[] {
  const total = demands.reduce((a, b) => a + b, 0);
  if (total <= capacity) return [...demands];
  const out = demands.map(() => 0);
  let active = demands.map((_, i) => i).filter((i) => (demands[i] ?? 0) > 0);
  let left = capacity;
  while (active.length > 0 && left > 0) {
    const unit = left / active.reduce((sum, i) => sum + (weights[i] ?? 0), 0);
    const satisfied = active.filter((i) => (demands[i] ?? 0) <= unit * (weights[i] ?? 0));
    if (satisfied.length === 0) {
      for (const i of active) out[i] = unit * (weights[i] ?? 0);
      break;
    }
    for (const i of satisfied) {
      out[i] = demands[i] ?? 0;
      left -= out[i] ?? 0;
    }
    active = active.filter((i) => !satisfied.includes(i));
  }
  return out;
}

export class Cgroups {
  readonly #containers = new Map<string, Tracked>();
  /** Virtual ms up to which CPU time is integrated. */
  #at = 0;
  #nodeCpuSeconds = BOOT_CPU_SECONDS;

  constructor(
    private readonly kernel: Kernel,
    /** The node's runtime id, for the timers' labels. */
    private readonly owner: string,
    /** The node's CPUs. */
    readonly cpus = 2,
  ) {}

  /** A container's process started: account for it from now on; `onOom` runs if it passes its memory limit. */
  start(id: string, workload: Workload, linux: LinuxContainerResources | undefined, onOom: () => void): void {
    this.#advance();
    const quota = linux?.cpuQuota ?? 0;
    const tracked: Tracked = {
      workload,
      startedAt: this.kernel.clock.now(),
      cpuLimit: quota > 0 ? quota / (linux?.cpuPeriod ?? 100_000) : Number.POSITIVE_INFINITY,
      memoryLimit:
        (linux?.memoryLimitInBytes ?? 0) > 0 ? (linux?.memoryLimitInBytes ?? 0) : Number.POSITIVE_INFINITY,
      shares: Math.max(2, linux?.cpuShares ?? 2),
      cpuSeconds: 0,
      requestsPerSecond: 0,
      oom: null,
    };
    const peak = workload.baseBytes + workload.allocBytes;
    if (peak > tracked.memoryLimit) {
      const room = Math.max(0, tracked.memoryLimit - workload.baseBytes);
      const afterMs = workload.allocBytesPerSecond > 0 ? (room / workload.allocBytesPerSecond) * 1000 : 0;
      tracked.oom = this.kernel.schedule(Math.ceil(afterMs), `${this.owner}: ${id.slice(0, 13)} OOM`, () => {
        tracked.oom = null;
        onOom();
      });
    }
    this.#containers.set(id, tracked);
  }

  /** A container's process ended: its CPU time stays in the node's total. */
  stop(id: string): void {
    this.#advance();
    const tracked = this.#containers.get(id);
    if (tracked?.oom !== undefined && tracked.oom !== null) this.kernel.cancel(tracked.oom);
    this.#containers.delete(id);
  }

  /** The request load reaching a container, in requests per second (0 stops it). */
  setLoad(id: string, requestsPerSecond: number): void {
    this.#advance();
    const tracked = this.#containers.get(id);
    if (tracked !== undefined) tracked.requestsPerSecond = Math.max(0, requestsPerSecond);
  }

  /** A running container's usage now, or undefined if it is not running. */
  container(id: string): CgroupUsage | undefined {
    this.#advance();
    const tracked = this.#containers.get(id);
    if (tracked === undefined) return undefined;
    return { cpuSeconds: tracked.cpuSeconds, workingSetBytes: this.#memory(tracked) };
  }

  /** The root cgroup's usage now: the whole node. */
  node(): CgroupUsage {
    this.#advance();
    let memory = SYSTEM_BYTES;
    for (const tracked of this.#containers.values()) memory += this.#memory(tracked);
    return { cpuSeconds: this.#nodeCpuSeconds, workingSetBytes: memory };
  }

  #memory(t: Tracked): number {
    const elapsed = (this.kernel.clock.now() - t.startedAt) / 1000;
    const allocated = Math.min(t.workload.allocBytes, t.workload.allocBytesPerSecond * elapsed);
    const bytes = Math.min(t.memoryLimit, t.workload.baseBytes + allocated);
    return Math.floor(bytes / PAGE) * PAGE;
  }

  /** Integrates CPU time up to now, one second (or part of one) at a time. */
  #advance(): void {
    const now = this.kernel.clock.now();
    const tracked = [...this.#containers.entries()];
    while (this.#at < now) {
      const second = Math.floor(this.#at / 1000);
      const end = Math.min(now, (second + 1) * 1000);
      const dt = (end - this.#at) / 1000;
      const system = SYSTEM_CORES * (0.8 + 0.4 * jitter(`${this.owner}/system`, second));
      const demands = tracked.map(([id, t]) => {
        const u = jitter(id, second);
        const w = t.workload;
        const want = (w.idleCores + w.busyCores + t.requestsPerSecond * w.cpuPerRequest) * (0.9 + 0.2 * u);
        return Math.min(want, t.cpuLimit * (0.965 + 0.03 * u));
      });
      const overhead = system + SYSTEM_CORES_PER_CONTAINER * tracked.length;
      const rates = shareCpu(
        demands,
        tracked.map(([, t]) => t.shares),
        this.cpus - overhead,
      );
      tracked.forEach(([, t], i) => (t.cpuSeconds += (rates[i] ?? 0) * dt));
      this.#nodeCpuSeconds += (overhead + rates.reduce((a, b) => a + b, 0)) * dt;
      this.#at = end;
    }
  }
}
