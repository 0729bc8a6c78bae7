/**
 * Upstream's ReplicaSetController (pkg/controller/replicaset/replica_set.go), which also runs
 * ReplicationControllers: watches its objects and pods, maps each pod to its controller
 * through the ownerReference with `controller: true` (orphans wake every controller whose
 * selector matches them), and syncs one object at a time: claim pods (adopt and release),
 * create or delete pods to reach spec.replicas unless earlier creates and deletes are still
 * unobserved (expectations), then write the status.
 *
 * Every request names the step that led to it: the watch event that woke the controller,
 * through the controller's decision steps, so the trace links a ReplicaSet's creation to the
 * pods created for it.
 */
import type { OwnerReference } from 'kubernetes-types/meta/v1';
import { matchesLabels } from '../../apiserver/selectors';
import { objectKey } from '../../client/cache';
import type { Controller } from '../../client/controller';
import { EventRecorder } from '../../client/events';
import type { Informer } from '../../client/informer';
import type { ControllerContext } from '../manager';
import { PodClaimer } from './claim';
import { hasCode, isNamespaceTerminating, PodControl } from './control';
import { SLOW_START_INITIAL_BATCH_SIZE, slowStartBatch } from './batch';
import { Expectations } from './expectations';
import { controllerOf, isBeingDeleted, isPodActive, isPodReady, podsToDelete } from './pods';
import { calculateStatus, updateStatus } from './status';
import {
  PODS,
  readWorkload,
  type PodObject,
  type Replicated,
  type WorkloadKind,
  type WorkloadObject,
} from './types';

/** Upstream's BurstReplicas: at most this many creates or deletes per sync. */
export const BURST_REPLICAS = 500;

/** Upstream's --concurrent-replicaset-syncs / --concurrent-rc-syncs default. */
const WORKERS = 5;

export class ReplicaSetController {
  readonly expectations: Expectations;
  readonly #workloads: Informer<WorkloadObject>;
  readonly #pods: Informer<PodObject>;
  readonly #control: PodControl;
  readonly #claimer: PodClaimer;
  readonly #controller: Controller;

  constructor(
    private readonly ctx: ControllerContext,
    private readonly kind: WorkloadKind,
    private readonly burstReplicas = BURST_REPLICAS,
  ) {
    this.expectations = new Expectations(() => ctx.kernel.clock.now());
    this.#workloads = ctx.informers.informerFor<WorkloadObject>(kind.resource);
    this.#pods = ctx.informers.informerFor<PodObject>(PODS);
    const recorder = new EventRecorder(ctx.kernel, ctx.client, kind.component);
    this.#control = new PodControl(ctx.client, recorder, kind);
    this.#claimer = new PodClaimer(ctx.client, this.#control, kind, (s, c) => this.#decide(s, c));
    this.#controller = ctx.controller({
      name: kind.queueName,
      workers: WORKERS,
      maxRetries: Number.POSITIVE_INFINITY,
      sync: (key, cause) => this.sync(key, cause),
    });
    this.#workloads.addHandlers({
      add: (obj, cause) => this.#enqueue(objectKey(obj), cause),
      update: (old, cur, cause) => {
        if (old.metadata.uid !== cur.metadata.uid) this.#deleted(old, cause);
        this.#enqueue(objectKey(cur), cause);
      },
      delete: (obj, cause) => this.#deleted(obj, cause),
    });
    this.#pods.addHandlers({
      add: (pod, cause) => this.#addPod(pod, cause),
      update: (old, cur, cause) => this.#updatePod(old, cur, cause),
      delete: (pod, cause) => this.#deletePod(pod, cause),
    });
  }

  #decide(summary: string, cause: number | null): number {
    const id = this.ctx.client.id;
    return this.ctx.kernel.trace.emit({
      from: id,
      to: id,
      kind: 'decision',
      summary: `${this.kind.label}: ${summary}`,
      causedBy: cause,
    }).id;
  }

  #enqueue(key: string, cause: number | null): void {
    this.#controller.queue.add(key, cause);
  }

  #deleted(obj: WorkloadObject, cause: number | null): void {
    const key = objectKey(obj);
    this.expectations.delete(key);
    this.#enqueue(key, cause);
  }

  /** resolveControllerRef: the controller `ref` names, if it is of our kind and still the same. */
  #resolve(namespace: string, ref: OwnerReference): WorkloadObject | undefined {
    if (ref.kind !== this.kind.kind) return undefined;
    const obj = this.#workloads.lister.get(`${namespace}/${ref.name}`);
    return obj?.metadata.uid === ref.uid ? obj : undefined;
  }

  /** getPodReplicaSets: the controllers whose (non-empty) selector matches an orphan pod. */
  #matching(pod: PodObject): WorkloadObject[] {
    return this.#workloads.lister.byNamespace(pod.metadata.namespace ?? '').filter((obj) => {
      const selector = readWorkload(this.kind, obj).selector;
      return selector !== null && selector.length > 0 && matchesLabels(selector, pod.metadata.labels);
    });
  }

  #addPod(pod: PodObject, cause: number | null): void {
    if (isBeingDeleted(pod)) return this.#deletePod(pod, cause);
    const ref = controllerOf(pod);
    if (ref !== undefined) {
      const owner = this.#resolve(pod.metadata.namespace ?? '', ref);
      if (owner === undefined) return;
      this.expectations.creationObserved(objectKey(owner));
      return this.#enqueue(objectKey(owner), cause);
    }
    // An orphan: wake every controller that might adopt it (no creation is expected).
    for (const obj of this.#matching(pod)) this.#enqueue(objectKey(obj), cause);
  }

  #updatePod(old: PodObject, cur: PodObject, cause: number | null): void {
    if (old.metadata.resourceVersion === cur.metadata.resourceVersion) return;
    const labelChanged =
      JSON.stringify(old.metadata.labels ?? {}) !== JSON.stringify(cur.metadata.labels ?? {});
    if (isBeingDeleted(cur)) {
      // A graceful deletion counts as the deletion: replace the pod now, not when it is gone.
      this.#deletePod(cur, cause);
      if (labelChanged) this.#deletePod(old, cause);
      return;
    }
    const [curRef, oldRef] = [controllerOf(cur), controllerOf(old)];
    const refChanged = JSON.stringify(curRef) !== JSON.stringify(oldRef);
    if (refChanged && oldRef !== undefined) {
      const owner = this.#resolve(old.metadata.namespace ?? '', oldRef);
      if (owner !== undefined) this.#enqueue(objectKey(owner), cause);
    }
    if (curRef !== undefined) {
      const owner = this.#resolve(cur.metadata.namespace ?? '', curRef);
      if (owner === undefined) return;
      const key = objectKey(owner);
      this.#enqueue(key, cause);
      const minReadySeconds = readWorkload(this.kind, owner).minReadySeconds;
      // Check availability again once the pod has been ready for minReadySeconds (plus a second).
      if (!isPodReady(old) && isPodReady(cur) && minReadySeconds > 0)
        this.#controller.queue.addAfter(key, (minReadySeconds + 1) * 1000, cause);
      return;
    }
    if (labelChanged || refChanged)
      for (const obj of this.#matching(cur)) this.#enqueue(objectKey(obj), cause);
  }

  #deletePod(pod: PodObject, cause: number | null): void {
    const ref = controllerOf(pod);
    if (ref === undefined) return;
    const owner = this.#resolve(pod.metadata.namespace ?? '', ref);
    if (owner === undefined) return;
    const key = objectKey(owner);
    this.expectations.deletionObserved(key, objectKey(pod));
    this.#enqueue(key, cause);
  }

  /** Wall-clock ms now, for readiness and ranking. */
  #now(): number {
    return this.ctx.kernel.clock.epoch + this.ctx.kernel.clock.now();
  }

  /** syncReplicaSet: reconciles the object at `key`. Throws to be retried. */
  sync(key: string, cause: number | null): void {
    const obj = this.#workloads.lister.get(key);
    if (obj === undefined) return this.expectations.delete(key);
    const rs = readWorkload(this.kind, obj);
    const needsSync = this.expectations.satisfied(key);
    if (rs.selector === null) return;
    const active = this.#pods.lister.byNamespace(rs.namespace).filter(isPodActive);
    const pods = this.#claimer.claimPods(rs, active, cause);
    let manageError: Error | null = null;
    if (needsSync && !rs.deleting) manageError = this.#manageReplicas(key, pods, rs, cause);
    const clock = this.ctx.kernel.clock;
    const status = calculateStatus(rs, pods, manageError, this.#now(), clock.timestamp());
    const updated = readWorkload(this.kind, updateStatus(this.ctx.client, this.kind, rs, status, cause));
    // Resync after minReadySeconds, as a last line of defence for availability.
    if (
      manageError === null &&
      updated.minReadySeconds > 0 &&
      (updated.status.readyReplicas ?? 0) === updated.replicas &&
      (updated.status.availableReplicas ?? 0) !== updated.replicas
    )
      this.#controller.queue.addAfter(key, updated.minReadySeconds * 1000, cause);
    if (manageError !== null) throw manageError;
  }

  /** manageReplicas: creates or deletes pods towards spec.replicas; returns the first error. */
  #manageReplicas(key: string, pods: readonly PodObject[], rs: Replicated, cause: number | null) {
    const what = `${this.kind.kind} ${rs.namespace}/${rs.name}`;
    const diff = pods.length - rs.replicas;
    if (diff < 0) {
      const count = Math.min(-diff, this.burstReplicas);
      this.expectations.expectCreations(key, count);
      const step = this.#decide(
        `too few replicas for ${what}: need ${rs.replicas}, have ${pods.length}, creating ${count}`,
        cause,
      );
      const { successes, error } = slowStartBatch(count, SLOW_START_INITIAL_BATCH_SIZE, (size, remaining) => {
        // Each batch is a decision step, the cause of its creates.
        const batch = this.#decide(
          `slow-start batch: creating ${size} of ${remaining} pods for ${what}`,
          step,
        );
        return () => {
          try {
            this.#control.createPod(rs, batch);
            return null;
          } catch (e) {
            return isNamespaceTerminating(e) ? null : e instanceof Error ? e : new Error(String(e));
          }
        };
      });
      const skipped = count - successes;
      if (skipped > 0) {
        // The informer will never see these pods: stop expecting them.
        this.#decide(`slow-start failure: skipping creation of ${skipped} pods for ${what}`, step);
        for (let i = 0; i < skipped; i++) this.expectations.creationObserved(key);
      }
      return error;
    }
    if (diff === 0) return null;
    const count = Math.min(diff, this.burstReplicas);
    const victims = podsToDelete(pods, this.#relatedPods(rs), count, this.#now());
    const step = this.#decide(
      `too many replicas for ${what}: need ${rs.replicas}, have ${pods.length}, deleting ${victims.map((p) => p.metadata.name ?? '').join(', ')}`,
      cause,
    );
    this.expectations.expectDeletions(key, victims.map(objectKey));
    const errors: Error[] = [];
    for (const pod of victims) {
      try {
        this.#control.deletePod(rs, pod.metadata.name ?? '', step);
      } catch (e) {
        // The informer will not see this deletion: stop expecting it.
        this.expectations.deletionObserved(key, objectKey(pod));
        if (!hasCode(e, 404)) errors.push(e instanceof Error ? e : new Error(String(e)));
      }
    }
    return errors[0] ?? null;
  }

  /** getIndirectlyRelatedPods: pods of every ReplicaSet controlled by the same owner. */
  #relatedPods(rs: Replicated): PodObject[] {
    const owner = controllerOf(rs.obj);
    if (owner === undefined) return [];
    const seen = new Set<string>();
    const related: PodObject[] = [];
    for (const obj of this.#workloads.lister.byNamespace(rs.namespace)) {
      if (controllerOf(obj)?.uid !== owner.uid) continue;
      const selector = readWorkload(this.kind, obj).selector;
      if (selector === null) continue;
      for (const pod of this.#pods.lister.byNamespace(rs.namespace)) {
        const uid = pod.metadata.uid ?? '';
        if (seen.has(uid) || !matchesLabels(selector, pod.metadata.labels)) continue;
        seen.add(uid);
        related.push(pod);
      }
    }
    return related;
  }
}
