/**
 * An informer's local cache (client-go's thread-safe store with a namespace index): what a
 * controller reads instead of asking the apiserver, keyed `namespace/name` (or `name` for
 * cluster-scoped objects).
 */
import type { KubeObject } from '../apiserver/types';

/** client-go's MetaNamespaceKeyFunc: `namespace/name`, or `name` when cluster-scoped. */
export function objectKey(obj: Pick<KubeObject, 'metadata'>): string {
  const ns = obj.metadata.namespace;
  return ns === undefined || ns === '' ? (obj.metadata.name ?? '') : `${ns}/${obj.metadata.name ?? ''}`;
}

/** Splits a key back into namespace (null when cluster-scoped) and name. */
export function splitKey(key: string): { namespace: string | null; name: string } {
  const slash = key.indexOf('/');
  return slash < 0
    ? { namespace: null, name: key }
    : { namespace: key.slice(0, slash), name: key.slice(slash + 1) };
}

/** A read-only view of a cache, as controllers get it. */
export interface Lister<T extends KubeObject> {
  get(key: string): T | undefined;
  list(): T[];
  /** Objects in one namespace, via the namespace index. */
  byNamespace(namespace: string): T[];
}

export class Cache<T extends KubeObject> implements Lister<T> {
  readonly #items = new Map<string, T>();
  readonly #namespaces = new Map<string, Set<string>>();

  get(key: string): T | undefined {
    return this.#items.get(key);
  }

  list(): T[] {
    return [...this.#items.values()];
  }

  byNamespace(namespace: string): T[] {
    return [...(this.#namespaces.get(namespace) ?? [])]
      .map((k) => this.#items.get(k))
      .filter((o): o is T => o !== undefined);
  }

  keys(): string[] {
    return [...this.#items.keys()];
  }

  /** Stores an object; returns the version it replaced, if any. */
  put(obj: T): T | undefined {
    const key = objectKey(obj);
    const old = this.#items.get(key);
    this.#items.set(key, obj);
    const ns = obj.metadata.namespace ?? '';
    let keys = this.#namespaces.get(ns);
    if (keys === undefined) this.#namespaces.set(ns, (keys = new Set()));
    keys.add(key);
    return old;
  }

  /** Removes an object; returns what was stored, if anything. */
  remove(key: string): T | undefined {
    const old = this.#items.get(key);
    if (old === undefined) return undefined;
    this.#items.delete(key);
    this.#namespaces.get(old.metadata.namespace ?? '')?.delete(key);
    return old;
  }
}
