import type { Kernel, TimerHandle } from '../kernel/kernel';
import type { StoreEvent, WatchHandle, WatchListener } from './types';

/** One registered watch. */
interface Watcher {
  readonly id: number;
  readonly prefix: string;
  readonly client: string;
  /** Live events below this revision were covered by the replay (or predate the watch). */
  readonly minRevision: number;
  readonly listener: WatchListener;
  /** Deliveries scheduled on the kernel and not yet run. */
  readonly pending: Set<TimerHandle>;
  cancelled: boolean;
}

/** What {@link WatchHub.add} needs to register a watch. */
export interface NewWatch {
  readonly prefix: string;
  readonly client: string;
  readonly minRevision: number;
  readonly listener: WatchListener;
  /** Past events to deliver first, in revision order. */
  readonly replay: readonly StoreEvent[];
  /** The trace step of the WATCH request: the cause of the replayed events' delivery steps. */
  readonly step: number;
}

/**
 * The store's watchers and their deliveries. Every delivery goes through `kernel.schedule(0,
 * ...)`, never inside the write that caused it, and the kernel runs events scheduled for the
 * same instant first-in first-out, so each watcher sees revisions in order: the replay
 * (scheduled when the watch starts) before any live event written after it.
 */
export class WatchHub {
  #nextId = 1;
  readonly #watchers = new Map<number, Watcher>();

  constructor(
    private readonly kernel: Kernel,
    private readonly etcdId: string,
  ) {}

  /** The id the next watch will get. */
  get nextId(): number {
    return this.#nextId;
  }

  /** Number of active watches. */
  get size(): number {
    return this.#watchers.size;
  }

  /** Registers a watch and schedules the delivery of its replayed history. */
  add(watch: NewWatch): WatchHandle {
    const watcher: Watcher = {
      id: this.#nextId++,
      prefix: watch.prefix,
      client: watch.client,
      minRevision: watch.minRevision,
      listener: watch.listener,
      pending: new Set(),
      cancelled: false,
    };
    this.#watchers.set(watcher.id, watcher);
    if (watch.replay.length > 0) this.#schedule(watcher, watch.replay, watch.step);
    return {
      id: watcher.id,
      step: watch.step,
      cancel: () => this.#cancel(watcher),
    };
  }

  /** Schedules delivery of a new change to every watcher whose prefix matches its key. */
  notify(event: StoreEvent, causedBy: number): void {
    for (const watcher of this.#watchers.values()) {
      if (event.kv.modRevision >= watcher.minRevision && event.kv.key.startsWith(watcher.prefix)) {
        this.#schedule(watcher, [event], causedBy);
      }
    }
  }

  #cancel(watcher: Watcher): void {
    if (watcher.cancelled) return;
    watcher.cancelled = true;
    for (const handle of watcher.pending) this.kernel.cancel(handle);
    watcher.pending.clear();
    this.#watchers.delete(watcher.id);
  }

  /** Schedules one kernel event that hands `events` to the watcher, one listener call per revision. */
  #schedule(watcher: Watcher, events: readonly StoreEvent[], causedBy: number): void {
    const first = events[0] as StoreEvent;
    const last = events.at(-1) as StoreEvent;
    const revisions =
      first === last ? `rev ${first.kv.modRevision}` : `revs ${first.kv.modRevision}-${last.kv.modRevision}`;
    const handle = this.kernel.schedule(0, `etcd watch ${revisions} -> ${watcher.client}`, () => {
      watcher.pending.delete(handle);
      let i = 0;
      while (i < events.length && !watcher.cancelled) {
        const revision = (events[i] as StoreEvent).kv.modRevision;
        const batch: StoreEvent[] = [];
        while (i < events.length && (events[i] as StoreEvent).kv.modRevision === revision) {
          batch.push(events[i++] as StoreEvent);
        }
        this.#deliver(watcher, batch, causedBy);
      }
    });
    watcher.pending.add(handle);
  }

  #deliver(watcher: Watcher, events: StoreEvent[], causedBy: number): void {
    const steps = events.map(
      (event) =>
        this.kernel.trace.emit({
          from: this.etcdId,
          to: watcher.client,
          kind: 'watch',
          summary: `watch ${event.type} ${event.kv.key} (rev ${event.kv.modRevision})`,
          detail: {
            watchId: watcher.id,
            prefix: watcher.prefix,
            type: event.type,
            key: event.kv.key,
            revision: event.kv.modRevision,
            prevModRevision: event.prevKv?.modRevision ?? null,
          },
          causedBy,
        }).id,
    );
    watcher.listener(events, { steps });
  }
}
