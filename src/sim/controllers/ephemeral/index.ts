/**
 * kube-controller-manager's ephemeral volume controller (`ephemeral-volume-controller`,
 * pkg/controller/volume/ephemeral): for every generic ephemeral volume of a pod
 * (`spec.volumes[].ephemeral.volumeClaimTemplate`) it creates the PersistentVolumeClaim
 * `<pod>-<volume>` from the template (its labels, annotations and spec), owned by the pod as
 * its controller with `blockOwnerDeletion`. From then on the claim is an ordinary one that
 * the scheduler, the PV controller, the provisioner and the kubelet treat as the volume's
 * claim; the garbage collector deletes it with the pod.
 *
 * A pod is enqueued when it is added (the pod spec is immutable, and deletion is the garbage
 * collector's business); when one of those claims is deleted while its pod lives on, the pod
 * is enqueued again and the claim recreated. A claim of that name that the pod does not own
 * is never adopted: the pod gets a `FailedBinding` warning and waits.
 */
import type { PersistentVolumeClaimTemplate } from 'kubernetes-types/core/v1';
import { objectKey } from '../../client/cache';
import { EventRecorder } from '../../client/events';
import type { ControllerDescriptor } from '../manager';
import { PODS, PVCS, podVolumeClaims, volumeIsForPod, type Claim, type PodObject } from '../pv-binder/types';

/** Whether the pod has a generic ephemeral volume and is not being deleted (enqueuePod). */
function wantsClaims(pod: PodObject): boolean {
  return pod.metadata.deletionTimestamp === undefined && podVolumeClaims(pod).some((c) => c.ephemeral);
}

/** The ephemeral volume controller. */
export const ephemeralVolume: ControllerDescriptor = {
  name: 'ephemeral-volume-controller',
  setup(ctx) {
    const pods = ctx.informers.informerFor<PodObject>(PODS);
    const claims = ctx.informers.informerFor<Claim>(PVCS);
    const recorder = new EventRecorder(ctx.kernel, ctx.client, 'ephemeral_volume');
    const decide = (summary: string, cause: number | null) =>
      ctx.kernel.trace.emit({
        from: ctx.client.id,
        to: ctx.client.id,
        kind: 'decision',
        summary: `ephemeral-volume: ${summary}`,
        causedBy: cause,
      }).id;

    /** handleVolume: the claim exists and is the pod's, or is created now; throws otherwise. */
    const ensureClaim = (
      pod: PodObject,
      name: string,
      template: PersistentVolumeClaimTemplate,
      cause: number | null,
    ) => {
      const ns = pod.metadata.namespace ?? '';
      const existing = claims.lister.get(`${ns}/${name}`);
      if (existing !== undefined) {
        const problem = volumeIsForPod(pod, existing);
        if (problem !== null) throw new Error(problem);
        return;
      }
      const step = decide(`pod ${objectKey(pod)} needs PVC ${ns}/${name}, creating it`, cause);
      const meta = template.metadata;
      try {
        ctx.client.create(
          PVCS,
          ns,
          {
            apiVersion: 'v1',
            kind: 'PersistentVolumeClaim',
            metadata: {
              name,
              ...(meta?.labels === undefined ? {} : { labels: { ...meta.labels } }),
              ...(meta?.annotations === undefined ? {} : { annotations: { ...meta.annotations } }),
              ownerReferences: [
                {
                  apiVersion: 'v1',
                  kind: 'Pod',
                  name: pod.metadata.name ?? '',
                  uid: pod.metadata.uid ?? '',
                  controller: true,
                  blockOwnerDeletion: true,
                },
              ],
            },
            spec: JSON.parse(JSON.stringify(template.spec ?? {})) as Claim['spec'],
          },
          step,
        );
      } catch (error) {
        throw new Error(`create PVC ${name}: ${error instanceof Error ? error.message : String(error)}`, {
          cause: error,
        });
      }
    };

    const controller = ctx.controller({
      name: 'ephemeral_volume',
      sync(key, cause) {
        const pod = pods.lister.get(key);
        if (pod === undefined || pod.metadata.deletionTimestamp !== undefined) return;
        for (const claim of podVolumeClaims(pod)) {
          const template = claim.volume.ephemeral?.volumeClaimTemplate;
          if (!claim.ephemeral || template === undefined) continue;
          try {
            ensureClaim(pod, claim.claimName, template, cause);
          } catch (error) {
            const why = error instanceof Error ? error.message : String(error);
            recorder.event(
              pod,
              'Warning',
              'FailedBinding',
              `ephemeral volume ${claim.volume.name}: ${why}`,
              cause,
            );
            throw new Error(`pod ${key}, ephemeral volume ${claim.volume.name}: ${why}`, { cause: error });
          }
        }
      },
    });

    pods.addHandlers({
      add: (pod, cause) => {
        if (wantsClaims(pod)) controller.queue.add(objectKey(pod), cause);
      },
    });
    // onPVCDelete: the pods whose ephemeral claim this was get it back.
    claims.addHandlers({
      delete: (claim, cause) => {
        for (const pod of pods.lister.byNamespace(claim.metadata.namespace ?? '')) {
          if (!wantsClaims(pod)) continue;
          const used = podVolumeClaims(pod).some((c) => c.ephemeral && c.claimName === claim.metadata.name);
          if (used) controller.queue.add(objectKey(pod), cause);
        }
      },
    });
  },
};
