/**
 * kube-controller-manager's PVC protection controller
 * (`persistentvolumeclaim-protection-controller`, pkg/controller/volume/pvcprotection): a
 * claim being deleted keeps its `kubernetes.io/pvc-protection` finalizer while a scheduled
 * pod uses it, so `kubectl delete pvc` leaves it Terminating until the pod is gone. Claims
 * created before the admission plugin get the finalizer from here.
 *
 * A claim is enqueued when it changes, and when a pod that could release it (deleted,
 * finished, or not scheduled) changes. The informer is asked first; only when it knows of no
 * user does a live list of the namespace's pods make sure none is missing from the cache.
 */
import { PVC_PROTECTION_FINALIZER } from '../../apiserver/storage-protection-admission';
import type { KubeObject } from '../../apiserver/types';
import { objectKey } from '../../client/cache';
import type { ControllerDescriptor } from '../manager';
import {
  PODS,
  PVCS,
  isPodTerminated,
  podClaimNames,
  podVolumeClaims,
  volumeIsForPod,
  type Claim,
  type PodObject,
} from '../pv-binder/types';

/** protectionutil.IsDeletionCandidate: being deleted and still holding the finalizer. */
export function isDeletionCandidate(obj: KubeObject, finalizer: string): boolean {
  return obj.metadata.deletionTimestamp !== undefined && (obj.metadata.finalizers ?? []).includes(finalizer);
}

/** protectionutil.NeedToAddFinalizer: not being deleted and missing the finalizer. */
export function needToAddFinalizer(obj: KubeObject, finalizer: string): boolean {
  return obj.metadata.deletionTimestamp === undefined && !(obj.metadata.finalizers ?? []).includes(finalizer);
}

/**
 * podUsesPVC: a scheduled pod with a volume from the claim (kubelet refuses unscheduled ones
 * later); for a generic ephemeral volume, only while the pod runs and owns the claim.
 */
function podUsesClaim(pod: PodObject, claim: Claim): boolean {
  if ((pod.spec?.nodeName ?? '') === '') return false;
  return podVolumeClaims(pod).some(
    (c) =>
      c.claimName === claim.metadata.name &&
      (!c.ephemeral || (!isPodTerminated(pod) && volumeIsForPod(pod, claim) === null)),
  );
}

/** The PVC protection controller. */
export const pvcProtection: ControllerDescriptor = {
  name: 'persistentvolumeclaim-protection-controller',
  setup(ctx) {
    const claims = ctx.informers.informerFor<Claim>(PVCS);
    const pods = ctx.informers.informerFor<PodObject>(PODS);
    const decide = (summary: string, cause: number | null) =>
      ctx.kernel.trace.emit({
        from: ctx.client.id,
        to: ctx.client.id,
        kind: 'decision',
        summary: `pvc-protection: ${summary}`,
        causedBy: cause,
      }).id;

    const isBeingUsed = (claim: Claim, cause: number | null): boolean => {
      const ns = claim.metadata.namespace ?? '';
      if (pods.lister.byNamespace(ns).some((p) => podUsesClaim(p, claim))) return true;
      return ctx.client.list<PodObject>(PODS, ns, {}, cause).items.some((p) => podUsesClaim(p, claim));
    };

    const setFinalizers = (claim: Claim, finalizers: string[], cause: number | null) => {
      ctx.client.update(PVCS, { ...claim, metadata: { ...claim.metadata, finalizers } }, undefined, cause);
    };

    const controller = ctx.controller({
      name: 'pvcprotection',
      sync(key, cause) {
        const claim = claims.lister.get(key);
        if (claim === undefined) return;
        const finalizers = claim.metadata.finalizers ?? [];
        if (isDeletionCandidate(claim, PVC_PROTECTION_FINALIZER)) {
          if (!isBeingUsed(claim, cause)) {
            const step = decide(`claim ${key} is unused, removing ${PVC_PROTECTION_FINALIZER}`, cause);
            return setFinalizers(
              claim,
              finalizers.filter((f) => f !== PVC_PROTECTION_FINALIZER),
              step,
            );
          }
          decide(`keeping claim ${key} because it is being used`, cause);
        }
        if (needToAddFinalizer(claim, PVC_PROTECTION_FINALIZER))
          setFinalizers(claim, [...finalizers, PVC_PROTECTION_FINALIZER], cause);
      },
    });

    const claimChanged = (claim: Claim, cause: number | null) => {
      if (
        needToAddFinalizer(claim, PVC_PROTECTION_FINALIZER) ||
        isDeletionCandidate(claim, PVC_PROTECTION_FINALIZER)
      )
        controller.queue.add(objectKey(claim), cause);
    };
    claims.addHandlers({ add: claimChanged, update: (_old, claim, cause) => claimChanged(claim, cause) });

    /** enqueuePVCs: only pods that may have stopped holding their claims matter. */
    const enqueueClaims = (pod: PodObject, deleted: boolean, cause: number | null) => {
      if (!deleted && !isPodTerminated(pod) && (pod.spec?.nodeName ?? '') !== '') return;
      const ns = pod.metadata.namespace ?? '';
      for (const name of podClaimNames(pod)) controller.queue.add(`${ns}/${name}`, cause);
    };
    pods.addHandlers({
      add: (pod, cause) => enqueueClaims(pod, false, cause),
      update: (old, pod, cause) => {
        enqueueClaims(pod, false, cause);
        // An update may hide the deletion of one pod and the creation of another of that name.
        if (old.metadata.uid !== pod.metadata.uid) enqueueClaims(old, true, cause);
      },
      delete: (pod, cause) => enqueueClaims(pod, true, cause),
    });
  },
};
