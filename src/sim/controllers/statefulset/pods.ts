/**
 * Stateful pods (stateful_set_utils.go and stateful_pod_control.go): the pod for an ordinal,
 * with its stable identity (name `<set>-<ordinal>`, hostname, subdomain, pod-name and
 * pod-index labels) and stable storage (one claim `<template>-<set>-<ordinal>` per
 * volumeClaimTemplate), and the creates and deletes that record upstream's events.
 */
import type { PodTemplateSpec, Volume } from 'kubernetes-types/core/v1';
import type { OwnerReference } from 'kubernetes-types/meta/v1';
import type { EventRecorder } from '../../client/events';
import type { Lister } from '../../client/cache';
import type { ApiClient } from '../../client/rest';
import type { Revision } from './history';
import {
  clone,
  controllerRef,
  hasCode,
  PODS,
  POD_INDEX_LABEL,
  POD_NAME_LABEL,
  PVCS,
  REVISION_LABEL,
  type Claim,
  type Pod,
  type StatefulSet,
} from './types';

/** The name of the pod at `ordinal`. */
export function podName(set: StatefulSet, ordinal: number): string {
  return `${set.metadata.name ?? ''}-${ordinal}`;
}

/** getPersistentVolumeClaimName: `<claim template>-<set>-<ordinal>`. */
export function claimName(set: StatefulSet, template: string, ordinal: number): string {
  return `${template}-${podName(set, ordinal)}`;
}

/** The template a revision recorded (`spec.template` of its patch), or the set's own. */
export function templateOf(set: StatefulSet, revision: Revision): PodTemplateSpec {
  const data = revision.data as { spec?: { template?: PodTemplateSpec } } | undefined;
  const template = clone(data?.spec?.template ?? set.spec.template) as PodTemplateSpec & { $patch?: string };
  delete template.$patch;
  return template;
}

/** newVersionedStatefulSetPod: the pod for `ordinal` from `revision`'s template. */
export function newStatefulPod(set: StatefulSet, revision: Revision, ordinal: number): Pod {
  const template = templateOf(set, revision);
  const name = podName(set, ordinal);
  const spec = clone(template.spec ?? { containers: [] });
  spec.hostname = name;
  if ((set.spec.serviceName ?? '') !== '') spec.subdomain = set.spec.serviceName;
  const claimVolumes: Volume[] = (set.spec.volumeClaimTemplates ?? []).map((t) => ({
    name: t.metadata?.name ?? '',
    persistentVolumeClaim: { claimName: claimName(set, t.metadata?.name ?? '', ordinal) },
  }));
  const claimed = new Set(claimVolumes.map((v) => v.name));
  spec.volumes = [...claimVolumes, ...(spec.volumes ?? []).filter((v) => !claimed.has(v.name))];
  if (spec.volumes.length === 0) delete spec.volumes;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: set.metadata.namespace ?? '',
      labels: {
        ...template.metadata?.labels,
        [POD_NAME_LABEL]: name,
        [POD_INDEX_LABEL]: String(ordinal),
        [REVISION_LABEL]: revision.metadata.name ?? '',
      },
      ...(template.metadata?.annotations === undefined ? {} : { annotations: template.metadata.annotations }),
      ...(template.metadata?.finalizers === undefined ? {} : { finalizers: template.metadata.finalizers }),
      ownerReferences: [controllerRef(set, 'StatefulSet')],
    },
    spec,
  };
}

/** The claims of the pod at `ordinal`, labelled with the set's selector labels. */
export function claimsFor(set: StatefulSet, ordinal: number): Claim[] {
  const retention = set.spec.persistentVolumeClaimRetentionPolicy;
  const owners: OwnerReference[] =
    retention?.whenDeleted === 'Delete' ? [controllerRef(set, 'StatefulSet')] : [];
  return (set.spec.volumeClaimTemplates ?? []).map((t) => ({
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: {
      name: claimName(set, t.metadata?.name ?? '', ordinal),
      namespace: set.metadata.namespace ?? '',
      labels: { ...t.metadata?.labels, ...set.spec.selector.matchLabels },
      ...(t.metadata?.annotations === undefined ? {} : { annotations: t.metadata.annotations }),
      ...(owners.length === 0 ? {} : { ownerReferences: owners }),
    },
    spec: clone(t.spec ?? {}),
  }));
}

/** Go's `%s` of an error. */
function text(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** StatefulPodControl: pod and claim writes, with the events upstream records. */
export class StatefulPodControl {
  constructor(
    private readonly client: ApiClient,
    private readonly recorder: EventRecorder,
    private readonly claims: Lister<Claim>,
  ) {}

  #podEvent(verb: string, set: StatefulSet, pod: string, error: unknown, cause: number | null): void {
    const title = verb.charAt(0).toUpperCase() + verb.slice(1);
    if (error === null)
      this.recorder.event(
        set,
        'Normal',
        `Successful${title}`,
        `${verb} Pod ${pod} in StatefulSet ${set.metadata.name ?? ''} successful`,
        cause,
      );
    else
      this.recorder.event(
        set,
        'Warning',
        `Failed${title}`,
        `${verb} Pod ${pod} in StatefulSet ${set.metadata.name ?? ''} failed error: ${text(error)}`,
        cause,
      );
  }

  /** createPersistentVolumeClaims: creates the pod's missing claims; throws if any failed. */
  createClaims(set: StatefulSet, ordinal: number, cause: number | null): void {
    const errors: string[] = [];
    const pod = podName(set, ordinal);
    for (const claim of claimsFor(set, ordinal)) {
      const name = claim.metadata.name ?? '';
      const existing = this.claims.get(`${claim.metadata.namespace ?? ''}/${name}`);
      if (existing !== undefined) {
        if (existing.metadata.deletionTimestamp !== undefined) errors.push(`pvc ${name} is being deleted`);
        continue;
      }
      try {
        this.client.create(PVCS, claim.metadata.namespace ?? '', claim, cause);
        this.recorder.event(
          set,
          'Normal',
          'SuccessfulCreate',
          `create Claim ${name} Pod ${pod} in StatefulSet ${set.metadata.name ?? ''} success`,
          cause,
        );
      } catch (error) {
        if (hasCode(error, 409)) continue;
        errors.push(`failed to create PVC ${name}: ${text(error)}`);
        this.recorder.event(
          set,
          'Warning',
          'FailedCreate',
          `create Claim ${name} for Pod ${pod} in StatefulSet ${set.metadata.name ?? ''} failed error: ${text(error)}`,
          cause,
        );
      }
    }
    if (errors.length > 0) throw new Error(errors.join('; '));
  }

  /** CreateStatefulPod: the claims first, then the pod. An existing pod is not an error. */
  createPod(set: StatefulSet, pod: Pod, ordinal: number, cause: number | null): void {
    this.createClaims(set, ordinal, cause);
    const name = pod.metadata.name ?? '';
    try {
      this.client.create(PODS, pod.metadata.namespace ?? '', pod, cause);
    } catch (error) {
      if (hasCode(error, 409)) return;
      this.#podEvent('create', set, name, error, cause);
      throw error;
    }
    this.#podEvent('create', set, name, null, cause);
  }

  /** DeleteStatefulPod. A pod already gone is not an error. */
  deletePod(set: StatefulSet, pod: Pod, cause: number | null): void {
    const name = pod.metadata.name ?? '';
    try {
      this.client.delete(PODS, pod.metadata.namespace ?? '', name, {}, cause);
    } catch (error) {
      if (hasCode(error, 404)) return;
      this.#podEvent('delete', set, name, error, cause);
      throw error;
    }
    this.#podEvent('delete', set, name, null, cause);
  }

  /**
   * With whenScaled: Delete, a condemned pod's claims get the pod as an owner, so the
   * garbage collector deletes them with it (updateClaimOwnerRefForSetAndPod).
   */
  claimsFollowPod(set: StatefulSet, pod: Pod, ordinal: number, cause: number | null): void {
    if (set.spec.persistentVolumeClaimRetentionPolicy?.whenScaled !== 'Delete') return;
    const ref: OwnerReference = {
      apiVersion: 'v1',
      kind: 'Pod',
      name: pod.metadata.name ?? '',
      uid: pod.metadata.uid ?? '',
    };
    for (const claim of claimsFor(set, ordinal)) {
      const existing = this.claims.get(`${claim.metadata.namespace ?? ''}/${claim.metadata.name ?? ''}`);
      if (existing === undefined) continue;
      const refs = existing.metadata.ownerReferences ?? [];
      if (refs.some((r) => r.uid === ref.uid)) continue;
      this.client.update(
        PVCS,
        { ...existing, metadata: { ...existing.metadata, ownerReferences: [...refs, ref] } },
        undefined,
        cause,
      );
    }
  }
}
