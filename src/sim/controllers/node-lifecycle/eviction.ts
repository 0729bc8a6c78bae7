/**
 * Upstream's taint eviction controller (pkg/controller/tainteviction): pods on a node with
 * NoExecute taints are deleted, at once when some taint is not tolerated, otherwise when the
 * shortest tolerationSeconds of the matching tolerations runs out (300 s for the not-ready
 * and unreachable tolerations admission adds). Each eviction is a `TaintManagerEviction`
 * event "Marking for deletion Pod <ns>/<name>", a DisruptionTarget condition, then a DELETE;
 * a scheduled eviction whose taint goes away is cancelled ("Cancelling deletion of Pod ...").
 */
import { ApiError } from '../../apiserver/status';
import { objectKey } from '../../client/cache';
import type { Controller } from '../../client/controller';
import { EventRecorder } from '../../client/events';
import type { Informer } from '../../client/informer';
import type { ControllerContext } from '../manager';
import {
  matchingTolerations,
  minTolerationMs,
  NODES,
  PODS,
  taintsWith,
  type NodeObject,
  type PodObject,
} from './types';

interface Scheduled {
  createdAt: number;
  fireAt: number;
}

const noExecute = (node: NodeObject | undefined) =>
  JSON.stringify(node === undefined ? [] : taintsWith(node, 'NoExecute').map((t) => [t.key, t.value]));

export class TaintEvictionController {
  readonly #nodes: Informer<NodeObject>;
  readonly #pods: Informer<PodObject>;
  readonly #controller: Controller;
  readonly #recorder: EventRecorder;
  /** Evictions waiting for their toleration to run out, by pod key. */
  readonly #scheduled = new Map<string, Scheduled>();

  constructor(private readonly ctx: ControllerContext) {
    this.#nodes = ctx.informers.informerFor<NodeObject>(NODES);
    this.#pods = ctx.informers.informerFor<PodObject>(PODS);
    this.#recorder = new EventRecorder(ctx.kernel, ctx.client, 'taint-eviction-controller');
    this.#controller = ctx.controller({ name: 'taint-eviction-controller', sync: (k, c) => this.sync(k, c) });
    const node = (obj: NodeObject, cause: number | null) =>
      this.#controller.queue.add(`node/${obj.metadata.name ?? ''}`, cause);
    this.#nodes.addHandlers({
      add: node,
      update: (old, cur, cause) => {
        if (noExecute(old) !== noExecute(cur)) node(cur, cause);
      },
      delete: node,
    });
    const pod = (obj: PodObject, cause: number | null) => {
      if ((obj.spec?.nodeName ?? '') !== '') this.#controller.queue.add(`pod/${objectKey(obj)}`, cause);
    };
    this.#pods.addHandlers({ add: pod, update: (_old, cur, cause) => pod(cur, cause), delete: pod });
  }

  sync(key: string, cause: number | null): void {
    if (key.startsWith('node/')) {
      const name = key.slice('node/'.length);
      for (const pod of this.#pods.lister.list())
        if (pod.spec?.nodeName === name) this.#syncPod(objectKey(pod), cause);
      return;
    }
    this.#syncPod(key.slice('pod/'.length), cause);
  }

  #cancel(podKey: string, cause: number | null): void {
    const pod = this.#pods.lister.get(podKey);
    if (!this.#scheduled.delete(podKey) || pod === undefined) return;
    this.#recorder.event(
      pod,
      'Normal',
      'TaintManagerEviction',
      `Cancelling deletion of Pod ${podKey}`,
      cause,
    );
  }

  /** processPodOnNode. */
  #syncPod(podKey: string, cause: number | null): void {
    const pod = this.#pods.lister.get(podKey);
    if (pod === undefined) return void this.#scheduled.delete(podKey);
    if (pod.metadata.deletionTimestamp !== undefined && pod.metadata.deletionTimestamp !== null)
      return this.#cancel(podKey, cause);
    const node = this.#nodes.lister.get(pod.spec?.nodeName ?? '');
    const taints = node === undefined ? [] : taintsWith(node, 'NoExecute');
    if (taints.length === 0) return this.#cancel(podKey, cause);
    const now = this.ctx.kernel.clock.now();
    const { all, used } = matchingTolerations(taints, pod.spec?.tolerations ?? []);
    if (!all)
      return this.#evict(pod, `pod ${podKey} does not tolerate the NoExecute taints of its node`, cause);
    const min = minTolerationMs(used);
    if (min < 0) return this.#cancel(podKey, cause);
    const createdAt = this.#scheduled.get(podKey)?.createdAt ?? now;
    const fireAt = createdAt + min;
    if (fireAt <= now)
      return this.#evict(
        pod,
        `pod ${podKey} tolerated the NoExecute taints of its node for ${min / 1000}s`,
        cause,
      );
    if (this.#scheduled.get(podKey)?.fireAt !== fireAt) {
      const id = this.ctx.client.id;
      this.ctx.kernel.trace.emit({
        from: id,
        to: id,
        kind: 'decision',
        summary: `taint-eviction: pod ${podKey} will be deleted in ${(fireAt - now) / 1000}s (tolerationSeconds)`,
        causedBy: cause,
      });
    }
    this.#scheduled.set(podKey, { createdAt, fireAt });
    this.#controller.queue.addAfter(`pod/${podKey}`, fireAt - now, cause);
  }

  /** emitPodDeletionEvent + addConditionAndDeletePod. */
  #evict(pod: PodObject, why: string, cause: number | null): void {
    const podKey = objectKey(pod);
    this.#scheduled.delete(podKey);
    const id = this.ctx.client.id;
    const step = this.ctx.kernel.trace.emit({
      from: id,
      to: id,
      kind: 'decision',
      summary: `taint-eviction: ${why}`,
      causedBy: cause,
    }).id;
    this.#recorder.event(pod, 'Normal', 'TaintManagerEviction', `Marking for deletion Pod ${podKey}`, step);
    const ns = pod.metadata.namespace ?? '';
    const name = pod.metadata.name ?? '';
    try {
      const conditions = (pod.status?.conditions ?? []).filter((c) => c.type !== 'DisruptionTarget');
      conditions.push({
        type: 'DisruptionTarget',
        status: 'True',
        lastTransitionTime: this.ctx.kernel.clock.timestamp(),
        reason: 'DeletionByTaintManager',
        message: 'Taint manager: deleting due to NoExecute taint',
      });
      this.ctx.client.update(PODS, { ...pod, status: { ...pod.status, conditions } }, 'status', step);
      this.ctx.client.delete(PODS, ns, name, {}, step);
    } catch (error) {
      if (!(error instanceof ApiError) || error.code !== 404) throw error;
    }
  }
}
