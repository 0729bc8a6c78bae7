/**
 * Upstream's PodControllerRefManager.ClaimPods (pkg/controller/controller_ref_manager.go):
 * of the namespace's active pods, a ReplicaSet keeps those it controls that its selector
 * still matches, releases those it controls that no longer match (removing its
 * ownerReference), and adopts orphans that match (adding a controller ownerReference), after
 * checking with a live GET that it is not being deleted itself.
 *
 * Upstream sends strategic merge patches keyed by the ownerReference's uid; this apiserver
 * only knows list merge keys when it has OpenAPI schemas, so the patches here are JSON merge
 * patches of the whole ownerReferences list, guarded by the pod's uid and resourceVersion.
 */
import { matchesLabels } from '../../apiserver/selectors';
import type { ApiClient } from '../../client/rest';
import { controllerRef, hasCode, type PodControl } from './control';
import { controllerOf } from './pods';
import type { PodObject, Replicated, WorkloadKind, WorkloadObject } from './types';

/** A metav1.Time as Go's `%v` prints it: `2025-01-01 00:00:00 +0000 UTC`. */
export function goTime(stamp: string): string {
  return stamp.replace('T', ' ').replace('Z', ' +0000 UTC');
}

/** Go's errors aggregate: one error as itself, several as `[a, b]`. */
export function aggregate(errors: readonly Error[]): Error | null {
  const [first] = errors;
  if (first === undefined) return null;
  return errors.length === 1 ? first : new Error(`[${errors.map((e) => e.message).join(', ')}]`);
}

function describe(pod: PodObject): string {
  return `${pod.metadata.namespace ?? ''}/${pod.metadata.name ?? ''}`;
}

export class PodClaimer {
  constructor(
    private readonly client: ApiClient,
    private readonly control: PodControl,
    private readonly kind: WorkloadKind,
    /** Records a decision step; returns its id, for the requests it leads to. */
    private readonly decide: (summary: string, cause: number | null) => number,
  ) {}

  /** RecheckDeletionTimestamp: null if `rs` may adopt, else why not. */
  #canAdopt(rs: Replicated, cause: number | null): Error | null {
    let fresh: WorkloadObject;
    try {
      fresh = this.client.get<WorkloadObject>(this.kind.resource, rs.namespace, rs.name, cause);
    } catch (error) {
      return new Error(`can't recheck DeletionTimestamp: ${(error as Error).message}`);
    }
    if (fresh.metadata.uid !== rs.uid)
      return new Error(
        `can't recheck DeletionTimestamp: original ${this.kind.kind} ${rs.namespace}/${rs.name} is gone: got uid ${fresh.metadata.uid ?? ''}, wanted ${rs.uid}`,
      );
    const deleted = fresh.metadata.deletionTimestamp;
    if (deleted !== undefined && deleted !== null)
      return new Error(`${rs.namespace}/${rs.name} has just been deleted at ${goTime(deleted)}`);
    return null;
  }

  /**
   * The pods `rs` owns after adopting and releasing; throws the aggregated errors of failed
   * adoptions and releases (the caller requeues).
   */
  claimPods(rs: Replicated, pods: readonly PodObject[], cause: number | null): PodObject[] {
    const claimed: PodObject[] = [];
    const errors: Error[] = [];
    let canAdopt: Error | null | undefined;
    const matches = (pod: PodObject) =>
      rs.selector !== null && matchesLabels(rs.selector, pod.metadata.labels);
    for (const pod of pods) {
      const ref = controllerOf(pod);
      try {
        if (ref !== undefined) {
          if (ref.uid !== rs.uid) continue; // Owned by someone else.
          if (matches(pod)) claimed.push(pod);
          else if (!rs.deleting) this.#release(rs, pod, cause);
          continue;
        }
        if (rs.deleting || !matches(pod) || pod.metadata.deletionTimestamp !== undefined) continue;
        if (pod.metadata.namespace !== rs.namespace) continue;
        canAdopt ??= this.#canAdopt(rs, cause);
        if (canAdopt !== null)
          throw new Error(
            `can't adopt Pod ${describe(pod)} (${pod.metadata.uid ?? ''}): ${canAdopt.message}`,
          );
        if (this.#adopt(rs, pod, cause)) claimed.push(pod);
      } catch (error) {
        errors.push(error instanceof Error ? error : new Error(String(error)));
      }
    }
    const error = aggregate(errors);
    if (error !== null) throw error;
    return claimed;
  }

  /** Adds `rs` as the pod's controller; false if the pod is gone. */
  #adopt(rs: Replicated, pod: PodObject, cause: number | null): boolean {
    const step = this.decide(
      `adopting orphan pod ${describe(pod)}: it matches the selector of ${this.kind.kind} ${rs.namespace}/${rs.name}`,
      cause,
    );
    const owners = [...(pod.metadata.ownerReferences ?? []), controllerRef(this.kind, rs)];
    try {
      this.control.patchPod(pod, this.#patch(pod, owners), step);
      return true;
    } catch (error) {
      if (hasCode(error, 404)) return false;
      throw error;
    }
  }

  /** Removes `rs` from the pod's ownerReferences; a pod gone or changed is left alone. */
  #release(rs: Replicated, pod: PodObject, cause: number | null): void {
    const step = this.decide(
      `releasing pod ${describe(pod)}: it no longer matches the selector of ${this.kind.kind} ${rs.namespace}/${rs.name}`,
      cause,
    );
    const owners = (pod.metadata.ownerReferences ?? []).filter((r) => r.uid !== rs.uid);
    try {
      this.control.patchPod(pod, this.#patch(pod, owners.length > 0 ? owners : null), step);
    } catch (error) {
      if (hasCode(error, 404) || hasCode(error, 422)) return;
      throw error;
    }
  }

  #patch(pod: PodObject, owners: unknown) {
    return {
      metadata: {
        ownerReferences: owners,
        uid: pod.metadata.uid,
        resourceVersion: pod.metadata.resourceVersion,
      },
    };
  }
}
