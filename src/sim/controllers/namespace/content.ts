/**
 * Deleting one resource's content in a namespace, as upstream's namespaced resources deleter
 * does it through the metadata client: DELETE the collection (or, where that is not
 * supported, list and DELETE each item) with Background propagation, then list again to see
 * what is left and which finalizers hold it.
 */
import type { ResourceInfo, Verb } from '../../apiserver/resources';
import { ApiError } from '../../apiserver/status';
import type { KubeObject } from '../../apiserver/types';
import { resourcePath, type ApiClient } from '../../client/rest';

/** Assumed time (seconds) for finalizers to finish when items pending deletion carry some. */
export const FINALIZER_ESTIMATE_SECONDS = 15;

/** What is left of one resource after a deletion pass. */
export interface ResourceDeletionResult {
  /** Seconds to wait before checking again; 0 makes no estimate. */
  readonly estimate: number;
  readonly remaining: number;
  /** How many remaining items each finalizer holds. */
  readonly finalizers: ReadonlyMap<string, number>;
  /** Why the pass failed, as the error would print; null if it did not. */
  readonly error: string | null;
}

/** A namespaced resource as discovery described it: group, version, name and verbs. */
export function discoveredResource(
  groupVersion: string,
  r: { name: string; kind: string; verbs: readonly string[] },
): ResourceInfo {
  const slash = groupVersion.indexOf('/');
  const group = slash < 0 ? '' : groupVersion.slice(0, slash);
  const version = slash < 0 ? groupVersion : groupVersion.slice(slash + 1);
  return {
    group,
    version,
    kind: r.kind,
    plural: r.name,
    singular: r.kind.toLowerCase(),
    namespaced: true,
    shortNames: [],
    categories: [],
    verbs: r.verbs as Verb[],
    subresources: [],
    etcdPrefix: r.name,
    storageVersion: groupVersion,
  };
}

/** Go's `%v` of a GroupVersionResource: `apps/v1, Resource=deployments`. */
export const gvrString = (r: ResourceInfo) => `${r.group}/${r.version}, Resource=${r.plural}`;

const BACKGROUND = { kind: 'DeleteOptions', apiVersion: 'v1', propagationPolicy: 'Background' } as const;
const message = (error: unknown) => (error instanceof Error ? error.message : String(error));
/** Upstream treats 405 and 404 alike here: the resource does not support the operation. */
const unsupported = (error: unknown) =>
  error instanceof ApiError && (error.code === 405 || error.code === 404);

/**
 * Deletes a namespace's content resource by resource, remembering which operations a resource
 * does not support (from discovery's verbs and from 405/404 answers).
 */
export class ContentDeleter {
  readonly #notSupported = new Set<string>();

  constructor(private readonly client: ApiClient) {}

  /** Records the operations discovery says `r` lacks. */
  learn(r: ResourceInfo): void {
    for (const op of ['list', 'deletecollection'] as const)
      if (!r.verbs.includes(op)) this.#notSupported.add(`${op} ${gvrString(r)}`);
  }

  #supported(op: 'list' | 'deletecollection', r: ResourceInfo): boolean {
    return !this.#notSupported.has(`${op} ${gvrString(r)}`);
  }

  /** DELETE the collection; false if the resource does not support it. */
  #deleteCollection(r: ResourceInfo, ns: string, cause: number | null): boolean {
    if (!this.#supported('deletecollection', r)) return false;
    try {
      this.client.request('DELETE', resourcePath(r, ns), { body: BACKGROUND, causedBy: cause });
      return true;
    } catch (error) {
      if (unsupported(error)) return false;
      throw error;
    }
  }

  /** Lists the items; null if the resource does not support listing. */
  #list(r: ResourceInfo, ns: string, cause: number | null): KubeObject[] | null {
    if (!this.#supported('list', r)) return null;
    try {
      return this.client.list(r, ns, {}, cause).items;
    } catch (error) {
      if (unsupported(error)) return null;
      throw error;
    }
  }

  #deleteEachItem(r: ResourceInfo, ns: string, cause: number | null): void {
    for (const item of this.#list(r, ns, cause) ?? []) {
      try {
        this.client.delete(r, ns, item.metadata.name ?? '', { propagationPolicy: 'Background' }, cause);
      } catch (error) {
        if (!unsupported(error)) throw error;
      }
    }
  }

  /**
   * One pass over resource `r` in namespace `ns`: deletes what is there and reports what is
   * left. `estimate` is how long (seconds) graceful termination may still take.
   */
  deleteAll(r: ResourceInfo, ns: string, estimate: number, cause: number | null): ResourceDeletionResult {
    const none = new Map<string, number>();
    let items: KubeObject[] | null;
    try {
      if (!this.#deleteCollection(r, ns, cause)) this.#deleteEachItem(r, ns, cause);
      items = this.#list(r, ns, cause);
    } catch (error) {
      return { estimate, remaining: 0, finalizers: none, error: message(error) };
    }
    if (items === null) return { estimate, remaining: 0, finalizers: none, error: null };
    if (items.length === 0) return { estimate: 0, remaining: 0, finalizers: none, error: null };
    const finalizers = new Map<string, number>();
    for (const item of items)
      for (const f of item.metadata.finalizers ?? []) finalizers.set(f, (finalizers.get(f) ?? 0) + 1);
    const remaining = items.length;
    if (estimate !== 0) return { estimate, remaining, finalizers, error: null };
    if (finalizers.size > 0)
      return { estimate: FINALIZER_ESTIMATE_SECONDS, remaining, finalizers, error: null };
    return {
      estimate,
      remaining,
      finalizers: none,
      error: `unexpected items still remain in namespace: ${ns} for gvr: ${gvrString(r)}`,
    };
  }
}
