/**
 * The dependency graph builder (upstream's graph_builder.go, processGraphChanges): turns the
 * informers' add/update/delete events, and the "virtual" delete events the collector makes
 * when a live GET proves an object absent, into graph changes, and queues the nodes that may
 * now be garbage (attemptToDelete) or whose dependents must be orphaned (attemptToOrphan).
 *
 * Upstream funnels events through a graphChanges queue into one goroutine; the simulation is
 * single-threaded, so events are applied as they arrive, in the same order.
 */
import type { KubeObject } from '../../apiserver/types';
import {
  alternateOwnerIdentity,
  GraphNode,
  matchesCoordinates,
  partitionDependents,
  ReferenceCache,
  referencesDiffs,
  referenceOf,
  sameReference,
  type ObjectReference,
  type OwnerReference,
} from './graph';

/** The finalizer of Foreground deletion (metav1.FinalizerDeleteDependents). */
export const FOREGROUND_FINALIZER = 'foregroundDeletion';
/** The finalizer of Orphan deletion (metav1.FinalizerOrphanDependents). */
export const ORPHAN_FINALIZER = 'orphan';

/** Where the builder sends nodes that need work; `cause` is the step that revealed the need. */
export interface GraphQueues {
  attemptToDelete(node: GraphNode, cause: number | null, rateLimited?: boolean): void;
  attemptToOrphan(node: GraphNode, cause: number | null): void;
}

/** An informer event's kind. */
export type GraphEventType = 'add' | 'update' | 'delete';

const beingDeleted = (obj: KubeObject | undefined) => obj?.metadata.deletionTimestamp !== undefined;
const hasFinalizer = (obj: KubeObject | undefined, f: string) => (obj?.metadata.finalizers ?? []).includes(f);

/** The object has just started being deleted with finalizer `f` (it was not before). */
function deletionStartsWith(old: KubeObject | undefined, obj: KubeObject, f: string): boolean {
  if (!beingDeleted(obj) || !hasFinalizer(obj, f)) return false;
  return old === undefined || !beingDeleted(old) || !hasFinalizer(old, f);
}

/** Maintains the uid → node graph. */
export class GraphBuilder {
  readonly #nodes = new Map<string, GraphNode>();
  /** Owners known not to exist; shared with the collector. */
  readonly absentOwners = new ReferenceCache(500);

  constructor(private readonly queues: GraphQueues) {}

  /** The node of a uid, if the graph has one. */
  node(uid: string): GraphNode | undefined {
    return this.#nodes.get(uid);
  }

  /** Applies an informer event for `obj`, served as `apiVersion`/`kind`. */
  observe(
    type: GraphEventType,
    gvk: { apiVersion: string; kind: string },
    obj: KubeObject,
    old: KubeObject | undefined,
    cause: number | null,
  ): void {
    const uid = obj.metadata.uid ?? '';
    if (uid === '') return;
    const identity: ObjectReference = {
      ...gvk,
      name: obj.metadata.name ?? '',
      uid,
      namespace: obj.metadata.namespace ?? '',
    };
    const owners = obj.metadata.ownerReferences ?? [];
    const existing = this.#nodes.get(uid);
    if (existing?.virtual === true) this.#markObserved(existing, identity, cause);
    if (type === 'delete') {
      if (existing !== undefined) this.#removeNode(existing, identity, cause);
      return;
    }
    if (existing === undefined) {
      const node = new GraphNode(identity, {
        owners,
        deletingDependents: beingDeleted(obj) && hasFinalizer(obj, FOREGROUND_FINALIZER),
        beingDeleted: beingDeleted(obj),
      });
      this.#nodes.set(uid, node);
      this.#addDependentToOwners(node, owners, cause);
      this.#processTransitions(old, obj, node, cause);
      return;
    }
    // An object served under another apiVersion/kind than the graph knew it by.
    if (existing.identity.apiVersion !== gvk.apiVersion || existing.identity.kind !== gvk.kind)
      existing.identity = { ...existing.identity, ...gvk };
    const { added, removed, changed } = referencesDiffs(existing.owners, owners);
    if (added.length > 0 || removed.length > 0 || changed.length > 0) {
      this.#addUnblockedOwnersToDeleteQueue(removed, changed, cause);
      existing.owners = owners;
      this.#addDependentToOwners(existing, added, cause);
      for (const ref of removed) this.#nodes.get(ref.uid)?.dependents.delete(existing);
    }
    if (beingDeleted(obj)) existing.beingDeleted = true;
    this.#processTransitions(old, obj, existing, cause);
  }

  /**
   * A live GET found no object at `deleted` (or one with another uid): drop the node, unless
   * its dependents know it under other coordinates, and queue whoever depended on it.
   */
  virtualDelete(deleted: ObjectReference, cause: number | null): void {
    const existing = this.#nodes.get(deleted.uid);
    if (existing === undefined) return;
    let remove = true;
    if (existing.virtual) {
      const [matching, nonmatching] = partitionDependents(existing.dependents, deleted);
      if (nonmatching.length > 0) {
        remove = false;
        this.#absentDependents(deleted, matching, cause);
        if (sameReference(existing.identity, deleted)) {
          // Try the owner again under another identity its dependents give it.
          const alternate = alternateOwnerIdentity(existing.dependents, deleted);
          if (alternate !== null) {
            existing.identity = alternate;
            this.queues.attemptToDelete(existing, cause, true);
          }
        }
      }
    } else if (!sameReference(existing.identity, deleted)) {
      // The object was observed under other coordinates: only the dependents naming these are wrong.
      remove = false;
      this.#absentDependents(deleted, partitionDependents(existing.dependents, deleted)[0], cause);
    }
    if (remove) this.#removeNode(existing, deleted, cause);
  }

  #absentDependents(deleted: ObjectReference, matching: GraphNode[], cause: number | null): void {
    if (matching.length === 0) return;
    this.absentOwners.add(deleted);
    for (const dep of matching) this.queues.attemptToDelete(dep, cause);
  }

  /** A virtual node was seen by an informer: adopt the observed identity. */
  #markObserved(node: GraphNode, observed: ObjectReference, cause: number | null): void {
    if (!sameReference(observed, node.identity)) {
      // Dependents that named the owner differently may hold a bad reference: check them.
      const [, invalid] = partitionDependents(node.dependents, observed);
      for (const dep of invalid) this.queues.attemptToDelete(dep, cause);
      node.identity = observed;
    }
    node.virtual = false;
  }

  /**
   * Adds `node` to the dependents of each owner, creating virtual owners (queued so a live GET
   * checks them) for owners not in the graph; queues `node` itself if a reference looks wrong.
   */
  #addDependentToOwners(node: GraphNode, owners: readonly OwnerReference[], cause: number | null): void {
    let invalid = false;
    for (const ref of owners) {
      let owner = this.#nodes.get(ref.uid);
      if (owner === undefined) {
        owner = new GraphNode(referenceOf(ref, node.identity.namespace), { virtual: true });
        this.#nodes.set(ref.uid, owner);
        owner.dependents.add(node);
        this.queues.attemptToDelete(owner, cause);
        continue;
      }
      owner.dependents.add(node);
      if (invalid) continue;
      const ownerNamespace = owner.identity.namespace;
      if (ownerNamespace !== '' && ownerNamespace !== node.identity.namespace) invalid = true;
      else if (!matchesCoordinates(ref, owner.identity)) invalid = true;
      else if (ownerNamespace === '' && node.identity.namespace !== '' && owner.virtual) invalid = true;
    }
    if (invalid) this.queues.attemptToDelete(node, cause);
  }

  /** Owners a removed or no-longer-blocking reference was holding back get another look. */
  #addUnblockedOwnersToDeleteQueue(
    removed: readonly OwnerReference[],
    changed: readonly { before: OwnerReference; after: OwnerReference }[],
    cause: number | null,
  ): void {
    const unblocked = [
      ...removed.filter((r) => r.blockOwnerDeletion === true),
      ...changed
        .filter((c) => c.before.blockOwnerDeletion === true && c.after.blockOwnerDeletion !== true)
        .map((c) => c.after),
    ];
    for (const ref of unblocked) {
      const owner = this.#nodes.get(ref.uid);
      if (owner !== undefined) this.queues.attemptToDelete(owner, cause);
    }
  }

  #processTransitions(
    old: KubeObject | undefined,
    obj: KubeObject,
    node: GraphNode,
    cause: number | null,
  ): void {
    if (deletionStartsWith(old, obj, ORPHAN_FINALIZER)) {
      this.queues.attemptToOrphan(node, cause);
      return;
    }
    if (deletionStartsWith(old, obj, FOREGROUND_FINALIZER)) {
      node.deletingDependents = true;
      for (const dep of node.dependents) this.queues.attemptToDelete(dep, cause);
      this.queues.attemptToDelete(node, cause);
    }
  }

  /** Removes a node; its dependents may now be garbage, and owners waiting on it may be done. */
  #removeNode(node: GraphNode, identity: ObjectReference, cause: number | null): void {
    this.#nodes.delete(node.identity.uid);
    for (const ref of node.owners) this.#nodes.get(ref.uid)?.dependents.delete(node);
    if (node.dependents.size > 0) this.absentOwners.add(identity);
    for (const dep of node.dependents) this.queues.attemptToDelete(dep, cause);
    for (const ref of node.owners) {
      const owner = this.#nodes.get(ref.uid);
      if (owner?.deletingDependents === true) this.queues.attemptToDelete(owner, cause);
    }
  }
}
