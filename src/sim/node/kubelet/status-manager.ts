/**
 * The kubelet's status manager: keeps the status the kubelet last generated for each pod (what
 * the probe workers read), writes it through the `status` subresource when it changed (a
 * patch from what the API last had to the new status, carrying the pod's uid as upstream's
 * status patches do; a static pod's status goes to its mirror pod), and, once a pod marked
 * for deletion has stopped everything, deletes it for good with grace period 0 and a uid
 * precondition.
 */
import type { PodStatus } from 'kubernetes-types/core/v1';
import { ApiError } from '../../apiserver/status';
import { resourcePath } from '../../client/rest';
import { PODS, type KubeletContext, type PodObject, type PodRecord } from './context';
import { mergePatchBetween } from './format';

/** The resourceVersion of an object as a number, for "is this newer" checks. */
export function revisionOf(pod: PodObject): number {
  return Number(pod.metadata.resourceVersion ?? 0);
}

export class StatusManager {
  /** The resourceVersion the kubelet's last write produced, per pod uid. */
  readonly #written = new Map<string, number>();
  /** The status last generated, per pod uid (upstream's cache, GetPodStatus). */
  readonly #cache = new Map<string, PodStatus>();

  constructor(
    private readonly ctx: KubeletContext,
    /** Whether writes reach the apiserver; while not, the status waits for a later sync. */
    private readonly connected: () => boolean = () => true,
  ) {}

  /** Takes in a pod version from the watch; its status becomes the base unless it is older than our last write. */
  observe(record: PodRecord, pod: PodObject): void {
    record.pod = pod;
    this.observeStatus(record, pod);
  }

  /** Takes in the status of the pod the kubelet writes to (a static pod's mirror pod). */
  observeStatus(record: PodRecord, pod: PodObject): void {
    if (revisionOf(pod) >= (this.#written.get(record.uid) ?? 0)) record.apiStatus = pod.status ?? {};
  }

  /** The status the kubelet last generated for a pod. */
  cached(uid: string): PodStatus | undefined {
    return this.#cache.get(uid);
  }

  /** Keeps `status` and writes it if it differs from what the API has. */
  set(record: PodRecord, status: PodStatus, cause: number | null): void {
    this.#cache.set(record.uid, status);
    const target = record.isStatic ? record.mirror : record.pod;
    if (record.deleted || target === null || !this.connected()) return;
    const patch = mergePatchBetween(record.apiStatus, status);
    if (patch === undefined) return;
    const { namespace, name, uid } = target.metadata;
    try {
      const updated = this.ctx.client.patch<PodObject>(
        PODS,
        namespace ?? 'default',
        name ?? '',
        'merge',
        { metadata: { uid }, status: patch },
        cause,
        'status',
      );
      this.#written.set(record.uid, revisionOf(updated));
      record.apiStatus = updated.status ?? status;
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      // Not found: the pod is gone; the watch will say so. Other failures: retried next sync.
    }
  }

  /** DELETE with gracePeriodSeconds=0 and the pod's uid as precondition. */
  deletePod(record: PodRecord, cause: number | null): void {
    if (!this.connected()) return;
    const { namespace, name, uid } = record.pod.metadata;
    try {
      this.ctx.client.request('DELETE', resourcePath(PODS, namespace ?? 'default', name ?? ''), {
        body: {
          kind: 'DeleteOptions',
          apiVersion: 'v1',
          gracePeriodSeconds: 0,
          ...(uid === undefined ? {} : { preconditions: { uid } }),
        },
        causedBy: cause,
      });
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
    }
  }

  forget(uid: string): void {
    this.#written.delete(uid);
    this.#cache.delete(uid);
  }
}
