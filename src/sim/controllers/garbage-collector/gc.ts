/**
 * The garbage collector's workers (upstream's garbagecollector.go): attemptToDelete looks up
 * an object live, classifies its owners as solid, dangling (verified absent by a live GET)
 * or waiting for their dependents' deletion, then deletes it, drops its dangling references,
 * or, for an owner being deleted in the foreground, removes the `foregroundDeletion`
 * finalizer once no dependent blocks it; attemptToOrphan strips an owner's references from
 * its dependents, then removes the `orphan` finalizer.
 */
import type { KubeObject } from '../../apiserver/types';
import { FOREGROUND_FINALIZER, ORPHAN_FINALIZER, type GraphBuilder } from './builder';
import { describe, referenceOf, type GraphNode, type OwnerReference } from './graph';
import { isNotFound, NamespacedOwnerError, type Operations, type PropagationPolicy } from './operations';

/** Records a decision step (caused by `cause`) and returns its id, for the calls it leads to. */
export type Decide = (summary: string, cause: number | null) => number;

/** Thrown to have an item retried with backoff although nothing failed. */
export class RequeueError extends Error {}

/** A work queue key for a node: readable in the trace, ending in the uid it is looked up by. */
export function nodeKey(node: GraphNode): string {
  return `${node.virtual ? 'virtual ' : ''}${describe(node.identity)} ${node.identity.uid}`;
}

function parseKey(key: string): { uid: string; virtual: boolean } {
  return { uid: key.slice(key.lastIndexOf(' ') + 1), virtual: key.startsWith('virtual ') };
}

const names = (refs: readonly OwnerReference[]) => refs.map((r) => `${r.kind} ${r.name}`).join(', ');

export class GarbageCollector {
  constructor(
    private readonly graph: GraphBuilder,
    private readonly ops: Operations,
    private readonly decide: Decide,
    /** Queues a node for attemptToDelete. */
    private readonly enqueue: (node: GraphNode, cause: number | null) => void,
  ) {}

  /** attemptToDelete's sync: throws to have the key retried. */
  attemptToDelete(key: string, cause: number | null): void {
    const { uid, virtual } = parseKey(key);
    const node = this.graph.node(uid);
    // Gone from the graph, or a virtual node the informers have seen since it was queued.
    if (node === undefined || (virtual && !node.virtual)) return;
    try {
      if (!this.#attemptToDeleteItem(node, cause)) return;
    } catch (error) {
      if (error instanceof NamespacedOwnerError) return;
      throw error;
    }
    // A virtual node whose object exists: wait for an informer to report it.
    if (node.virtual) throw new RequeueError(`${describe(node.identity)} has not been observed yet`);
  }

  /** Returns false when the node was found absent (a virtual delete was applied). */
  #attemptToDeleteItem(item: GraphNode, cause: number | null): boolean {
    // Being deleted is a one-way trip: wait for the final deletion.
    if (item.beingDeleted && !item.deletingDependents) return true;
    let latest: KubeObject;
    try {
      latest = this.ops.get(item.identity, cause);
    } catch (error) {
      if (!isNotFound(error)) throw error;
      this.graph.virtualDelete(item.identity, cause);
      return false;
    }
    if (latest.metadata.uid !== item.identity.uid) {
      this.graph.virtualDelete(item.identity, cause);
      return false;
    }
    if (item.deletingDependents) {
      this.#processDeletingDependents(item, cause);
      return true;
    }
    const owners = latest.metadata.ownerReferences ?? [];
    if (owners.length === 0) return true;
    const { solid, dangling, waiting } = this.#classify(item, owners, cause);
    const what = describe(item.identity);
    if (solid.length > 0) {
      if (dangling.length === 0 && waiting.length === 0) return true;
      const drop = [...dangling, ...waiting];
      const step = this.decide(
        `${what} still has owners (${names(solid)}): removing its references to ${names(drop)}`,
        cause,
      );
      this.ops.deleteOwnerReferences(
        item,
        drop.map((r) => r.uid),
        step,
      );
      return true;
    }
    let policy: PropagationPolicy;
    let why: string;
    if (waiting.length > 0 && item.dependents.size > 0) {
      if ([...item.dependents].some((dep) => dep.deletingDependents)) {
        // Break a possible cycle: stop this item's references from blocking its owners.
        const step = this.decide(`${what}: unblocking its ownerReferences to avoid a deletion cycle`, cause);
        this.ops.unblockOwnerReferences(item, step);
      }
      policy = 'Foreground';
      why = `its owners (${names(waiting)}) are waiting for their dependents to be deleted, and it has dependents`;
    } else {
      const finalizers = latest.metadata.finalizers ?? [];
      policy = finalizers.includes(ORPHAN_FINALIZER)
        ? 'Orphan'
        : finalizers.includes(FOREGROUND_FINALIZER)
          ? 'Foreground'
          : 'Background';
      why =
        waiting.length > 0
          ? `its owners (${names(waiting)}) are being deleted in the foreground`
          : `all its owners are gone (${names(dangling)})`;
    }
    const step = this.decide(`${what}: ${why}: deleting it (propagationPolicy=${policy})`, cause);
    try {
      this.ops.delete(item.identity, latest.metadata.resourceVersion ?? '', owners, policy, step);
    } catch (error) {
      if (!isNotFound(error)) throw error;
      this.graph.virtualDelete(item.identity, cause);
      return false;
    }
    return true;
  }

  /** Sorts owner references by what a live look-up says about each owner. */
  #classify(item: GraphNode, refs: readonly OwnerReference[], cause: number | null) {
    const solid: OwnerReference[] = [];
    const dangling: OwnerReference[] = [];
    const waiting: OwnerReference[] = [];
    for (const ref of refs) {
      const owner = this.#liveOwner(item, ref, cause);
      if (owner === null) dangling.push(ref);
      else if (
        owner.metadata.deletionTimestamp !== undefined &&
        (owner.metadata.finalizers ?? []).includes(FOREGROUND_FINALIZER)
      )
        waiting.push(ref);
      else solid.push(ref);
    }
    return { solid, dangling, waiting };
  }

  /** The owner a reference points to, or null if it is absent (upstream's isDangling). */
  #liveOwner(item: GraphNode, ref: OwnerReference, cause: number | null): KubeObject | null {
    const absent = this.graph.absentOwners;
    const clusterKey = referenceOf(ref, '');
    if (absent.has(clusterKey)) return null;
    let key = referenceOf(ref, item.identity.namespace);
    if (absent.has(key)) return null;
    const resource = this.ops.resourceFor(ref.apiVersion, ref.kind);
    if (!resource.namespaced) key = clusterKey;
    if (item.identity.namespace === '' && resource.namespaced) throw new NamespacedOwnerError();
    let owner: KubeObject;
    try {
      owner = this.ops.get(key, cause);
    } catch (error) {
      if (!isNotFound(error)) throw error;
      absent.add(key);
      return null;
    }
    if (owner.metadata.uid !== ref.uid) {
      absent.add(key);
      return null;
    }
    return owner;
  }

  /** An owner waiting for its dependents: done when none blocks it, else push the blockers. */
  #processDeletingDependents(item: GraphNode, cause: number | null): void {
    const blocking = item.blockingDependents();
    if (blocking.length === 0) {
      const step = this.decide(
        `${describe(item.identity)}: no dependent blocks its deletion: removing the ${FOREGROUND_FINALIZER} finalizer`,
        cause,
      );
      this.ops.removeFinalizer(item.identity, FOREGROUND_FINALIZER, step);
      return;
    }
    for (const dep of blocking) if (!dep.deletingDependents) this.enqueue(dep, cause);
  }

  /** attemptToOrphan's sync: strips the owner from its dependents, then drops `orphan`. */
  attemptToOrphan(key: string, cause: number | null): void {
    const owner = this.graph.node(parseKey(key).uid);
    if (owner === undefined) return;
    const what = describe(owner.identity);
    const dependents = [...owner.dependents];
    const step = this.decide(
      dependents.length === 0
        ? `${what} is deleted with propagationPolicy=Orphan and has no dependents`
        : `${what} is deleted with propagationPolicy=Orphan: removing its ownerReferences from ${dependents.map((d) => describe(d.identity)).join(', ')}`,
      cause,
    );
    const errors: string[] = [];
    for (const dep of dependents) {
      try {
        this.ops.deleteOwnerReferences(dep, [owner.identity.uid], step);
      } catch (error) {
        if (!isNotFound(error))
          errors.push(
            `orphaning ${describe(dep.identity)} failed, ${error instanceof Error ? error.message : String(error)}`,
          );
      }
    }
    if (errors.length > 0)
      throw new Error(`failed to orphan dependents of owner ${what}, got errors: [${errors.join(', ')}]`);
    this.ops.removeFinalizer(owner.identity, ORPHAN_FINALIZER, step);
  }
}
