/**
 * An object's place in the ownership graph the garbage collector follows: the chain of
 * controlling owners up to the root (Pod → ReplicaSet → Deployment) and its direct dependents.
 */
import { qualifiedName, type ResourceInfo } from '../../sim/apiserver/resources';
import type { KubeObject } from '../../sim/apiserver/types';
import { STORED_RESOURCES, resourceOfKind, type RegistryReader } from './registry';

/** Another object an object links to through `metadata.ownerReferences`. */
export interface ObjectLink {
  readonly kind: string;
  readonly name: string;
  /** Its namespace; null for a cluster-scoped object. */
  readonly namespace: string | null;
  /** kubectl's name of its resource (`replicasets.apps`), to inspect it; null if not served. */
  readonly resource: string | null;
  /** Whether it exists now (an owner: with the uid the reference names). */
  readonly exists: boolean;
  /** Whether the reference is a controller reference (`controller: true`). */
  readonly controller: boolean;
}

/** Owners followed at most: real chains are two or three long (Pod → ReplicaSet → Deployment). */
const MAX_CHAIN = 8;

/**
 * The owners of `obj`, nearest first: at each level the controller reference (or the first
 * reference if none controls), followed while the owner exists, up to the root.
 */
export function ownerChain(reader: RegistryReader, obj: KubeObject): ObjectLink[] {
  const chain: ObjectLink[] = [];
  const seen = new Set([obj.metadata.uid]);
  let current = obj;
  while (chain.length < MAX_CHAIN) {
    const refs = current.metadata.ownerReferences ?? [];
    const ref = refs.find((r) => r.controller === true) ?? refs[0];
    if (ref === undefined) break;
    const resource = resourceOfKind(ref.apiVersion, ref.kind);
    const namespace = resource?.namespaced === true ? (current.metadata.namespace ?? null) : null;
    const owner = resource === undefined ? null : reader.get(resource, namespace, ref.name);
    const exists = owner !== null && owner.metadata.uid === ref.uid;
    chain.push({
      kind: ref.kind,
      name: ref.name,
      namespace,
      resource: resource === undefined ? null : qualifiedName(resource),
      exists,
      controller: ref.controller === true,
    });
    if (owner === null || !exists || seen.has(ref.uid)) break;
    seen.add(ref.uid);
    current = owner;
  }
  return chain;
}

/**
 * The objects whose ownerReferences name `obj` (by uid), at most `max` of them, and how many
 * more there are. A namespaced owner's dependents are in its namespace; a cluster-scoped
 * owner's may be anywhere.
 */
export function dependentsOf(
  reader: RegistryReader,
  obj: KubeObject,
  max: number,
): { readonly links: ObjectLink[]; readonly more: number } {
  const uid = obj.metadata.uid ?? '';
  const namespace = obj.metadata.namespace ?? null;
  const links: ObjectLink[] = [];
  let more = 0;
  if (uid === '') return { links, more };
  const scanned = new Set<string>();
  for (const resource of STORED_RESOURCES) {
    if (namespace !== null && !resource.namespaced) continue;
    const prefix = reader.prefix(resource, namespace);
    if (scanned.has(prefix)) continue;
    scanned.add(prefix);
    for (const kv of reader.range(resource, namespace)) {
      // Most values do not mention the uid at all: skip them without decoding.
      if (!kv.value.includes(uid)) continue;
      const dependent = reader.decode(resource, kv);
      const ref = dependent.metadata.ownerReferences?.find((r) => r.uid === uid);
      if (ref === undefined) continue;
      if (links.length < max) links.push(linkTo(resource, dependent, ref.controller === true));
      else more++;
    }
  }
  return { links, more };
}

function linkTo(resource: ResourceInfo, obj: KubeObject, controller: boolean): ObjectLink {
  return {
    kind: resource.kind,
    name: obj.metadata.name ?? '',
    namespace: obj.metadata.namespace ?? null,
    resource: qualifiedName(resource),
    exists: true,
    controller,
  };
}
