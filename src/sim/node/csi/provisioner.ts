/**
 * The hostpath driver's controller side: the csi-provisioner sidecar
 * (kubernetes-csi/external-provisioner, on sig-storage-lib-external-provisioner) and the
 * driver's CreateVolume/DeleteVolume behind it.
 *
 * It watches claims the PV controller handed to `hostpath.csi.k8s.io` (the
 * volume.kubernetes.io/storage-provisioner annotation); for a WaitForFirstConsumer class it
 * waits for the scheduler's selected-node annotation. It then records `Provisioning`, creates
 * the volume on the virtual clock, and saves the PV `pvc-<claim uid>`: claimRef to the claim,
 * reclaim policy from the class, node affinity on the driver's topology key, and the
 * provisioner's deletion finalizer. The PV controller finishes the binding. When such a
 * volume is Released and its policy is Delete, it deletes the volume and then the PV (see
 * deleter.ts).
 */
import type { ApiServer } from '../../apiserver/apiserver';
import { newUid } from '../../apiserver/lifecycle';
import { ApiError } from '../../apiserver/status';
import type { KubeObject } from '../../apiserver/types';
import { Controller } from '../../client/controller';
import { EventRecorder } from '../../client/events';
import { InformerFactory } from '../../client/factory';
import type { Informer } from '../../client/informer';
import { ApiClient } from '../../client/rest';
import type { Kernel } from '../../kernel/kernel';
import { claimClass } from '../../controllers/pv-binder/helpers';
import {
  ANN_BETA_STORAGE_PROVISIONER,
  ANN_SELECTED_NODE,
  ANN_STORAGE_PROVISIONER,
  CSI_NODES,
  NODES,
  PVCS,
  PVS,
  STORAGE_CLASSES,
  claimKey,
  type Claim,
  type StorageClassObject,
  type Volume,
} from '../../controllers/pv-binder/types';
import {
  deletePersistentVolume,
  handleProtectionFinalizer,
  isProvisionerForVolume,
  shouldDelete,
} from './deleter';
import { nodeHost } from '../host';
import { DRIVER_NAME, DRIVER_POD, TOPOLOGY_KEY } from './driver';
import { volumePath } from './node-plugin';
import { provisionedVolume, volumeNode } from './volume';

/** The component the sidecar's API calls and trace steps come from. */
export const PROVISIONER_ID = 'control-plane/csi-provisioner';
/** How long the driver's CreateVolume takes (a directory on the node, and the gRPC round trips). */
export const CREATE_VOLUME_MS = 1_500;
/** How long its DeleteVolume takes. */
export const DELETE_VOLUME_MS = 500;
/** The sidecar's retry backoff after a failed provisioning: 15 s, doubling, at most 1000 s. */
const RETRY_BASE_MS = 15_000;
const RETRY_MAX_MS = 1_000_000;

type CsiNode = { spec?: { drivers?: { name: string; topologyKeys?: string[] }[] } };

/** The external provisioner of the hostpath driver. */
export class ExternalProvisioner {
  readonly #client: ApiClient;
  readonly #informers: InformerFactory;
  readonly #claims: Informer<Claim>;
  readonly #volumes: Informer<Volume>;
  readonly #classes: Informer<StorageClassObject>;
  readonly #nodes: Informer;
  readonly #csiNodes: Informer<KubeObject & CsiNode>;
  readonly #claimQueue: Controller;
  readonly #volumeQueue: Controller;
  readonly #recorder: EventRecorder;
  /** `storage.kubernetes.io/csiProvisionerIdentity`: start time, a random number, the driver. */
  readonly #identity: string;
  /** Failed provisioning attempts by claim, for the retry backoff. */
  readonly #failures = new Map<string, number>();
  /** Claims (by uid) and volumes (by name) whose CreateVolume or DeleteVolume is under way. */
  readonly #inProgress = new Set<string>();

  constructor(
    private readonly kernel: Kernel,
    apiserver: ApiServer,
  ) {
    this.#client = new ApiClient(apiserver, PROVISIONER_ID, 'csi-provisioner');
    this.#informers = new InformerFactory(kernel, this.#client);
    this.#claims = this.#informers.informerFor<Claim>(PVCS);
    this.#volumes = this.#informers.informerFor<Volume>(PVS);
    this.#classes = this.#informers.informerFor<StorageClassObject>(STORAGE_CLASSES);
    this.#nodes = this.#informers.informerFor(NODES);
    this.#csiNodes = this.#informers.informerFor<KubeObject & CsiNode>(CSI_NODES);
    const component = PROVISIONER_ID;
    this.#claimQueue = new Controller({
      kernel,
      name: 'claims',
      component,
      sync: (k, c) => this.#syncClaim(k, c),
    });
    this.#volumeQueue = new Controller({
      kernel,
      name: 'volumes',
      component,
      sync: (k, c) => this.#syncVolume(k, c),
    });
    this.#claimQueue.watch(this.#claims);
    this.#volumeQueue.watch(this.#volumes);
    // The lib's recorder identifies the process: <provisioner>_<hostname>_<uuid>.
    this.#recorder = new EventRecorder(
      kernel,
      this.#client,
      `${DRIVER_NAME}_${DRIVER_POD}_${newUid(kernel)}`,
    );
    const startedAt = kernel.clock.epoch + kernel.clock.now();
    this.#identity = `${startedAt}-${kernel.rng.int(0, 9999)}-${DRIVER_NAME}`;
  }

  /** Lists and watches, then runs the workers. */
  start(): void {
    this.#informers.start();
    this.#claimQueue.start();
    this.#volumeQueue.start();
  }

  #decide(summary: string, cause: number | null): number {
    return this.kernel.trace.emit({
      from: PROVISIONER_ID,
      to: PROVISIONER_ID,
      kind: 'decision',
      summary,
      causedBy: cause,
    }).id;
  }

  /** shouldProvision: an unbound claim for this driver, with a node chosen if its class waits for one. */
  #shouldProvision(claim: Claim): StorageClassObject | undefined {
    if ((claim.spec?.volumeName ?? '') !== '') return undefined;
    const annotations = claim.metadata.annotations ?? {};
    const provisioner = annotations[ANN_STORAGE_PROVISIONER] ?? annotations[ANN_BETA_STORAGE_PROVISIONER];
    if (provisioner !== DRIVER_NAME) return undefined;
    const name = claimClass(claim);
    const sc = this.#classes.lister.get(name);
    if (sc === undefined) throw new Error(`storageclass.storage.k8s.io "${name}" not found`);
    if (sc.volumeBindingMode === 'WaitForFirstConsumer' && (annotations[ANN_SELECTED_NODE] ?? '') === '')
      return undefined;
    return sc;
  }

  #syncClaim(key: string, cause: number | null): void {
    const claim = this.#claims.lister.get(key);
    if (claim === undefined || this.#inProgress.has(claim.metadata.uid ?? '')) return;
    const sc = this.#shouldProvision(claim);
    if (sc === undefined) return;
    const pvName = `pvc-${claim.metadata.uid ?? ''}`;
    if (this.#volumes.lister.get(pvName) !== undefined) return;
    if (sc.provisioner !== DRIVER_NAME) return;
    const node = this.#topologyNode(claim, sc, key, cause);
    if (node === null) return;
    const message = `External provisioner is provisioning volume for claim "${claimKey(claim)}"`;
    this.#recorder.event(claim, 'Normal', 'Provisioning', message, cause);
    const step = this.#decide(
      `CreateVolume ${pvName} for claim ${claimKey(claim)}${node === undefined ? '' : ` on ${node}`}`,
      cause,
    );
    const uid = claim.metadata.uid ?? '';
    this.#inProgress.add(uid);
    this.kernel.schedule(CREATE_VOLUME_MS, `${PROVISIONER_ID}: CreateVolume ${pvName}`, () => {
      this.#inProgress.delete(uid);
      this.#failures.delete(key);
      this.#storeVolume(claim, sc, pvName, node, step);
    });
  }

  /**
   * The node the volume is made on: the selected node, whose CSINode must list the driver's
   * topology key (else provisioning fails and is retried later); with immediate binding, a
   * random node the driver is registered on (the sidecar's preferred topology). null after a
   * failure was reported; undefined when there is no topology to follow.
   */
  #topologyNode(
    claim: Claim,
    sc: StorageClassObject,
    key: string,
    cause: number | null,
  ): string | null | undefined {
    const csiNodes = this.#csiNodes.lister;
    const selected = claim.metadata.annotations?.[ANN_SELECTED_NODE];
    if (selected === undefined) {
      const registered = csiNodes
        .list()
        .filter((n) => (n.spec?.drivers ?? []).some((d) => d.name === DRIVER_NAME))
        .map((n) => n.metadata.name ?? '');
      return registered.length === 0 ? undefined : this.kernel.rng.pick(registered);
    }
    if (this.#nodes.lister.get(selected) === undefined) {
      // The node is gone: the scheduler has to pick another one.
      this.#fail(claim, `node "${selected}" not found`, cause);
      this.#reschedule(claim, cause);
      return null;
    }
    const driver = csiNodes.get(selected)?.spec?.drivers?.find((d) => d.name === DRIVER_NAME);
    if (!(driver?.topologyKeys ?? []).includes(TOPOLOGY_KEY)) {
      const why = `error generating accessibility requirements: no topology key found on CSINode ${selected}`;
      this.#fail(
        claim,
        `failed to provision volume with StorageClass "${sc.metadata.name ?? ''}": ${why}`,
        cause,
      );
      this.#retryLater(key, cause);
      return null;
    }
    return selected;
  }

  /** Requeues a claim whose provisioning failed: 15 s, doubling up to 1000 s (the lib's backoff). */
  #retryLater(key: string, cause: number | null): void {
    const failures = this.#failures.get(key) ?? 0;
    this.#failures.set(key, failures + 1);
    this.#claimQueue.queue.addAfter(key, Math.min(RETRY_BASE_MS * 2 ** failures, RETRY_MAX_MS), cause);
  }

  #fail(claim: Claim, message: string, cause: number | null): void {
    this.#recorder.event(claim, 'Warning', 'ProvisioningFailed', message, cause);
  }

  /** rescheduleProvisioning: drops the selected node, so the scheduler picks again. */
  #reschedule(claim: Claim, cause: number | null): void {
    const { [ANN_SELECTED_NODE]: _node, ...annotations } = claim.metadata.annotations ?? {};
    this.#client.update(PVCS, { ...claim, metadata: { ...claim.metadata, annotations } }, undefined, cause);
  }

  /** The PV for a created volume, saved (an existing one is reused), then ProvisioningSucceeded. */
  #storeVolume(
    claim: Claim,
    sc: StorageClassObject,
    name: string,
    node: string | undefined,
    cause: number | null,
  ): void {
    const volumeHandle = newUid(this.kernel);
    // The driver's CreateVolume: a directory in its data dir on the node.
    if (node !== undefined) nodeHost(this.kernel, node).fs.mkdirAll(volumePath(volumeHandle));
    const volume = provisionedVolume(claim, sc, { name, node, volumeHandle, identity: this.#identity });
    try {
      this.#client.create(PVS, null, volume, cause);
    } catch (error) {
      if (!(error instanceof ApiError) || error.status.reason !== 'AlreadyExists') throw error;
    }
    this.#recorder.event(
      claim,
      'Normal',
      'ProvisioningSucceeded',
      `Successfully provisioned volume ${name}`,
      cause,
    );
  }

  #syncVolume(key: string, cause: number | null): void {
    const volume = this.#volumes.lister.get(key);
    if (volume === undefined || this.#inProgress.has(key)) return;
    if (!isProvisionerForVolume(volume)) return;
    const current = handleProtectionFinalizer(this.#client, volume, cause);
    if (!shouldDelete(current)) return;
    const step = this.#decide(`DeleteVolume ${key} (Released, reclaim policy Delete)`, cause);
    this.#inProgress.add(key);
    this.kernel.schedule(DELETE_VOLUME_MS, `${PROVISIONER_ID}: DeleteVolume ${key}`, () => {
      this.#inProgress.delete(key);
      const node = volumeNode(current);
      const dir = volumePath(current.spec?.csi?.volumeHandle ?? '');
      if (node !== undefined && nodeHost(this.kernel, node).fs.exists(dir))
        nodeHost(this.kernel, node).fs.remove(dir, { recursive: true, force: true });
      deletePersistentVolume(this.#client, key, step);
    });
  }
}

/** Starts the hostpath driver's external provisioner against `apiserver`. */
export function startExternalProvisioner(kernel: Kernel, apiserver: ApiServer): ExternalProvisioner {
  const provisioner = new ExternalProvisioner(kernel, apiserver);
  provisioner.start();
  return provisioner;
}
