/**
 * What one sync of one Deployment works with: the ReplicaSet and Pod caches, the API calls
 * it makes (each naming the trace step that caused the sync), its event recorder, the clock
 * and the work queue. Built fresh for every sync by the controller.
 */
import { findResource, type ResourceInfo } from '../../apiserver/resources';
import { ApiError } from '../../apiserver/status';
import type { KubeObject } from '../../apiserver/types';
import type { Lister } from '../../client/cache';
import type { EventRecorder, EventType } from '../../client/events';
import type { ApiClient } from '../../client/rest';
import type { Kernel } from '../../kernel/kernel';
import { REVISION_ANNOTATION, keyOf } from './types';
import type { Deployment, Pod, ReplicaSet } from './types';

function appsResource(plural: string, group = 'apps'): ResourceInfo {
  const r = findResource(group, 'v1', plural);
  if (r === undefined) throw new Error(`no resource ${plural}`);
  return r;
}

export const DEPLOYMENTS = appsResource('deployments');
export const REPLICASETS = appsResource('replicasets');
export const PODS = appsResource('pods', '');

/** The shared state of the controller that every sync reads. */
export interface ControllerEnv {
  readonly kernel: Kernel;
  readonly client: ApiClient;
  readonly recorder: EventRecorder;
  readonly deployments: Lister<Deployment>;
  readonly replicaSets: Lister<ReplicaSet>;
  readonly pods: Lister<Pod>;
  enqueueAfter(key: string, delayMs: number, cause: number | null): void;
  enqueueRateLimited(key: string, cause: number | null): void;
}

/** One sync's view of the controller: its cause rides along on every call. */
export class SyncContext {
  constructor(
    readonly env: ControllerEnv,
    /** The trace step that triggered this sync. */
    readonly cause: number | null,
  ) {}

  /** Virtual time, ms. */
  now(): number {
    return this.env.kernel.clock.now();
  }

  /** metav1.Now() as it is serialized: RFC 3339, whole seconds. */
  timestamp(): string {
    return this.env.kernel.clock.timestamp();
  }

  /** A serialized time on the virtual clock (ms). */
  toVirtualMs(stamp: string): number {
    return Date.parse(stamp) - this.env.kernel.clock.epoch;
  }

  event(d: Deployment, type: EventType, reason: string, message: string): void {
    this.env.recorder.event(d, type, reason, message, this.cause);
  }

  enqueueAfter(d: Deployment, delayMs: number): void {
    this.env.enqueueAfter(keyOf(d), delayMs, this.cause);
  }

  enqueueRateLimited(d: Deployment): void {
    this.env.enqueueRateLimited(keyOf(d), this.cause);
  }

  createReplicaSet(rs: ReplicaSet): ReplicaSet {
    return this.env.client.create<ReplicaSet>(REPLICASETS, rs.metadata.namespace ?? null, rs, this.cause);
  }

  updateReplicaSet(rs: ReplicaSet): ReplicaSet {
    return this.env.client.update<ReplicaSet>(REPLICASETS, rs, undefined, this.cause);
  }

  /** A JSON merge patch of a ReplicaSet's metadata (adoption and release). */
  patchReplicaSet(rs: ReplicaSet, patch: object): ReplicaSet {
    const { namespace, name } = rs.metadata;
    return this.env.client.patch<ReplicaSet>(
      REPLICASETS,
      namespace ?? null,
      name ?? '',
      'merge',
      patch,
      this.cause,
    );
  }

  deleteReplicaSet(rs: ReplicaSet): void {
    const { namespace, name } = rs.metadata;
    this.env.client.delete(REPLICASETS, namespace ?? null, name ?? '', {}, this.cause);
  }

  getDeployment(namespace: string, name: string): Deployment {
    return this.env.client.get<Deployment>(DEPLOYMENTS, namespace, name, this.cause);
  }

  updateDeployment(d: Deployment): Deployment {
    return this.env.client.update<Deployment>(DEPLOYMENTS, d, undefined, this.cause);
  }

  /**
   * PUT .../deployments/<name>/status. Upstream's status strategy also takes the metadata
   * annotations from the request, which is how the controller records the Deployment's
   * revision. If this apiserver's status subresource dropped the revision annotation, it is
   * written with a metadata patch of the Deployment right after, so `kubectl rollout
   * history` and `kubectl describe` still see it.
   */
  updateDeploymentStatus(d: Deployment): Deployment {
    const updated = this.env.client.update<Deployment>(DEPLOYMENTS, d, 'status', this.cause);
    const revision = d.metadata.annotations?.[REVISION_ANNOTATION];
    if (revision === undefined || updated.metadata.annotations?.[REVISION_ANNOTATION] === revision)
      return updated;
    const { namespace, name } = d.metadata;
    const patch = { metadata: { annotations: { [REVISION_ANNOTATION]: revision } } };
    return this.env.client.patch<Deployment>(
      DEPLOYMENTS,
      namespace ?? null,
      name ?? '',
      'merge',
      patch,
      this.cause,
    );
  }

  /** The ReplicaSets in a namespace, from the cache. */
  replicaSetsIn(namespace: string): ReplicaSet[] {
    return this.env.replicaSets.byNamespace(namespace);
  }

  /** The Pods in a namespace, from the cache. */
  podsIn(namespace: string): Pod[] {
    return this.env.pods.byNamespace(namespace);
  }
}

/** The controller ownerReference of an object, if it has one. */
export function controllerOf(obj: KubeObject) {
  return obj.metadata.ownerReferences?.find((r) => r.controller === true);
}

/** Whether a write failed because its namespace is being deleted (NamespaceTerminating). */
export function isNamespaceTerminating(error: unknown): boolean {
  if (!(error instanceof ApiError) || error.code !== 403) return false;
  const causes = error.status.details?.causes ?? [];
  return (
    causes.some((c) => c.reason === 'NamespaceTerminating') ||
    (error.status.message ?? '').includes('because it is being terminated')
  );
}

/** Whether a request failed with this HTTP status reason (`AlreadyExists`, `NotFound`...). */
export function hasReason(error: unknown, reason: string): error is ApiError {
  return error instanceof ApiError && error.status.reason === reason;
}
