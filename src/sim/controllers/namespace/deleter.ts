/**
 * Upstream's namespaced resources deleter: for a namespace being deleted, makes sure its phase
 * is Terminating, discovers every namespaced resource, deletes the namespace's content,
 * records how that went in the namespace's conditions, and once nothing is left removes its
 * `kubernetes` finalizer through `PUT namespaces/<name>/finalize`, which lets kube-apiserver
 * remove the namespace.
 */
import type { NamespaceSpec, NamespaceStatus } from 'kubernetes-types/core/v1';
import { findResource, type ResourceInfo } from '../../apiserver/resources';
import { ApiError } from '../../apiserver/status';
import type { KubeObject } from '../../apiserver/types';
import type { ApiClient } from '../../client/rest';
import type { Kernel } from '../../kernel/kernel';
import { CONTROLLER_MANAGER_ID } from '../manager';
import { ConditionUpdater } from './conditions';
import { ContentDeleter, discoveredResource } from './content';
import { discoverNamespacedResources } from './discovery';

/** A Namespace as the controller reads it. */
export type NamespaceObject = KubeObject & { spec?: NamespaceSpec; status?: NamespaceStatus };

/** The finalizer the namespace controller owns. */
export const FINALIZER_TOKEN = 'kubernetes';

/** Content is still going away: check again in about `estimate` seconds. */
export class ResourcesRemainingError extends Error {
  constructor(readonly estimate: number) {
    super(`some content remains in the namespace, estimate ${estimate} seconds before it is removed`);
  }
}

function coreResource(plural: string): ResourceInfo {
  const r = findResource('', 'v1', plural);
  if (r === undefined) throw new Error(`no core resource ${plural}`);
  return r;
}

/** The core namespaces resource. */
export const NAMESPACES = coreResource('namespaces');
const PODS = coreResource('pods');
const MAX_CONFLICT_RETRIES = 10;

const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));
const isNotFound = (e: unknown) => e instanceof ApiError && e.code === 404;
const isConflict = (e: unknown) => e instanceof ApiError && e.code === 409 && e.status.reason === 'Conflict';

/** Go's ParseGroupVersion accepts `v`, `group/version` and the empty string. */
const parsesAsGroupVersion = (gv: string) => gv.split('/').length <= 2;

/** An aggregate of errors as Go's utilerrors prints it: one message, or `[a, b]`. */
function aggregate(messages: readonly string[]): string {
  const unique = [...new Set(messages)];
  return unique.length === 1 ? (unique[0] ?? '') : `[${unique.join(', ')}]`;
}

/** Deletes namespaces' content and finalizes them, one pass per call (see {@link delete}). */
export class NamespacedResourcesDeleter {
  readonly #content: ContentDeleter;

  constructor(
    private readonly kernel: Kernel,
    private readonly client: ApiClient,
    private readonly finalizerToken = FINALIZER_TOKEN,
  ) {
    this.#content = new ContentDeleter(client);
  }

  /**
   * One deletion pass over namespace `name`. Returns when the namespace is finalized (or
   * gone, or not being deleted); throws {@link ResourcesRemainingError} while content is
   * still going away, and any other error when a step failed.
   */
  delete(name: string, cause: number | null): void {
    let ns: NamespaceObject;
    try {
      ns = this.client.get<NamespaceObject>(NAMESPACES, null, name, cause);
      if (ns.metadata.deletionTimestamp === undefined) return;
      ns = this.#retryOnConflict(ns, (n) => this.#markTerminating(n, cause), cause);
    } catch (error) {
      if (isNotFound(error)) return;
      throw error;
    }
    if (ns.metadata.deletionTimestamp === undefined) return;
    if ((ns.spec?.finalizers ?? []).length === 0) return;
    const estimate = this.#deleteAllContent(ns, cause);
    if (estimate > 0) throw new ResourcesRemainingError(estimate);
    try {
      this.#retryOnConflict(ns, (n) => this.#finalize(n, cause), cause);
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
  }

  #retryOnConflict(
    ns: NamespaceObject,
    update: (ns: NamespaceObject) => NamespaceObject,
    cause: number | null,
  ): NamespaceObject {
    let latest = ns;
    for (let attempt = 0; ; attempt++) {
      try {
        return update(latest);
      } catch (error) {
        if (!isConflict(error) || attempt >= MAX_CONFLICT_RETRIES) throw error;
        const previous = latest;
        latest = this.client.get<NamespaceObject>(NAMESPACES, null, ns.metadata.name ?? '', cause);
        if (previous.metadata.uid !== latest.metadata.uid)
          throw new Error('namespace uid has changed across retries', { cause: error });
      }
    }
  }

  #markTerminating(ns: NamespaceObject, cause: number | null): NamespaceObject {
    if (ns.status?.phase === 'Terminating') return ns;
    const next: NamespaceObject = { ...ns, status: { ...ns.status, phase: 'Terminating' } };
    return this.client.update<NamespaceObject>(NAMESPACES, next, 'status', cause);
  }

  #finalize(ns: NamespaceObject, cause: number | null): NamespaceObject {
    const finalizers = [...new Set(ns.spec?.finalizers ?? [])]
      .filter((f) => f !== this.finalizerToken)
      .sort();
    const body: NamespaceObject = {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: ns.metadata,
      spec: { ...ns.spec, finalizers },
    };
    return this.client.update<NamespaceObject>(NAMESPACES, body, 'finalize', cause);
  }

  /** The namespaced resources that can be deleted, from discovery; records failures. */
  #deletableResources(conditions: ConditionUpdater, errors: string[], cause: number | null): ResourceInfo[] {
    const discovery = discoverNamespacedResources(this.client, cause);
    if (discovery.error !== null) {
      errors.push(discovery.error);
      conditions.discoveryFailed(discovery.error, discovery.failedGroups);
    }
    const resources: ResourceInfo[] = [];
    for (const list of discovery.lists) {
      const deletable = list.resources.filter((r) => r.verbs.includes('delete'));
      if (deletable.length === 0) continue;
      if (!parsesAsGroupVersion(list.groupVersion)) {
        const message = `unexpected GroupVersion string: ${list.groupVersion}`;
        errors.push(message);
        conditions.groupVersionFailed(message);
        return [];
      }
      for (const r of deletable) resources.push(discoveredResource(list.groupVersion, r));
    }
    return resources;
  }

  /** Deletes everything in the namespace; returns the estimate (seconds) of what remains. */
  #deleteAllContent(ns: NamespaceObject, cause: number | null): number {
    const name = ns.metadata.name ?? '';
    const deletedAt = Date.parse(ns.metadata.deletionTimestamp ?? '') - this.kernel.clock.epoch;
    const errors: string[] = [];
    const conditions = new ConditionUpdater(this.kernel.clock.timestamp());
    const remaining = new Map<string, number>();
    const finalizers = new Map<string, number>();
    let estimate = 0;
    for (const r of this.#deletableResources(conditions, errors, cause)) {
      this.#content.learn(r);
      let result;
      try {
        result = this.#content.deleteAll(r, name, this.#estimate(r, name, deletedAt, cause), cause);
      } catch (error) {
        result = { estimate: 0, remaining: 0, finalizers: new Map(), error: messageOf(error) };
      }
      if (result.error !== null) {
        errors.push(result.error);
        conditions.deleteContentFailed(result.error);
      }
      estimate = Math.max(estimate, result.estimate);
      if (result.remaining === 0) continue;
      remaining.set(`${r.plural}.${r.group}`, result.remaining);
      for (const [f, n] of result.finalizers) finalizers.set(f, (finalizers.get(f) ?? 0) + n);
    }
    conditions.contentTotals(remaining, finalizers);
    const status: NamespaceStatus = { ...ns.status };
    if (conditions.update(status)) {
      try {
        this.client.update(NAMESPACES, { ...ns, status }, 'status', cause);
      } catch (error) {
        this.kernel.trace.emit({
          from: CONTROLLER_MANAGER_ID,
          to: CONTROLLER_MANAGER_ID,
          kind: 'decision',
          summary: `namespace: couldn't update status condition for namespace "${name}": ${messageOf(error)}`,
          causedBy: cause,
        });
      }
    }
    if (errors.length > 0) throw new Error(aggregate(errors));
    return estimate;
  }

  /**
   * How long graceful termination may still take for `r` (pods only): the longest grace
   * period of the namespace's running pods, or 0 once that long has passed since the
   * namespace's deletion.
   */
  #estimate(r: ResourceInfo, ns: string, deletedAt: number, cause: number | null): number {
    if (r.group !== '' || r.plural !== 'pods') return 0;
    let estimate = 0;
    for (const pod of this.client.list(PODS, ns, {}, cause).items) {
      const phase = (pod.status as { phase?: string } | undefined)?.phase;
      if (phase === 'Succeeded' || phase === 'Failed') continue;
      const grace = (pod.spec as { terminationGracePeriodSeconds?: number } | undefined)
        ?.terminationGracePeriodSeconds;
      if (grace !== undefined && grace > estimate) estimate = grace;
    }
    return this.kernel.clock.now() - deletedAt >= estimate * 1000 ? 0 : estimate;
  }
}
