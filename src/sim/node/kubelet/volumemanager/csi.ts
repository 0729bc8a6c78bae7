/**
 * The kubelet's side of CSI volumes (pkg/volume/csi's attacher and mounter, driven by the
 * operation generator): an attachable volume must first be in `node.status.volumesAttached`
 * (the attach-detach controller puts it there) and reported in the node's `volumesInUse`;
 * WaitForAttach then reads its VolumeAttachment. MountDevice is NodeStageVolume at the
 * volume's global path, once per node; SetUp is NodePublishVolume at the pod's path. A
 * driver that has not registered on the node fails the mount. Teardown unpublishes, and
 * unstages once no pod on the node uses the volume.
 */
import { findResource, type ResourceInfo } from '../../../apiserver/resources';
import { ApiError } from '../../../apiserver/status';
import type { KubeObject } from '../../../apiserver/types';
import type { ApiClient } from '../../../client/rest';
import { attachmentName, csiUniqueName, publishPath, stagingPath } from '../../csi/node-service';
import type { NodeHost } from '../../host';
import type { VolumeSpec } from './specs';

const VOLUME_ATTACHMENTS = findResource('storage.k8s.io', 'v1', 'volumeattachments') as ResourceInfo;

export type CsiSpec = Extract<VolumeSpec, { kind: 'csi' }>;

/** A mount that cannot go on yet (not attached, not reported in use): retried without an event. */
export const NOT_READY = 'not ready';

/** What the node says about attachments (its informer's view of its Node). */
export interface AttachState {
  /** The volume is in node.status.volumesAttached. */
  attached(uniqueName: string): boolean;
  /** The volume was in volumesInUse when the kubelet last reported node status. */
  reportedInUse(uniqueName: string): boolean;
}

export class CsiVolumes {
  /** Staged devices by unique name, with the pods that have them published. */
  readonly #devices = new Map<string, Set<string>>();

  constructor(
    private readonly host: NodeHost,
    private readonly client: ApiClient,
  ) {}

  /**
   * Mounts the volume for the pod; returns its host path, or throws: {@link NOT_READY}, or
   * the operation's event message (`MountVolume.MountDevice failed ...`).
   */
  mount(
    spec: CsiSpec,
    podUid: string,
    attach: AttachState,
    cause: number | null,
  ): { path: string; step: number } {
    const unique = csiUniqueName(spec.driver, spec.handle);
    const fail = (op: string, why: string) =>
      new Error(`MountVolume.${op} failed for volume "${spec.name}" : ${why}`);
    if (spec.attachable) {
      if (!attach.attached(unique) || !attach.reportedInUse(unique)) throw new Error(NOT_READY);
      if (!this.#attachmentReady(spec, cause)) throw new Error(NOT_READY);
    }
    const plugin = this.host.csiPlugins.get(spec.driver);
    if (plugin === undefined)
      throw fail(
        'MountDevice',
        `kubernetes.io/csi: attacher.MountDevice failed to create newCsiDriverClient: driver name ${spec.driver} not found in the list of registered CSI drivers`,
      );
    const staging = stagingPath(spec.driver, spec.handle);
    let step: number | null = cause;
    let pods = this.#devices.get(unique);
    if (pods === undefined) {
      const staged = plugin.nodeStageVolume({ volumeId: spec.handle, stagingTargetPath: staging }, cause);
      if (staged.error !== undefined) throw fail('MountDevice', staged.error);
      this.#devices.set(unique, (pods = new Set()));
      step = staged.step;
    }
    const target = publishPath(podUid, spec.name);
    const published = plugin.nodePublishVolume(
      { volumeId: spec.handle, stagingTargetPath: staging, targetPath: target, readOnly: spec.readOnly },
      step,
    );
    if (published.error !== undefined) throw fail('SetUp', published.error);
    pods.add(podUid);
    return { path: target, step: published.step };
  }

  /** WaitForAttach: the VolumeAttachment exists and says attached. */
  #attachmentReady(spec: CsiSpec, cause: number | null): boolean {
    const name = attachmentName(spec.handle, spec.driver, this.host.name);
    try {
      const va = this.client.get<KubeObject & { status?: { attached?: boolean } }>(
        VOLUME_ATTACHMENTS,
        null,
        name,
        cause,
      );
      return va.status?.attached === true;
    } catch (error) {
      if (error instanceof ApiError && error.code === 404) return false;
      throw error;
    }
  }

  /** UnmountVolume (NodeUnpublishVolume), then UnmountDevice (NodeUnstageVolume) if unused. */
  unmount(spec: CsiSpec, podUid: string, cause: number | null): number | null {
    const unique = csiUniqueName(spec.driver, spec.handle);
    const plugin = this.host.csiPlugins.get(spec.driver);
    const pods = this.#devices.get(unique);
    if (plugin === undefined || pods === undefined) return cause;
    const staging = stagingPath(spec.driver, spec.handle);
    const target = publishPath(podUid, spec.name);
    let step = plugin.nodeUnpublishVolume(
      { volumeId: spec.handle, stagingTargetPath: staging, targetPath: target, readOnly: spec.readOnly },
      cause,
    ).step;
    pods.delete(podUid);
    if (pods.size === 0) {
      step = plugin.nodeUnstageVolume({ volumeId: spec.handle, stagingTargetPath: staging }, step).step;
      this.#devices.delete(unique);
    }
    return step;
  }
}
