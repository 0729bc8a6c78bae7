/**
 * The scheduling framework's plugin contract (upstream's framework/interface.go). A plugin
 * implements the extension points it needs; the framework calls them in profile order:
 *
 *   PreEnqueue -> (queue) -> PreFilter -> Filter (every node) -> PostFilter (if no node fits)
 *   -> PreScore -> Score -> NormalizeScore (x weight) -> Reserve -> PreBind -> Bind
 *
 * A `null` result means Success. A plugin that throws is treated as returning an Error status.
 */
import type { PodDisruptionBudget } from 'kubernetes-types/policy/v1';
import type { ResourceInfo } from '../../apiserver/resources';
import type { KubeObject } from '../../apiserver/types';
import type { EventRecorder } from '../../client/events';
import type { Informer } from '../../client/informer';
import type { ApiClient } from '../../client/rest';
import type { Kernel } from '../../kernel/kernel';
import type { CycleState } from './cycle-state';
import type { NodeToStatus } from './diagnosis';
import type { NodeInfo } from './node-info';
import type { Result, Status } from './status';
import type { Pod } from './types';

export type { ActionType, ClusterEvent, EventRegistration, QueueingHint, QueueingHintFn } from './events';
export { ALL, UPDATE, eventMatches } from './events';
import type { EventRegistration } from './events';

/** The nodes a PreFilter plugin narrowed the search to; undefined means all nodes. */
export interface PreFilterResult {
  readonly nodeNames: ReadonlySet<string>;
}

/** What PreFilter returns: an optional node restriction and a status (null: Success). */
export interface PreFilterOutcome {
  readonly result?: PreFilterResult;
  readonly status?: Result;
}

/** A node's score from one plugin. */
export interface NodeScore {
  readonly name: string;
  score: number;
}

/** What PostFilter returns: a status and, after preemption, the nominated node. */
export interface PostFilterOutcome {
  /** The node the pod is nominated to (after preemption); '' clears a nomination. */
  readonly nominatedNodeName?: string;
  readonly status: Result;
}

/** The nodes of one scheduling cycle. */
export interface Snapshot {
  /** Every node, in the scheduler cache's zone-interleaved order. */
  list(): readonly NodeInfo[];
  get(name: string): NodeInfo | undefined;
}

/** The resources whose selectors give pods default spreading. */
export type WorkloadPlural = 'services' | 'replicasets' | 'statefulsets' | 'replicationcontrollers';

/** What plugins may use (upstream's framework.Handle). */
export interface Handle {
  readonly kernel: Kernel;
  /** kube-scheduler's connection to kube-apiserver. */
  readonly client: ApiClient;
  /** The node snapshot of the current scheduling cycle. */
  snapshot(): Snapshot;
  /** A namespace's labels, from the scheduler's namespace informer. */
  namespaceLabels(namespace: string): Readonly<Record<string, string>> | undefined;
  /**
   * The objects of a workload resource in a namespace (`services`, `replicasets`,
   * `statefulsets`, `replicationcontrollers`), for PodTopologySpread's default constraints.
   */
  listObjects(plural: WorkloadPlural, namespace: string): readonly KubeObject[];
  /** Records Events as `default-scheduler` (upstream's Handle.EventRecorder). */
  readonly recorder: EventRecorder;
  /** The informer's current copy of a pod (the pod lister), if it still exists. */
  getPod(namespace: string, name: string): Pod | undefined;
  /** The PodDisruptionBudgets of the cluster, from the scheduler's informer. */
  podDisruptionBudgets(): readonly PodDisruptionBudget[];
  /** The pending pods nominated to a node (the queue's nominator, PodNominator). */
  nominatedPodsForNode(nodeName: string): readonly Pod[];
  /** Runs every Filter plugin on one node (what preemption's dry run asks). */
  runFilterPlugins(state: CycleState, pod: Pod, node: NodeInfo): Status;
  /**
   * Runs the Filter plugins counting the higher-or-equal priority pods nominated to the node
   * (RunFilterPluginsWithNominatedPods).
   */
  runFilterPluginsWithNominatedPods(state: CycleState, pod: Pod, node: NodeInfo): Status;
  /** Tells PreFilter plugins that `added` is on `node` (preemption's reprieve). */
  runPreFilterAddPod(state: CycleState, pod: Pod, added: Pod, node: NodeInfo): Status;
  /** Tells PreFilter plugins that `victim` is gone from `node` (preemption's dry run). */
  runPreFilterRemovePod(state: CycleState, pod: Pod, victim: Pod, node: NodeInfo): Status;
  /**
   * The scheduler's shared informer of a resource (upstream's SharedInformerFactory), e.g.
   * PersistentVolumeClaims; informers asked for while plugins are built start with the scheduler.
   */
  informerFor<T extends KubeObject = KubeObject>(resource: ResourceInfo): Informer<T>;
}

/** The Handle functions the framework itself provides to its plugins. */
export type FrameworkRunners =
  'runFilterPlugins' | 'runFilterPluginsWithNominatedPods' | 'runPreFilterAddPod' | 'runPreFilterRemovePod';

/**
 * A scheduler plugin. Every extension point is optional; a plugin implements the ones it
 * takes part in, like upstream's separate PreFilterPlugin, FilterPlugin... interfaces.
 */
export interface Plugin {
  readonly name: string;
  /** The cluster events that may make a pod this plugin rejected schedulable. */
  readonly events?: readonly EventRegistration[];
  /** Before the pod enters the active queue: a rejection keeps it waiting (scheduling gates). */
  preEnqueue?(pod: Pod): Result;
  /** QueueSort: whether `a` should be scheduled before `b`. */
  less?(a: QueuedPodLike, b: QueuedPodLike): boolean;
  preFilter?(state: CycleState, pod: Pod, nodes: readonly NodeInfo[]): PreFilterOutcome | null;
  /** PreFilterExtensions.AddPod / RemovePod: keep PreFilter state right in preemption's dry run. */
  preFilterAddPod?(state: CycleState, pod: Pod, added: Pod, node: NodeInfo): Result;
  preFilterRemovePod?(state: CycleState, pod: Pod, removed: Pod, node: NodeInfo): Result;
  filter?(state: CycleState, pod: Pod, node: NodeInfo): Result;
  /**
   * Runs when no node fits, to make the pod schedulable later (preemption); `causedBy` is the
   * trace step the scheduling attempt follows from.
   */
  postFilter?(
    state: CycleState,
    pod: Pod,
    statuses: NodeToStatus,
    causedBy: number | null,
  ): PostFilterOutcome;
  preScore?(state: CycleState, pod: Pod, nodes: readonly NodeInfo[]): Result;
  /** A node's raw score. */
  score?(state: CycleState, pod: Pod, node: NodeInfo): number;
  /** Rescales every node's raw score into [0, 100]. */
  normalizeScore?(state: CycleState, pod: Pod, scores: NodeScore[]): Result;
  reserve?(state: CycleState, pod: Pod, nodeName: string): Result;
  unreserve?(state: CycleState, pod: Pod, nodeName: string): void;
  /** Binds the pod; a Skip status passes the pod to the next bind plugin. */
  bind?(state: CycleState, pod: Pod, nodeName: string, causedBy: number | null): Result;
  /**
   * After Reserve, before Bind (e.g. binding the pod's volumes). A plugin that has to wait for
   * something outside the scheduler returns a {@link PreBindWait}; the binding cycle goes on
   * when it settles, while other pods are scheduled meanwhile.
   */
  preBind?(state: CycleState, pod: Pod, nodeName: string, causedBy: number | null): Result | PreBindWait;
}

/**
 * A PreBind still in progress (upstream's plugin blocks its binding goroutine): `check` is
 * polled every `intervalMs` of virtual time until it returns a status, or `timeoutMs` passes.
 */
export interface PreBindWait {
  readonly intervalMs: number;
  readonly timeoutMs: number;
  /** null while still waiting; Success, or why the binding failed. */
  check(): Status | null;
  /** The status when the wait times out. */
  timedOut(): Status;
}

/** What QueueSort compares: a pod and when it entered the queue. */
export interface QueuedPodLike {
  readonly pod: Pod;
  readonly timestamp: number;
}

/** Builds a plugin for a profile. */
export type PluginFactory = (handle: Handle) => Plugin;
