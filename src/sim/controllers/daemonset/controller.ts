/**
 * Upstream's DaemonSetsController (daemon_controller.go): one pod per eligible node.
 *
 * It watches DaemonSets, their pods, ControllerRevisions and Nodes. Each sync resolves the
 * current revision, maps the DaemonSet's pods to their target nodes, creates a pod on every
 * node that should run one and has none, deletes pods from nodes that should not (and
 * failed pods, which the next sync replaces), then applies the update strategy and writes
 * the status. Pod names are generated, so creates and deletes are remembered until the
 * informer reports them (expectations), lest a sync on a stale cache doubles them.
 */
import type { Controller } from '../../client/controller';
import { EventRecorder } from '../../client/events';
import type { Informer } from '../../client/informer';
import type { ControllerContext } from '../manager';
import { truncateHistory, type Revision } from '../statefulset/history';
import {
  CONTROLLER_REVISIONS,
  controllerOf,
  controllerRef,
  hasCode,
  isFinished,
  isTerminating,
  keyOf,
  PODS,
} from '../statefulset/types';
import { nodeShouldRunDaemonPod, podTemplateFor } from './nodes';
import { constructHistory } from './revisions';
import { calculateStatus, writeStatus } from './status';
import {
  DAEMONSETS,
  HASH_LABEL,
  isUpdated,
  NODES,
  targetNode,
  type DaemonSet,
  type Node,
  type Pod,
} from './types';
import { planRollingUpdate } from './update';

/** Upstream's --concurrent-daemonset-syncs default. */
const WORKERS = 2;
/** How long unobserved creates and deletes hold back a DaemonSet's syncs at most. */
const EXPECTATIONS_TIMEOUT_MS = 5 * 60_000;

interface Pending {
  creates: number;
  deletes: Set<string>;
  at: number;
}

export class DaemonSetController {
  readonly #sets: Informer<DaemonSet>;
  readonly #pods: Informer<Pod>;
  readonly #nodes: Informer<Node>;
  readonly #revisions: Informer<Revision>;
  readonly #recorder: EventRecorder;
  readonly #controller: Controller;
  readonly #pending = new Map<string, Pending>();

  constructor(private readonly ctx: ControllerContext) {
    this.#sets = ctx.informers.informerFor<DaemonSet>(DAEMONSETS);
    this.#pods = ctx.informers.informerFor<Pod>(PODS);
    this.#nodes = ctx.informers.informerFor<Node>(NODES);
    this.#revisions = ctx.informers.informerFor<Revision>(CONTROLLER_REVISIONS);
    this.#recorder = new EventRecorder(ctx.kernel, ctx.client, 'daemonset-controller');
    this.#controller = ctx.controller({
      name: 'daemonset',
      workers: WORKERS,
      sync: (k, c) => this.sync(k, c),
    });
    this.#controller.watch(this.#sets);
    this.#pods.addHandlers({
      add: (pod, cause) => this.#podEvent(pod, 'add', cause),
      update: (old, cur, cause) => {
        if (old.metadata.resourceVersion === cur.metadata.resourceVersion) return;
        // A graceful deletion counts as the deletion.
        this.#podEvent(cur, cur.metadata.deletionTimestamp === undefined ? 'update' : 'delete', cause);
      },
      delete: (pod, cause) => this.#podEvent(pod, 'delete', cause),
    });
    const all = (cause: number | null) => {
      for (const ds of this.#sets.lister.list()) this.#controller.queue.add(keyOf(ds), cause);
    };
    this.#nodes.addHandlers({
      add: (_node, cause) => all(cause),
      update: (old, cur, cause) => {
        // shouldIgnoreNodeUpdate: only labels, taints and unschedulable change where pods go.
        const relevant = (n: Node) =>
          JSON.stringify([n.metadata.labels ?? {}, n.spec?.taints ?? [], n.spec?.unschedulable ?? false]);
        if (relevant(old) !== relevant(cur)) all(cause);
      },
      delete: (_node, cause) => all(cause),
    });
  }

  #podEvent(pod: Pod, kind: 'add' | 'update' | 'delete', cause: number | null): void {
    const ref = controllerOf(pod);
    if (ref?.kind !== 'DaemonSet') return;
    const ds = this.#sets.lister.get(`${pod.metadata.namespace ?? ''}/${ref.name}`);
    if (ds === undefined || ds.metadata.uid !== ref.uid) return;
    const key = keyOf(ds);
    const pending = this.#pending.get(key);
    if (pending !== undefined && kind === 'add') pending.creates = Math.max(0, pending.creates - 1);
    if (pending !== undefined && kind === 'delete') pending.deletes.delete(keyOf(pod));
    this.#controller.queue.add(key, cause);
  }

  #satisfied(key: string): boolean {
    const p = this.#pending.get(key);
    if (p === undefined) return true;
    if (
      (p.creates === 0 && p.deletes.size === 0) ||
      this.ctx.kernel.clock.now() - p.at > EXPECTATIONS_TIMEOUT_MS
    ) {
      this.#pending.delete(key);
      return true;
    }
    return false;
  }

  #decide(summary: string, cause: number | null): number {
    const id = this.ctx.client.id;
    return this.ctx.kernel.trace.emit({
      from: id,
      to: id,
      kind: 'decision',
      summary: `daemonset: ${summary}`,
      causedBy: cause,
    }).id;
  }

  /** syncDaemonSet: reconciles the DaemonSet at `key`. Throws to be retried. */
  sync(key: string, cause: number | null): void {
    const ds = this.#sets.lister.get(key);
    if (ds === undefined) return void this.#pending.delete(key);
    const ns = ds.metadata.namespace ?? '';
    const history = constructHistory(this.ctx.client, ds, this.#revisions.lister.byNamespace(ns), cause);
    const now = this.ctx.kernel.clock.epoch + this.ctx.kernel.clock.now();
    const pods = this.#pods.lister.byNamespace(ns).filter((p) => controllerOf(p)?.uid === ds.metadata.uid);
    const byNode = new Map<string, Pod[]>();
    for (const pod of pods) {
      const node = targetNode(pod);
      if (node !== undefined) byNode.set(node, [...(byNode.get(node) ?? []), pod]);
    }
    const nodes = this.#nodes.lister
      .list()
      .sort((a, b) => (a.metadata.name ?? '').localeCompare(b.metadata.name ?? ''));
    const verdicts = new Map(nodes.map((n) => [n.metadata.name ?? '', nodeShouldRunDaemonPod(ds, n)]));
    if (ds.metadata.deletionTimestamp === undefined && this.#satisfied(key)) {
      const what = `DaemonSet ${key}`;
      const creates: string[] = [];
      const deletes: Pod[] = [];
      for (const [node, verdict] of verdicts) {
        // A terminating pod still holds its node until it is gone (unless it also finished).
        const present = (byNode.get(node) ?? []).filter((p) => !(isTerminating(p) && isFinished(p)));
        const here = present.filter((p) => !isTerminating(p));
        if (verdict.shouldRun && present.length === 0) creates.push(node);
        else if (!verdict.shouldContinueRunning) deletes.push(...here);
        else deletes.push(...this.#surplus(ds, node, here, history.hash, cause));
      }
      // Pods on nodes that no longer exist go too.
      for (const [node, here] of byNode)
        if (!verdicts.has(node))
          deletes.push(...here.filter((p) => p.metadata.deletionTimestamp === undefined));
      if (ds.spec.updateStrategy?.type !== 'OnDelete' && creates.length === 0 && deletes.length === 0) {
        const eligible = new Map([...byNode].filter(([n]) => verdicts.get(n)?.shouldRun === true));
        const desired = [...verdicts.values()].filter((v) => v.shouldRun).length;
        const plan = planRollingUpdate(ds, eligible, desired, history.hash, now);
        deletes.push(...plan.deletePods);
        creates.push(...plan.surgeNodes);
      }
      if (creates.length > 0 || deletes.length > 0) {
        const step = this.#decide(
          `${what}: creating pods on [${creates.join(', ')}], deleting [${deletes.map((p) => p.metadata.name ?? '').join(', ')}]`,
          cause,
        );
        this.#syncNodes(ds, creates, deletes, history.hash, step);
      }
    }
    const { status, waiting } = calculateStatus(ds, verdicts, byNode, history.hash, now);
    writeStatus(this.ctx.client, ds, status, cause);
    // Check availability again once minReadySeconds have passed.
    const minReady = ds.spec.minReadySeconds ?? 0;
    if (waiting && minReady > 0) this.#controller.queue.addAfter(key, minReady * 1000, cause);
    const live = new Set(pods.map((p) => p.metadata.labels?.[HASH_LABEL] ?? ''));
    const old = history.old.filter((r) => !live.has(r.metadata.labels?.[HASH_LABEL] ?? ''));
    truncateHistory(this.ctx.client, old, new Set(), ds.spec.revisionHistoryLimit ?? 10, cause);
  }

  /** The pods to delete on a node that keeps its daemon pod: failed ones, and duplicates. */
  #surplus(ds: DaemonSet, node: string, pods: readonly Pod[], hash: string, cause: number | null): Pod[] {
    const failed = pods.filter((p) => p.status?.phase === 'Failed');
    for (const p of failed)
      this.#recorder.event(
        ds,
        'Warning',
        'FailedDaemonPod',
        `Found failed daemon pod ${p.metadata.namespace ?? ''}/${p.metadata.name ?? ''} on node ${node}, will try to kill it`,
        cause,
      );
    const running = pods.filter((p) => p.status?.phase !== 'Failed');
    if (running.length <= 1) return failed;
    const oldest = (list: Pod[]) =>
      [...list].sort((a, b) =>
        (a.metadata.creationTimestamp ?? '').localeCompare(b.metadata.creationTimestamp ?? ''),
      )[0];
    const surge =
      ds.spec.updateStrategy?.type === 'RollingUpdate' &&
      (ds.spec.updateStrategy.rollingUpdate?.maxSurge ?? 0) !== 0;
    const keep = surge
      ? [
          oldest(running.filter((p) => isUpdated(ds, p, hash))),
          oldest(running.filter((p) => !isUpdated(ds, p, hash))),
        ]
      : [oldest(running)];
    return [...failed, ...running.filter((p) => !keep.includes(p))];
  }

  /** syncNodes: creates pods for nodes and deletes pods, recording expectations and events. */
  #syncNodes(
    ds: DaemonSet,
    nodes: readonly string[],
    victims: readonly Pod[],
    hash: string,
    cause: number,
  ): void {
    const key = keyOf(ds);
    const pending: Pending = { creates: 0, deletes: new Set(), at: this.ctx.kernel.clock.now() };
    this.#pending.set(key, pending);
    const errors: unknown[] = [];
    const name = ds.metadata.name ?? '';
    for (const node of nodes) {
      const template = podTemplateFor(ds, node, hash);
      const pod = {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: {
          ...template.metadata,
          generateName: `${name}-`,
          ownerReferences: [controllerRef(ds, 'DaemonSet')],
        },
        spec: template.spec,
      };
      try {
        const created = this.ctx.client.create<Pod>(PODS, ds.metadata.namespace ?? '', pod, cause);
        pending.creates++;
        this.#recorder.event(
          ds,
          'Normal',
          'SuccessfulCreate',
          `Created pod: ${created.metadata.name ?? ''}`,
          cause,
        );
      } catch (error) {
        this.#recorder.event(
          ds,
          'Warning',
          'FailedCreate',
          `Error creating: ${error instanceof Error ? error.message : String(error)}`,
          cause,
        );
        errors.push(error);
      }
    }
    for (const pod of victims) {
      try {
        this.ctx.client.delete(PODS, pod.metadata.namespace ?? '', pod.metadata.name ?? '', {}, cause);
        pending.deletes.add(keyOf(pod));
        this.#recorder.event(
          ds,
          'Normal',
          'SuccessfulDelete',
          `Deleted pod: ${pod.metadata.name ?? ''}`,
          cause,
        );
      } catch (error) {
        if (hasCode(error, 404)) continue;
        this.#recorder.event(
          ds,
          'Warning',
          'FailedDelete',
          `Error deleting: ${error instanceof Error ? error.message : String(error)}`,
          cause,
        );
        errors.push(error);
      }
    }
    if (errors.length > 0) throw errors[0];
  }
}
