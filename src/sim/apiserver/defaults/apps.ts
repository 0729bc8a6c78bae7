/**
 * Defaults for the `apps/v1` workloads: Deployment, ReplicaSet, StatefulSet and DaemonSet.
 * Each also defaults the pod spec in its template.
 */
import type { DaemonSet, Deployment, ReplicaSet, StatefulSet } from 'kubernetes-types/apps/v1';
import { defaultPodTemplateSpec } from './pod';
import { child, isEmptyString, isNil, present, records } from './util';
import { defaultClaim } from './volumes';

/** Old ReplicaSets / ControllerRevisions a workload keeps for rollbacks by default. */
export const DEFAULT_REVISION_HISTORY_LIMIT = 10;
/** Seconds a Deployment may make no progress before it is reported as failed. */
export const DEFAULT_PROGRESS_DEADLINE_SECONDS = 600;

/**
 * Deployment: one replica, a RollingUpdate strategy with 25% max surge and 25% max
 * unavailable, ten old ReplicaSets kept, a 600 s progress deadline.
 */
export function defaultDeployment(deployment: Deployment): void {
  const spec = child(deployment, 'spec');
  if (!spec) return;
  if (isNil(spec.replicas)) spec.replicas = 1;
  const strategy = child(spec, 'strategy');
  if (strategy) {
    if (isEmptyString(strategy.type)) strategy.type = 'RollingUpdate';
    if (strategy.type === 'RollingUpdate') {
      const rollingUpdate = child(strategy, 'rollingUpdate');
      if (rollingUpdate) {
        if (isNil(rollingUpdate.maxUnavailable)) rollingUpdate.maxUnavailable = '25%';
        if (isNil(rollingUpdate.maxSurge)) rollingUpdate.maxSurge = '25%';
      }
    }
  }
  if (isNil(spec.revisionHistoryLimit)) spec.revisionHistoryLimit = DEFAULT_REVISION_HISTORY_LIMIT;
  if (isNil(spec.progressDeadlineSeconds)) spec.progressDeadlineSeconds = DEFAULT_PROGRESS_DEADLINE_SECONDS;
  const template = child(spec, 'template');
  if (template) defaultPodTemplateSpec(template);
}

/** ReplicaSet: one replica (it keeps no revision history of its own). */
export function defaultReplicaSet(replicaSet: ReplicaSet): void {
  const spec = child(replicaSet, 'spec');
  if (!spec) return;
  if (isNil(spec.replicas)) spec.replicas = 1;
  const template = child(spec, 'template');
  if (template) defaultPodTemplateSpec(template);
}

/**
 * StatefulSet: one replica, `OrderedReady` pod management, a RollingUpdate strategy with
 * partition 0, ten revisions kept, claims retained on delete and scale-down, and the
 * claim templates defaulted as claims. A strategy given as `RollingUpdate` without a
 * `rollingUpdate` block stays without one, as upstream leaves it.
 */
export function defaultStatefulSet(statefulSet: StatefulSet): void {
  const spec = child(statefulSet, 'spec');
  if (!spec) return;
  if (isEmptyString(spec.podManagementPolicy)) spec.podManagementPolicy = 'OrderedReady';
  const strategy = child(spec, 'updateStrategy');
  if (strategy) {
    if (isEmptyString(strategy.type)) {
      strategy.type = 'RollingUpdate';
      if (isNil(strategy.rollingUpdate)) strategy.rollingUpdate = {};
    }
    const rollingUpdate = present(strategy, 'rollingUpdate');
    if (strategy.type === 'RollingUpdate' && rollingUpdate && isNil(rollingUpdate.partition)) {
      rollingUpdate.partition = 0;
    }
  }
  const retention = child(spec, 'persistentVolumeClaimRetentionPolicy');
  if (retention) {
    if (isEmptyString(retention.whenDeleted)) retention.whenDeleted = 'Retain';
    if (isEmptyString(retention.whenScaled)) retention.whenScaled = 'Retain';
  }
  if (isNil(spec.replicas)) spec.replicas = 1;
  if (isNil(spec.revisionHistoryLimit)) spec.revisionHistoryLimit = DEFAULT_REVISION_HISTORY_LIMIT;
  const template = child(spec, 'template');
  if (template) defaultPodTemplateSpec(template);
  for (const claim of records(spec.volumeClaimTemplates)) defaultClaim(claim);
}

/**
 * DaemonSet: a RollingUpdate strategy replacing one node's pod at a time (max unavailable
 * 1, max surge 0) and ten revisions kept.
 */
export function defaultDaemonSet(daemonSet: DaemonSet): void {
  const spec = child(daemonSet, 'spec');
  if (!spec) return;
  const strategy = child(spec, 'updateStrategy');
  if (strategy) {
    if (isEmptyString(strategy.type)) strategy.type = 'RollingUpdate';
    if (strategy.type === 'RollingUpdate') {
      const rollingUpdate = child(strategy, 'rollingUpdate');
      if (rollingUpdate) {
        if (isNil(rollingUpdate.maxUnavailable)) rollingUpdate.maxUnavailable = 1;
        if (isNil(rollingUpdate.maxSurge)) rollingUpdate.maxSurge = 0;
      }
    }
  }
  if (isNil(spec.revisionHistoryLimit)) spec.revisionHistoryLimit = DEFAULT_REVISION_HISTORY_LIMIT;
  const template = child(spec, 'template');
  if (template) defaultPodTemplateSpec(template);
}
