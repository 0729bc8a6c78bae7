/**
 * Upstream's EndpointSliceTracker (k8s.io/endpointslice/util): what the controller last wrote
 * for each Service's slices, so that a sync whose informer cache has not caught up with those
 * writes (a slice it created not there yet, one it updated still older, one it deleted still
 * there) fails quietly and is retried, instead of planning from stale slices and conflicting
 * or duplicating them. Upstream compares `metadata.generation`; the simulation's slices carry
 * none, so the tracker compares resourceVersions, which the simulated etcd makes increasing.
 */
import type { SliceObject } from './reconciler';

const DELETED = 'deleted';

/** The error a sync throws when the cache is behind the controller's own writes. */
export const STALE_INFORMER_CACHE = 'EndpointSlice informer cache is out of date';

/** The slices the controller last wrote, by Service, to tell a stale cache from a fresh one. */
export class EndpointSliceTracker {
  /** By Service key: each slice's uid and the resourceVersion written, or `deleted`. */
  readonly #expected = new Map<string, Map<string, string>>();

  /** The controller wrote `slice` (created or updated it) for the Service at `key`. */
  update(key: string, slice: SliceObject): void {
    const uid = slice.metadata.uid;
    if (uid === undefined) return;
    this.#for(key).set(uid, slice.metadata.resourceVersion ?? '0');
  }

  /** The controller deleted `slice`. */
  expectDeletion(key: string, slice: SliceObject): void {
    const uid = slice.metadata.uid;
    if (uid !== undefined) this.#for(key).set(uid, DELETED);
  }

  /** The informer saw `slice` go: nothing is expected of it any more. */
  handleDeletion(key: string, slice: SliceObject): void {
    const uid = slice.metadata.uid;
    if (uid !== undefined) this.#expected.get(key)?.delete(uid);
  }

  /** The Service is gone. */
  deleteService(key: string): void {
    this.#expected.delete(key);
  }

  /** StaleSlices: whether `slices` (from the cache) miss or predate what was written. */
  stale(key: string, slices: readonly SliceObject[]): boolean {
    const expected = this.#expected.get(key);
    if (expected === undefined) return false;
    const cached = new Set<string>();
    for (const slice of slices) {
      const uid = slice.metadata.uid ?? '';
      cached.add(uid);
      const want = expected.get(uid);
      if (want === undefined) continue;
      if (want === DELETED || Number(want) > Number(slice.metadata.resourceVersion ?? '0')) return true;
    }
    for (const [uid, want] of expected) if (want !== DELETED && !cached.has(uid)) return true;
    return false;
  }

  #for(key: string): Map<string, string> {
    let m = this.#expected.get(key);
    if (m === undefined) this.#expected.set(key, (m = new Map()));
    return m;
  }
}
