/**
 * Read-only access to the objects kube-apiserver keeps in etcd, for the inspectors: the
 * store's untraced observer reads (Etcd.peekRange, peekVersions) decoded by the apiserver's
 * own storage codec, so an object reads exactly as a GET returns it, yet nothing is traced.
 */
import { APISERVER_ID } from '../../sim/apiserver/apiserver';
import { RESOURCES, qualifiedName, type ResourceInfo } from '../../sim/apiserver/resources';
import { ObjectStorage } from '../../sim/apiserver/storage';
import type { KubeObject } from '../../sim/apiserver/types';
import type { Etcd, KeyValue } from '../../sim/store';

/**
 * The resources that keep objects, one per kubectl name (`pods`, `deployments.apps`), each
 * at its preferred version: the first version of it the apiserver registers.
 */
export const STORED_RESOURCES: readonly ResourceInfo[] = RESOURCES.filter(
  (r, i) =>
    r.verbs.includes('list') &&
    RESOURCES.findIndex((o) => o.group === r.group && o.plural === r.plural) === i,
);

/** The resource kubectl calls `name` (`pods`, `deployments.apps`), if it keeps objects. */
export function resourceNamed(name: string): ResourceInfo | undefined {
  return STORED_RESOURCES.find((r) => qualifiedName(r) === name);
}

/** The resource of an owner reference or involved object: its apiVersion's group and its kind. */
export function resourceOfKind(apiVersion: string, kind: string): ResourceInfo | undefined {
  const group = apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';
  return STORED_RESOURCES.find((r) => r.group === group && r.kind === kind);
}

/** Whether `name` can be part of an etcd key (a namespace or object name). */
const isKeyName = (name: string): boolean => name !== '' && !name.includes('/');

/** Objects as kube-apiserver reads them from etcd, without a trace step. */
export class RegistryReader {
  readonly #storage: ObjectStorage;

  constructor(private readonly etcd: Etcd) {
    this.#storage = new ObjectStorage(etcd, APISERVER_ID);
  }

  /** The store revision: what every cached read is keyed by. */
  get revision(): number {
    return this.etcd.revision;
  }

  /** The etcd key prefix of `resource` in `namespace` (every namespace when null). */
  prefix(resource: ResourceInfo, namespace: string | null): string {
    return this.#storage.key(resource, resource.namespaced ? namespace : null);
  }

  /** The current stored version of one object, or null. */
  stored(resource: ResourceInfo, namespace: string | null, name: string): KeyValue | null {
    if (!isKeyName(name) || (resource.namespaced && (namespace === null || !isKeyName(namespace))))
      return null;
    const last = this.etcd.peekVersions(this.#storage.key(resource, namespace, name)).at(-1);
    return last === undefined || last.version === 0 ? null : last;
  }

  /** One object as a GET returns it, or null if it does not exist. */
  get(resource: ResourceInfo, namespace: string | null, name: string): KubeObject | null {
    const kv = this.stored(resource, namespace, name);
    return kv === null ? null : this.decode(resource, kv);
  }

  /** The stored versions of `resource` in `namespace` (every namespace when null), by key. */
  range(resource: ResourceInfo, namespace: string | null): KeyValue[] {
    if (resource.namespaced && namespace !== null && !isKeyName(namespace)) return [];
    return this.etcd.peekRange(this.prefix(resource, namespace));
  }

  /** A stored value as a GET returns it (the resource's version, with its resourceVersion). */
  decode(resource: ResourceInfo, kv: KeyValue): KubeObject {
    return this.#storage.decode(resource, kv);
  }
}
