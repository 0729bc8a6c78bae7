/**
 * Defaults for the core (`v1`) group's kinds other than the pod spec itself (`pod.ts`) and
 * services (`service.ts`): PodTemplate, ReplicationController, Secret, Namespace,
 * Node, PersistentVolume, PersistentVolumeClaim and LimitRange.
 */
import type {
  LimitRange,
  Namespace,
  Node,
  PersistentVolume,
  PersistentVolumeClaim,
  PodTemplate,
  ReplicationController,
  Secret,
} from 'kubernetes-types/core/v1';
import { defaultPodTemplateSpec } from './pod';
import { child, cloneJson, isEmpty, isEmptyString, isNil, isRecord, present, records } from './util';
import { defaultClaim, defaultPersistentVolumeSource } from './volumes';

/** The label every named namespace carries, holding its own name. */
export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

/** PodTemplate: the template's pod spec. */
export function defaultPodTemplate(podTemplate: PodTemplate): void {
  const template = child(podTemplate, 'template');
  if (template) defaultPodTemplateSpec(template);
}

/**
 * ReplicationController: one replica; with a template that has labels, an empty selector
 * and empty object labels are both taken from the template's labels.
 */
export function defaultReplicationController(rc: ReplicationController): void {
  const spec = child(rc, 'spec');
  if (!spec) return;
  const template = present(spec, 'template');
  const labels = template?.metadata?.labels;
  if (isRecord(labels) && !isEmpty(labels)) {
    if (isEmpty(spec.selector)) spec.selector = cloneJson(labels);
    const metadata = child(rc, 'metadata');
    if (metadata && isEmpty(metadata.labels)) metadata.labels = cloneJson(labels);
  }
  if (isNil(spec.replicas)) spec.replicas = 1;
  if (template) defaultPodTemplateSpec(template);
}

/** Secret: type `Opaque`. */
export function defaultSecret(secret: Secret): void {
  if (isEmptyString(secret.type)) secret.type = 'Opaque';
}

/**
 * Namespace: the `kubernetes.io/metadata.name` label, always set to the namespace's name
 * (even over a different value), and phase `Active`. The `kubernetes` finalizer in
 * `spec.finalizers` is added by the namespace registry on create, not by defaulting.
 */
export function defaultNamespace(namespace: Namespace): void {
  const metadata = child(namespace, 'metadata');
  const name = metadata?.name;
  if (metadata && typeof name === 'string' && name !== '') {
    if (isNil(metadata.labels)) metadata.labels = {};
    if (isRecord(metadata.labels)) metadata.labels[NAMESPACE_NAME_LABEL] = name;
  }
  const status = child(namespace, 'status');
  if (status && isEmptyString(status.phase)) status.phase = 'Active';
}

/** Node: allocatable resources equal capacity when a status reports only capacity. */
export function defaultNode(node: Node): void {
  const status = present(node, 'status');
  if (status && isNil(status.allocatable) && isRecord(status.capacity)) {
    status.allocatable = cloneJson(status.capacity);
  }
}

/** PersistentVolume: reclaim policy `Retain`, volume mode `Filesystem`, phase `Pending`. */
export function defaultPersistentVolume(pv: PersistentVolume): void {
  const status = child(pv, 'status');
  if (status && isEmptyString(status.phase)) status.phase = 'Pending';
  const spec = child(pv, 'spec');
  if (!spec) return;
  if (isEmptyString(spec.persistentVolumeReclaimPolicy)) spec.persistentVolumeReclaimPolicy = 'Retain';
  if (isNil(spec.volumeMode)) spec.volumeMode = 'Filesystem';
  defaultPersistentVolumeSource(spec);
}

/** PersistentVolumeClaim: volume mode `Filesystem`, phase `Pending`. */
export function defaultPersistentVolumeClaim(pvc: PersistentVolumeClaim): void {
  defaultClaim(pvc);
}

/**
 * LimitRange: for `Container` items, a missing default limit falls back to the max, and a
 * missing default request to the default limit, then to the min.
 */
export function defaultLimitRange(limitRange: LimitRange): void {
  for (const item of records(limitRange.spec?.limits)) {
    if (item.type !== 'Container') continue;
    if (!isNil(item.default) && !isRecord(item.default)) continue;
    if (!isNil(item.defaultRequest) && !isRecord(item.defaultRequest)) continue;
    const limit: Record<string, string> = { ...item.default };
    const request: Record<string, string> = { ...item.defaultRequest };
    for (const [name, quantity] of Object.entries(isRecord(item.max) ? item.max : {})) {
      if (!(name in limit)) limit[name] = quantity;
    }
    for (const [name, quantity] of Object.entries(limit)) {
      if (!(name in request)) request[name] = quantity;
    }
    for (const [name, quantity] of Object.entries(isRecord(item.min) ? item.min : {})) {
      if (!(name in request)) request[name] = quantity;
    }
    // Empty maps are left out, as they are when the object is encoded.
    if (!isEmpty(limit)) item.default = limit;
    if (!isEmpty(request)) item.defaultRequest = request;
  }
}
