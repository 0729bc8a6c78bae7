/**
 * The framework runtime (upstream's framework/runtime/framework.go): instantiates a
 * profile's plugins and runs each extension point over them in profile order, with
 * upstream's rules for Skip, for when to stop, and for which plugin a status is blamed on.
 */
import type { CycleState } from './cycle-state';
import type { NodeToStatus } from './diagnosis';
import type {
  ClusterEvent,
  FrameworkRunners,
  Handle,
  Plugin,
  PostFilterOutcome,
  PreFilterResult,
  QueuedPodLike,
} from './interface';
import { isPodWorthRequeuing, withNodeTaintWorkaround, type EventRegistration } from './events';
import { withNominatedPods } from './nominated-pods';
import type { NodeInfo } from './node-info';
import type { Profile, Registry } from './registry';
import { Status, statusOf } from './status';
import { runScorePlugins, type NodePluginScores } from './scoring';
import type { Pod } from './types';

export type { NodePluginScores, PluginScore } from './scoring';

/** Calls a plugin, turning a throw into an Error status. */
function guard<T>(run: () => T): T | Status {
  try {
    return run();
  } catch (error) {
    return Status.error(error);
  }
}

/** A profile's plugins, instantiated, and the runner of every extension point over them. */
export class Framework {
  readonly profileName: string;
  readonly plugins: readonly Plugin[];
  readonly #weights = new Map<string, number>();
  /** Each plugin's event registrations, as the queue matches them. */
  readonly #registrations = new Map<string, readonly EventRegistration[]>();
  readonly percentageOfNodesToScore: number | undefined;
  /** The handle the plugins were built with. */
  readonly handle: Handle;

  constructor(profile: Profile, registry: Registry, handle: Omit<Handle, FrameworkRunners>) {
    this.profileName = profile.schedulerName;
    this.percentageOfNodesToScore = profile.percentageOfNodesToScore;
    const full: Handle = {
      ...handle,
      snapshot: () => handle.snapshot(),
      namespaceLabels: (ns) => handle.namespaceLabels(ns),
      getPod: (ns, name) => handle.getPod(ns, name),
      podDisruptionBudgets: () => handle.podDisruptionBudgets(),
      nominatedPodsForNode: (node) => handle.nominatedPodsForNode(node),
      runFilterPlugins: (state, pod, node) => this.runFilterPlugins(state, pod, node),
      runFilterPluginsWithNominatedPods: (state, pod, node) =>
        this.runFilterPluginsWithNominatedPods(state, pod, node),
      runPreFilterAddPod: (state, pod, added, node) => this.runPreFilterAddPod(state, pod, added, node),
      runPreFilterRemovePod: (state, pod, victim, node) =>
        this.runPreFilterRemovePod(state, pod, victim, node),
    };
    this.handle = full;
    this.plugins = profile.plugins.map((p) => {
      const factory = registry[p.name];
      if (factory === undefined) throw new Error(`plugin ${JSON.stringify(p.name)} is not in the registry`);
      this.#weights.set(p.name, p.weight ?? 1);
      const plugin = factory(full);
      this.#registrations.set(p.name, withNodeTaintWorkaround(plugin.events ?? []));
      return plugin;
    });
  }

  /** The weight a Score plugin's normalized score is multiplied by. */
  weight(plugin: string): number {
    return this.#weights.get(plugin) ?? 1;
  }

  hasFilterPlugins(): boolean {
    return this.plugins.some((p) => p.filter !== undefined);
  }

  hasScorePlugins(): boolean {
    return this.plugins.some((p) => p.score !== undefined);
  }

  hasPostFilterPlugins(): boolean {
    return this.plugins.some((p) => p.postFilter !== undefined);
  }

  /** QueueSort: the first plugin that sorts decides. */
  less(a: QueuedPodLike, b: QueuedPodLike): boolean {
    const sorter = this.plugins.find((p) => p.less !== undefined);
    return sorter?.less?.(a, b) ?? a.timestamp < b.timestamp;
  }

  /** PreEnqueue: the first rejection, blamed on its plugin, or Success. */
  runPreEnqueue(pod: Pod): Status {
    for (const pl of this.plugins) {
      if (pl.preEnqueue === undefined) continue;
      const s = statusOf(guard(() => pl.preEnqueue?.(pod)));
      if (!s.isSuccess()) return s.withPlugin(pl.name);
    }
    return Status.success();
  }

  /** Whether an event may make `pod`, rejected by `rejectors`, schedulable (queueing hints). */
  eventMayHelp(event: ClusterEvent, rejectors: ReadonlySet<string>, pod: Pod): boolean {
    return isPodWorthRequeuing(pod, event, rejectors, this.#registrations);
  }

  /**
   * PreFilter. Returns the merged node restriction, the status (an Unschedulable plugin does
   * not stop the others; UnschedulableAndUnresolvable and errors do) and the plugins that
   * narrowed the nodes.
   */
  runPreFilter(
    state: CycleState,
    pod: Pod,
    nodes: readonly NodeInfo[],
  ): { result: PreFilterResult | undefined; status: Status; pluginsWithNodes: Set<string> } {
    let result: PreFilterResult | undefined;
    let returnStatus = Status.success();
    const pluginsWithNodes = new Set<string>();
    for (const pl of this.plugins) {
      if (pl.preFilter === undefined) continue;
      const out = guard(() => pl.preFilter?.(state, pod, nodes) ?? null);
      const s = out instanceof Status ? out : statusOf(out?.status);
      if (s.isSkip()) {
        state.skipFilterPlugins.add(pl.name);
        continue;
      }
      if (!s.isSuccess()) {
        s.withPlugin(pl.name);
        if (s.code === 'UnschedulableAndUnresolvable')
          return { result: undefined, status: s, pluginsWithNodes: new Set() };
        if (s.code === 'Unschedulable') {
          returnStatus = s;
          continue;
        }
        const err = new Status('Error', [`running PreFilter plugin "${pl.name}": ${s.message()}`]);
        return { result: undefined, status: err.withPlugin(pl.name), pluginsWithNodes: new Set() };
      }
      const r = out instanceof Status ? undefined : out?.result;
      if (r === undefined) continue;
      pluginsWithNodes.add(pl.name);
      result =
        result === undefined
          ? r
          : { nodeNames: new Set([...result.nodeNames].filter((n) => r.nodeNames.has(n))) };
      if (result.nodeNames.size === 0) {
        const names = [...pluginsWithNodes].sort();
        const msg =
          names.length === 1
            ? `node(s) didn't satisfy plugin ${names[0]}`
            : `node(s) didn't satisfy plugin(s) [${names.join(' ')}] simultaneously`;
        return { result, status: Status.unresolvable(msg), pluginsWithNodes };
      }
    }
    return { result, status: returnStatus, pluginsWithNodes };
  }

  /** Filter on one node: the first plugin that rejects it decides. */
  runFilterPlugins(state: CycleState, pod: Pod, node: NodeInfo): Status {
    for (const pl of this.plugins) {
      if (pl.filter === undefined || state.skipFilterPlugins.has(pl.name)) continue;
      let s = statusOf(guard(() => pl.filter?.(state, pod, node)));
      if (s.isSuccess()) continue;
      if (!s.isRejected()) s = new Status('Error', [`running "${pl.name}" filter plugin: ${s.message()}`]);
      return s.withPlugin(pl.name);
    }
    return Status.success();
  }

  /**
   * Filter on one node with the nominated pods (RunFilterPluginsWithNominatedPods): first with
   * the higher-or-equal priority pods nominated to it counted as running there, then, if that
   * passed and some were added, again without them (filters such as pod affinity may need
   * them absent). Both must pass.
   */
  runFilterPluginsWithNominatedPods(state: CycleState, pod: Pod, node: NodeInfo): Status {
    const added = withNominatedPods(this, state, pod, node, this.handle.nominatedPodsForNode(node.name));
    if (added instanceof Status) return added;
    const status = this.runFilterPlugins(added?.state ?? state, pod, added?.node ?? node);
    if (added === null || !status.isSuccess()) return status;
    return this.runFilterPlugins(state, pod, node);
  }

  /** PreFilterExtensions.AddPod on every plugin that has it. */
  runPreFilterAddPod(state: CycleState, pod: Pod, added: Pod, node: NodeInfo): Status {
    for (const pl of this.plugins) {
      if (pl.preFilterAddPod === undefined || state.skipFilterPlugins.has(pl.name)) continue;
      const s = statusOf(guard(() => pl.preFilterAddPod?.(state, pod, added, node)));
      if (!s.isSuccess())
        return new Status('Error', [`running AddPod on PreFilter plugin "${pl.name}": ${s.message()}`]);
    }
    return Status.success();
  }

  /** PreFilterExtensions.RemovePod on every plugin that has it. */
  runPreFilterRemovePod(state: CycleState, pod: Pod, victim: Pod, node: NodeInfo): Status {
    for (const pl of this.plugins) {
      if (pl.preFilterRemovePod === undefined || state.skipFilterPlugins.has(pl.name)) continue;
      const s = statusOf(guard(() => pl.preFilterRemovePod?.(state, pod, victim, node)));
      if (!s.isSuccess())
        return new Status('Error', [`running RemovePod on PreFilter plugin "${pl.name}": ${s.message()}`]);
    }
    return Status.success();
  }

  /** PostFilter: the first success wins; otherwise the rejections' reasons, together. */
  runPostFilter(
    state: CycleState,
    pod: Pod,
    statuses: NodeToStatus,
    causedBy: number | null,
  ): PostFilterOutcome & { status: Status } {
    const reasons: string[] = [];
    let rejector = '';
    let nominated: string | undefined;
    for (const pl of this.plugins) {
      if (pl.postFilter === undefined) continue;
      const out = guard(() => pl.postFilter?.(state, pod, statuses, causedBy) ?? { status: null });
      const s = out instanceof Status ? out : statusOf(out.status);
      const n = out instanceof Status ? undefined : out.nominatedNodeName;
      if (s.isSuccess()) return { status: s, ...(n === undefined ? {} : { nominatedNodeName: n }) };
      if (s.code === 'UnschedulableAndUnresolvable') return { status: s.withPlugin(pl.name) };
      if (!s.isRejected()) return { status: new Status('Error', [s.message()]).withPlugin(pl.name) };
      if (n !== undefined) nominated = n;
      reasons.push(...s.reasons);
      if (rejector === '') rejector = pl.name;
    }
    return {
      status: new Status('Unschedulable', reasons).withPlugin(rejector),
      ...(nominated === undefined ? {} : { nominatedNodeName: nominated }),
    };
  }

  /** PreScore: Skip drops the plugin's Score for this cycle; anything else but Success fails. */
  runPreScore(state: CycleState, pod: Pod, nodes: readonly NodeInfo[]): Status {
    for (const pl of this.plugins) {
      if (pl.preScore === undefined) continue;
      const s = statusOf(guard(() => pl.preScore?.(state, pod, nodes)));
      if (s.isSkip()) state.skipScorePlugins.add(pl.name);
      else if (!s.isSuccess())
        return new Status('Error', [`running PreScore plugin "${pl.name}": ${s.message()}`]);
    }
    return Status.success();
  }

  /** Score, NormalizeScore and weights: every node's per-plugin scores and total. */
  runScore(state: CycleState, pod: Pod, nodes: readonly NodeInfo[]): NodePluginScores[] | Status {
    const plugins = this.plugins.filter((p) => p.score !== undefined && !state.skipScorePlugins.has(p.name));
    return runScorePlugins(plugins, (name) => this.weight(name), state, pod, nodes);
  }

  runReserve(state: CycleState, pod: Pod, nodeName: string): Status {
    for (const pl of this.plugins) {
      if (pl.reserve === undefined) continue;
      const s = statusOf(guard(() => pl.reserve?.(state, pod, nodeName)));
      if (s.isSuccess()) continue;
      if (s.isRejected()) return s.withPlugin(pl.name);
      return new Status('Error', [`running Reserve plugin "${pl.name}": ${s.message()}`]);
    }
    return Status.success();
  }

  /** Unreserve, in reverse order. */
  runUnreserve(state: CycleState, pod: Pod, nodeName: string): void {
    for (const pl of [...this.plugins].reverse()) guard(() => pl.unreserve?.(state, pod, nodeName));
  }

  /** Bind: the first plugin that does not Skip binds. */
  runBind(state: CycleState, pod: Pod, nodeName: string, causedBy: number | null): Status {
    for (const pl of this.plugins) {
      if (pl.bind === undefined) continue;
      const s = statusOf(guard(() => pl.bind?.(state, pod, nodeName, causedBy)));
      if (s.isSkip()) continue;
      if (s.isSuccess()) return s;
      if (s.isRejected()) return s.withPlugin(pl.name);
      return new Status('Error', [`running Bind plugin "${pl.name}": ${s.message()}`]).withPlugin(pl.name);
    }
    return Status.skip();
  }
}
