/**
 * The attach-detach controller's desired state of the world (its populator and the pod
 * volume processing in pkg/controller/volume/attachdetach/util): which attachable volumes
 * each node needs, from the scheduled pods that are not terminated. A volume is attachable
 * when it is a CSI PersistentVolume reached through a bound claim and its driver's CSIDriver
 * does not say `attachRequired: false` (no CSIDriver object: attach). Only nodes whose
 * kubelet lets the controller manage attachments (the controller-managed-attach-detach
 * annotation) count.
 */
import type { CSIDriver } from 'kubernetes-types/storage/v1';
import type { KubeObject } from '../../apiserver/types';
import type { Lister } from '../../client/cache';
import { attachmentName, csiUniqueName } from '../../node/csi/node-service';
import {
  isPodTerminated,
  volumeClaim,
  volumeIsForPod,
  type Claim,
  type PodObject,
  type Volume,
} from '../pv-binder/types';

/** The annotation a kubelet sets on its Node to have this controller attach its volumes. */
export const CONTROLLER_MANAGED = 'volumes.kubernetes.io/controller-managed-attach-detach';

/** An attachable volume a node needs, with the pods that need it there. */
export interface VolumeToAttach {
  /** `kubernetes.io/csi/<driver>^<handle>` */
  readonly uniqueName: string;
  /** Its VolumeAttachment's name. */
  readonly attachment: string;
  readonly pvName: string;
  readonly driver: string;
  readonly node: string;
  /** Only one node may have it (ReadWriteOnce, ReadWriteOncePod). */
  readonly exclusive: boolean;
  readonly pods: PodObject[];
}

export interface DesiredListers {
  readonly pods: Lister<PodObject>;
  readonly claims: Lister<Claim>;
  readonly volumes: Lister<Volume>;
  readonly drivers: Lister<KubeObject & CSIDriver>;
}

/**
 * The claim a pod volume uses (CreateVolumeSpec): a persistentVolumeClaim's, or a generic
 * ephemeral volume's `<pod>-<volume>` when the pod owns it.
 */
export function claimOf(
  listers: Pick<DesiredListers, 'claims'>,
  pod: PodObject,
  volume: NonNullable<NonNullable<PodObject['spec']>['volumes']>[number],
): string | undefined {
  const found = volumeClaim(pod, volume);
  if (found === undefined || !found.ephemeral) return found?.claimName;
  const claim = listers.claims.get(`${pod.metadata.namespace ?? ''}/${found.claimName}`);
  return claim !== undefined && volumeIsForPod(pod, claim) === null ? found.claimName : undefined;
}

/** The attachable volume behind a pod volume, if any. */
function attachable(
  listers: DesiredListers,
  pod: PodObject,
  claimName: string,
): (Omit<VolumeToAttach, 'node' | 'pods' | 'attachment'> & { handle: string }) | undefined {
  const claim = listers.claims.get(`${pod.metadata.namespace ?? ''}/${claimName}`);
  if (claim?.status?.phase !== 'Bound') return undefined;
  const pv = listers.volumes.get(claim.spec?.volumeName ?? '');
  const csi = pv?.spec?.csi;
  if (pv === undefined || csi === undefined) return undefined;
  if (listers.drivers.get(csi.driver)?.spec?.attachRequired === false) return undefined;
  const modes = pv.spec?.accessModes ?? [];
  return {
    uniqueName: csiUniqueName(csi.driver, csi.volumeHandle),
    pvName: pv.metadata.name ?? '',
    driver: csi.driver,
    handle: csi.volumeHandle,
    exclusive: !modes.includes('ReadWriteMany') && !modes.includes('ReadOnlyMany'),
  };
}

/** The volumes `node` needs attached, by unique name. */
export function desiredForNode(listers: DesiredListers, node: string): Map<string, VolumeToAttach> {
  const out = new Map<string, VolumeToAttach>();
  for (const pod of listers.pods.list()) {
    if (pod.spec?.nodeName !== node || isPodTerminated(pod)) continue;
    for (const v of pod.spec.volumes ?? []) {
      const claimName = claimOf(listers, pod, v);
      const found = claimName === undefined ? undefined : attachable(listers, pod, claimName);
      if (found === undefined) continue;
      const known = out.get(found.uniqueName);
      if (known !== undefined) known.pods.push(pod);
      else {
        const { handle, ...rest } = found;
        out.set(found.uniqueName, {
          ...rest,
          node,
          attachment: attachmentName(handle, found.driver, node),
          pods: [pod],
        });
      }
    }
  }
  return out;
}
