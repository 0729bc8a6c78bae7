/**
 * Finding or creating a Deployment's new ReplicaSet (upstream's getNewReplicaSet): the one
 * whose template is the Deployment's. An existing one gets its annotations and revision
 * brought up to date (this is what makes a rollback, which puts an old template back, bump
 * the old ReplicaSet's revision); a missing one is created as `<deployment>-<hash>`.
 */
import { controllerRefTo } from './claim';
import { getCondition, hasProgressDeadline, newCondition, setCondition } from './conditions';
import { controllerOf, hasReason, isNamespaceTerminating, type SyncContext } from './context';
import { computeHash } from './hash';
import { newRSNewReplicas } from './replicas';
import { maxRevision, setDeploymentRevision, setNewReplicaSetAnnotations } from './revision';
import { equalIgnoreHash, findNewReplicaSet, findOldReplicaSets } from './template';
import { POD_TEMPLATE_HASH_LABEL, REVISION_ANNOTATION, Reason, clone } from './types';
import type { Deployment, DeploymentStatus, ReplicaSet } from './types';

/** The new ReplicaSet (null if it does not exist and may not be created) and all old ones. */
export interface ReplicaSets {
  newRS: ReplicaSet | null;
  oldRSs: ReplicaSet[];
}

function statusOf(d: Deployment): DeploymentStatus {
  return (d.status ??= {});
}

/**
 * The new and old ReplicaSets, with the new one's revision set to one past the highest old
 * revision and the Deployment's revision following it.
 */
export function getAllReplicaSetsAndSyncRevision(
  s: SyncContext,
  d: Deployment,
  rsList: ReplicaSet[],
  createIfNotExisted: boolean,
): ReplicaSets {
  const oldRSs = findOldReplicaSets(d, rsList);
  const newRS = getNewReplicaSet(s, d, rsList, oldRSs, createIfNotExisted);
  return { newRS, oldRSs };
}

function syncExisting(s: SyncContext, d: Deployment, existing: ReplicaSet, newRevision: string): ReplicaSet {
  const rs = clone(existing);
  const annotationsUpdated = setNewReplicaSetAnnotations(d, rs, newRevision, true);
  if (annotationsUpdated || (rs.spec.minReadySeconds ?? 0) !== (d.spec.minReadySeconds ?? 0)) {
    rs.spec.minReadySeconds = d.spec.minReadySeconds;
    return s.updateReplicaSet(rs);
  }
  let needsUpdate = setDeploymentRevision(d, rs.metadata.annotations?.[REVISION_ANNOTATION] ?? '');
  if (hasProgressDeadline(d) && getCondition(d.status, 'Progressing') === undefined) {
    const message = `Found new replica set "${rs.metadata.name ?? ''}"`;
    setCondition(statusOf(d), newCondition('Progressing', 'True', Reason.FoundNewRS, message, s.timestamp()));
    needsUpdate = true;
  }
  if (needsUpdate) s.updateDeploymentStatus(d);
  return rs;
}

/** The ReplicaSet a Deployment would create for its current template. */
function newReplicaSetFor(d: Deployment): ReplicaSet {
  const template = clone(d.spec.template);
  const hash = computeHash(template, d.status?.collisionCount);
  const labels = { ...(template.metadata?.labels ?? {}), [POD_TEMPLATE_HASH_LABEL]: hash };
  template.metadata = { ...(template.metadata ?? {}), labels };
  const selector = clone(d.spec.selector);
  selector.matchLabels = { ...(selector.matchLabels ?? {}), [POD_TEMPLATE_HASH_LABEL]: hash };
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name: `${d.metadata.name ?? ''}-${hash}`,
      namespace: d.metadata.namespace,
      ownerReferences: [controllerRefTo(d)],
      labels: { ...labels },
    },
    spec: {
      replicas: 0,
      ...(d.spec.minReadySeconds === undefined ? {} : { minReadySeconds: d.spec.minReadySeconds }),
      selector,
      template,
    },
  };
}

function getNewReplicaSet(
  s: SyncContext,
  d: Deployment,
  rsList: ReplicaSet[],
  oldRSs: ReplicaSet[],
  createIfNotExisted: boolean,
): ReplicaSet | null {
  const existing = findNewReplicaSet(d, rsList);
  const newRevision = String(maxRevision(oldRSs) + 1);
  if (existing !== null) return syncExisting(s, d, existing, newRevision);
  if (!createIfNotExisted) return null;

  const newRS = newReplicaSetFor(d);
  const name = newRS.metadata.name ?? '';
  const replicas = newRSNewReplicas(d, [...oldRSs, newRS], newRS);
  newRS.spec.replicas = replicas;
  setNewReplicaSetAnnotations(d, newRS, newRevision, false);
  let created: ReplicaSet;
  let alreadyExists = false;
  try {
    created = s.createReplicaSet(newRS);
  } catch (error) {
    if (hasReason(error, 'AlreadyExists')) {
      // A slow cache, or a hash collision with a ReplicaSet that is not ours.
      alreadyExists = true;
      const rs = s.env.replicaSets.get(`${d.metadata.namespace ?? ''}/${name}`);
      if (rs === undefined) throw new Error(`replicaset.apps "${name}" not found`, { cause: error });
      if (controllerOf(rs)?.uid === d.metadata.uid && equalIgnoreHash(d.spec.template, rs.spec.template)) {
        created = rs;
      } else {
        const status = statusOf(d);
        status.collisionCount = (status.collisionCount ?? 0) + 1;
        try {
          s.updateDeploymentStatus(d);
        } catch {
          // requeued by the error below either way
        }
        throw error;
      }
    } else if (isNamespaceTerminating(error)) {
      throw error;
    } else {
      const message = `Failed to create new replica set "${name}": ${error instanceof Error ? error.message : String(error)}`;
      if (hasProgressDeadline(d)) {
        setCondition(
          statusOf(d),
          newCondition('Progressing', 'False', Reason.FailedRSCreate, message, s.timestamp()),
        );
        try {
          s.updateDeploymentStatus(d);
        } catch {
          // the bigger problem is reported below
        }
      }
      s.event(d, 'Warning', Reason.FailedRSCreate, message);
      throw error;
    }
  }
  if (!alreadyExists && replicas > 0)
    s.event(
      d,
      'Normal',
      'ScalingReplicaSet',
      `Scaled up replica set ${created.metadata.name ?? ''} from 0 to ${replicas}`,
    );
  let needsUpdate = setDeploymentRevision(d, newRevision);
  if (!alreadyExists && hasProgressDeadline(d)) {
    const message = `Created new replica set "${created.metadata.name ?? ''}"`;
    setCondition(
      statusOf(d),
      newCondition('Progressing', 'True', Reason.NewReplicaSet, message, s.timestamp()),
    );
    needsUpdate = true;
  }
  if (needsUpdate) s.updateDeploymentStatus(d);
  return created;
}
