/**
 * Which ReplicaSets and Pods belong to a Deployment (upstream's ControllerRefManager and the
 * lookups around it): a ReplicaSet belongs to the Deployment its controller ownerReference
 * names. Orphans that match a Deployment's selector are adopted; owned ReplicaSets that no
 * longer match are released.
 */
import type { OwnerReference } from 'kubernetes-types/meta/v1';
import { ApiError } from '../../apiserver/status';
import type { Lister } from '../../client/cache';
import { controllerOf, type SyncContext } from './context';
import { selects } from './template';
import type { Deployment, Pod, ReplicaSet } from './types';

/** The controller ownerReference a Deployment puts on its ReplicaSets. */
export function controllerRefTo(d: Deployment): OwnerReference {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    name: d.metadata.name ?? '',
    uid: d.metadata.uid ?? '',
    controller: true,
    blockOwnerDeletion: true,
  };
}

/** The Deployment a controller ownerReference points to, if it still exists with that uid. */
export function resolveControllerRef(
  deployments: Lister<Deployment>,
  namespace: string,
  ref: OwnerReference | undefined,
): Deployment | undefined {
  if (ref === undefined || ref.kind !== 'Deployment') return undefined;
  const d = deployments.get(`${namespace}/${ref.name}`);
  return d?.metadata.uid === ref.uid ? d : undefined;
}

/** Deployments whose selector matches an (orphan) ReplicaSet's labels. */
export function deploymentsForReplicaSet(deployments: Lister<Deployment>, rs: ReplicaSet): Deployment[] {
  if (Object.keys(rs.metadata.labels ?? {}).length === 0) return [];
  return deployments.byNamespace(rs.metadata.namespace ?? '').filter((d) => selects(d, rs.metadata.labels));
}

/** The ReplicaSets a Deployment controls and selects (no adoption or release). */
export function ownedReplicaSets(d: Deployment, replicaSets: ReplicaSet[]): ReplicaSet[] {
  return replicaSets.filter(
    (rs) => selects(d, rs.metadata.labels) && controllerOf(rs)?.uid === d.metadata.uid,
  );
}

function ignorable(error: unknown, codes: number[]): boolean {
  return error instanceof ApiError && codes.includes(error.code);
}

/**
 * ClaimReplicaSets: the ReplicaSets the Deployment should manage, adopting matching orphans
 * and releasing owned ones that stopped matching. Before the first adoption the Deployment
 * is re-read from the apiserver, so one that was just deleted adopts nothing.
 */
export function claimReplicaSets(s: SyncContext, d: Deployment, all: ReplicaSet[]): ReplicaSet[] {
  const uid = d.metadata.uid;
  const namespace = d.metadata.namespace ?? '';
  const deleting = d.metadata.deletionTimestamp !== undefined;
  let adoptable: Error | null | undefined;
  const canAdopt = () => {
    if (adoptable === undefined) {
      adoptable = null;
      const fresh = s.getDeployment(namespace, d.metadata.name ?? '');
      if (fresh.metadata.uid !== uid)
        adoptable = new Error(
          `original Deployment ${namespace}/${d.metadata.name ?? ''} is gone: got uid ${fresh.metadata.uid ?? ''}, wanted ${uid ?? ''}`,
        );
      else if (fresh.metadata.deletionTimestamp !== undefined)
        adoptable = new Error(
          `${namespace}/${d.metadata.name ?? ''} has just been deleted at ${fresh.metadata.deletionTimestamp}`,
        );
    }
    if (adoptable !== null) throw adoptable;
  };
  const claimed: ReplicaSet[] = [];
  const errors: string[] = [];
  for (const rs of all) {
    const ref = controllerOf(rs);
    const owners = rs.metadata.ownerReferences ?? [];
    const matches = selects(d, rs.metadata.labels);
    try {
      if (ref !== undefined) {
        if (ref.uid !== uid) continue;
        if (matches) claimed.push(rs);
        else if (!deleting) {
          const kept = owners.filter((o) => o.uid !== uid);
          const patch = {
            metadata: {
              resourceVersion: rs.metadata.resourceVersion,
              ownerReferences: kept.length > 0 ? kept : null,
            },
          };
          try {
            s.patchReplicaSet(rs, patch);
          } catch (error) {
            if (!ignorable(error, [404, 422])) throw error;
          }
        }
        continue;
      }
      if (deleting || !matches || rs.metadata.deletionTimestamp !== undefined) continue;
      if (namespace !== '' && rs.metadata.namespace !== namespace) continue;
      canAdopt();
      const patch = {
        metadata: {
          resourceVersion: rs.metadata.resourceVersion,
          ownerReferences: [...owners, controllerRefTo(d)],
        },
      };
      try {
        s.patchReplicaSet(rs, patch);
        claimed.push(rs);
      } catch (error) {
        if (!ignorable(error, [404])) throw error;
      }
    } catch (error) {
      errors.push(error instanceof Error ? error.message : String(error));
    }
  }
  if (errors.length > 0) throw new Error(errors.length === 1 ? errors[0] : `[${errors.join(', ')}]`);
  return claimed;
}

/**
 * The Deployment's Pods grouped by the uid of the ReplicaSet that controls them (every
 * ReplicaSet of `rsList` has an entry). Pods of any phase count: Recreate waits for all.
 */
export function podMapForDeployment(s: SyncContext, d: Deployment, rsList: ReplicaSet[]): Map<string, Pod[]> {
  const map = new Map<string, Pod[]>();
  for (const rs of rsList) map.set(rs.metadata.uid ?? '', []);
  for (const pod of s.podsIn(d.metadata.namespace ?? '')) {
    if (!selects(d, pod.metadata.labels)) continue;
    const ref = controllerOf(pod);
    if (ref !== undefined) map.get(ref.uid)?.push(pod);
  }
  return map;
}
