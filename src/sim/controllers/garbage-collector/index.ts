/**
 * kube-controller-manager's garbage collector: watches every deletable resource, keeps a
 * graph of owners and dependents from metadata.ownerReferences, and
 * - deletes dependents whose owners are all gone (Background cascade), after checking each
 *   owner's absence with a live GET, and drops dangling references from dependents that
 *   still have other owners;
 * - for an owner deleted in the Foreground (`foregroundDeletion` finalizer), deletes its
 *   dependents, then removes the finalizer once no dependent with `blockOwnerDeletion` is
 *   left, which lets the apiserver finish the deletion;
 * - for an owner deleted with the Orphan policy (`orphan` finalizer), removes its
 *   ownerReferences from its dependents, then the finalizer.
 *
 * Every API call names the step that led to it (a watch event, through a decision step),
 * so the trace shows why an object was collected.
 */
import { apiVersionOf } from '../../apiserver/resources';
import type { Informer } from '../../client/informer';
import type { ControllerDescriptor } from '../manager';
import { GraphBuilder } from './builder';
import { GarbageCollector, nodeKey } from './gc';
import { deletableResources, Operations } from './operations';

export { deletableResources } from './operations';

/** Upstream's --concurrent-gc-syncs default. */
const WORKERS = 20;

/** The garbage collector controller, as kube-controller-manager registers it. */
export const garbageCollector: ControllerDescriptor = {
  name: 'garbage-collector-controller',
  setup(ctx) {
    const component = ctx.client.id;
    const attemptToDelete = ctx.controller({
      name: 'garbage_collector_attempt_to_delete',
      workers: WORKERS,
      sync: (key, cause) => gc.attemptToDelete(key, cause),
    });
    const attemptToOrphan = ctx.controller({
      name: 'garbage_collector_attempt_to_orphan',
      workers: WORKERS,
      sync: (key, cause) => gc.attemptToOrphan(key, cause),
    });
    const graph = new GraphBuilder({
      attemptToDelete: (node, cause, rateLimited) =>
        rateLimited === true
          ? attemptToDelete.queue.addRateLimited(nodeKey(node), cause)
          : attemptToDelete.queue.add(nodeKey(node), cause),
      attemptToOrphan: (node, cause) => attemptToOrphan.queue.add(nodeKey(node), cause),
    });
    const monitors = new Map<string, Informer>();
    for (const resource of deletableResources()) {
      const informer = ctx.informers.informerFor(resource);
      monitors.set(`${resource.group}/${resource.plural}`, informer);
      const gvk = { apiVersion: apiVersionOf(resource), kind: resource.kind };
      informer.addHandlers({
        add: (obj, cause) => graph.observe('add', gvk, obj, undefined, cause),
        update: (old, obj, cause) => graph.observe('update', gvk, obj, old, cause),
        delete: (obj, cause) => graph.observe('delete', gvk, obj, undefined, cause),
      });
    }
    const decide = (summary: string, cause: number | null) =>
      ctx.kernel.trace.emit({
        from: component,
        to: component,
        kind: 'decision',
        summary: `garbage-collector: ${summary}`,
        causedBy: cause,
      }).id;
    const gc = new GarbageCollector(graph, new Operations(ctx.client, monitors), decide, (node, cause) =>
      attemptToDelete.queue.add(nodeKey(node), cause),
    );
  },
};
