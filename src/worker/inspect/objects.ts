/**
 * The object picker's view: which resource types have objects now, the namespaces, and the
 * names of one type's objects in one namespace, read (untraced) from the keys in etcd.
 */
import { qualifiedName } from '../../sim/apiserver/resources';
import { resourceNamed, STORED_RESOURCES, type RegistryReader } from './registry';

/** What the picker lists: the objects of one resource type in one namespace. */
export interface ObjectsTarget {
  readonly kind: 'objects';
  /** The resource as kubectl names it: `pods`, `deployments.apps`. */
  readonly resource: string;
  /** The namespace to list (`default` when null); ignored for a cluster-scoped resource. */
  readonly namespace: string | null;
}

/** A resource type that has objects, and how many. */
export interface ResourceCount {
  /** kubectl's name for it: `pods`, `deployments.apps`. */
  readonly name: string;
  readonly namespaced: boolean;
  readonly count: number;
}

/** The picker's choices. */
export interface ObjectsView {
  readonly kind: 'objects';
  /** The resource types that have objects, by name. */
  readonly resources: readonly ResourceCount[];
  /** Every namespace, by name. */
  readonly namespaces: readonly string[];
  /** The resource listed, and whether its objects are namespaced (false also when unknown). */
  readonly resource: string;
  readonly namespaced: boolean;
  /** The namespace listed; null for a cluster-scoped resource. */
  readonly namespace: string | null;
  /** The names of its objects there, in order, at most {@link MAX_NAMES}, and how many more. */
  readonly names: readonly string[];
  readonly more: number;
}

/** The most names listed: the picker is one message, and big ones compete with the animation. */
export const MAX_NAMES = 200;

/** The picker's view of `target`. */
export function objectsView(reader: RegistryReader, target: ObjectsTarget): ObjectsView {
  const resources = STORED_RESOURCES.map((r) => ({
    name: qualifiedName(r),
    namespaced: r.namespaced,
    count: reader.range(r, null).length,
  }))
    .filter((r) => r.count > 0)
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const namespaceResource = resourceNamed('namespaces');
  const namespaces =
    namespaceResource === undefined
      ? []
      : reader.range(namespaceResource, null).map((kv) => kv.key.slice(kv.key.lastIndexOf('/') + 1));
  const resource = resourceNamed(target.resource);
  const namespace = resource?.namespaced === true ? (target.namespace ?? 'default') : null;
  const keys = resource === undefined ? [] : reader.range(resource, namespace);
  const names = keys.slice(0, MAX_NAMES).map((kv) => kv.key.slice(kv.key.lastIndexOf('/') + 1));
  return {
    kind: 'objects',
    resources,
    namespaces,
    resource: target.resource,
    namespaced: resource?.namespaced ?? false,
    namespace,
    names,
    more: keys.length - names.length,
  };
}
