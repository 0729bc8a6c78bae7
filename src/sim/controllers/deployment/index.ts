/**
 * kube-controller-manager's Deployment controller (`deployment-controller`, upstream's
 * pkg/controller/deployment): rolls Deployments out through ReplicaSets.
 *
 * It watches Deployments, ReplicaSets and Pods. A Deployment's key is queued when it changes,
 * when a ReplicaSet it controls (or an orphan its selector matches) changes, and, for
 * Recreate, when its last pod is deleted. Each sync creates the new ReplicaSet
 * `<name>-<pod-template-hash>`, scales new and old ReplicaSets by the strategy (RollingUpdate
 * within maxSurge/maxUnavailable, or Recreate), scales proportionally on a resize during a
 * rollout, deletes old ReplicaSets beyond revisionHistoryLimit, and writes the status and
 * conditions `kubectl rollout status` reads. Events come from `deployment-controller`; every
 * request names the trace step that caused the sync.
 */
import { EventRecorder } from '../../client/events';
import type { ControllerDescriptor } from '../manager';
import { deploymentsForReplicaSet, ownedReplicaSets, resolveControllerRef } from './claim';
import {
  DEPLOYMENTS,
  PODS,
  REPLICASETS,
  controllerOf,
  isNamespaceTerminating,
  type ControllerEnv,
} from './context';
import { syncDeployment } from './controller';
import { selects } from './template';
import { keyOf } from './types';
import type { Deployment, Pod, ReplicaSet } from './types';

/** Upstream's --concurrent-deployment-syncs default. */
const WORKERS = 5;

/** The Deployment controller, as kube-controller-manager registers it. */
export const deployment: ControllerDescriptor = {
  name: 'deployment-controller',
  setup(ctx) {
    const deployments = ctx.informers.informerFor<Deployment>(DEPLOYMENTS);
    const replicaSets = ctx.informers.informerFor<ReplicaSet>(REPLICASETS);
    const pods = ctx.informers.informerFor<Pod>(PODS);
    const controller = ctx.controller({
      name: 'deployment',
      workers: WORKERS,
      sync(key, cause) {
        try {
          syncDeployment(env, key, cause);
        } catch (error) {
          // Creates in a terminating namespace will all fail: nothing to retry.
          if (!isNamespaceTerminating(error)) throw error;
        }
      },
    });
    const queue = controller.queue;
    const env: ControllerEnv = {
      kernel: ctx.kernel,
      client: ctx.client,
      recorder: new EventRecorder(ctx.kernel, ctx.client, 'deployment-controller'),
      deployments: deployments.lister,
      replicaSets: replicaSets.lister,
      pods: pods.lister,
      enqueueAfter: (key, delayMs, cause) => queue.addAfter(key, delayMs, cause),
      enqueueRateLimited: (key, cause) => queue.addRateLimited(key, cause),
    };
    const enqueue = (d: Deployment | undefined, cause: number | null) => {
      if (d !== undefined) queue.add(keyOf(d), cause);
    };
    const ownerOf = (rs: ReplicaSet, ref = controllerOf(rs)) =>
      resolveControllerRef(deployments.lister, rs.metadata.namespace ?? '', ref);

    deployments.addHandlers({
      add: enqueue,
      update: (_old, d, cause) => enqueue(d, cause),
      delete: enqueue,
    });

    const replicaSetDeleted = (rs: ReplicaSet, cause: number | null) => enqueue(ownerOf(rs), cause);
    replicaSets.addHandlers({
      add(rs, cause) {
        if (rs.metadata.deletionTimestamp !== undefined) return replicaSetDeleted(rs, cause);
        if (controllerOf(rs) !== undefined) return enqueue(ownerOf(rs), cause);
        // An orphan: the Deployments that select it may want to adopt it.
        for (const d of deploymentsForReplicaSet(deployments.lister, rs)) enqueue(d, cause);
      },
      update(old, rs, cause) {
        if (old.metadata.resourceVersion === rs.metadata.resourceVersion) return; // a resync
        const [oldRef, ref] = [controllerOf(old), controllerOf(rs)];
        const refChanged = JSON.stringify(oldRef ?? null) !== JSON.stringify(ref ?? null);
        if (refChanged && oldRef !== undefined) enqueue(ownerOf(old, oldRef), cause);
        if (ref !== undefined) return enqueue(ownerOf(rs, ref), cause);
        const labelsChanged =
          JSON.stringify(old.metadata.labels ?? {}) !== JSON.stringify(rs.metadata.labels ?? {});
        if (labelsChanged || refChanged)
          for (const d of deploymentsForReplicaSet(deployments.lister, rs)) enqueue(d, cause);
      },
      delete: replicaSetDeleted,
    });

    pods.addHandlers({
      // A Recreate rollout waits for the old pods to be gone: wake it when the last one is.
      delete(pod, cause) {
        const ref = controllerOf(pod);
        if (ref === undefined || ref.kind !== 'ReplicaSet') return;
        const rs = replicaSets.lister.get(`${pod.metadata.namespace ?? ''}/${ref.name}`);
        if (rs === undefined || rs.metadata.uid !== ref.uid) return;
        const d = ownerOf(rs);
        if (d === undefined || d.spec.strategy?.type !== 'Recreate') return;
        // Upstream lists the ReplicaSets with a live LIST here; the cache says the same.
        const uids = new Set<string | undefined>(
          ownedReplicaSets(d, replicaSets.lister.byNamespace(d.metadata.namespace ?? '')).map(
            (r) => r.metadata.uid,
          ),
        );
        const remaining = pods.lister
          .byNamespace(d.metadata.namespace ?? '')
          .filter((p) => selects(d, p.metadata.labels) && uids.has(controllerOf(p)?.uid));
        if (remaining.length === 0) enqueue(d, cause);
      },
    });
  },
};
