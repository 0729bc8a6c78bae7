/**
 * What the volume manager's desired-state populator makes of a pod's volumes
 * (desired_state_of_world_populator.go): only volumes a container mounts count; a
 * persistentVolumeClaim is followed to its bound PersistentVolume (GET claim, GET volume,
 * with the populator's errors when the claim is not bound or the volume not bound to it),
 * and so is a generic ephemeral volume, through the claim `<pod>-<volume>` the ephemeral
 * volume controller made for it (which must be owned by the pod),
 * whose source picks the plugin: CSI (attachable unless its CSIDriver says
 * `attachRequired: false`) or hostPath.
 */
import type { PersistentVolumeClaim, PersistentVolume, Volume } from 'kubernetes-types/core/v1';
import { findResource, type ResourceInfo } from '../../../apiserver/resources';
import { ApiError } from '../../../apiserver/status';
import type { KubeObject } from '../../../apiserver/types';
import type { ApiClient } from '../../../client/rest';
import { volumeClaim, volumeIsForPod } from '../../../controllers/pv-binder/types';
import type { PodObject } from '../context';

const PVCS = findResource('', 'v1', 'persistentvolumeclaims') as ResourceInfo;
const PVS = findResource('', 'v1', 'persistentvolumes') as ResourceInfo;

/** A volume as the plugin that mounts it sees it; `name` is what mount messages call it. */
export type VolumeSpec =
  | { readonly kind: 'emptyDir'; readonly name: string; readonly memory: boolean }
  | { readonly kind: 'hostPath'; readonly name: string; readonly path: string; readonly type: string }
  | { readonly kind: 'api'; readonly name: string; readonly volume: Volume }
  | {
      readonly kind: 'csi';
      readonly name: string;
      readonly driver: string;
      readonly handle: string;
      readonly readOnly: boolean;
      readonly attachable: boolean;
    };

/** GetPodVolumeNames: the volumes some container (or init container) mounts. */
export function mountedVolumeNames(pod: PodObject): Set<string> {
  const names = new Set<string>();
  for (const c of [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])]) {
    for (const m of c.volumeMounts ?? []) names.add(m.name);
    for (const d of c.volumeDevices ?? []) names.add(d.name);
  }
  return names;
}

function get<T extends KubeObject>(
  client: ApiClient,
  r: ResourceInfo,
  ns: string | null,
  name: string,
  cause: number | null,
): T {
  try {
    return client.get<T>(r, ns, name, cause);
  } catch (error) {
    if (error instanceof ApiError)
      throw new Error(
        `failed to fetch ${r.kind === 'PersistentVolume' ? `PV ${name}` : 'PVC'} from API server: ${error.message}`,
        { cause: error },
      );
    throw error;
  }
}

/** Whether a CSI driver needs its volumes attached (no CSIDriver object: it does). */
export type AttachRequired = (driver: string) => boolean;

/** The spec of one of the pod's volumes; throws with the populator's message. */
export function volumeSpec(
  pod: PodObject,
  volume: Volume,
  client: ApiClient,
  attachRequired: AttachRequired,
  cause: number | null,
): VolumeSpec {
  const name = volume.name;
  if (volume.emptyDir !== undefined)
    return { kind: 'emptyDir', name, memory: volume.emptyDir.medium === 'Memory' };
  if (volume.hostPath !== undefined)
    return { kind: 'hostPath', name, path: volume.hostPath.path, type: volume.hostPath.type ?? '' };
  if (volume.configMap ?? volume.secret ?? volume.downwardAPI ?? volume.projected)
    return { kind: 'api', name, volume };
  const claimName = volumeClaim(pod, volume)?.claimName;
  if (claimName === undefined)
    throw new Error(`failed to get Plugin from volumeSpec for volume "${name}" err=no volume plugin matched`);
  const ns = pod.metadata.namespace ?? 'default';
  const wrap = (why: string) => new Error(`error processing PVC ${ns}/${claimName}: ${why}`);
  let claim: KubeObject & PersistentVolumeClaim;
  try {
    claim = get(client, PVCS, ns, claimName, cause);
  } catch (error) {
    throw wrap((error as Error).message);
  }
  if (claim.metadata.deletionTimestamp !== undefined) throw wrap('PVC is being deleted');
  if (claim.status?.phase !== 'Bound') throw wrap('PVC is not bound');
  const pvName = claim.spec?.volumeName ?? '';
  let pv: KubeObject & PersistentVolume;
  try {
    pv = get(client, PVS, null, pvName, cause);
  } catch (error) {
    throw wrap((error as Error).message);
  }
  const ref = pv.spec?.claimRef;
  if (ref === undefined)
    throw wrap(
      `found PV object ${pvName} but it has a nil pv.Spec.ClaimRef indicating it is not yet bound to the claim`,
    );
  if (ref.uid !== claim.metadata.uid)
    throw wrap(
      `found PV object ${pvName} but its pv.Spec.ClaimRef.UID ${ref.uid ?? ''} does not point to claim.UID ${claim.metadata.uid ?? ''}`,
    );
  const notOwner = volume.ephemeral === undefined ? null : volumeIsForPod(pod, claim);
  if (notOwner !== null) throw new Error(notOwner);
  const readOnly = volume.persistentVolumeClaim?.readOnly === true;
  const csi = pv.spec?.csi;
  if (csi !== undefined)
    return {
      kind: 'csi',
      name: pvName,
      driver: csi.driver,
      handle: csi.volumeHandle,
      readOnly: readOnly || csi.readOnly === true,
      attachable: attachRequired(csi.driver),
    };
  if (pv.spec?.hostPath !== undefined)
    return { kind: 'hostPath', name: pvName, path: pv.spec.hostPath.path, type: pv.spec.hostPath.type ?? '' };
  throw new Error(`failed to get Plugin from volumeSpec for volume "${pvName}" err=no volume plugin matched`);
}
