/**
 * kube-scheduler: watches pods and nodes through its own informers, keeps a cache of what
 * runs where, and places every pending pod that asks for `default-scheduler` by running the
 * scheduling framework's plugins, then binding it through `pods/<name>/binding`. One
 * scheduling cycle runs at a time, as a kernel event; each records a `decision` trace step
 * with every plugin's verdict.
 */
import type { PodDisruptionBudget } from 'kubernetes-types/policy/v1';
import type { ApiServer } from '../apiserver/apiserver';
import { findResource, type ResourceInfo } from '../apiserver/resources';
import type { KubeObject } from '../apiserver/types';
import { EventRecorder } from '../client/events';
import { InformerFactory } from '../client/factory';
import { Informer } from '../client/informer';
import { ApiClient } from '../client/rest';
import type { Kernel } from '../kernel/kernel';
import { SchedulerCache } from './cache';
import { addAllEventHandlers } from './eventhandlers';
import type { Snapshot, WorkloadPlural } from './framework/interface';
import { asPod, type Pod } from './framework/types';
import { DEFAULT_PROFILE, type Profile, type Registry } from './framework/registry';
import { Framework } from './framework/runtime';
import { PLUGINS } from './plugins/registry';
import { SchedulingHistory } from './history';
import { SchedulingQueue } from './queue';
import { scheduleOne } from './schedule-one';

/** The component id kube-scheduler's steps come from. */
export const SCHEDULER_ID = 'control-plane/kube-scheduler';
/** The field manager of its writes. */
export const FIELD_MANAGER = 'kube-scheduler';

function core(plural: string): ResourceInfo {
  const r = findResource('', 'v1', plural);
  if (r === undefined) throw new Error(`no core resource ${plural}`);
  return r;
}

const PODS = core('pods');
const NODES = core('nodes');
const NAMESPACES = core('namespaces');
const PDBS = findResource('policy', 'v1', 'poddisruptionbudgets');

/** The workload resources PodTopologySpread's default constraints read selectors from. */
const WORKLOADS: Record<WorkloadPlural, ResourceInfo | undefined> = {
  services: findResource('', 'v1', 'services'),
  replicationcontrollers: findResource('', 'v1', 'replicationcontrollers'),
  replicasets: findResource('apps', 'v1', 'replicasets'),
  statefulsets: findResource('apps', 'v1', 'statefulsets'),
};

/** How to build a scheduler; every field has upstream's default. */
export interface SchedulerOptions {
  /** Scheduling profiles; the default profile only, by default. */
  readonly profiles?: readonly Profile[];
  /** Plugin factories by name; the in-tree plugins by default. */
  readonly registry?: Registry;
  /** The global percentageOfNodesToScore (0: adaptive, as upstream's default). */
  readonly percentageOfNodesToScore?: number;
}

/** kube-scheduler: its API client, informers, cache, queue and profiles. */
export class Scheduler {
  readonly client: ApiClient;
  readonly recorder: EventRecorder;
  readonly cache = new SchedulerCache();
  readonly queue: SchedulingQueue;
  readonly pods: Informer;
  readonly nodes: Informer;
  readonly namespaces: Informer;
  /** Services, ReplicaSets, StatefulSets and ReplicationControllers (default spreading). */
  readonly workloads = new Map<WorkloadPlural, Informer>();
  /** Informers plugins ask for through the handle (PersistentVolumeClaims, StorageClasses...). */
  readonly informers: InformerFactory;
  /** Frameworks by scheduler name. */
  readonly profiles = new Map<string, Framework>();
  readonly percentageOfNodesToScore: number;
  /** The last scheduling cycles' outcomes, for read-only views. */
  readonly history = new SchedulingHistory();
  /** Where the next cycle starts looking at nodes (upstream's nextStartNodeIndex). */
  nextStartNodeIndex = 0;
  #snapshot: Snapshot = { list: () => [], get: () => undefined };
  #scheduled = false;
  #stopped = false;

  constructor(
    readonly kernel: Kernel,
    apiserver: ApiServer,
    options: SchedulerOptions = {},
  ) {
    this.client = new ApiClient(apiserver, SCHEDULER_ID, FIELD_MANAGER);
    this.recorder = new EventRecorder(kernel, this.client, 'default-scheduler');
    this.percentageOfNodesToScore = options.percentageOfNodesToScore ?? 0;
    this.pods = new Informer(kernel, this.client, PODS, {
      fieldSelector: 'status.phase!=Succeeded,status.phase!=Failed',
    });
    this.nodes = new Informer(kernel, this.client, NODES);
    this.namespaces = new Informer(kernel, this.client, NAMESPACES);
    for (const [plural, resource] of Object.entries(WORKLOADS) as [
      WorkloadPlural,
      ResourceInfo | undefined,
    ][]) {
      if (resource !== undefined) this.workloads.set(plural, new Informer(kernel, this.client, resource));
    }
    this.informers = new InformerFactory(kernel, this.client);
    // PodDisruptionBudgets, which preemption tries not to violate.
    const pdbs = PDBS === undefined ? undefined : this.informers.informerFor(PDBS);
    const handle = {
      kernel,
      client: this.client,
      snapshot: () => this.#snapshot,
      namespaceLabels: (ns: string) => this.namespaces.lister.get(ns)?.metadata.labels,
      listObjects: (plural: WorkloadPlural, ns: string) =>
        this.workloads.get(plural)?.lister.byNamespace(ns) ?? [],
      recorder: this.recorder,
      getPod: (ns: string, name: string) => this.getPod(ns, name),
      podDisruptionBudgets: () => (pdbs?.lister.list() ?? []) as unknown as PodDisruptionBudget[],
      nominatedPodsForNode: (node: string) => this.queue.nominator.podsForNode(node),
      informerFor: <T extends KubeObject>(resource: ResourceInfo) => this.informers.informerFor<T>(resource),
    };
    for (const profile of options.profiles ?? [DEFAULT_PROFILE]) {
      this.profiles.set(profile.schedulerName, new Framework(profile, options.registry ?? PLUGINS, handle));
    }
    const first = [...this.profiles.values()][0];
    if (first === undefined) throw new Error('kube-scheduler needs at least one profile');
    this.queue = new SchedulingQueue({
      kernel,
      less: (a, b) => first.less(a, b),
      preEnqueue: (pod) => this.frameworkFor(pod)?.runPreEnqueue(pod) ?? first.runPreEnqueue(pod),
      eventMayHelp: (event, rejectors, pod) =>
        (this.frameworkFor(pod) ?? first).eventMayHelp(event, rejectors, pod),
      onActive: () => this.wake(),
      getPod: (ns, name) => this.getPod(ns, name),
    });
    addAllEventHandlers(this);
  }

  /** The framework of the profile a pod names, if it is ours. */
  frameworkFor(pod: { spec?: { schedulerName?: string } }): Framework | undefined {
    return this.profiles.get(pod.spec?.schedulerName ?? '');
  }

  /** The node snapshot of the current cycle (taken from the cache as a cycle starts). */
  takeSnapshot(): Snapshot {
    this.#snapshot = this.cache.snapshot();
    return this.#snapshot;
  }

  /** The informer's current copy of a pod, if it still exists. */
  cachedPod(namespace: string, name: string): KubeObject | undefined {
    return this.pods.lister.get(`${namespace}/${name}`);
  }

  /** The informer's copy of a pod, typed as a pod (upstream's pod lister). */
  getPod(namespace: string, name: string): Pod | undefined {
    const obj = this.cachedPod(namespace, name);
    return obj === undefined ? undefined : asPod(obj);
  }

  /**
   * Starts the informers; pods already pending are queued and scheduled. After {@link stop},
   * starts again as a restarted kube-scheduler does: it relists and catches up.
   */
  start(): void {
    this.#stopped = false;
    this.namespaces.start();
    this.informers.start();
    for (const informer of this.workloads.values()) informer.start();
    this.nodes.start();
    this.pods.start();
    this.wake();
  }

  /** Stops kube-scheduler (a fault): its watches end and it schedules nothing until started. */
  stop(): void {
    this.#stopped = true;
    this.namespaces.stop();
    this.informers.stop();
    for (const informer of this.workloads.values()) informer.stop();
    this.nodes.stop();
    this.pods.stop();
  }

  /** Whether kube-scheduler runs. */
  get running(): boolean {
    return !this.#stopped;
  }

  /** Schedules the next scheduling cycle if there is a pod to try and none is queued yet. */
  wake(): void {
    if (this.#stopped || this.#scheduled || this.queue.activeLength === 0) return;
    this.#scheduled = true;
    this.kernel.schedule(0, 'kube-scheduler: scheduleOne', () => {
      this.#scheduled = false;
      if (this.#stopped) return;
      scheduleOne(this);
      this.wake();
    });
  }
}

/**
 * Starts kube-scheduler on a kernel, talking to `apiserver` as
 * `control-plane/kube-scheduler` with field manager `kube-scheduler`.
 */
export function startScheduler(kernel: Kernel, apiserver: ApiServer): void {
  createScheduler(kernel, apiserver).start();
}

/** Builds kube-scheduler without starting it, for tests and hosts that want a handle on it. */
export function createScheduler(
  kernel: Kernel,
  apiserver: ApiServer,
  options: SchedulerOptions = {},
): Scheduler {
  return new Scheduler(kernel, apiserver, options);
}
