/**
 * The kubelet's volume manager (pkg/kubelet/volumemanager): the volumes its pods need (the
 * desired state, filled as pods are synced), the volumes mounted (the actual state), and a
 * reconciler that mounts what is missing. Each mount is an operation with upstream's
 * exponential back-off after a failure (0.5 s doubling to 2 min 2 s), and every failure is a
 * `FailedMount` event with the operation's message. A pod sync waits for all of its volumes
 * (WaitForAttachAndMount): it stops while they are not mounted and is asked for again once
 * they are; volumes the populator could not process fail the sync at once. Once a pod's
 * volumes are mounted, its API-data volumes are set up again every 60-90 s (the pod resync
 * period), which is how ConfigMap and Secret updates reach running containers. The node's
 * `volumesInUse` comes from here; a terminated pod's volumes are torn down before it goes.
 */
import type { Node } from 'kubernetes-types/core/v1';
import type { CSIDriver } from 'kubernetes-types/storage/v1';
import { findResource, type ResourceInfo } from '../../../apiserver/resources';
import type { KubeObject } from '../../../apiserver/types';
import type { EventRecorder } from '../../../client/events';
import { Informer } from '../../../client/informer';
import type { ApiClient } from '../../../client/rest';
import type { Kernel, TimerHandle } from '../../../kernel/kernel';
import { csiUniqueName } from '../../csi/node-service';
import type { NodeHost } from '../../host';
import type { PodRecord } from '../context';
import type { PodPlacement } from '../env/field-ref';
import type { ObjectSource } from '../objects';
import { CsiVolumes, NOT_READY } from './csi';
import { alwaysReadOnly, setUp, tearDown } from './plugins';
import { mountedVolumeNames, volumeSpec, type VolumeSpec } from './specs';
import { TokenManager } from './token';

const NODES = findResource('', 'v1', 'nodes') as ResourceInfo;
const CSI_DRIVERS = findResource('storage.k8s.io', 'v1', 'csidrivers') as ResourceInfo;

/** nestedpendingoperations' back-off: 500 ms, doubling, at most 2 min 2 s. */
const INITIAL_BACKOFF_MS = 500;
const MAX_BACKOFF_MS = 122_000;
/** The pod resync period (syncFrequency, 1 min) with its 0.5 jitter factor. */
const RESYNC_MS = 60_000;

/** What the volume manager needs of its kubelet. */
export interface VolumeManagerDeps {
  readonly kernel: Kernel;
  readonly nodeName: string;
  /** `<node>/kubelet` */
  readonly id: string;
  readonly client: ApiClient;
  readonly recorder: EventRecorder;
  readonly host: NodeHost;
  readonly objects: ObjectSource;
  /** Where a pod runs (its IPs once it has a sandbox, the node's address and allocatable). */
  placement(record: PodRecord): PodPlacement;
  requestSync(record: PodRecord, cause: number | null): void;
}

/** A mounted volume, as the container config's mounts read it. */
export interface MountedVolume {
  readonly hostPath: string;
  /** The plugin mounts it read-only (API data volumes). */
  readonly readOnly: boolean;
}

interface VolumeEntry {
  readonly name: string;
  spec: VolumeSpec | null;
  error: string | null;
  mounted: MountedVolume | null;
  remount: boolean;
  failures: number;
  retryAt: number;
}

interface PodEntry {
  record: PodRecord;
  readonly volumes: VolumeEntry[];
  waiting: boolean;
  resync: TimerHandle | null;
}

/** What WaitForAttachAndMount answers: ready, waiting, or failed with the sync's error. */
export type MountWait = { readonly ready: true } | { readonly ready: false; readonly error?: string };

const goList = (names: readonly string[]) => `[${[...names].sort().join(' ')}]`;

const newVolume = (name: string): VolumeEntry => ({
  name,
  spec: null,
  error: null,
  mounted: null,
  remount: false,
  failures: 0,
  retryAt: 0,
});

/** WaitForAttachAndMount's error when the populator could not process some volumes. */
function syncError(
  volumes: readonly VolumeEntry[],
  unmounted: readonly string[],
  attached: (u: string) => boolean,
) {
  const failed = volumes.filter((v) => v.error !== null);
  const unattached = volumes
    .filter(
      (v) =>
        v.spec?.kind === 'csi' && v.spec.attachable && !attached(csiUniqueName(v.spec.driver, v.spec.handle)),
    )
    .map((v) => v.name);
  const errors = failed.map((v) => v.error ?? '').join('; ');
  return `unmounted volumes=${goList(unmounted)}, unattached volumes=${goList(unattached)}, failed to process volumes=${goList(failed.map((v) => v.name))}: ${errors}`;
}

export class VolumeManager {
  readonly #pods = new Map<string, PodEntry>();
  readonly #reportedInUse = new Set<string>();
  readonly #node: Informer<KubeObject & Node>;
  readonly #drivers: Informer<KubeObject & CSIDriver>;
  readonly #csi: CsiVolumes;
  readonly #tokens: TokenManager;

  constructor(private readonly deps: VolumeManagerDeps) {
    const { kernel, client, nodeName } = deps;
    this.#node = new Informer(kernel, client, NODES, { fieldSelector: `metadata.name=${nodeName}` });
    this.#drivers = new Informer(kernel, client, CSI_DRIVERS);
    this.#node.addHandlers({ update: (_old, _node, cause) => this.#reconcile(cause) });
    this.#csi = new CsiVolumes(deps.host, client);
    this.#tokens = new TokenManager(kernel, client);
  }

  /** Starts the informers on the kubelet's Node and on CSIDrivers. */
  start(): void {
    this.#node.start();
    this.#drivers.start();
  }

  /** WaitForAttachAndMount: adds the pod's volumes, mounts what it can, says whether all are. */
  waitForAttachAndMount(record: PodRecord, cause: number | null): MountWait {
    let entry = this.#pods.get(record.uid);
    if (entry === undefined) {
      const used = mountedVolumeNames(record.pod);
      const volumes = (record.pod.spec?.volumes ?? [])
        .filter((v) => used.has(v.name))
        .map((v) => newVolume(v.name));
      entry = { record, volumes, waiting: false, resync: null };
      this.#pods.set(record.uid, entry);
    }
    entry.record = record;
    this.#populate(entry, cause);
    this.#reconcile(cause);
    const unmounted = entry.volumes.filter((v) => v.mounted === null).map((v) => v.name);
    if (entry.volumes.some((v) => v.error !== null))
      return { ready: false, error: syncError(entry.volumes, unmounted, (unique) => this.#attached(unique)) };
    if (unmounted.length > 0) {
      entry.waiting = true;
      return { ready: false };
    }
    this.#scheduleResync(entry);
    return { ready: true };
  }

  /** The pod's mounted volumes by name (the container config's mounts come from these). */
  podVolumes(podUid: string): ReadonlyMap<string, MountedVolume> {
    const out = new Map<string, MountedVolume>();
    for (const v of this.#pods.get(podUid)?.volumes ?? []) if (v.mounted !== null) out.set(v.name, v.mounted);
    return out;
  }

  /** Tears down every volume of a terminated pod; returns the last step. */
  unmountPod(podUid: string, cause: number | null): number | null {
    const entry = this.#pods.get(podUid);
    if (entry === undefined) return cause;
    this.#pods.delete(podUid);
    if (entry.resync !== null) this.deps.kernel.cancel(entry.resync);
    this.#tokens.forget(podUid);
    let step = cause;
    for (const v of entry.volumes) {
      if (v.mounted === null || v.spec === null) continue;
      if (v.spec.kind === 'csi') step = this.#csi.unmount(v.spec, podUid, step);
      else {
        tearDown(this.#pluginHost(entry), podUid, v.spec);
        step = this.#decide(`UnmountVolume.TearDown succeeded for volume "${v.name}"`, step);
      }
    }
    return step;
  }

  /** GetVolumesInUse: the attachable volumes the node's pods use, sorted. */
  volumesInUse(): string[] {
    const names = new Set<string>();
    for (const entry of this.#pods.values())
      for (const v of entry.volumes)
        if (v.spec?.kind === 'csi' && v.spec.attachable)
          names.add(csiUniqueName(v.spec.driver, v.spec.handle));
    return [...names].sort();
  }

  /** The node status update that listed `names` in volumesInUse went through. */
  markReportedInUse(names: readonly string[], cause: number | null): void {
    this.#reportedInUse.clear();
    for (const n of names) this.#reportedInUse.add(n);
    this.#reconcile(cause);
  }

  #attached(unique: string): boolean {
    const node = this.#node.lister.get(this.deps.nodeName);
    return (node?.status?.volumesAttached ?? []).some((a) => a.name === unique);
  }

  #populate(entry: PodEntry, cause: number | null): void {
    const attachRequired = (driver: string) => this.#drivers.lister.get(driver)?.spec?.attachRequired ?? true;
    for (const v of entry.volumes) {
      if (v.spec !== null) continue;
      const volume = (entry.record.pod.spec?.volumes ?? []).find((x) => x.name === v.name);
      if (volume === undefined) continue;
      try {
        v.spec = volumeSpec(entry.record.pod, volume, this.deps.client, attachRequired, cause);
        v.error = null;
      } catch (error) {
        v.error = error instanceof Error ? error.message : String(error);
      }
    }
  }

  #pluginHost(entry: PodEntry) {
    const { kernel, host, objects } = this.deps;
    const placement = this.deps.placement(entry.record);
    const tokens = this.#tokens;
    const pod = entry.record.pod;
    return {
      kernel,
      fs: host.fs,
      sources: {
        objects,
        placement,
        token: (audience: string | undefined, seconds: number, cause: number | null) =>
          tokens.token(pod, audience, seconds, cause),
      },
    };
  }

  #decide(summary: string, cause: number | null): number {
    const { id } = this.deps;
    return this.deps.kernel.trace.emit({ from: id, to: id, kind: 'decision', summary, causedBy: cause }).id;
  }

  /** One reconciler pass: mounts every volume that is due. */
  #reconcile(cause: number | null): void {
    const now = this.deps.kernel.clock.now();
    for (const entry of this.#pods.values()) {
      let step = cause;
      for (const v of entry.volumes) {
        if (v.spec === null || (v.mounted !== null && !v.remount) || now < v.retryAt) continue;
        const mounted = this.#mount(entry, v, v.spec, step);
        if (mounted !== null) step = mounted;
      }
      if (entry.waiting && entry.volumes.every((v) => v.mounted !== null)) {
        entry.waiting = false;
        this.deps.requestSync(entry.record, step);
      }
    }
  }

  /** Mounts one volume; returns the step of its success, or null. */
  #mount(entry: PodEntry, v: VolumeEntry, spec: VolumeSpec, cause: number | null): number | null {
    const pod = entry.record.pod;
    try {
      if (spec.kind === 'csi') {
        const { path, step } = this.#csi.mount(spec, entry.record.uid, this.#attachState(), cause);
        v.mounted = { hostPath: path, readOnly: spec.readOnly };
        v.failures = 0;
        return step;
      }
      const hostPath = setUp(this.#pluginHost(entry), pod, spec, cause);
      const remount = v.remount;
      v.mounted = { hostPath, readOnly: alwaysReadOnly(spec) };
      v.remount = false;
      v.failures = 0;
      return remount ? cause : this.#decide(`MountVolume.SetUp succeeded for volume "${spec.name}"`, cause);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (message === NOT_READY) return null;
      const text =
        spec.kind === 'csi' ? message : `MountVolume.SetUp failed for volume "${spec.name}" : ${message}`;
      this.deps.recorder.event(pod, 'Warning', 'FailedMount', text, cause);
      const delay = Math.min(INITIAL_BACKOFF_MS * 2 ** v.failures, MAX_BACKOFF_MS);
      v.failures++;
      v.retryAt = this.deps.kernel.clock.now() + delay;
      this.deps.kernel.schedule(delay, `${this.deps.id}: retry mount ${spec.name}`, () =>
        this.#reconcile(null),
      );
      return null;
    }
  }

  #attachState() {
    return {
      attached: (unique: string) => this.#attached(unique),
      reportedInUse: (unique: string) => this.#reportedInUse.has(unique),
    };
  }

  /** Sets the pod's API-data volumes up again every resync period, while it lives. */
  #scheduleResync(entry: PodEntry): void {
    if (entry.resync !== null || !entry.volumes.some((v) => v.spec?.kind === 'api')) return;
    const { kernel, id } = this.deps;
    const delay = RESYNC_MS + Math.floor(kernel.rng.float() * 0.5 * RESYNC_MS);
    entry.resync = kernel.schedule(delay, `${id}: resync volumes of ${entry.record.uid}`, () => {
      entry.resync = null;
      if (this.#pods.get(entry.record.uid) !== entry) return;
      for (const v of entry.volumes) if (v.spec?.kind === 'api') v.remount = true;
      this.#reconcile(null);
      this.#scheduleResync(entry);
    });
  }
}
