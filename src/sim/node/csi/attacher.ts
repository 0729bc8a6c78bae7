/**
 * The hostpath driver's csi-attacher sidecar (kubernetes-csi/external-attacher) and the
 * driver's ControllerPublishVolume behind it. For each VolumeAttachment of this driver it
 * puts its finalizer (`external-attacher/hostpath-csi-k8s-io`) on the attachment and on the
 * PersistentVolume, calls ControllerPublishVolume for the volume and node, and writes the
 * outcome to the attachment's status: `attached: true`, or `attachError` with the driver's
 * gRPC error (retried with back-off, 1 s doubling to 5 min). A VolumeAttachment being
 * deleted gets ControllerUnpublishVolume, then loses its finalizer; the volume's finalizer
 * goes once no attachment refers to it.
 */
import type { VolumeAttachment } from 'kubernetes-types/storage/v1';
import type { ApiServer } from '../../apiserver/apiserver';
import { findResource, type ResourceInfo } from '../../apiserver/resources';
import { ApiError } from '../../apiserver/status';
import type { KubeObject } from '../../apiserver/types';
import { Controller } from '../../client/controller';
import { InformerFactory } from '../../client/factory';
import type { Informer } from '../../client/informer';
import { ApiClient } from '../../client/rest';
import type { Kernel } from '../../kernel/kernel';
import { PVS, type Volume } from '../../controllers/pv-binder/types';
import { nodeHost } from '../host';
import { DRIVER_NAME } from './driver';
import { volumeNotFound, volumePath } from './node-plugin';

/** The component the sidecar's API calls and trace steps come from. */
export const ATTACHER_ID = 'control-plane/csi-attacher';
/** How long ControllerPublishVolume and ControllerUnpublishVolume take. */
export const ATTACH_MS = 300;
/** The finalizer the sidecar keeps on attachments and volumes of its driver. */
export const ATTACHER_FINALIZER = `external-attacher/${DRIVER_NAME.replace(/[^a-zA-Z0-9-]/g, '-')}`;
const RETRY_BASE_MS = 1_000;
const RETRY_MAX_MS = 300_000;

const VOLUME_ATTACHMENTS = findResource('storage.k8s.io', 'v1', 'volumeattachments') as ResourceInfo;

type Attachment = KubeObject & VolumeAttachment;

const withoutFinalizer = (obj: KubeObject) =>
  (obj.metadata.finalizers ?? []).filter((f) => f !== ATTACHER_FINALIZER);

export class ExternalAttacher {
  readonly #client: ApiClient;
  readonly #informers: InformerFactory;
  readonly #attachments: Informer<Attachment>;
  readonly #volumes: Informer<Volume>;
  readonly #queue: Controller;
  readonly #inProgress = new Set<string>();
  readonly #failures = new Map<string, number>();

  constructor(
    private readonly kernel: Kernel,
    apiserver: ApiServer,
  ) {
    this.#client = new ApiClient(apiserver, ATTACHER_ID, 'csi-attacher');
    this.#informers = new InformerFactory(kernel, this.#client);
    this.#attachments = this.#informers.informerFor<Attachment>(VOLUME_ATTACHMENTS);
    this.#volumes = this.#informers.informerFor<Volume>(PVS);
    this.#queue = new Controller({
      kernel,
      name: 'volumeattachments',
      component: ATTACHER_ID,
      sync: (k, c) => this.#sync(k, c),
    });
    this.#queue.watch(this.#attachments);
    this.#attachments.addHandlers({ delete: (va, cause) => this.#releaseVolume(va, cause) });
  }

  /** Lists and watches, then runs the worker. */
  start(): void {
    this.#informers.start();
    this.#queue.start();
  }

  #call(summary: string, cause: number | null): number {
    return this.kernel.trace.emit({
      from: ATTACHER_ID,
      to: ATTACHER_ID,
      kind: 'decision',
      summary,
      causedBy: cause,
    }).id;
  }

  #sync(key: string, cause: number | null): void {
    const va = this.#attachments.lister.get(key);
    if (va === undefined || va.spec?.attacher !== DRIVER_NAME || this.#inProgress.has(key)) return;
    const pvName = va.spec.source?.persistentVolumeName ?? '';
    const handle = this.#volumes.lister.get(pvName)?.spec?.csi?.volumeHandle ?? '';
    const node = va.spec.nodeName;
    if (va.metadata.deletionTimestamp !== undefined) {
      if (!(va.metadata.finalizers ?? []).includes(ATTACHER_FINALIZER)) return;
      const step = this.#call(`ControllerUnpublishVolume ${handle} from node ${node}`, cause);
      this.#later(key, `ControllerUnpublishVolume ${handle}`, () => {
        const finalizers = withoutFinalizer(va);
        this.#client.patch(
          VOLUME_ATTACHMENTS,
          null,
          key,
          'merge',
          { metadata: { finalizers: finalizers.length === 0 ? null : finalizers } },
          step,
        );
      });
      return;
    }
    if (va.status?.attached === true) return;
    const pv = this.#volumes.lister.get(pvName);
    if (pv !== undefined && !(pv.metadata.finalizers ?? []).includes(ATTACHER_FINALIZER))
      this.#client.patch(
        PVS,
        null,
        pvName,
        'merge',
        { metadata: { finalizers: [...(pv.metadata.finalizers ?? []), ATTACHER_FINALIZER] } },
        cause,
      );
    let current = va;
    if (!(va.metadata.finalizers ?? []).includes(ATTACHER_FINALIZER))
      current = this.#client.patch<Attachment>(
        VOLUME_ATTACHMENTS,
        null,
        key,
        'merge',
        { metadata: { finalizers: [...(va.metadata.finalizers ?? []), ATTACHER_FINALIZER] } },
        cause,
      );
    const step = this.#call(`ControllerPublishVolume ${handle} to node ${node}`, cause);
    this.#later(key, `ControllerPublishVolume ${handle}`, () => {
      const error =
        handle !== '' && nodeHost(this.kernel, node).fs.exists(volumePath(handle))
          ? null
          : volumeNotFound(handle);
      const status =
        error === null
          ? { attached: true }
          : { attached: false, attachError: { time: this.kernel.clock.timestamp(), message: error } };
      try {
        this.#client.update(VOLUME_ATTACHMENTS, { ...current, status }, 'status', step);
      } catch (e) {
        if (!(e instanceof ApiError)) throw e;
        return this.#queue.queue.add(key, step);
      }
      if (error === null) return this.#failures.delete(key);
      const failures = this.#failures.get(key) ?? 0;
      this.#failures.set(key, failures + 1);
      this.#queue.queue.addAfter(key, Math.min(RETRY_BASE_MS * 2 ** failures, RETRY_MAX_MS), step);
    });
  }

  /** Runs a driver call's completion after it took ATTACH_MS. */
  #later(key: string, what: string, done: () => void): void {
    this.#inProgress.add(key);
    this.kernel.schedule(ATTACH_MS, `${ATTACHER_ID}: ${what}`, () => {
      this.#inProgress.delete(key);
      done();
    });
  }

  /** Drops the volume's finalizer once no attachment refers to it. */
  #releaseVolume(va: Attachment, cause: number | null): void {
    this.#failures.delete(va.metadata.name ?? '');
    const pvName = va.spec?.source?.persistentVolumeName ?? '';
    const others = this.#attachments.lister
      .list()
      .some((a) => a.spec?.source?.persistentVolumeName === pvName);
    const pv = this.#volumes.lister.get(pvName);
    if (others || pv === undefined || !(pv.metadata.finalizers ?? []).includes(ATTACHER_FINALIZER)) return;
    const finalizers = withoutFinalizer(pv);
    try {
      this.#client.patch(
        PVS,
        null,
        pvName,
        'merge',
        { metadata: { finalizers: finalizers.length === 0 ? null : finalizers } },
        cause,
      );
    } catch (error) {
      if (!(error instanceof ApiError) || error.code !== 404) throw error;
    }
  }
}

/** Starts the hostpath driver's external attacher against `apiserver`. */
export function startExternalAttacher(kernel: Kernel, apiserver: ApiServer): ExternalAttacher {
  const attacher = new ExternalAttacher(kernel, apiserver);
  attacher.start();
  return attacher;
}
