/**
 * The inspector's scheduler view: kube-scheduler's profile (its plugins per extension point,
 * with Score weights), percentageOfNodesToScore, its scheduling queue (activeQ, backoffQ and
 * the unschedulable pods with their last FailedScheduling message), the outcomes of its last
 * scheduling cycles, and its cache (each node's requested and allocatable resources). An
 * observer: it reads the scheduler's read-only accessors, with no trace step, no state change
 * and no RNG use.
 */
import type { Cluster } from '../../sim/cluster';
import {
  numFeasibleNodesToFind,
  type Framework,
  type QueuedPodInfo,
  type Scheduler,
} from '../../sim/scheduler';
import type { Plugin } from '../../sim/scheduler/framework/interface';
import { podKey } from '../../sim/scheduler/framework/types';

/** The framework's extension points in the order a pod meets them. */
const EXTENSION_POINTS: readonly (readonly [string, keyof Plugin])[] = [
  ['PreEnqueue', 'preEnqueue'],
  ['QueueSort', 'less'],
  ['PreFilter', 'preFilter'],
  ['Filter', 'filter'],
  ['PostFilter', 'postFilter'],
  ['PreScore', 'preScore'],
  ['Score', 'score'],
  ['Reserve', 'reserve'],
  ['PreBind', 'preBind'],
  ['Bind', 'bind'],
];

/** One extension point and the plugins that implement it, in profile order. */
export interface ExtensionPointView {
  readonly name: string;
  /** Score plugins carry their weight. */
  readonly plugins: readonly { readonly name: string; readonly weight?: number }[];
}

/** A scheduling profile (KubeSchedulerProfile). */
export interface ProfileView {
  /** `default-scheduler` */
  readonly schedulerName: string;
  readonly extensionPoints: readonly ExtensionPointView[];
  /** The profile's own percentageOfNodesToScore, or null to use the global one. */
  readonly percentageOfNodesToScore: number | null;
}

/** A pod waiting in the scheduling queue. */
export interface QueuedPodView {
  /** `namespace/name` */
  readonly pod: string;
  /** Scheduling attempts so far. */
  readonly attempts: number;
  /** Virtual ms when the pod entered the queue or last failed. */
  readonly since: number;
  /** Virtual ms when its backoff expires (backoffQ only), else null. */
  readonly backoffExpiry: number | null;
  /** The message of its last failed attempt (the FailedScheduling event), if any. */
  readonly lastFailure: string | null;
  /** The plugins that rejected it: only cluster events they care about move it. */
  readonly unschedulablePlugins: readonly string[];
  /** Held back by PreEnqueue (scheduling gates). */
  readonly gated: boolean;
}

/** One recent scheduling cycle. */
export interface CycleView {
  readonly cycle: number;
  readonly pod: string;
  /** Virtual ms. */
  readonly time: number;
  /** The chosen node, or null when the pod did not fit. */
  readonly node: string | null;
  /** The FailedScheduling message of a failed cycle. */
  readonly message: string | null;
  /** `feasible/evaluated` nodes of a successful cycle. */
  readonly feasible: number | null;
  readonly evaluated: number | null;
  /** The decision's trace step. */
  readonly step: number;
}

/** A node in the scheduler's cache. */
export interface CacheNodeView {
  readonly name: string;
  /** cpu in millicores, memory in bytes: what the node's pods request. */
  readonly requested: { readonly milliCPU: number; readonly memory: number };
  readonly allocatable: { readonly milliCPU: number; readonly memory: number };
  /** Pods counted on the node (assumed ones included) and how many it allows. */
  readonly pods: number;
  readonly allowedPods: number;
  readonly unschedulable: boolean;
}

/** kube-scheduler as its configuration, debug dump and log would show it. */
export interface SchedulerView {
  readonly kind: 'scheduler';
  /** Whether the cluster runs kube-scheduler at all (the other fields are empty if not). */
  readonly running: boolean;
  /** Virtual ms now, to show ages and time left. */
  readonly now: number;
  readonly profiles: readonly ProfileView[];
  /** The global percentageOfNodesToScore (0: adaptive) and the feasible nodes it asks for now. */
  readonly percentageOfNodesToScore: number;
  readonly numFeasibleNodesToFind: number;
  /** Scheduling cycles run so far. */
  readonly schedulingCycle: number;
  readonly queue: {
    readonly active: readonly QueuedPodView[];
    readonly backoff: readonly QueuedPodView[];
    readonly unschedulable: readonly QueuedPodView[];
  };
  /** The last scheduling cycles, newest first. */
  readonly cycles: readonly CycleView[];
  /** Cached nodes in the cache's node tree order. */
  readonly nodes: readonly CacheNodeView[];
  /** Pods assumed on a node whose binding has not been confirmed yet. */
  readonly assumedPods: readonly string[];
}

function profileView(fwk: Framework): ProfileView {
  return {
    schedulerName: fwk.profileName,
    percentageOfNodesToScore: fwk.percentageOfNodesToScore ?? null,
    extensionPoints: EXTENSION_POINTS.map(([name, method]) => ({
      name,
      plugins: fwk.plugins
        .filter((p) => p[method] !== undefined)
        .map((p) => (method === 'score' ? { name: p.name, weight: fwk.weight(p.name) } : { name: p.name })),
    })).filter((e) => e.plugins.length > 0),
  };
}

function queuedView(info: QueuedPodInfo, backoffExpiry: number | null): QueuedPodView {
  return {
    pod: podKey(info.pod),
    attempts: info.attempts,
    since: info.timestamp,
    backoffExpiry,
    lastFailure: info.lastFailure ?? null,
    unschedulablePlugins: [...info.unschedulablePlugins].sort(),
    gated: info.gated,
  };
}

function cacheNodes(sched: Scheduler): CacheNodeView[] {
  return sched.cache.nodeInfos().map((info) => ({
    name: info.name,
    requested: { milliCPU: info.requested.milliCPU, memory: info.requested.memory },
    allocatable: { milliCPU: info.allocatable.milliCPU, memory: info.allocatable.memory },
    pods: info.pods.length,
    allowedPods: info.allocatable.allowedPodNumber,
    unschedulable: info.node?.spec?.unschedulable === true,
  }));
}

/** The scheduler view of `cluster`. */
export function schedulerView(cluster: Cluster): SchedulerView {
  const sched = cluster.scheduler;
  const now = cluster.kernel.clock.now();
  if (sched === null) {
    return {
      kind: 'scheduler',
      running: false,
      now,
      profiles: [],
      percentageOfNodesToScore: 0,
      numFeasibleNodesToFind: 0,
      schedulingCycle: 0,
      queue: { active: [], backoff: [], unschedulable: [] },
      cycles: [],
      nodes: [],
      assumedPods: [],
    };
  }
  const queue = sched.queue.inspect();
  const nodes = cacheNodes(sched);
  return {
    kind: 'scheduler',
    running: true,
    now,
    profiles: [...sched.profiles.values()].map(profileView),
    percentageOfNodesToScore: sched.percentageOfNodesToScore,
    numFeasibleNodesToFind: numFeasibleNodesToFind(sched.percentageOfNodesToScore, nodes.length),
    schedulingCycle: sched.queue.schedulingCycle,
    queue: {
      active: queue.active.map((i) => queuedView(i, null)),
      backoff: queue.backoff.map((b) => queuedView(b.info, b.expiry)),
      unschedulable: queue.unschedulable.map((i) => queuedView(i, null)),
    },
    cycles: [...sched.history.list()].reverse().map((c) => ({ ...c })),
    nodes,
    assumedPods: sched.cache
      .pods()
      .filter((p) => sched.cache.isAssumed(p))
      .map(podKey),
  };
}
