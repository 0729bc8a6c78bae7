/**
 * The shapes the Deployment controller works with, and the names upstream gives to its
 * annotations, labels and condition reasons (pkg/controller/deployment/util).
 */
import type {
  DeploymentCondition,
  DeploymentSpec,
  DeploymentStatus,
  ReplicaSetSpec,
  ReplicaSetStatus,
} from 'kubernetes-types/apps/v1';
import type { KubeObject } from '../../apiserver/types';

export type { DeploymentCondition, DeploymentStatus };

/** An apps/v1 Deployment as it comes from the apiserver (defaulted, so spec is set). */
export type Deployment = KubeObject & { spec: DeploymentSpec; status?: DeploymentStatus };

/** An apps/v1 ReplicaSet as it comes from the apiserver. */
export type ReplicaSet = KubeObject & { spec: ReplicaSetSpec; status?: Partial<ReplicaSetStatus> };

/** A Pod, as far as the Deployment controller looks at it. */
export type Pod = KubeObject & { status?: { phase?: string } };

/** The label that tells a Deployment's ReplicaSets (and their pods) apart. */
export const POD_TEMPLATE_HASH_LABEL = 'pod-template-hash';

/** The rollout sequence number of a ReplicaSet (and of its Deployment). */
export const REVISION_ANNOTATION = 'deployment.kubernetes.io/revision';
/** Older revisions a ReplicaSet served before a rollback made it new again. */
export const REVISION_HISTORY_ANNOTATION = 'deployment.kubernetes.io/revision-history';
/** The Deployment's replicas when the ReplicaSet was last scaled. */
export const DESIRED_REPLICAS_ANNOTATION = 'deployment.kubernetes.io/desired-replicas';
/** The Deployment's replicas plus max surge when the ReplicaSet was last scaled. */
export const MAX_REPLICAS_ANNOTATION = 'deployment.kubernetes.io/max-replicas';
/** What `kubectl apply` records; never copied to ReplicaSets. */
export const LAST_APPLIED_ANNOTATION = 'kubectl.kubernetes.io/last-applied-configuration';
/** The round-tripped `spec.rollbackTo` of the removed extensions/v1beta1 API. */
export const DEPRECATED_ROLLBACK_TO_ANNOTATION = 'deprecated.deployment.rollback.to';

/** Deployment annotations that are not copied to (or back from) ReplicaSets. */
export const ANNOTATIONS_TO_SKIP: ReadonlySet<string> = new Set([
  LAST_APPLIED_ANNOTATION,
  REVISION_ANNOTATION,
  REVISION_HISTORY_ANNOTATION,
  DESIRED_REPLICAS_ANNOTATION,
  MAX_REPLICAS_ANNOTATION,
  DEPRECATED_ROLLBACK_TO_ANNOTATION,
]);

/** Condition reasons, as upstream spells them. */
export const Reason = {
  ReplicaSetUpdated: 'ReplicaSetUpdated',
  FailedRSCreate: 'ReplicaSetCreateError',
  NewReplicaSet: 'NewReplicaSetCreated',
  FoundNewRS: 'FoundNewReplicaSet',
  NewRSAvailable: 'NewReplicaSetAvailable',
  TimedOut: 'ProgressDeadlineExceeded',
  Paused: 'DeploymentPaused',
  Resumed: 'DeploymentResumed',
  MinimumReplicasAvailable: 'MinimumReplicasAvailable',
  MinimumReplicasUnavailable: 'MinimumReplicasUnavailable',
} as const;

/** Event reasons of rollbacks through the deprecated rollbackTo annotation. */
export const RollbackReason = {
  RevisionNotFound: 'DeploymentRollbackRevisionNotFound',
  TemplateUnchanged: 'DeploymentRollbackTemplateUnchanged',
  Done: 'DeploymentRollback',
} as const;

/** A deep copy of a JSON value (what Go's DeepCopy gives the controller to mutate). */
export function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** `namespace/name` of a Deployment, its work-queue key. */
export function keyOf(obj: KubeObject): string {
  return `${obj.metadata.namespace ?? ''}/${obj.metadata.name ?? ''}`;
}

/** spec.replicas (defaulted by the apiserver; 1 if somehow absent). */
export function replicasOf(obj: { spec: { replicas?: number } }): number {
  return obj.spec.replicas ?? 1;
}
