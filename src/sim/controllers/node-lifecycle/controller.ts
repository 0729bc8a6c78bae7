/**
 * Upstream's node lifecycle controller (pkg/controller/nodelifecycle): every 5 s
 * (nodeMonitorPeriod) it checks each node's heartbeats (Ready condition and Lease); a node
 * silent for 50 s gets its Ready and pressure conditions set to Unknown through
 * `nodes/<name>/status`, a `NodeNotReady` event, and its pods marked not ready. It taints
 * nodes whose Ready is False (`node.kubernetes.io/not-ready`) or Unknown
 * (`node.kubernetes.io/unreachable`) with NoExecute (the taint eviction controller then
 * evicts their pods) and, on every node change, keeps NoSchedule taints in step with the
 * node's conditions; taints go when the node recovers.
 */
import type { Taint } from 'kubernetes-types/core/v1';
import { ApiError } from '../../apiserver/status';
import type { Controller } from '../../client/controller';
import { EventRecorder } from '../../client/events';
import type { Informer } from '../../client/informer';
import type { ControllerContext } from '../manager';
import { NodeHealth, unknownConditions } from './health';
import {
  conditionOf,
  CONDITION_TAINTS,
  LEASE_NAMESPACE,
  LEASES,
  NODES,
  NOT_READY,
  PODS,
  taintsWith,
  UNREACHABLE,
  UNSCHEDULABLE,
  type LeaseObject,
  type NodeObject,
  type PodObject,
} from './types';

/** nodeMonitorPeriod: how often node health is checked. */
export const NODE_MONITOR_PERIOD_MS = 5_000;
const MONITOR = 'monitor';
const NO_EXECUTE_KEYS = [UNREACHABLE, NOT_READY];
const NO_SCHEDULE_KEYS = [...new Set(CONDITION_TAINTS.map(([, , key]) => key)), UNSCHEDULABLE];

export class NodeLifecycleController {
  readonly #nodes: Informer<NodeObject>;
  readonly #leases: Informer<LeaseObject>;
  readonly #pods: Informer<PodObject>;
  readonly #controller: Controller;
  readonly #recorder: EventRecorder;
  readonly #health: NodeHealth;

  constructor(private readonly ctx: ControllerContext) {
    this.#nodes = ctx.informers.informerFor<NodeObject>(NODES);
    this.#leases = ctx.informers.informerFor<LeaseObject>(LEASES);
    this.#pods = ctx.informers.informerFor<PodObject>(PODS);
    this.#recorder = new EventRecorder(ctx.kernel, ctx.client, 'node-controller');
    this.#health = new NodeHealth(ctx.kernel.clock.epoch);
    this.#controller = ctx.controller({ name: 'node_lifecycle_controller', sync: (k, c) => this.sync(k, c) });
    // doNoScheduleTaintingPass runs for every node add and update.
    this.#controller.watch(this.#nodes, (node) => `node/${node.metadata.name ?? ''}`);
    this.#controller.queue.add(MONITOR);
  }

  #decide(summary: string, cause: number | null): number {
    const id = this.ctx.client.id;
    return this.ctx.kernel.trace.emit({ from: id, to: id, kind: 'decision', summary, causedBy: cause }).id;
  }

  sync(key: string, cause: number | null): void {
    if (key !== MONITOR) return this.#noScheduleTaints(key.slice('node/'.length), cause);
    try {
      this.#monitor();
    } finally {
      this.#controller.queue.addAfter(MONITOR, NODE_MONITOR_PERIOD_MS);
    }
  }

  /** monitorNodeHealth: one pass over every node. */
  #monitor(): void {
    const nodes = this.#nodes.lister
      .list()
      .sort((a, b) => (a.metadata.name ?? '').localeCompare(b.metadata.name ?? ''));
    const present = new Set(nodes.map((n) => n.metadata.name ?? ''));
    for (const name of this.#health.names()) {
      if (present.has(name)) continue;
      this.#health.forget(name);
      this.#nodeEvent(name, 'RemovingNode', `Removing Node ${name} from Controller`);
    }
    for (const node of nodes) {
      const name = node.metadata.name ?? '';
      if (!this.#health.known(name))
        this.#nodeEvent(name, 'RegisteredNode', `Registered Node ${name} in Controller`);
      const lease = this.#leases.lister.get(`${LEASE_NAMESPACE}/${name}`);
      const observed = conditionOf(node, 'Ready');
      let current = observed;
      if (this.#health.observe(node, lease, this.ctx.kernel.clock.now())) {
        const updated = this.#markUnknown(node);
        current = updated === undefined ? observed : conditionOf(updated, 'Ready');
      }
      if (current === undefined) continue;
      this.#noExecuteTaints(node, observed?.status);
      if (current.status !== 'True' && observed?.status === 'True') {
        const step = this.#recorderEvent(node, 'NodeNotReady');
        this.#markPodsNotReady(name, step);
      }
    }
  }

  #nodeEvent(name: string, reason: string, event: string): void {
    const ref = { apiVersion: 'v1', kind: 'Node', metadata: { name, uid: name } };
    this.#recorder.event(ref, 'Normal', reason, `Node ${name} event: ${event}`);
  }

  /** RecordNodeStatusChange: returns the decision step, the cause of what follows. */
  #recorderEvent(node: NodeObject, status: string): number {
    const name = node.metadata.name ?? '';
    const step = this.#decide(`node-lifecycle: node ${name} status is now: ${status}`, null);
    const ref = { apiVersion: 'v1', kind: 'Node', metadata: { name, uid: node.metadata.uid ?? '' } };
    this.#recorder.event(ref, 'Normal', status, `Node ${name} status is now: ${status}`, step);
    return step;
  }

  /** Writes the Unknown conditions through nodes/<name>/status (retrying conflicts). */
  #markUnknown(node: NodeObject): NodeObject | undefined {
    const name = node.metadata.name ?? '';
    let latest = node;
    const step = this.#decide(
      `node-lifecycle: node ${name} hasn't been updated for more than the grace period`,
      null,
    );
    for (let attempt = 0; attempt < 5; attempt++) {
      const conditions = unknownConditions(latest, this.ctx.kernel.clock.timestamp());
      if (JSON.stringify(conditions) === JSON.stringify(latest.status?.conditions ?? [])) return latest;
      try {
        const status = { ...latest.status, conditions };
        return this.ctx.client.update<NodeObject>(NODES, { ...latest, status }, 'status', step);
      } catch (error) {
        if (!(error instanceof ApiError) || error.code !== 409) return undefined;
        latest = this.ctx.client.get<NodeObject>(NODES, null, name, step);
      }
    }
    return undefined;
  }

  /** MarkPodsNotReady: the Ready condition of the node's pods goes False. */
  #markPodsNotReady(nodeName: string, cause: number): void {
    const stamp = this.ctx.kernel.clock.timestamp();
    for (const pod of this.#pods.lister.list()) {
      if (pod.spec?.nodeName !== nodeName) continue;
      const conditions = pod.status?.conditions ?? [];
      if (!conditions.some((c) => c.type === 'Ready' && c.status !== 'False')) continue;
      const next = conditions.map((c) =>
        c.type === 'Ready' ? { ...c, status: 'False', lastTransitionTime: stamp } : c,
      );
      try {
        this.ctx.client.update(
          PODS,
          { ...pod, status: { ...pod.status, conditions: next } },
          'status',
          cause,
        );
      } catch (error) {
        if (!(error instanceof ApiError)) throw error;
        this.#recorder.event(
          pod,
          'Warning',
          'FailedToUpdatePodStatus',
          `Failed to update status for pod ${pod.metadata.namespace}/${pod.metadata.name}`,
          cause,
        );
      }
    }
  }

  /** processTaintBaseEviction: the NoExecute taint for the Ready status the controller saw. */
  #noExecuteTaints(node: NodeObject, ready: string | undefined): void {
    const want = ready === 'False' ? NOT_READY : ready === 'Unknown' ? UNREACHABLE : undefined;
    const name = node.metadata.name ?? '';
    const why =
      want === undefined
        ? `node ${name} is ready`
        : `node ${name} is ${ready === 'False' ? 'not ready' : 'unreachable'}`;
    this.#swapTaints(node, 'NoExecute', NO_EXECUTE_KEYS, want === undefined ? [] : [want], why, null);
  }

  /** doNoScheduleTaintingPass: NoSchedule taints for the node's conditions and unschedulable. */
  #noScheduleTaints(name: string, cause: number | null): void {
    const node = this.#nodes.lister.get(name);
    if (node === undefined) return;
    const want = CONDITION_TAINTS.filter(([type, status]) => conditionOf(node, type)?.status === status).map(
      ([, , key]) => key,
    );
    if (node.spec?.unschedulable === true) want.push(UNSCHEDULABLE);
    this.#swapTaints(node, 'NoSchedule', NO_SCHEDULE_KEYS, want, `conditions of node ${name} changed`, cause);
  }

  /** SwapNodeControllerTaint: makes the managed taints with `effect` exactly `want`. */
  #swapTaints(
    node: NodeObject,
    effect: string,
    managed: readonly string[],
    want: readonly string[],
    why: string,
    cause: number | null,
  ): void {
    const have = taintsWith(node, effect)
      .filter((t) => managed.includes(t.key))
      .map((t) => t.key);
    const add = want.filter((k) => !have.includes(k));
    const remove = have.filter((k) => !want.includes(k));
    if (add.length === 0 && remove.length === 0) return;
    const timeAdded = this.ctx.kernel.clock.timestamp();
    const taints: Taint[] = [
      ...(node.spec?.taints ?? []).filter((t) => !(t.effect === effect && remove.includes(t.key))),
      ...add.map((key) => ({ key, effect, timeAdded })),
    ];
    const step = this.#decide(
      `node-lifecycle: ${why}: ${[...add.map((k) => `add ${k}:${effect}`), ...remove.map((k) => `remove ${k}:${effect}`)].join(', ')}`,
      cause,
    );
    // No taints left: the field goes, as upstream's patch of an empty (omitempty) list does.
    const patch = {
      metadata: { resourceVersion: node.metadata.resourceVersion },
      spec: { taints: taints.length === 0 ? null : taints },
    };
    try {
      this.ctx.client.patch(NODES, null, node.metadata.name ?? '', 'merge', patch, step);
    } catch (error) {
      // A stale node: the next pass (or the node's update event) tries again.
      if (!(error instanceof ApiError) || (error.code !== 409 && error.code !== 404)) throw error;
      if (effect === 'NoSchedule') throw error;
    }
  }
}
