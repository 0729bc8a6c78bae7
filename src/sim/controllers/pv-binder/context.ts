/**
 * What the PV controller's sync functions share: its API client and event recorder, the
 * informers' listers, and its own caches of the last known volumes and claims.
 */
import type { Lister } from '../../client/cache';
import { objectKey } from '../../client/cache';
import type { EventRecorder } from '../../client/events';
import type { ApiClient } from '../../client/rest';
import type { KubeObject } from '../../apiserver/types';
import type { Claim, PodObject, StorageClassObject, Volume } from './types';

/**
 * The controller's cache of the newest version it knows of each object (upstream's volumes
 * and claims stores). It is fed both by informer events, as the workers reach them, and by
 * the controller's own writes, so a sync never acts on a version older than one it wrote.
 */
export class ObjectCache<T extends KubeObject> {
  readonly #items = new Map<string, T>();

  get(key: string): T | undefined {
    return this.#items.get(key);
  }

  list(): T[] {
    return [...this.#items.values()];
  }

  /**
   * Stores `obj` unless the cache holds a newer version (storeObjectUpdate); the same
   * version passes, so periodic syncs still run. Returns whether it was stored.
   */
  store(obj: T): boolean {
    const key = objectKey(obj);
    const old = this.#items.get(key);
    if (old !== undefined && Number(old.metadata.resourceVersion) > Number(obj.metadata.resourceVersion))
      return false;
    this.#items.set(key, obj);
    return true;
  }

  delete(key: string): void {
    this.#items.delete(key);
  }
}

/** The PV controller's state, as its sync functions use it. */
export interface PvContext {
  readonly client: ApiClient;
  /** Events from `persistentvolume-controller`. */
  readonly recorder: EventRecorder;
  readonly volumeLister: Lister<Volume>;
  readonly claimLister: Lister<Claim>;
  readonly classLister: Lister<StorageClassObject>;
  readonly podLister: Lister<PodObject>;
  readonly volumes: ObjectCache<Volume>;
  readonly claims: ObjectCache<Claim>;
  /** Queues a claim for syncClaim. */
  enqueueClaim(key: string, cause: number | null): void;
  /** Records a decision of the controller as a trace step; returns its id. */
  decide(summary: string, cause: number | null): number;
}
