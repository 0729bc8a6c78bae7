/**
 * Rollback through the deprecated `deprecated.deployment.rollback.to` annotation (upstream's
 * rollback.go), which round-trips `spec.rollbackTo` of the removed extensions/v1beta1 API.
 * `kubectl rollout undo` (v1.32) does not use it: kubectl copies the old ReplicaSet's template
 * and annotations into the Deployment itself, and the controller then finds that ReplicaSet
 * as the new one and gives it the next revision (see newrs.ts). Kept for fidelity.
 */
import type { SyncContext } from './context';
import { getAllReplicaSetsAndSyncRevision } from './newrs';
import { lastRevision, revisionOf, setDeploymentAnnotationsTo } from './revision';
import { equalIgnoreHash, setFromReplicaSetTemplate } from './template';
import { DEPRECATED_ROLLBACK_TO_ANNOTATION, RollbackReason } from './types';
import type { Deployment, ReplicaSet } from './types';

/** The revision the annotation asks to roll back to (0: the previous one), or null. */
export function getRollbackTo(d: Deployment): number | null {
  const v = d.metadata.annotations?.[DEPRECATED_ROLLBACK_TO_ANNOTATION];
  if (v === undefined || v === '' || !/^[+-]?\d+$/.test(v)) return null;
  return Number(v);
}

function updateDeploymentAndClearRollbackTo(s: SyncContext, d: Deployment): void {
  if (d.metadata.annotations !== undefined) delete d.metadata.annotations[DEPRECATED_ROLLBACK_TO_ANNOTATION];
  s.updateDeployment(d);
}

function rollbackToTemplate(s: SyncContext, d: Deployment, rs: ReplicaSet): boolean {
  let performed = false;
  if (!equalIgnoreHash(d.spec.template, rs.spec.template)) {
    setFromReplicaSetTemplate(d, rs);
    // The Deployment takes the old ReplicaSet's annotations (its change-cause, say) too.
    setDeploymentAnnotationsTo(d, rs);
    performed = true;
  } else {
    const message = `The rollback revision contains the same template as current deployment "${d.metadata.name ?? ''}"`;
    s.event(d, 'Warning', RollbackReason.TemplateUnchanged, message);
  }
  updateDeploymentAndClearRollbackTo(s, d);
  return performed;
}

/** Rolls the Deployment back to the annotated revision; clears the annotation in any case. */
export function rollback(s: SyncContext, d: Deployment, rsList: ReplicaSet[]): void {
  const { newRS, oldRSs } = getAllReplicaSetsAndSyncRevision(s, d, rsList, true);
  const allRSs = [...oldRSs, ...(newRS === null ? [] : [newRS])];
  let revision = getRollbackTo(d) ?? 0;
  if (revision === 0) {
    revision = lastRevision(allRSs);
    if (revision === 0) {
      s.event(d, 'Warning', RollbackReason.RevisionNotFound, 'Unable to find last revision.');
      return updateDeploymentAndClearRollbackTo(s, d);
    }
  }
  const target = allRSs.find((rs) => revisionOf(rs) === revision);
  if (target !== undefined) {
    if (rollbackToTemplate(s, d, target)) {
      const message = `Rolled back deployment "${d.metadata.name ?? ''}" to revision ${revision}`;
      s.event(d, 'Normal', RollbackReason.Done, message);
    }
    return;
  }
  s.event(d, 'Warning', RollbackReason.RevisionNotFound, 'Unable to find the revision to rollback to.');
  updateDeploymentAndClearRollbackTo(s, d);
}
