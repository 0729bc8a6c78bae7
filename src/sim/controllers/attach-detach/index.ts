/**
 * kube-controller-manager's attach-detach controller (pkg/controller/volume/attachdetach)
 * for CSI volumes. Per node it compares the attachable volumes scheduled pods need
 * (desired.ts) with the VolumeAttachments that exist: a missing one is created (named
 * `csi-<sha256>` as the CSI attacher names it) for the driver's external attacher to act on;
 * once the attachment says attached, the pods get `SuccessfulAttachVolume` and the node's
 * `status.volumesAttached` lists the volume, which the kubelet waits for. An attachment that
 * reports an error gives the pods `FailedAttachVolume`; an exclusive volume attached to
 * another node gives the Multi-Attach error instead of a second attachment. A volume no pod
 * needs is detached (dropped from volumesAttached, its VolumeAttachment deleted) once the
 * kubelet no longer lists it in `volumesInUse`, or after 6 minutes regardless.
 */
import type { Node } from 'kubernetes-types/core/v1';
import type { CSIDriver, VolumeAttachment } from 'kubernetes-types/storage/v1';
import { findResource, type ResourceInfo } from '../../apiserver/resources';
import { ApiError } from '../../apiserver/status';
import type { KubeObject } from '../../apiserver/types';
import { EventRecorder } from '../../client/events';
import type { ControllerDescriptor } from '../manager';
import {
  CSI_DRIVERS,
  NODES,
  PODS,
  PVCS,
  PVS,
  type Claim,
  type PodObject,
  type Volume,
} from '../pv-binder/types';
import { CONTROLLER_MANAGED, claimOf, desiredForNode, type VolumeToAttach } from './desired';

const VOLUME_ATTACHMENTS = findResource('storage.k8s.io', 'v1', 'volumeattachments') as ResourceInfo;
/** maxWaitForUnmountDuration: detach anyway after this long. */
const MAX_WAIT_FOR_UNMOUNT_MS = 6 * 60_000;

type NodeObject = KubeObject & Node;
type Attachment = KubeObject & VolumeAttachment;

/** `Multi-Attach error for volume "pv" <why>`, as the reconciler words it for one pod. */
function multiAttachMessage(v: VolumeToAttach, pod: PodObject, users: readonly PodObject[]): string {
  if (users.length === 0)
    return `Multi-Attach error for volume "${v.pvName}" Volume is already exclusively attached to one node and can't be attached to another`;
  const local = users
    .filter((p) => p.metadata.namespace === pod.metadata.namespace)
    .map((p) => p.metadata.name);
  const others = users.length - local.length;
  let why = `Volume is already used by ${others} pod(s) in different namespaces`;
  if (local.length > 0)
    why = `Volume is already used by pod(s) ${local.join(', ')}${others > 0 ? ` and ${others} pod(s) in different namespaces` : ''}`;
  return `Multi-Attach error for volume "${v.pvName}" ${why}`;
}

/** The attach-detach controller. */
export const attachDetach: ControllerDescriptor = {
  name: 'attach-detach-controller',
  setup(ctx) {
    const pods = ctx.informers.informerFor<PodObject>(PODS);
    const nodes = ctx.informers.informerFor<NodeObject>(NODES);
    const claims = ctx.informers.informerFor<Claim>(PVCS);
    const volumes = ctx.informers.informerFor<Volume>(PVS);
    const drivers = ctx.informers.informerFor<KubeObject & CSIDriver>(CSI_DRIVERS);
    const attachments = ctx.informers.informerFor<Attachment>(VOLUME_ATTACHMENTS);
    const listers = {
      pods: pods.lister,
      claims: claims.lister,
      volumes: volumes.lister,
      drivers: drivers.lister,
    };
    const recorder = new EventRecorder(ctx.kernel, ctx.client, 'attachdetach-controller');
    /** Attachments whose success was announced, errors reported, multi-attach reported. */
    const announced = new Set<string>();
    const reportedErrors = new Map<string, string>();
    const multiAttachReported = new Set<string>();
    /** When an attachment stopped being needed, and the unique name it was attached as. */
    const undesiredSince = new Map<string, number>();
    const uniqueNames = new Map<string, string>();

    const attachmentsOn = (node: string) =>
      attachments.lister.list().filter((va) => va.spec?.nodeName === node);

    const attach = (v: VolumeToAttach, cause: number | null) => {
      uniqueNames.set(v.attachment, v.uniqueName);
      undesiredSince.delete(v.attachment);
      const va = attachments.lister.get(v.attachment);
      if (va === undefined) {
        const elsewhere = attachments.lister
          .list()
          .filter((a) => a.spec?.source?.persistentVolumeName === v.pvName && a.spec.nodeName !== v.node);
        if (v.exclusive && elsewhere.length > 0) {
          if (multiAttachReported.has(v.attachment)) return;
          multiAttachReported.add(v.attachment);
          const usesVolume = (p: PodObject) =>
            (p.spec?.volumes ?? []).some((x) => {
              const claim = claimOf({ claims: claims.lister }, p, x);
              const key = `${p.metadata.namespace ?? ''}/${claim ?? ''}`;
              return claim !== undefined && claims.lister.get(key)?.spec?.volumeName === v.pvName;
            });
          const users = pods.lister
            .list()
            .filter((p) => elsewhere.some((a) => a.spec?.nodeName === p.spec?.nodeName) && usesVolume(p));
          for (const pod of v.pods)
            recorder.event(pod, 'Warning', 'FailedAttachVolume', multiAttachMessage(v, pod, users), cause);
          return;
        }
        const body = {
          apiVersion: 'storage.k8s.io/v1',
          kind: 'VolumeAttachment',
          metadata: { name: v.attachment },
          spec: { attacher: v.driver, nodeName: v.node, source: { persistentVolumeName: v.pvName } },
        };
        try {
          ctx.client.create(VOLUME_ATTACHMENTS, null, body, cause);
        } catch (error) {
          if (!(error instanceof ApiError) || error.status.reason !== 'AlreadyExists') throw error;
        }
        return;
      }
      if (va.metadata.deletionTimestamp !== undefined) return;
      if (va.status?.attached === true) {
        if (announced.has(v.attachment)) return;
        announced.add(v.attachment);
        for (const pod of v.pods)
          recorder.event(
            pod,
            'Normal',
            'SuccessfulAttachVolume',
            `AttachVolume.Attach succeeded for volume "${v.pvName}" `,
            cause,
          );
        return;
      }
      const message = va.status?.attachError?.message;
      if (message === undefined || reportedErrors.get(v.attachment) === message) return;
      reportedErrors.set(v.attachment, message);
      for (const pod of v.pods)
        recorder.event(
          pod,
          'Warning',
          'FailedAttachVolume',
          `AttachVolume.Attach failed for volume "${v.pvName}" : ${message}`,
          cause,
        );
    };

    const controller = ctx.controller({
      name: 'attachdetach',
      sync(nodeName, cause) {
        const node = nodes.lister.get(nodeName);
        const managed = node?.metadata.annotations?.[CONTROLLER_MANAGED] === 'true';
        const desired = managed ? desiredForNode(listers, nodeName) : new Map<string, VolumeToAttach>();
        for (const v of desired.values()) attach(v, cause);
        const wanted = new Set([...desired.values()].map((v) => v.attachment));
        const inUse = new Set(node?.status?.volumesInUse ?? []);
        const now = ctx.kernel.clock.now();
        const report: string[] = [];
        const detach: Attachment[] = [];
        for (const va of attachmentsOn(nodeName)) {
          const name = va.metadata.name ?? '';
          const unique = uniqueNames.get(name);
          if (va.metadata.deletionTimestamp !== undefined || unique === undefined) continue;
          if (wanted.has(name)) {
            if (va.status?.attached === true) report.push(unique);
            continue;
          }
          const since = undesiredSince.get(name) ?? now;
          undesiredSince.set(name, since);
          if (node !== undefined && inUse.has(unique) && now - since < MAX_WAIT_FOR_UNMOUNT_MS) {
            if (va.status?.attached === true) report.push(unique);
            controller.queue.addAfter(nodeName, since + MAX_WAIT_FOR_UNMOUNT_MS - now, cause);
          } else detach.push(va);
        }
        report.sort();
        const reported = (node?.status?.volumesAttached ?? []).map((a) => a.name);
        if (node !== undefined && JSON.stringify(reported) !== JSON.stringify(report)) {
          const volumesAttached =
            report.length === 0 ? null : report.map((name) => ({ name, devicePath: '' }));
          ctx.client.patch(NODES, null, nodeName, 'merge', { status: { volumesAttached } }, cause, 'status');
        }
        for (const va of detach) {
          const name = va.metadata.name ?? '';
          for (const forget of [announced, multiAttachReported]) forget.delete(name);
          reportedErrors.delete(name);
          undesiredSince.delete(name);
          try {
            ctx.client.delete(VOLUME_ATTACHMENTS, null, name, {}, cause);
          } catch (error) {
            if (!(error instanceof ApiError) || error.code !== 404) throw error;
          }
        }
      },
    });

    const enqueueNode = (name: string | undefined, cause: number | null) => {
      if (name !== undefined && name !== '') controller.queue.add(name, cause);
    };
    const enqueueAll = (cause: number | null) => {
      for (const n of nodes.lister.list()) enqueueNode(n.metadata.name, cause);
    };
    const podChanged = (pod: PodObject, cause: number | null) => enqueueNode(pod.spec?.nodeName, cause);
    pods.addHandlers({ add: podChanged, update: (_o, p, c) => podChanged(p, c), delete: podChanged });
    const nodeChanged = (n: NodeObject, cause: number | null) => enqueueNode(n.metadata.name, cause);
    nodes.addHandlers({ add: nodeChanged, update: (_o, n, c) => nodeChanged(n, c), delete: nodeChanged });
    const vaChanged = (va: Attachment, cause: number | null) => enqueueNode(va.spec?.nodeName, cause);
    attachments.addHandlers({ add: vaChanged, update: (_o, va, c) => vaChanged(va, c), delete: vaChanged });
    for (const informer of [claims, volumes, drivers] as const)
      informer.addHandlers({ add: (_o, c) => enqueueAll(c), update: (_o, _n, c) => enqueueAll(c) });
  },
};
