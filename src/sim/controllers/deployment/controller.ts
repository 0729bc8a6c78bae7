/**
 * One sync of one Deployment (upstream's syncDeployment): claim its ReplicaSets, then,
 * depending on its state, only update the status (being deleted), scale (paused, or a
 * scaling event), roll back (deprecated annotation), or take one step of its strategy.
 */
import { claimReplicaSets, podMapForDeployment } from './claim';
import { SyncContext, type ControllerEnv } from './context';
import { rolloutRecreate } from './recreate';
import { rollback, getRollbackTo } from './rollback';
import { rolloutRolling } from './rolling';
import { checkPausedConditions, isScalingEvent, sync, syncStatusOnly } from './sync';
import { clone } from './types';
import type { Deployment } from './types';

function selectsEverything(d: Deployment): boolean {
  const selector = d.spec.selector as unknown;
  return typeof selector === 'object' && selector !== null && Object.keys(selector).length === 0;
}

/** Reconciles the Deployment with key `namespace/name`; throws to be retried. */
export function syncDeployment(env: ControllerEnv, key: string, cause: number | null): void {
  const cached = env.deployments.get(key);
  if (cached === undefined) return; // deleted: its ReplicaSets go with the garbage collector
  const d = clone(cached);
  const s = new SyncContext(env, cause);

  if (selectsEverything(d)) {
    s.event(
      d,
      'Warning',
      'SelectingAll',
      'This deployment is selecting all pods. A non-empty selector is required.',
    );
    if ((d.status?.observedGeneration ?? 0) < (d.metadata.generation ?? 0)) {
      (d.status ??= {}).observedGeneration = d.metadata.generation;
      try {
        s.updateDeploymentStatus(d);
      } catch {
        // upstream ignores this error too
      }
    }
    return;
  }

  const rsList = claimReplicaSets(s, d, s.replicaSetsIn(d.metadata.namespace ?? ''));
  const podMap = podMapForDeployment(s, d, rsList);
  if (d.metadata.deletionTimestamp !== undefined) return syncStatusOnly(s, d, rsList);

  checkPausedConditions(s, d);
  if (d.spec.paused === true) return sync(s, d, rsList);
  // A rollback rewrites the template: finish it before touching ReplicaSets.
  if (getRollbackTo(d) !== null) return rollback(s, d, rsList);
  if (isScalingEvent(s, d, rsList)) return sync(s, d, rsList);

  switch (d.spec.strategy?.type) {
    case 'Recreate':
      return rolloutRecreate(s, d, rsList, podMap);
    case 'RollingUpdate':
      return rolloutRolling(s, d, rsList);
  }
  throw new Error(`unexpected deployment strategy type: ${d.spec.strategy?.type ?? ''}`);
}
