/**
 * The scheduling queue (upstream's internal/queue PriorityQueue), in virtual time:
 *
 * - activeQ: pods ready to be tried, highest priority first, then the earliest arrival;
 * - backoffQ: pods that failed, waiting 1 s doubling per attempt up to 10 s (flushed to
 *   activeQ on a 1 s tick, as upstream's flushBackoffQCompleted);
 * - unschedulablePods: pods no node fitted; a cluster event that may help a plugin that
 *   rejected them (a node added, a pod deleted...) moves them back, and any that waited
 *   longer than 5 minutes are flushed on a 30 s tick.
 */
import type { Kernel, TimerHandle } from '../kernel/kernel';
import { isPodUpdated, podUpdateEvent, type ClusterEvent } from './framework/events';
import type { Status } from './framework/status';
import { podKey, podUid, type Pod } from './framework/types';
import { Nominator } from './nominator';

/** A pod in the queue and its scheduling history. */
export interface QueuedPodInfo {
  pod: Pod;
  readonly uid: string;
  /** When the pod entered the queue, or last failed (virtual ms). */
  timestamp: number;
  /** Scheduling attempts so far. */
  attempts: number;
  initialAttemptTimestamp: number | undefined;
  /** Plugins that rejected the pod last time: only events they care about move it. */
  unschedulablePlugins: Set<string>;
  /** Rejected by PreEnqueue (scheduling gates): never tried until an update lets it in. */
  gated: boolean;
  /** The trace step that last brought the pod in or moved it forward. */
  cause: number | null;
  /** The message of the pod's last failed attempt (its FailedScheduling event), if any. */
  lastFailure?: string;
  readonly seq: number;
}

/** What the queue needs from the scheduler: the clock, QueueSort, PreEnqueue and queueing hints. */
export interface QueueOptions {
  readonly kernel: Kernel;
  /** QueueSort. */
  readonly less: (a: QueuedPodInfo, b: QueuedPodInfo) => boolean;
  readonly preEnqueue: (pod: Pod) => Status;
  /** Whether an event may help a pod rejected by these plugins. */
  readonly eventMayHelp: (event: ClusterEvent, rejectors: ReadonlySet<string>, pod: Pod) => boolean;
  /** Called when a pod becomes available in activeQ. */
  readonly onActive: () => void;
  /** The informer's copy of a pod, for the nominator. */
  readonly getPod: (namespace: string, name: string) => Pod | undefined;
  readonly initialBackoffMs?: number;
  readonly maxBackoffMs?: number;
  readonly maxInUnschedulableMs?: number;
}

const BACKOFF_FLUSH_MS = 1000;
const UNSCHEDULABLE_FLUSH_MS = 30_000;

/** activeQ, backoffQ and the unschedulable pods, with upstream's rules for moving between them. */
export class SchedulingQueue {
  /** Pending pods nominated to nodes (after preemption). */
  readonly nominator: Nominator;
  readonly #o: QueueOptions;
  readonly #active: QueuedPodInfo[] = [];
  readonly #backoff = new Map<string, { info: QueuedPodInfo; timer: TimerHandle }>();
  readonly #unschedulable = new Map<string, { info: QueuedPodInfo; timer: TimerHandle | null }>();
  readonly #inFlight = new Set<string>();
  readonly #start: number;
  #seq = 0;
  #schedulingCycle = 0;
  #moveRequestCycle = -1;

  constructor(options: QueueOptions) {
    this.#o = options;
    this.#start = options.kernel.clock.now();
    this.nominator = new Nominator(options.getPod);
  }

  get #now(): number {
    return this.#o.kernel.clock.now();
  }

  /** The number of pods popped so far. */
  get schedulingCycle(): number {
    return this.#schedulingCycle;
  }

  /** Keys of the pods in each sub-queue, for the UI and tests. */
  pending(): { active: string[]; backoff: string[]; unschedulable: string[] } {
    const keys = (infos: Iterable<QueuedPodInfo>) => [...infos].map((i) => podKey(i.pod));
    return {
      active: keys(this.#active),
      backoff: keys([...this.#backoff.values()].map((e) => e.info)),
      unschedulable: keys([...this.#unschedulable.values()].map((e) => e.info)),
    };
  }

  /**
   * The pods in each sub-queue with their history, for read-only views: activeQ in pop order,
   * backoffQ with when each pod's backoff expires (upstream's getBackoffTime; the 1 s flush
   * moves it at the next tick), and the unschedulable pods.
   */
  inspect(): {
    active: readonly QueuedPodInfo[];
    backoff: readonly { readonly info: QueuedPodInfo; readonly expiry: number }[];
    unschedulable: readonly QueuedPodInfo[];
  } {
    return {
      active: [...this.#active],
      backoff: [...this.#backoff.values()].map(({ info }) => ({
        info,
        expiry: info.timestamp + this.backoffDuration(info.attempts),
      })),
      unschedulable: [...this.#unschedulable.values()].map((e) => e.info),
    };
  }

  has(pod: Pod): boolean {
    const uid = podUid(pod);
    return (
      this.#active.some((i) => i.uid === uid) ||
      this.#backoff.has(uid) ||
      this.#unschedulable.has(uid) ||
      this.#inFlight.has(uid)
    );
  }

  /** A new pending pod: into activeQ (or held back by PreEnqueue). */
  add(pod: Pod, cause: number | null): void {
    if (this.has(pod)) return this.update(pod, pod, cause);
    const info: QueuedPodInfo = {
      pod,
      uid: podUid(pod),
      timestamp: this.#now,
      attempts: 0,
      initialAttemptTimestamp: undefined,
      unschedulablePlugins: new Set(),
      gated: false,
      cause,
      seq: this.#seq++,
    };
    this.#toActive(info);
    if (!info.gated) this.nominator.add(pod, undefined);
  }

  /** Runs PreEnqueue, then puts the pod in activeQ, or among the unschedulable pods if gated. */
  #toActive(info: QueuedPodInfo): void {
    const s = this.#o.preEnqueue(info.pod);
    if (!s.isSuccess()) {
      info.gated = true;
      info.unschedulablePlugins = new Set([s.plugin]);
      this.#unschedulable.set(info.uid, { info, timer: null });
      return;
    }
    info.gated = false;
    const at = this.#active.findIndex((other) => this.#o.less(info, other));
    this.#active.splice(at < 0 ? this.#active.length : at, 0, info);
    this.#o.onActive();
  }

  /** The next pod to schedule; counts an attempt and a scheduling cycle. */
  pop(): QueuedPodInfo | undefined {
    const info = this.#active.shift();
    if (info === undefined) return undefined;
    info.attempts++;
    info.initialAttemptTimestamp ??= this.#now;
    info.unschedulablePlugins = new Set();
    this.#schedulingCycle++;
    this.#inFlight.add(info.uid);
    return info;
  }

  /** The scheduling attempt of a popped pod ended (bound, or given up on). */
  done(uid: string): void {
    this.#inFlight.delete(uid);
  }

  get activeLength(): number {
    return this.#active.length;
  }

  /** How long a pod waits after `attempts` failures (1 s doubling, at most 10 s). */
  backoffDuration(attempts: number): number {
    if (attempts === 0) return 0;
    const max = this.#o.maxBackoffMs ?? 10_000;
    let d = this.#o.initialBackoffMs ?? 1000;
    for (let i = 1; i < attempts; i++) {
      if (d > max - d) return max;
      d += d;
    }
    return d;
  }

  #isBackingOff(info: QueuedPodInfo): boolean {
    return info.timestamp + this.backoffDuration(info.attempts) > this.#now;
  }

  /** The first tick of a `period` ms timer (started with the queue) at or after `at`. */
  #tick(at: number, period: number, strictlyAfter = false): number {
    const k = Math.max(0, Math.ceil((at - this.#start) / period));
    const t = this.#start + k * period;
    return strictlyAfter && t <= at ? t + period : t;
  }

  #addBackoff(info: QueuedPodInfo): void {
    const expiry = info.timestamp + this.backoffDuration(info.attempts);
    const delay = Math.max(0, this.#tick(expiry, BACKOFF_FLUSH_MS) - this.#now);
    const timer = this.#o.kernel.schedule(
      delay,
      `kube-scheduler: backoff of ${podKey(info.pod)} completed`,
      () => {
        this.#backoff.delete(info.uid);
        this.#toActive(info);
      },
    );
    this.#backoff.set(info.uid, { info, timer });
  }

  #addUnschedulable(info: QueuedPodInfo): void {
    const max = this.#o.maxInUnschedulableMs ?? 5 * 60_000;
    const flushAt = this.#tick(info.timestamp + max, UNSCHEDULABLE_FLUSH_MS, true);
    const timer = this.#o.kernel.schedule(
      flushAt - this.#now,
      `kube-scheduler: flush ${podKey(info.pod)} (unschedulable for 5m)`,
      () =>
        this.#move(info, { resource: 'WildCard', actions: [], label: 'UnschedulableTimeout' }, info.cause),
    );
    this.#unschedulable.set(info.uid, { info, timer });
  }

  /**
   * A popped pod failed: to backoffQ if a move request came during its cycle or no plugin
   * rejected it (an error), otherwise among the unschedulable pods.
   */
  addUnschedulableIfNotPresent(info: QueuedPodInfo, podSchedulingCycle: number): void {
    this.#inFlight.delete(info.uid);
    if (
      this.#backoff.has(info.uid) ||
      this.#unschedulable.has(info.uid) ||
      this.#active.some((i) => i.uid === info.uid)
    )
      return;
    info.timestamp = this.#now;
    if (this.#moveRequestCycle >= podSchedulingCycle || info.unschedulablePlugins.size === 0)
      this.#addBackoff(info);
    else this.#addUnschedulable(info);
  }

  #removeEverywhere(uid: string): void {
    const i = this.#active.findIndex((x) => x.uid === uid);
    if (i >= 0) this.#active.splice(i, 1);
    const b = this.#backoff.get(uid);
    if (b !== undefined) this.#o.kernel.cancel(b.timer);
    this.#backoff.delete(uid);
    const u = this.#unschedulable.get(uid);
    if (u?.timer) this.#o.kernel.cancel(u.timer);
    this.#unschedulable.delete(uid);
  }

  /** Moves an unschedulable pod forward: activeQ, or backoffQ while it is still backing off. */
  #move(info: QueuedPodInfo, _event: ClusterEvent, cause: number | null): void {
    this.#removeEverywhere(info.uid);
    info.cause = cause;
    if (!info.gated && this.#isBackingOff(info)) this.#addBackoff(info);
    else this.#toActive(info);
  }

  /** A pending pod changed: refresh it; an unschedulable one may move if the change may help. */
  update(old: Pod, pod: Pod, cause: number | null): void {
    const uid = podUid(pod);
    const active = this.#active.find((i) => i.uid === uid);
    const backoff = this.#backoff.get(uid)?.info;
    const unschedulable = this.#unschedulable.get(uid)?.info;
    const info = active ?? backoff ?? unschedulable;
    if (info === undefined) {
      if (!this.#inFlight.has(uid)) this.add(pod, cause);
      return;
    }
    info.pod = pod;
    this.nominator.update(old, pod);
    if (unschedulable === undefined || !isPodUpdated(old, pod)) return;
    const event = podUpdateEvent(old, pod);
    if (unschedulable.gated || this.#o.eventMayHelp(event, unschedulable.unschedulablePlugins, pod)) {
      this.#move(unschedulable, event, cause);
    }
  }

  delete(pod: Pod): void {
    this.#removeEverywhere(podUid(pod));
    this.nominator.delete(pod);
  }

  /** A cluster event: every unschedulable pod it may help moves forward. */
  moveAllToActiveOrBackoffQueue(event: ClusterEvent, cause: number | null): void {
    this.#moveRequestCycle = this.#schedulingCycle;
    for (const { info } of [...this.#unschedulable.values()]) {
      if (info.gated) continue;
      if (this.#o.eventMayHelp(event, info.unschedulablePlugins, info.pod)) this.#move(info, event, cause);
    }
  }
}
