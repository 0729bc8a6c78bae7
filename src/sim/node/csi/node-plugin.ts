/**
 * The hostpath driver's node plugin on one node (csi-driver-host-path's nodeserver): a volume
 * is a directory under the plugin's data dir on the node it was created on
 * (`/var/lib/csi-hostpath-data/<volume id>`, the hostPath the driver pod mounts as
 * /csi-data-dir). NodeStageVolume makes the staging directory; NodePublishVolume bind-mounts the
 * volume's directory at the pod's target path, so what a container writes there lands in
 * that directory and outlives the pod; the unpublish and unstage calls undo them. Each call
 * is a trace step `<node>/kubelet -> <node>/csi` (kind `runtime`).
 */
import type { Json } from '../../kernel/trace';
import type { Kernel } from '../../kernel/kernel';
import type { NodeHost } from '../host';
import { DRIVER_NAME } from './driver';
import type { CsiNodeService, CsiResult, PublishRequest, StageRequest } from './node-service';

/** The driver's data directory on each node. */
export const DATA_DIR = '/var/lib/csi-hostpath-data';

/** Where a volume's data lives on its node. */
export const volumePath = (volumeId: string) => `${DATA_DIR}/${volumeId}`;

/** The driver's answer for a volume it does not have (state.GetVolumeByID). */
export const volumeNotFound = (volumeId: string) =>
  `rpc error: code = NotFound desc = volume id ${volumeId} does not exist in the volumes list`;

export class HostpathNodePlugin implements CsiNodeService {
  readonly driver = DRIVER_NAME;

  constructor(
    private readonly kernel: Kernel,
    private readonly host: NodeHost,
  ) {}

  #call(summary: string, detail: Json, causedBy: number | null): number {
    return this.kernel.trace.emit({
      from: `${this.host.name}/kubelet`,
      to: `${this.host.name}/csi`,
      kind: 'runtime',
      summary,
      detail,
      causedBy,
    }).id;
  }

  #missing(volumeId: string, step: number): CsiResult | undefined {
    return this.host.fs.exists(volumePath(volumeId)) ? undefined : { step, error: volumeNotFound(volumeId) };
  }

  nodeStageVolume(request: StageRequest, causedBy: number | null): CsiResult {
    const step = this.#call(
      `NodeStageVolume ${request.volumeId} at ${request.stagingTargetPath}`,
      { driver: this.driver, ...request },
      causedBy,
    );
    const missing = this.#missing(request.volumeId, step);
    if (missing !== undefined) return missing;
    this.host.fs.mkdirAll(request.stagingTargetPath);
    return { step };
  }

  nodePublishVolume(request: PublishRequest, causedBy: number | null): CsiResult {
    const step = this.#call(
      `NodePublishVolume ${request.volumeId} at ${request.targetPath}`,
      { driver: this.driver, ...request },
      causedBy,
    );
    const missing = this.#missing(request.volumeId, step);
    if (missing !== undefined) return missing;
    this.host.fs.mkdirAll(request.targetPath, 0o750);
    this.host.fs.mount(request.targetPath, this.host.fs.stat(volumePath(request.volumeId)), request.readOnly);
    return { step };
  }

  nodeUnpublishVolume(request: PublishRequest, causedBy: number | null): CsiResult {
    const step = this.#call(
      `NodeUnpublishVolume ${request.volumeId} from ${request.targetPath}`,
      { driver: this.driver, volumeId: request.volumeId, targetPath: request.targetPath },
      causedBy,
    );
    this.host.fs.unmount(request.targetPath);
    if (this.host.fs.exists(request.targetPath)) this.host.fs.remove(request.targetPath, { force: true });
    return { step };
  }

  nodeUnstageVolume(request: StageRequest, causedBy: number | null): CsiResult {
    const step = this.#call(
      `NodeUnstageVolume ${request.volumeId} from ${request.stagingTargetPath}`,
      { driver: this.driver, ...request },
      causedBy,
    );
    if (this.host.fs.exists(request.stagingTargetPath))
      this.host.fs.remove(request.stagingTargetPath, { force: true });
    return { step };
  }
}
