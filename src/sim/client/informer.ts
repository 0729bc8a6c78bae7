/**
 * An informer (client-go's reflector + shared informer): lists a resource, then watches it
 * from the list's resourceVersion, keeping a local cache and telling its handlers about every
 * add, update and delete. It re-watches when a watch ends, relists when the apiserver answers
 * 410 Gone, and, with a resync period, re-delivers every cached object as an update.
 */
import type { Kernel } from '../kernel/kernel';
import type { ResourceInfo } from '../apiserver/resources';
import type { KubeObject, Status, WatchStream } from '../apiserver/types';
import { Cache, objectKey, type Lister } from './cache';
import type { ApiClient } from './rest';

/** What an informer tells its handlers, with the trace step that brought the news. */
export interface EventHandlers<T extends KubeObject> {
  add?(obj: T, cause: number | null): void;
  update?(old: T, obj: T, cause: number | null): void;
  delete?(obj: T, cause: number | null): void;
}

export interface InformerOptions {
  /** Only one namespace; all of them when omitted. */
  readonly namespace?: string;
  readonly labelSelector?: string;
  readonly fieldSelector?: string;
  /** Re-deliver every cached object as an update this often (virtual ms); 0 for never. */
  readonly resyncMs?: number;
  /** How long a watch may stay open before the server closes it (seconds). */
  readonly watchTimeoutSeconds?: number;
}

/** Default watch length: 5 to 10 minutes, like client-go's reflector. */
const WATCH_TIMEOUT_SECONDS = 300;

export class Informer<T extends KubeObject = KubeObject> {
  readonly #cache = new Cache<T>();
  readonly #handlers: EventHandlers<T>[] = [];
  #watch: WatchStream | null = null;
  #resourceVersion = '';
  #synced = false;
  #stopped = false;
  #running = false;

  constructor(
    private readonly kernel: Kernel,
    private readonly client: ApiClient,
    readonly resource: ResourceInfo,
    private readonly options: InformerOptions = {},
  ) {}

  /** The informer's cache, for reading. */
  get lister(): Lister<T> {
    return this.#cache;
  }

  /** True between {@link start} and {@link stop}. */
  get running(): boolean {
    return this.#running;
  }

  /** True once the first list has filled the cache. */
  get hasSynced(): boolean {
    return this.#synced;
  }

  addHandlers(handlers: EventHandlers<T>): void {
    this.#handlers.push(handlers);
  }

  /** Lists, then watches. */
  start(): void {
    this.#stopped = false;
    this.#running = true;
    this.#relist(null);
    const resync = this.options.resyncMs ?? 0;
    if (resync > 0) {
      const tick = () => {
        if (this.#stopped) return;
        for (const obj of this.#cache.list()) for (const h of this.#handlers) h.update?.(obj, obj, null);
        this.kernel.schedule(resync, `${this.#name}: resync`, tick);
      };
      this.kernel.schedule(resync, `${this.#name}: resync`, tick);
    }
  }

  stop(): void {
    this.#stopped = true;
    this.#running = false;
    this.#watch?.close();
    this.#watch = null;
  }

  get #name(): string {
    return `${this.client.id} informer ${this.resource.plural}`;
  }

  #query(): Record<string, string> {
    return {
      ...(this.options.labelSelector === undefined ? {} : { labelSelector: this.options.labelSelector }),
      ...(this.options.fieldSelector === undefined ? {} : { fieldSelector: this.options.fieldSelector }),
    };
  }

  /** Lists everything and reconciles the cache with it, then starts a watch. */
  #relist(cause: number | null): void {
    if (this.#stopped) return;
    const list = this.client.list<T>(this.resource, this.options.namespace ?? null, this.#query(), cause);
    const seen = new Set<string>();
    for (const item of list.items) {
      const obj = { ...item, apiVersion: list.apiVersion, kind: this.resource.kind } as T;
      seen.add(objectKey(obj));
      this.#store(obj, cause);
    }
    for (const key of this.#cache.keys()) {
      if (seen.has(key)) continue;
      const old = this.#cache.remove(key);
      if (old !== undefined) for (const h of this.#handlers) h.delete?.(old, cause);
    }
    this.#resourceVersion = list.metadata.resourceVersion ?? '';
    this.#synced = true;
    this.#startWatch(cause);
  }

  #store(obj: T, cause: number | null): void {
    const old = this.#cache.put(obj);
    for (const h of this.#handlers) {
      if (old === undefined) h.add?.(obj, cause);
      else h.update?.(old, obj, cause);
    }
  }

  #startWatch(cause: number | null): void {
    if (this.#stopped) return;
    const watch = this.client.watch(
      this.resource,
      this.options.namespace ?? null,
      {
        ...this.#query(),
        resourceVersion: this.#resourceVersion,
        allowWatchBookmarks: 'true',
        timeoutSeconds: String(this.options.watchTimeoutSeconds ?? WATCH_TIMEOUT_SECONDS),
      },
      cause,
    );
    this.#watch = watch;
    let expired = false;
    watch.start(
      (event, step) => {
        if (event.type === 'ERROR') {
          expired = (event.object as Status).code === 410;
          return;
        }
        const obj = event.object as T;
        this.#resourceVersion = obj.metadata.resourceVersion ?? this.#resourceVersion;
        if (event.type === 'BOOKMARK') return;
        if (event.type === 'DELETED') {
          const old = this.#cache.remove(objectKey(obj));
          for (const h of this.#handlers) h.delete?.(old ?? obj, step);
        } else {
          this.#store(obj, step);
        }
      },
      () => {
        if (this.#watch !== watch || this.#stopped) return;
        this.#watch = null;
        // The server closed the watch: watch again from where we were, or relist if too old.
        this.kernel.schedule(0, `${this.#name}: ${expired ? 'relist' : 'rewatch'}`, () =>
          expired ? this.#relist(null) : this.#startWatch(null),
        );
      },
    );
  }
}
