/**
 * Watches as the API serves them: optional synthetic ADDED events for what exists, then every
 * change after a resourceVersion, filtered by selectors (an object that stops matching is
 * DELETED for this watcher), with bookmarks and a server-side timeout.
 */
import type { Kernel } from '../kernel/kernel';
import { CompactedError, type Etcd, type KeyValue, type StoreEvent, type WatchHandle } from '../store';
import type { ResourceInfo } from './resources';
import { expired, type ApiError } from './status';
import type { ObjectStorage } from './storage';
import type { KubeObject, WatchEvent, WatchStream } from './types';

/** How often a watch that allows bookmarks gets one, in virtual ms. */
export const BOOKMARK_INTERVAL_MS = 60_000;

export interface WatchOptions {
  readonly kernel: Kernel;
  readonly etcd: Etcd;
  readonly storage: ObjectStorage;
  readonly resource: ResourceInfo;
  readonly namespace: string | null;
  /** Keeps only objects the selectors accept. */
  readonly filter: (obj: KubeObject) => boolean;
  /** Watch from after this version; '' or '0' starts with the current state as ADDED events. */
  readonly resourceVersion: string;
  readonly bookmarks: boolean;
  readonly timeoutMs: number;
  /** The apiserver's id and the watching client's id, for the trace. */
  readonly server: string;
  readonly client: string;
  readonly causedBy: number | null;
}

/** Opens a watch; nothing is delivered until the stream is started. */
export function openWatch(o: WatchOptions): WatchStream {
  let handle: WatchHandle | null = null;
  const timers: ReturnType<Kernel['schedule']>[] = [];
  let ended = false;
  let lastRevision = 0;
  let emit: (event: WatchEvent, cause: number | null) => void = () => {};
  let finish: () => void = () => {};

  const stop = () => {
    if (ended) return;
    ended = true;
    handle?.cancel();
    for (const t of timers) o.kernel.cancel(t);
  };

  const deliver = (events: StoreEvent[], steps: readonly number[]) => {
    events.forEach((e, i) => {
      const event = toWatchEvent(o, e);
      lastRevision = e.kv.modRevision;
      if (event !== null) emit(event, steps[i] ?? null);
    });
  };

  return {
    start(listener, onEnd) {
      emit = (event, cause) => {
        if (ended) return;
        const meta = event.object.metadata as { name?: string; resourceVersion?: string } | undefined;
        const name = meta?.name ?? '';
        const step = o.kernel.trace.emit({
          from: o.server,
          to: o.client,
          kind: 'watch',
          summary: `watch ${event.type} ${o.resource.plural}${name === '' ? '' : `/${name}`}`,
          detail: {
            type: event.type,
            resource: o.resource.plural,
            name,
            resourceVersion: meta?.resourceVersion ?? '',
          },
          causedBy: cause,
        });
        listener(event, step.id);
      };
      finish = () => {
        if (ended) return;
        stop();
        onEnd();
      };
      const ctx = { client: o.server, causedBy: o.causedBy };
      const prefix = o.storage.key(o.resource, o.namespace);
      let from = Number(o.resourceVersion);
      if (o.resourceVersion === '' || o.resourceVersion === '0') {
        const list = o.storage.list(o.resource, o.namespace, { filter: o.filter }, { causedBy: o.causedBy });
        from = Number(list.resourceVersion);
        const initial = list.items;
        timers.push(
          o.kernel.schedule(0, `watch ${o.resource.plural}: initial events`, () =>
            initial.forEach((obj) => emit({ type: 'ADDED', object: obj }, null)),
          ),
        );
      }
      lastRevision = from;
      try {
        handle = o.etcd.watch(prefix, from + 1, ctx, (events, delivery) => deliver(events, delivery.steps));
      } catch (error) {
        if (!(error instanceof CompactedError)) throw error;
        const gone: ApiError = expired(`too old resource version: ${from} (${error.compactRevision})`);
        timers.push(
          o.kernel.schedule(0, `watch ${o.resource.plural}: expired`, () => {
            emit({ type: 'ERROR', object: gone.status }, null);
            finish();
          }),
        );
        return;
      }
      if (o.bookmarks) {
        const bookmark = () => {
          emit(
            {
              type: 'BOOKMARK',
              object: {
                kind: o.resource.kind,
                apiVersion: apiVersion(o.resource),
                metadata: { resourceVersion: String(Math.max(lastRevision, o.etcd.revision)) },
              },
            },
            null,
          );
          timers.push(
            o.kernel.schedule(BOOKMARK_INTERVAL_MS, `watch ${o.resource.plural}: bookmark`, bookmark),
          );
        };
        timers.push(
          o.kernel.schedule(BOOKMARK_INTERVAL_MS, `watch ${o.resource.plural}: bookmark`, bookmark),
        );
      }
      timers.push(o.kernel.schedule(o.timeoutMs, `watch ${o.resource.plural}: timeout`, () => finish()));
    },
    close: stop,
  };
}

const apiVersion = (r: ResourceInfo) => (r.group === '' ? r.version : `${r.group}/${r.version}`);

/**
 * Store values decoded once for every watcher of the same change to test its selectors
 * against, by API version (watchers of one resource may use different versions). They never
 * leave the apiserver: each watcher that gets an object gets its own copy.
 */
const decodedForFilters = new WeakMap<KeyValue, Map<string, KubeObject>>();

/** `kv` decoded for `o`'s selectors, shared with the other watchers of the same change. */
function forFilter(o: WatchOptions, kv: KeyValue): KubeObject {
  let byVersion = decodedForFilters.get(kv);
  if (byVersion === undefined) decodedForFilters.set(kv, (byVersion = new Map()));
  const version = apiVersion(o.resource);
  let obj = byVersion.get(version);
  if (obj === undefined) byVersion.set(version, (obj = o.storage.decode(o.resource, kv)));
  return obj;
}

/** Translates one store event into what this watcher sees, or null if it sees nothing. */
function toWatchEvent(o: WatchOptions, e: StoreEvent): WatchEvent | null {
  const decode = (kv: KeyValue, rv: number) => {
    const obj = o.storage.decode(o.resource, kv);
    obj.metadata.resourceVersion = String(rv);
    return obj;
  };
  const rv = e.kv.modRevision;
  if (e.type === 'DELETE') {
    if (e.prevKv === null) return null;
    return o.filter(forFilter(o, e.prevKv)) ? { type: 'DELETED', object: decode(e.prevKv, rv) } : null;
  }
  const nowMatches = o.filter(forFilter(o, e.kv));
  if (e.prevKv === null) return nowMatches ? { type: 'ADDED', object: decode(e.kv, rv) } : null;
  const before = o.filter(forFilter(o, e.prevKv));
  if (before && nowMatches) return { type: 'MODIFIED', object: decode(e.kv, rv) };
  if (nowMatches) return { type: 'ADDED', object: decode(e.kv, rv) };
  if (before) return { type: 'DELETED', object: decode(e.kv, rv) };
  return null;
}
