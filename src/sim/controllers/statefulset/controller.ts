/**
 * Upstream's StatefulSetController (stateful_set.go) and the sync around each pass
 * (defaultStatefulSetControl.UpdateStatefulSet): resolve revisions, run a pass, write the
 * status, prune the history. Pods and revisions are matched to their set through the
 * controller ownerReference; a pod change wakes its set.
 */
import type { StatefulSetStatus } from 'kubernetes-types/apps/v1';
import type { Controller } from '../../client/controller';
import { EventRecorder } from '../../client/events';
import type { Informer } from '../../client/informer';
import type { ControllerContext } from '../manager';
import { ownedRevisions, truncateHistory, type Revision } from './history';
import { StatefulPodControl } from './pods';
import { setRevisions } from './revisions';
import { countPods, runPass, type PassEnv } from './sync';
import {
  CONTROLLER_REVISIONS,
  controllerOf,
  isAvailable,
  isReady,
  isTerminating,
  keyOf,
  PODS,
  PVCS,
  revisionOf,
  STATEFULSETS,
  type Claim,
  type Pod,
  type StatefulSet,
} from './types';

/** Upstream's --concurrent-statefulset-syncs default. */
const WORKERS = 5;

export class StatefulSetController {
  readonly #sets: Informer<StatefulSet>;
  readonly #pods: Informer<Pod>;
  readonly #revisions: Informer<Revision>;
  readonly #control: StatefulPodControl;
  readonly #controller: Controller;

  constructor(private readonly ctx: ControllerContext) {
    this.#sets = ctx.informers.informerFor<StatefulSet>(STATEFULSETS);
    this.#pods = ctx.informers.informerFor<Pod>(PODS);
    this.#revisions = ctx.informers.informerFor<Revision>(CONTROLLER_REVISIONS);
    const claims = ctx.informers.informerFor<Claim>(PVCS);
    const recorder = new EventRecorder(ctx.kernel, ctx.client, 'statefulset-controller');
    this.#control = new StatefulPodControl(ctx.client, recorder, claims.lister);
    this.#controller = ctx.controller({
      name: 'statefulset',
      workers: WORKERS,
      sync: (k, c) => this.sync(k, c),
    });
    this.#controller.watch(this.#sets);
    const wakeOwner = (pod: Pod, cause: number | null) => {
      const ref = controllerOf(pod);
      if (ref?.kind !== 'StatefulSet') return;
      const set = this.#sets.lister.get(`${pod.metadata.namespace ?? ''}/${ref.name}`);
      if (set !== undefined && set.metadata.uid === ref.uid) this.#controller.queue.add(keyOf(set), cause);
    };
    this.#pods.addHandlers({
      add: wakeOwner,
      update: (old, cur, cause) => {
        if (old.metadata.resourceVersion === cur.metadata.resourceVersion) return;
        wakeOwner(cur, cause);
        const set = this.#ownerOf(cur);
        const minReady = set?.spec.minReadySeconds ?? 0;
        // Check availability again once the pod has been ready for minReadySeconds.
        if (set !== undefined && minReady > 0 && !isReady(old) && isReady(cur))
          this.#controller.queue.addAfter(keyOf(set), (minReady + 1) * 1000, cause);
      },
      delete: wakeOwner,
    });
  }

  #ownerOf(pod: Pod): StatefulSet | undefined {
    const ref = controllerOf(pod);
    if (ref?.kind !== 'StatefulSet') return undefined;
    const set = this.#sets.lister.get(`${pod.metadata.namespace ?? ''}/${ref.name}`);
    return set?.metadata.uid === ref.uid ? set : undefined;
  }

  #decide(summary: string, cause: number | null): number {
    const id = this.ctx.client.id;
    return this.ctx.kernel.trace.emit({
      from: id,
      to: id,
      kind: 'decision',
      summary: `statefulset: ${summary}`,
      causedBy: cause,
    }).id;
  }

  #now(): number {
    return this.ctx.kernel.clock.epoch + this.ctx.kernel.clock.now();
  }

  /** syncStatefulSet: reconciles the set at `key`. Throws to be retried. */
  sync(key: string, cause: number | null): void {
    const set = this.#sets.lister.get(key);
    if (set === undefined) return;
    const ns = set.metadata.namespace ?? '';
    const pods = this.#pods.lister.byNamespace(ns).filter((p) => controllerOf(p)?.uid === set.metadata.uid);
    const owned = ownedRevisions(set, this.#revisions.lister.byNamespace(ns));
    const revisions = setRevisions(this.ctx.client, set, owned, cause);
    const { current, update } = revisions;
    const env: PassEnv = { control: this.#control, decide: (s, c) => this.#decide(s, c), now: this.#now() };
    let error: unknown = null;
    try {
      runPass(env, set, pods, current, update, cause);
    } catch (e) {
      error = e;
    }
    // Status reflects the pods as the cache knows them; the pass's writes arrive as events.
    const counted = countPods(set, pods, current, update, env.now);
    let currentRevision = current.metadata.name ?? '';
    let currentReplicas = counted.currentReplicas;
    // completeRollingUpdate: every pod updated and ready makes the update revision current.
    if (
      set.spec.updateStrategy?.type !== 'OnDelete' &&
      counted.updatedReplicas === counted.replicas &&
      counted.readyReplicas === counted.replicas &&
      counted.replicas === (set.spec.replicas ?? 1)
    ) {
      currentRevision = update.metadata.name ?? '';
      currentReplicas = counted.updatedReplicas;
    }
    const status: StatefulSetStatus = {
      observedGeneration: set.metadata.generation ?? 0,
      replicas: counted.replicas,
      readyReplicas: counted.readyReplicas,
      currentReplicas,
      updatedReplicas: counted.updatedReplicas,
      currentRevision,
      updateRevision: update.metadata.name ?? '',
      collisionCount: revisions.collisionCount,
      availableReplicas: counted.availableReplicas,
    };
    this.#writeStatus(set, status, cause);
    const live = new Set([currentRevision, update.metadata.name ?? '', ...pods.map(revisionOf)]);
    truncateHistory(this.ctx.client, revisions.all, live, set.spec.revisionHistoryLimit ?? 10, cause);
    if (error !== null) throw error;
    this.#requeueForAvailability(set, pods, env.now, cause);
  }

  /** Ready pods that are not yet available: look again once minReadySeconds have passed. */
  #requeueForAvailability(set: StatefulSet, pods: readonly Pod[], now: number, cause: number | null): void {
    const minReady = set.spec.minReadySeconds ?? 0;
    if (minReady <= 0) return;
    if (pods.some((p) => isReady(p) && !isTerminating(p) && !isAvailable(p, minReady, now)))
      this.#controller.queue.addAfter(keyOf(set), minReady * 1000, cause);
  }

  /** updateStatefulSetStatus: PUT /status when anything changed. */
  #writeStatus(set: StatefulSet, status: StatefulSetStatus, cause: number | null): void {
    const old = set.status ?? {};
    const same = (Object.keys(status) as (keyof StatefulSetStatus)[]).every(
      (k) => (old[k] ?? 0) === (status[k] ?? 0),
    );
    if (same) return;
    const withConditions = old.conditions === undefined ? status : { ...status, conditions: old.conditions };
    this.ctx.client.update(STATEFULSETS, { ...set, status: withConditions }, 'status', cause);
  }
}
