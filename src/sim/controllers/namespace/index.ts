/**
 * The namespace controller (kube-controller-manager's `namespace-controller`): when a
 * namespace is deleted, it empties it and then releases the namespace's `kubernetes`
 * finalizer so kube-apiserver can remove it. Namespace events are handled 5 s late (as
 * upstream does, so that every apiserver has seen the deletion); while content remains it
 * checks again after half the estimated time, and failures back off from 5 ms to 60 s.
 */
import { objectKey } from '../../client/cache';
import { BucketRateLimiter, ExponentialRateLimiter, MaxOfRateLimiter } from '../../client/ratelimit';
import { CONTROLLER_MANAGER_ID, type ControllerDescriptor } from '../manager';
import {
  NAMESPACES,
  NamespacedResourcesDeleter,
  ResourcesRemainingError,
  type NamespaceObject,
} from './deleter';

/** How long namespace events wait before the controller acts on them (ms). */
export const NAMESPACE_DELETION_GRACE_PERIOD_MS = 5000;

/** Upstream's nsControllerRateLimiter: retries at least every minute, never less often. */
const namespaceRateLimiter = () =>
  new MaxOfRateLimiter(new ExponentialRateLimiter(5, 60_000), new BucketRateLimiter(10, 100));

/** kube-controller-manager's namespace controller. */
export const namespace: ControllerDescriptor = {
  name: 'namespace-controller',
  setup(ctx) {
    const informer = ctx.informers.informerFor<NamespaceObject>(NAMESPACES);
    const deleter = new NamespacedResourcesDeleter(ctx.kernel, ctx.client);
    const limiter = namespaceRateLimiter();
    const decision = (summary: string, cause: number | null) =>
      ctx.kernel.trace.emit({
        from: CONTROLLER_MANAGER_ID,
        to: CONTROLLER_MANAGER_ID,
        kind: 'decision',
        summary: `namespace: ${summary}`,
        causedBy: cause,
      });

    const controller = ctx.controller({
      name: 'namespace',
      workers: 10,
      sync(key, cause) {
        const ns = informer.lister.get(key);
        if (ns === undefined) return;
        try {
          deleter.delete(ns.metadata.name ?? key, cause);
          limiter.forget(key);
        } catch (error) {
          if (error instanceof ResourcesRemainingError) {
            const wait = Math.floor(error.estimate / 2) + 1;
            decision(`content remaining in namespace ${key}, checking again in ${wait}s`, cause);
            controller.queue.addAfter(key, wait * 1000, cause);
            return;
          }
          const message = error instanceof Error ? error.message : String(error);
          decision(`deletion of namespace ${key} failed: ${message}`, cause);
          controller.queue.addAfter(key, limiter.when(key, ctx.kernel.clock.now()), cause);
        }
      },
    });

    const enqueue = (ns: NamespaceObject, cause: number | null) => {
      if (ns.metadata.deletionTimestamp === undefined) return;
      controller.queue.addAfter(objectKey(ns), NAMESPACE_DELETION_GRACE_PERIOD_MS, cause);
    };
    informer.addHandlers({ add: enqueue, update: (_old, ns, cause) => enqueue(ns, cause) });
  },
};
