/**
 * The VolumeBinding plugin's assume caches (PVAssumeCache, PVCAssumeCache): the informer's
 * volumes or claims, with the versions the scheduler assumed in Reserve (a volume pre-bound to
 * a claim, a claim given a selected node) standing in for the stored ones. Later scheduling
 * cycles then see the volume as taken before the API write happens. An assumption lasts until
 * the informer brings a newer version or it is restored (Unreserve, or a failed write).
 */
import type { KubeObject } from '../../../apiserver/types';
import { objectKey } from '../../../client/cache';
import type { Informer } from '../../../client/informer';

const version = (obj: KubeObject) => Number(obj.metadata.resourceVersion ?? 0);

export class AssumeCache<T extends KubeObject> {
  readonly #assumed = new Map<string, T>();

  constructor(
    private readonly informer: Informer<T>,
    /** What the objects are, for errors: `persistentVolume`, `persistentVolumeClaim`. */
    private readonly description: string,
  ) {}

  /** The informer's object, or the assumed version while the informer has nothing newer. */
  get(key: string): T | undefined {
    const stored = this.informer.lister.get(key);
    const assumed = this.#assumed.get(key);
    if (stored === undefined) return undefined;
    if (assumed === undefined) return stored;
    if (version(stored) > version(assumed)) {
      this.#assumed.delete(key);
      return stored;
    }
    return assumed;
  }

  /** The object as the apiserver last sent it (GetAPIObj), assumptions aside. */
  getAPIObj(key: string): T | undefined {
    return this.informer.lister.get(key);
  }

  /** Every object, assumed versions in place. */
  list(): T[] {
    return this.informer.lister
      .list()
      .map((obj) => this.get(objectKey(obj)))
      .filter((obj): obj is T => obj !== undefined);
  }

  /**
   * Assume: `obj` (derived from the stored version) stands in for it. Fails when the object
   * is gone or `obj` is older than what is stored.
   */
  assume(obj: T): void {
    const key = objectKey(obj);
    const stored = this.get(key);
    if (stored === undefined) throw new Error(`${this.description} ${JSON.stringify(key)} not found`);
    if (version(obj) < version(stored))
      throw new Error(
        `${this.description} ${JSON.stringify(key)} is out of sync (stored: ${version(stored)}, assume: ${version(obj)})`,
      );
    this.#assumed.set(key, obj);
  }

  /** Restore: drops the assumed version of `key`. */
  restore(key: string): void {
    this.#assumed.delete(key);
  }
}
