/**
 * The garbage collector's API calls (upstream's operations.go and patch.go): mapping a
 * reference's apiVersion/kind to a resource, GET, DELETE with uid (and resourceVersion)
 * preconditions, and JSON merge patches that drop ownerReferences or finalizers under a
 * resourceVersion precondition, so a concurrent change answers 409 and the work is retried.
 *
 * Upstream sends a strategic merge patch (`$patch: delete` by uid) for built-in types and
 * falls back to this JSON merge patch for custom resources; the simulation always sends the
 * JSON merge patch, which needs no OpenAPI patch metadata and means the same thing.
 */
import { RESOURCES, resourceForKind, type ResourceInfo } from '../../apiserver/resources';
import { ApiError } from '../../apiserver/status';
import type { KubeObject } from '../../apiserver/types';
import { objectKey } from '../../client/cache';
import type { Informer } from '../../client/informer';
import { resourcePath, type ApiClient } from '../../client/rest';
import { describe, type GraphNode, type ObjectReference, type OwnerReference } from './graph';

/** The propagation policies of DeleteOptions. */
export type PropagationPolicy = 'Background' | 'Foreground' | 'Orphan';

/** Resources the garbage collector never watches (upstream's DefaultIgnoredResources). */
const IGNORED = new Set(['/events', 'events.k8s.io/events']);

/**
 * The resources the collector watches: those served with list, watch and delete, one version
 * per group and resource (the first listed), events excepted.
 */
export function deletableResources(resources: readonly ResourceInfo[] = RESOURCES): ResourceInfo[] {
  const seen = new Set<string>();
  const out: ResourceInfo[] = [];
  for (const r of resources) {
    if (!(['delete', 'list', 'watch'] as const).every((v) => r.verbs.includes(v))) continue;
    const key = `${r.group}/${r.plural}`;
    if (IGNORED.has(key) || seen.has(key)) continue;
    seen.add(key);
    out.push(r);
  }
  return out;
}

/** An apiVersion/kind the server does not serve (upstream's restMappingError): retried. */
export class RestMappingError extends Error {
  constructor(kind: string, apiVersion: string) {
    super(`unable to get REST mapping for ${kind}/${apiVersion}.`);
  }
}

/** A cluster-scoped object names a namespaced owner: never valid, not retried. */
export class NamespacedOwnerError extends Error {
  constructor() {
    super('cluster-scoped objects cannot refer to namespaced owners');
  }
}

export const isNotFound = (e: unknown) => e instanceof ApiError && e.code === 404;
export const isConflict = (e: unknown) => e instanceof ApiError && e.code === 409;

/** Attempts of upstream's retry.DefaultBackoff for RetryOnConflict. */
const CONFLICT_RETRIES = 5;

/** The collector's connection to the apiserver, and its monitors' caches. */
export class Operations {
  constructor(
    private readonly client: ApiClient,
    /** The monitors' informers, keyed `group/plural`. */
    private readonly monitors: ReadonlyMap<string, Informer>,
  ) {}

  /** The resource an apiVersion/kind is served as. */
  resourceFor(apiVersion: string, kind: string): ResourceInfo {
    const resource = resourceForKind(apiVersion, kind);
    if (resource === undefined) throw new RestMappingError(kind, apiVersion);
    return resource;
  }

  /** Where an object lives: its resource and namespace (null when cluster-scoped). */
  locate(ref: ObjectReference): { resource: ResourceInfo; namespace: string | null } {
    const resource = this.resourceFor(ref.apiVersion, ref.kind);
    if (!resource.namespaced) return { resource, namespace: null };
    if (ref.namespace === '') throw new NamespacedOwnerError();
    return { resource, namespace: ref.namespace };
  }

  /** A live GET of the object at `ref`. */
  get(ref: ObjectReference, cause: number | null): KubeObject {
    const { resource, namespace } = this.locate(ref);
    return this.client.get(resource, namespace, ref.name, cause);
  }

  /**
   * DELETE with preconditions: the uid, and the resourceVersion the decision was made on. If
   * only the resourceVersion moved (the ownerReferences did not), deletes again without it.
   */
  delete(
    ref: ObjectReference,
    resourceVersion: string,
    owners: readonly OwnerReference[] | undefined,
    policy: PropagationPolicy,
    cause: number | null,
  ): void {
    const { resource, namespace } = this.locate(ref);
    const body = {
      kind: 'DeleteOptions',
      apiVersion: 'v1',
      preconditions: { uid: ref.uid, ...(resourceVersion === '' ? {} : { resourceVersion }) },
      propagationPolicy: policy,
    };
    try {
      this.client.request('DELETE', resourcePath(resource, namespace, ref.name), { body, causedBy: cause });
    } catch (error) {
      if (!isConflict(error) || resourceVersion === '') throw error;
      let live: KubeObject;
      try {
        live = this.client.get(resource, namespace, ref.name, cause);
      } catch (getError) {
        if (isNotFound(getError)) return;
        throw error;
      }
      const sameOwners = JSON.stringify(live.metadata.ownerReferences ?? []) === JSON.stringify(owners ?? []);
      if (live.metadata.uid === ref.uid && live.metadata.resourceVersion !== resourceVersion && sameOwners)
        return this.delete(ref, '', undefined, policy, cause);
      throw error;
    }
  }

  /** A JSON merge patch on the object at `ref`. */
  patch(ref: ObjectReference, patch: object, cause: number | null): KubeObject {
    const { resource, namespace } = this.locate(ref);
    return this.client.patch(resource, namespace, ref.name, 'merge', patch, cause);
  }

  /** The object's metadata from the monitor's cache, else from a live GET (upstream's getMetadata). */
  cached(ref: ObjectReference, cause: number | null): KubeObject {
    const { resource } = this.locate(ref);
    const informer = this.monitors.get(`${resource.group}/${resource.plural}`);
    const key = objectKey({ metadata: { name: ref.name, namespace: ref.namespace } });
    return informer?.lister.get(key) ?? this.get(ref, cause);
  }

  /** Drops the ownerReferences to `ownerUids` from the dependent `node`. */
  deleteOwnerReferences(node: GraphNode, ownerUids: readonly string[], cause: number | null): void {
    const meta = this.cached(node.identity, cause).metadata;
    const kept = (meta.ownerReferences ?? []).filter((r) => !ownerUids.includes(r.uid));
    this.patch(
      node.identity,
      { metadata: { resourceVersion: meta.resourceVersion, ownerReferences: kept.length > 0 ? kept : null } },
      cause,
    );
  }

  /** Sets `blockOwnerDeletion: false` on every ownerReference of `node`. */
  unblockOwnerReferences(node: GraphNode, cause: number | null): void {
    const meta = this.cached(node.identity, cause).metadata;
    const owners = node.owners.map((o) => ({ ...o, blockOwnerDeletion: false }));
    this.patch(
      node.identity,
      { metadata: { resourceVersion: meta.resourceVersion, ownerReferences: owners } },
      cause,
    );
  }

  /**
   * Removes `finalizer` from the object at `ref` (GET, then a merge patch of the finalizers
   * under the read resourceVersion), retrying on conflict; nothing to do if it is gone.
   */
  removeFinalizer(ref: ObjectReference, finalizer: string, cause: number | null): void {
    for (let attempt = 0; attempt < CONFLICT_RETRIES; attempt++) {
      let obj: KubeObject;
      try {
        obj = this.get(ref, cause);
      } catch (error) {
        if (isNotFound(error)) return;
        throw new Error(
          `cannot finalize owner ${describe(ref)}, because cannot get it: ${error instanceof Error ? error.message : String(error)}. The garbage collector will retry later`,
          { cause: error },
        );
      }
      const finalizers = obj.metadata.finalizers ?? [];
      if (!finalizers.includes(finalizer)) return;
      const rest = finalizers.filter((f) => f !== finalizer);
      try {
        this.patch(
          ref,
          {
            metadata: {
              resourceVersion: obj.metadata.resourceVersion,
              finalizers: rest.length > 0 ? rest : null,
            },
          },
          cause,
        );
        return;
      } catch (error) {
        if (!isConflict(error)) throw error;
      }
    }
    throw new Error(
      `updateMaxRetries(${CONFLICT_RETRIES}) has reached. The garbage collector will retry later for owner ${describe(ref)}`,
    );
  }
}
