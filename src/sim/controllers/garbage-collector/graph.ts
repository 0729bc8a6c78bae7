/**
 * The garbage collector's dependency graph (upstream's graph.go): one node per object uid,
 * each knowing its owners (its metadata.ownerReferences) and its dependents (the nodes whose
 * ownerReferences name it). A node for an owner that was referenced but never seen is
 * "virtual" until an informer reports it or a live GET proves it absent.
 */
import type { OwnerReference } from 'kubernetes-types/meta/v1';

export type { OwnerReference };

/** Where an object is: an owner reference's coordinates plus the namespace ('' when cluster-scoped). */
export interface ObjectReference {
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string;
  readonly uid: string;
  readonly namespace: string;
}

/** The coordinates of an owner reference, in the namespace of the object holding it. */
export function referenceOf(ref: OwnerReference, namespace: string): ObjectReference {
  return { apiVersion: ref.apiVersion, kind: ref.kind, name: ref.name, uid: ref.uid, namespace };
}

/** True when two references name the same object in the same place. */
export function sameReference(a: ObjectReference, b: ObjectReference): boolean {
  return matchesCoordinates(a, b) && a.namespace === b.namespace;
}

/** True when uid, name, kind and apiVersion agree (upstream's ownerReferenceMatchesCoordinates). */
export function matchesCoordinates(a: OwnerReference, b: OwnerReference): boolean {
  return a.uid === b.uid && a.name === b.name && a.kind === b.kind && a.apiVersion === b.apiVersion;
}

/** `ConfigMap default/web`, or `Node node-1` for a cluster-scoped object: for the trace. */
export function describe(ref: ObjectReference): string {
  return `${ref.kind} ${ref.namespace === '' ? '' : `${ref.namespace}/`}${ref.name}`;
}

/** A key for caches of references. */
export function referenceKey(ref: ObjectReference): string {
  return JSON.stringify([ref.apiVersion, ref.kind, ref.namespace, ref.name, ref.uid]);
}

/** One object (or one referenced but unseen owner) in the graph. */
export class GraphNode {
  /** The nodes whose ownerReferences name this one, in the order they were added. */
  readonly dependents = new Set<GraphNode>();
  /** The object's ownerReferences as last observed. */
  owners: readonly OwnerReference[];
  /** The object is being deleted and holds the `foregroundDeletion` finalizer. */
  deletingDependents: boolean;
  /** The object has a deletionTimestamp (a one-way trip). */
  beingDeleted: boolean;
  /** Never observed through an informer: only known from a dependent's ownerReference. */
  virtual: boolean;

  constructor(
    public identity: ObjectReference,
    init: {
      owners?: readonly OwnerReference[];
      deletingDependents?: boolean;
      beingDeleted?: boolean;
      virtual?: boolean;
    },
  ) {
    this.owners = init.owners ?? [];
    this.deletingDependents = init.deletingDependents ?? false;
    this.beingDeleted = init.beingDeleted ?? false;
    this.virtual = init.virtual ?? false;
  }

  /** Dependents whose ownerReference to this node has `blockOwnerDeletion: true`. */
  blockingDependents(): GraphNode[] {
    return [...this.dependents].filter((dep) =>
      dep.owners.some((o) => o.uid === this.identity.uid && o.blockOwnerDeletion === true),
    );
  }
}

/** A bounded least-recently-used set of references (upstream's ReferenceCache for absent owners). */
export class ReferenceCache {
  readonly #keys = new Set<string>();

  constructor(private readonly max: number) {}

  add(ref: ObjectReference): void {
    const key = referenceKey(ref);
    this.#keys.delete(key);
    this.#keys.add(key);
    if (this.#keys.size > this.max) {
      const oldest = this.#keys.values().next();
      if (oldest.done !== true) this.#keys.delete(oldest.value);
    }
  }

  /** Whether `ref` is cached; a hit counts as a use. */
  has(ref: ObjectReference): boolean {
    const key = referenceKey(ref);
    if (!this.#keys.has(key)) return false;
    this.#keys.delete(key);
    this.#keys.add(key);
    return true;
  }
}

function sameOwnerReference(a: OwnerReference, b: OwnerReference): boolean {
  return (
    matchesCoordinates(a, b) && a.controller === b.controller && a.blockOwnerDeletion === b.blockOwnerDeletion
  );
}

/** How a node's ownerReferences changed: by uid, added, removed, and changed in place. */
export function referencesDiffs(
  before: readonly OwnerReference[],
  after: readonly OwnerReference[],
): {
  added: OwnerReference[];
  removed: OwnerReference[];
  changed: { before: OwnerReference; after: OwnerReference }[];
} {
  const old = new Map(before.map((r) => [r.uid, r]));
  const added: OwnerReference[] = [];
  const changed: { before: OwnerReference; after: OwnerReference }[] = [];
  for (const ref of after) {
    const was = old.get(ref.uid);
    if (was === undefined) {
      added.push(ref);
      continue;
    }
    if (!sameOwnerReference(was, ref)) changed.push({ before: was, after: ref });
    old.delete(ref.uid);
  }
  return { added, removed: [...old.values()], changed };
}

/**
 * Splits dependents into those whose ownerReference to `owner.uid` matches all of `owner`'s
 * coordinates and those that name the uid otherwise (or live in another namespace than a
 * namespaced owner). A dependent can be in both.
 */
export function partitionDependents(
  dependents: Iterable<GraphNode>,
  owner: ObjectReference,
): [matching: GraphNode[], nonmatching: GraphNode[]] {
  const matching: GraphNode[] = [];
  const nonmatching: GraphNode[] = [];
  const namespaced = owner.namespace !== '';
  for (const dep of dependents) {
    let match = false;
    let mismatch = false;
    if (namespaced && owner.namespace !== dep.identity.namespace) mismatch = true;
    else {
      for (const ref of dep.owners) {
        if (ref.uid !== owner.uid) continue;
        if (matchesCoordinates(ref, owner)) match = true;
        else mismatch = true;
      }
    }
    if (match) matching.push(dep);
    if (mismatch) nonmatching.push(dep);
  }
  return [matching, nonmatching];
}

function lessThan(a: ObjectReference, b: ObjectReference): boolean {
  for (const field of ['kind', 'apiVersion', 'namespace', 'name', 'uid'] as const) {
    if (a[field] !== b[field]) return a[field] < b[field];
  }
  return false;
}

/**
 * Another identity dependents give the owner `absent` (same uid, other coordinates or
 * namespace): the first one after `absent` in upstream's order, else the first one; null if
 * there is none.
 */
export function alternateOwnerIdentity(
  dependents: Iterable<GraphNode>,
  absent: ObjectReference,
): ObjectReference | null {
  const clusterScoped = absent.namespace === '';
  const seen = new Set([referenceKey(absent)]);
  let first: ObjectReference | null = null;
  let firstFollowing: ObjectReference | null = null;
  for (const dep of dependents) {
    for (const ref of dep.owners) {
      if (ref.uid !== absent.uid) continue;
      if (matchesCoordinates(ref, absent) && (clusterScoped || absent.namespace === dep.identity.namespace))
        continue;
      const sameKind = ref.apiVersion === absent.apiVersion && ref.kind === absent.kind;
      const alt = referenceOf(ref, clusterScoped && sameKind ? '' : dep.identity.namespace);
      const key = referenceKey(alt);
      if (seen.has(key)) continue;
      seen.add(key);
      if (first === null || lessThan(alt, first)) first = alt;
      if (lessThan(absent, alt) && (firstFollowing === null || lessThan(alt, firstFollowing)))
        firstFollowing = alt;
    }
  }
  return firstFollowing ?? first;
}
