/**
 * The shapes the StatefulSet controller works with (pkg/controller/statefulset), the labels
 * it puts on pods, and the small pod predicates its sync loop asks (stateful_set_utils.go).
 */
import type { StatefulSetSpec, StatefulSetStatus } from 'kubernetes-types/apps/v1';
import type { PersistentVolumeClaimSpec, PodSpec, PodStatus } from 'kubernetes-types/core/v1';
import type { OwnerReference } from 'kubernetes-types/meta/v1';
import { findResource, type ResourceInfo } from '../../apiserver/resources';
import { ApiError } from '../../apiserver/status';
import type { KubeObject } from '../../apiserver/types';

function resource(group: string, plural: string): ResourceInfo {
  const info = findResource(group, 'v1', plural);
  if (info === undefined) throw new Error(`no resource ${group}/v1 ${plural}`);
  return info;
}

export const STATEFULSETS = resource('apps', 'statefulsets');
export const CONTROLLER_REVISIONS = resource('apps', 'controllerrevisions');
export const PODS = resource('', 'pods');
export const PVCS = resource('', 'persistentvolumeclaims');

/** An apps/v1 StatefulSet as the apiserver serves it (defaulted, so spec is set). */
export type StatefulSet = KubeObject & { spec: StatefulSetSpec; status?: Partial<StatefulSetStatus> };

/** A Pod, as the controllers read and write it. */
export type Pod = KubeObject & { spec?: PodSpec; status?: PodStatus };

/** A PersistentVolumeClaim. */
export type Claim = KubeObject & { spec?: PersistentVolumeClaimSpec };

/** The pod label naming the ControllerRevision a stateful pod was made from. */
export const REVISION_LABEL = 'controller-revision-hash';
/** The pod label holding the pod's own name, for per-pod Services. */
export const POD_NAME_LABEL = 'statefulset.kubernetes.io/pod-name';
/** The pod label holding the pod's ordinal (PodIndexLabel, beta and on in v1.32). */
export const POD_INDEX_LABEL = 'apps.kubernetes.io/pod-index';

/** The ownerReference with `controller: true`, if any. */
export function controllerOf(obj: KubeObject): OwnerReference | undefined {
  return obj.metadata.ownerReferences?.find((r) => r.controller === true);
}

/** metav1.NewControllerRef for an apps/v1 object. */
export function controllerRef(obj: KubeObject, kind: string): OwnerReference {
  return {
    apiVersion: 'apps/v1',
    kind,
    name: obj.metadata.name ?? '',
    uid: obj.metadata.uid ?? '',
    controller: true,
    blockOwnerDeletion: true,
  };
}

/** `namespace/name`, the work-queue key. */
export function keyOf(obj: KubeObject): string {
  return `${obj.metadata.namespace ?? ''}/${obj.metadata.name ?? ''}`;
}

/** A deep copy of a JSON value. */
export function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** getParentNameAndOrdinal: the ordinal of `<set>-<n>`, or -1 when the name is not the set's. */
export function ordinalOf(set: StatefulSet, pod: Pod): number {
  const prefix = `${set.metadata.name ?? ''}-`;
  const name = pod.metadata.name ?? '';
  if (!name.startsWith(prefix)) return -1;
  const rest = name.slice(prefix.length);
  return /^(0|[1-9]\d*)$/.test(rest) ? Number(rest) : -1;
}

/** Whether the object has a deletionTimestamp. */
export function isTerminating(obj: KubeObject): boolean {
  return obj.metadata.deletionTimestamp !== undefined && obj.metadata.deletionTimestamp !== null;
}

/** Whether the pod ran to completion or failed. */
export function isFinished(pod: Pod): boolean {
  return pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
}

function readyCondition(pod: Pod) {
  return pod.status?.conditions?.find((c) => c.type === 'Ready');
}

/** podutil.IsPodReady. */
export function isReady(pod: Pod): boolean {
  return readyCondition(pod)?.status === 'True';
}

/** isRunningAndReady: phase Running and the Ready condition True. */
export function isRunningAndReady(pod: Pod): boolean {
  return pod.status?.phase === 'Running' && isReady(pod);
}

/**
 * podutil.IsPodAvailable: ready, and ready for longer than minReadySeconds before `now`
 * (wall-clock ms).
 */
export function isAvailable(pod: Pod, minReadySeconds: number, now: number): boolean {
  if (!isReady(pod)) return false;
  if (minReadySeconds <= 0) return true;
  const since = Date.parse(readyCondition(pod)?.lastTransitionTime ?? '');
  return !Number.isNaN(since) && since + minReadySeconds * 1000 < now;
}

/** The ControllerRevision a pod was made from (its controller-revision-hash label). */
export function revisionOf(pod: Pod): string {
  return pod.metadata.labels?.[REVISION_LABEL] ?? '';
}

/** Whether an error is an API error with this HTTP status code. */
export function hasCode(error: unknown, code: number): boolean {
  return error instanceof ApiError && error.code === code;
}
