/**
 * The CSI Node service as the kubelet calls it (NodeStageVolume, NodePublishVolume and their
 * inverses), and the names the CSI volume plugin upstream (pkg/volume/csi) gives a volume:
 * its unique name in node status (`kubernetes.io/csi/<driver>^<handle>`), its
 * VolumeAttachment (`csi-<sha256 of handle, driver and node>`), its global staging path
 * (`.../plugins/kubernetes.io/csi/<driver>/<sha256 of handle>/globalmount`) and its path in a
 * pod (`.../pods/<uid>/volumes/kubernetes.io~csi/<pv>/mount`).
 */
import { sha256 } from '../kube-proxy/hash';

/** A CSI call's outcome: its trace step, and the gRPC error text when it failed. */
export interface CsiResult {
  readonly step: number;
  readonly error?: string;
}

export interface StageRequest {
  readonly volumeId: string;
  readonly stagingTargetPath: string;
}

export interface PublishRequest extends StageRequest {
  readonly targetPath: string;
  readonly readOnly: boolean;
}

/** A driver's node plugin, reached through its registration socket on the node. */
export interface CsiNodeService {
  readonly driver: string;
  nodeStageVolume(request: StageRequest, causedBy: number | null): CsiResult;
  nodePublishVolume(request: PublishRequest, causedBy: number | null): CsiResult;
  nodeUnpublishVolume(request: PublishRequest, causedBy: number | null): CsiResult;
  nodeUnstageVolume(request: StageRequest, causedBy: number | null): CsiResult;
}

const hex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

/** The volume's name in `node.status.volumesAttached` and `volumesInUse`. */
export function csiUniqueName(driver: string, handle: string): string {
  return `kubernetes.io/csi/${driver}^${handle}`;
}

/** The VolumeAttachment's name (csi_attacher's getAttachmentName). */
export function attachmentName(handle: string, driver: string, node: string): string {
  return `csi-${hex(sha256(`${handle}${driver}${node}`))}`;
}

/** Where the kubelet asks the driver to stage the volume on the node. */
export function stagingPath(driver: string, handle: string): string {
  return `/var/lib/kubelet/plugins/kubernetes.io/csi/${driver}/${hex(sha256(handle))}/globalmount`;
}

/** Where the kubelet asks the driver to publish the volume for one pod. */
export function publishPath(podUid: string, pvName: string): string {
  return `/var/lib/kubelet/pods/${podUid}/volumes/kubernetes.io~csi/${pvName}/mount`;
}
