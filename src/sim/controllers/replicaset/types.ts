/**
 * The objects the ReplicaSet controller works on, and the one view of them it reasons with.
 * Upstream runs ReplicationControllers through the ReplicaSet code by converting them to
 * ReplicaSets on the way in and out; here a {@link WorkloadKind} reads either kind into a
 * {@link Replicated} view, and the controller writes back to the original object.
 */
import type { ReplicaSetCondition, ReplicaSetStatus } from 'kubernetes-types/apps/v1';
import type { PodSpec, PodStatus, PodTemplateSpec } from 'kubernetes-types/core/v1';
import type { LabelSelector as ApiLabelSelector } from 'kubernetes-types/meta/v1';
import { findResource, type ResourceInfo } from '../../apiserver/resources';
import type { LabelRequirement, LabelSelector } from '../../apiserver/selectors';
import type { KubeObject } from '../../apiserver/types';

/** A Pod as the informer delivers it. */
export type PodObject = KubeObject & { spec?: PodSpec; status?: PodStatus };

/** A ReplicaSet or a ReplicationController as the informer delivers it. */
export type WorkloadObject = KubeObject & { spec?: Record<string, unknown>; status?: ReplicaSetStatus };

/** The status the controller computes (the same shape for both kinds). */
export type ReplicatedStatus = ReplicaSetStatus;
export type ReplicatedCondition = ReplicaSetCondition;

/** A ReplicaSet or ReplicationController, read as a ReplicaSet. */
export interface Replicated {
  readonly obj: WorkloadObject;
  readonly name: string;
  readonly namespace: string;
  readonly uid: string;
  readonly generation: number;
  readonly deleting: boolean;
  /** spec.replicas (defaulted to 1 by the apiserver). */
  readonly replicas: number;
  readonly minReadySeconds: number;
  /** The pod selector; null selects nothing (upstream's labels.Nothing()). */
  readonly selector: LabelSelector | null;
  readonly template: PodTemplateSpec | undefined;
  readonly status: ReplicatedStatus;
}

/** What differs between the ReplicaSet and the ReplicationController controllers. */
export interface WorkloadKind {
  readonly resource: ResourceInfo;
  readonly apiVersion: string;
  readonly kind: string;
  /** The event source component (`replicaset-controller`, `replication-controller`). */
  readonly component: string;
  /** The work queue's name, as upstream names it. */
  readonly queueName: string;
  /** The prefix of this controller's decision steps in the trace. */
  readonly label: string;
  /** The controller's pod selector, converted to label requirements. */
  selectorOf(spec: Record<string, unknown>): LabelSelector | null;
}

function resource(group: string, version: string, plural: string): ResourceInfo {
  const r = findResource(group, version, plural);
  if (r === undefined) throw new Error(`no resource ${group}/${version} ${plural}`);
  return r;
}

export const PODS = resource('', 'v1', 'pods');

/**
 * metav1.LabelSelectorAsSelector: matchLabels and matchExpressions as requirements; a missing
 * selector selects nothing, an empty one everything.
 */
export function selectorFromApi(selector: ApiLabelSelector | undefined): LabelSelector | null {
  if (selector === undefined) return null;
  const requirements: LabelRequirement[] = Object.entries(selector.matchLabels ?? {}).map(([key, value]) => ({
    key,
    op: 'in',
    values: [value],
  }));
  for (const e of selector.matchExpressions ?? []) {
    switch (e.operator) {
      case 'In':
        requirements.push({ key: e.key, op: 'in', values: e.values ?? [] });
        break;
      case 'NotIn':
        requirements.push({ key: e.key, op: 'notin', values: e.values ?? [] });
        break;
      case 'Exists':
        requirements.push({ key: e.key, op: 'exists' });
        break;
      case 'DoesNotExist':
        requirements.push({ key: e.key, op: '!' });
        break;
      default:
        return null;
    }
  }
  return requirements;
}

/** The ReplicaSet controller's kind. */
export const REPLICA_SET: WorkloadKind = {
  resource: resource('apps', 'v1', 'replicasets'),
  apiVersion: 'apps/v1',
  kind: 'ReplicaSet',
  component: 'replicaset-controller',
  queueName: 'replicaset',
  label: 'replicaset',
  selectorOf: (spec) => selectorFromApi(spec.selector as ApiLabelSelector | undefined),
};

/** The ReplicationController controller's kind: its selector is a plain label map. */
export const REPLICATION_CONTROLLER: WorkloadKind = {
  resource: resource('', 'v1', 'replicationcontrollers'),
  apiVersion: 'v1',
  kind: 'ReplicationController',
  component: 'replication-controller',
  queueName: 'replicationmanager',
  label: 'replicationcontroller',
  selectorOf: (spec) => {
    const labels = spec.selector as Record<string, string> | undefined;
    return labels === undefined ? null : selectorFromApi({ matchLabels: labels });
  },
};

/** Reads a ReplicaSet or ReplicationController as upstream's converted ReplicaSet. */
export function readWorkload(kind: WorkloadKind, obj: WorkloadObject): Replicated {
  const spec = obj.spec ?? {};
  return {
    obj,
    name: obj.metadata.name ?? '',
    namespace: obj.metadata.namespace ?? '',
    uid: obj.metadata.uid ?? '',
    generation: obj.metadata.generation ?? 0,
    deleting: obj.metadata.deletionTimestamp !== undefined && obj.metadata.deletionTimestamp !== null,
    replicas: typeof spec.replicas === 'number' ? spec.replicas : 1,
    minReadySeconds: typeof spec.minReadySeconds === 'number' ? spec.minReadySeconds : 0,
    selector: kind.selectorOf(spec),
    template: spec.template as PodTemplateSpec | undefined,
    status: obj.status ?? { replicas: 0 },
  };
}
