/**
 * The kubelet's pod workers: one record per pod on the node, fed by the pod watch
 * (`fieldSelector=spec.nodeName=<node>`) and by the static pod manifests, and at most one
 * sync per pod at a time. A sync asked for while one runs happens right after it; a sync that
 * failed (an image that did not pull, a container in back-off) is retried after upstream's
 * 10 s back-off period with its jitter (10-15 s). Status-only changes of a pod do not wake
 * its worker, as in upstream. Mirror pods from the watch are not run: they belong to the
 * static pod of the same name (upstream's pod manager), which syncs when they change.
 */
import type { Informer } from '../../client/informer';
import { isMirror } from './config/static-pods';
import { jsonEqual } from './format';
import type { KubeletContext, PodObject, PodRecord } from './context';
import type { StatusManager } from './status-manager';
import type { SyncDone } from './sync';

/** Upstream's pod worker back-off period after a failed sync, and its jitter factor. */
const BACKOFF_PERIOD_MS = 10_000;
const JITTER = 0.5;

export class PodWorkers {
  readonly #records = new Map<string, PodRecord>();

  constructor(
    private readonly ctx: Omit<KubeletContext, 'requestSync'>,
    private readonly status: StatusManager,
    private readonly sync: (record: PodRecord, cause: number | null, done: SyncDone) => void,
    /** Whether the kubelet process runs; a stopped one syncs nothing until {@link resyncAll}. */
    private readonly running: () => boolean = () => true,
  ) {}

  /** Syncs every pod, as a restarted (or reconnected) kubelet does. */
  resyncAll(cause: number | null): void {
    for (const record of [...this.#records.values()]) this.requestSync(record, cause);
  }

  /** Every pod the kubelet knows, including ones being torn down. */
  records(): IterableIterator<PodRecord> {
    return this.#records.values();
  }

  /** Feeds the workers from the kubelet's pod informer. */
  watch(informer: Informer<PodObject>): void {
    informer.addHandlers({
      add: (pod, cause) => this.#upsert(pod, cause),
      update: (old, pod, cause) => {
        if (old.metadata.uid !== pod.metadata.uid) this.#remove(old, cause);
        this.#upsert(pod, cause);
      },
      delete: (pod, cause) => this.#remove(pod, cause),
    });
  }

  /** Asks for a sync of `record`: now, or right after the one that is running. */
  requestSync(record: PodRecord, cause: number | null): void {
    if (!this.running()) return;
    if (record.queued !== null) {
      record.queued = { cause: cause ?? record.queued.cause };
      return;
    }
    if (record.busy) {
      record.pending = { cause: cause ?? record.pending?.cause ?? null };
      return;
    }
    if (record.retry !== null) this.ctx.kernel.cancel(record.retry);
    record.retry = null;
    record.busy = true;
    record.queued = { cause };
    const { namespace, name } = record.pod.metadata;
    this.ctx.kernel.schedule(0, `${this.ctx.id}: sync pod ${namespace ?? ''}/${name ?? ''}`, () => {
      const latest = record.queued?.cause ?? null;
      record.queued = null;
      this.sync(record, latest, (failed) => this.#finish(record, failed, latest));
    });
  }

  #finish(record: PodRecord, failed: boolean, cause: number | null): void {
    record.busy = false;
    if (record.deleted && record.killed && record.sandbox === null) {
      this.#records.delete(record.uid);
      this.status.forget(record.uid);
      return;
    }
    const pending = record.pending;
    record.pending = null;
    if (pending !== null) return this.requestSync(record, pending.cause);
    if (!failed) return;
    const delay = BACKOFF_PERIOD_MS + Math.floor(this.ctx.kernel.rng.float() * JITTER * BACKOFF_PERIOD_MS);
    const { namespace, name } = record.pod.metadata;
    record.retry = this.ctx.kernel.schedule(
      delay,
      `${this.ctx.id}: retry pod ${namespace ?? ''}/${name ?? ''}`,
      () => {
        record.retry = null;
        this.requestSync(record, cause);
      },
    );
  }

  /** Runs a static pod (from a manifest); it has no mirror pod yet. */
  addStatic(pod: PodObject, cause: number | null): void {
    this.#add(pod, true, cause);
  }

  #add(pod: PodObject, isStatic: boolean, cause: number | null): void {
    const uid = pod.metadata.uid ?? '';
    const created: PodRecord = {
      uid,
      pod,
      apiStatus: isStatic ? {} : (pod.status ?? {}),
      deleted: false,
      isStatic,
      admitted: false,
      mirror: null,
      sandbox: null,
      containers: new Map(),
      failures: new Map(),
      terminal: false,
      killed: false,
      startTime: null,
      queued: null,
      busy: false,
      pending: null,
      retry: null,
    };
    this.#records.set(uid, created);
    this.requestSync(created, cause);
  }

  /** The static pod a mirror pod belongs to: the one with its namespace and name. */
  #staticOf(mirror: PodObject): PodRecord | undefined {
    const { namespace, name } = mirror.metadata;
    for (const r of this.#records.values()) {
      if (r.isStatic && r.pod.metadata.namespace === namespace && r.pod.metadata.name === name) return r;
    }
    return undefined;
  }

  /**
   * A mirror pod was added or changed: its static pod takes it (unless it knows a newer one)
   * and syncs, except for changes of its status only.
   */
  #mirrorSeen(mirror: PodObject, cause: number | null): void {
    const record = this.#staticOf(mirror);
    if (record === undefined) return;
    const old = record.mirror;
    if (old !== null && old.metadata.uid !== mirror.metadata.uid) return;
    this.mirrorCreated(record, mirror);
    const wakes =
      old === null ||
      old.metadata.deletionTimestamp !== mirror.metadata.deletionTimestamp ||
      !jsonEqual(old.metadata.annotations, mirror.metadata.annotations);
    if (wakes) this.requestSync(record, cause);
  }

  /** Takes in the static pod's mirror pod (created by the kubelet, or from the watch). */
  mirrorCreated(record: PodRecord, mirror: PodObject): void {
    record.mirror = mirror;
    this.status.observeStatus(record, mirror);
  }

  #upsert(pod: PodObject, cause: number | null): void {
    if (isMirror(pod)) return this.#mirrorSeen(pod, cause);
    const uid = pod.metadata.uid ?? '';
    const record = this.#records.get(uid);
    if (record === undefined) return this.#add(pod, false, cause);
    const old = record.pod;
    this.status.observe(record, pod);
    const wakes =
      (old.metadata.deletionTimestamp === undefined && pod.metadata.deletionTimestamp !== undefined) ||
      !jsonEqual(old.spec, pod.spec) ||
      !jsonEqual(old.metadata.labels, pod.metadata.labels) ||
      !jsonEqual(old.metadata.annotations, pod.metadata.annotations);
    if (wakes) this.requestSync(record, cause);
  }

  #remove(pod: PodObject, cause: number | null): void {
    if (isMirror(pod)) {
      const owner = this.#staticOf(pod);
      if (owner === undefined || owner.mirror?.metadata.uid !== pod.metadata.uid) return;
      owner.mirror = null;
      return this.requestSync(owner, cause);
    }
    const record = this.#records.get(pod.metadata.uid ?? '');
    if (record === undefined) return;
    record.pod = { ...record.pod, metadata: { ...record.pod.metadata, ...pod.metadata } };
    record.deleted = true;
    this.requestSync(record, cause);
  }
}
