/**
 * DELETE and DELETECOLLECTION with upstream's semantics: preconditions, graceful deletion of
 * scheduled pods, finalizers (including the garbage collector's `foregroundDeletion` and
 * `orphan` for the Foreground and Orphan propagation policies), and 202 Accepted when the
 * object is only marked for deletion.
 */
import { queryParam } from '../codec';
import { badRequest, conflict, success } from '../status';
import type { KubeObject } from '../types';
import { listObjects } from './read';
import type { Reply, RequestScope } from './scope';

interface DeleteOptions {
  gracePeriodSeconds?: number;
  propagationPolicy?: 'Background' | 'Foreground' | 'Orphan';
  orphanDependents?: boolean;
  preconditions?: { uid?: string; resourceVersion?: string };
  dryRun?: string[];
}

/** Resources whose DELETE answers with the object rather than a Status. */
const RETURNS_OBJECT = new Set([
  'pods',
  'services',
  'namespaces',
  'persistentvolumeclaims',
  'persistentvolumes',
]);

function deleteOptions(scope: RequestScope): DeleteOptions {
  let options: DeleteOptions = {};
  const body = scope.req.body ?? '';
  if (body.trim() !== '') {
    try {
      options = JSON.parse(body) as DeleteOptions;
    } catch {
      throw badRequest(
        'the body of the request was in an unknown format - accepted media types include: application/json, application/yaml',
      );
    }
  }
  const grace = queryParam(scope.req, 'gracePeriodSeconds');
  if (grace !== undefined) options.gracePeriodSeconds = Number(grace);
  const policy = queryParam(scope.req, 'propagationPolicy');
  if (policy !== undefined) options.propagationPolicy = policy as DeleteOptions['propagationPolicy'];
  if (
    options.propagationPolicy !== undefined &&
    !['Background', 'Foreground', 'Orphan'].includes(options.propagationPolicy)
  ) {
    throw badRequest(
      `propagationPolicy: Unsupported value: "${options.propagationPolicy}": supported values: "Foreground", "Background", "Orphan"`,
    );
  }
  if ((scope.req.query.dryRun ?? []).includes('All')) options.dryRun = ['All'];
  return options;
}

/** The grace period a pod gets: the request's, else its spec's, else 30 s; 0 for unscheduled pods. */
function gracePeriod(scope: RequestScope, obj: KubeObject, options: DeleteOptions): number {
  if (scope.resource.plural !== 'pods') return 0;
  const spec = obj.spec as { nodeName?: string; terminationGracePeriodSeconds?: number } | undefined;
  if (spec?.nodeName === undefined || spec.nodeName === '') return 0;
  return options.gracePeriodSeconds ?? spec.terminationGracePeriodSeconds ?? 30;
}

function deleted(scope: RequestScope, obj: KubeObject): Reply {
  if (RETURNS_OBJECT.has(scope.resource.plural)) return { status: 200, body: obj };
  return {
    status: 200,
    body: success({
      name: obj.metadata.name ?? '',
      ...(scope.resource.group === '' ? {} : { group: scope.resource.group }),
      kind: scope.resource.plural,
      uid: obj.metadata.uid ?? '',
    }),
  };
}

/** DELETE one object. */
export function deleteObject(scope: RequestScope): Reply {
  const name = scope.name ?? '';
  const options = deleteOptions(scope);
  const obj = scope.storage.get(scope.resource, scope.namespace, name, { causedBy: scope.step });
  const pre = options.preconditions;
  if (pre?.uid !== undefined && pre.uid !== obj.metadata.uid) {
    throw conflict(
      scope.resource,
      name,
      `Precondition failed: UID in precondition: ${pre.uid}, UID in object meta: ${obj.metadata.uid ?? ''}`,
    );
  }
  if (pre?.resourceVersion !== undefined && pre.resourceVersion !== obj.metadata.resourceVersion) {
    throw conflict(
      scope.resource,
      name,
      `Precondition failed: ResourceVersion in precondition: ${pre.resourceVersion}, ResourceVersion in object meta: ${obj.metadata.resourceVersion ?? ''}`,
    );
  }
  const finalizers = [...(obj.metadata.finalizers ?? [])];
  const policy = options.propagationPolicy ?? (options.orphanDependents === true ? 'Orphan' : undefined);
  const gcFinalizer =
    policy === 'Foreground' ? 'foregroundDeletion' : policy === 'Orphan' ? 'orphan' : undefined;
  if (gcFinalizer !== undefined && !finalizers.includes(gcFinalizer)) finalizers.push(gcFinalizer);
  const grace = gracePeriod(scope, obj, options);
  const dryRun = options.dryRun !== undefined;
  if (scope.resource.plural === 'namespaces') {
    const spec = obj.spec as { finalizers?: string[] } | undefined;
    if ((spec?.finalizers ?? []).length > 0)
      return markForDeletion(scope, obj, finalizers, 0, dryRun, { phase: 'Terminating' });
  }
  if (finalizers.length > 0 || grace > 0) return markForDeletion(scope, obj, finalizers, grace, dryRun);
  scope.stage('deleting: no finalizers, no grace period');
  if (dryRun) return deleted(scope, obj);
  return deleted(
    scope,
    removed(
      scope,
      scope.storage.delete(scope.resource, scope.namespace, name, obj.metadata.resourceVersion, {
        causedBy: scope.step,
      }),
    ),
  );
}

/** Sets deletionTimestamp (now + grace) and answers 202: finalizers or the kubelet finish the job. */
function markForDeletion(
  scope: RequestScope,
  obj: KubeObject,
  finalizers: string[],
  grace: number,
  dryRun: boolean,
  status?: object,
): Reply {
  if (
    obj.metadata.deletionTimestamp !== undefined &&
    grace >= (obj.metadata.deletionGracePeriodSeconds ?? 0)
  ) {
    return { status: 202, body: obj };
  }
  const stamp = scope.kernel.clock.timestamp(scope.kernel.clock.now() + grace * 1000);
  const marked: KubeObject = {
    ...obj,
    metadata: { ...obj.metadata, finalizers, deletionTimestamp: stamp, deletionGracePeriodSeconds: grace },
    ...(status === undefined ? {} : { status: { ...(obj.status as object | undefined), ...status } }),
  };
  if (finalizers.length === 0) delete marked.metadata.finalizers;
  scope.stage(
    finalizers.length > 0
      ? `marked for deletion: waiting for finalizers ${finalizers.join(', ')}`
      : `graceful deletion: ${grace}s`,
    { finalizers: finalizers.join(','), gracePeriodSeconds: grace },
  );
  if (dryRun) return { status: 202, body: marked };
  return {
    status: 202,
    body: scope.storage.update(scope.resource, marked, obj.metadata.resourceVersion, {
      causedBy: scope.step,
    }),
  };
}

/**
 * After an update, an object that is marked for deletion and has no finalizers left is
 * removed for good (upstream does this in the update path of the registry).
 */
export function finishDeletionIfDone(scope: RequestScope, obj: KubeObject): KubeObject {
  if (obj.metadata.deletionTimestamp === undefined || (obj.metadata.finalizers ?? []).length > 0) return obj;
  if ((obj.metadata.deletionGracePeriodSeconds ?? 0) > 0) return obj;
  if (
    scope.resource.plural === 'namespaces' &&
    ((obj.spec as { finalizers?: string[] } | undefined)?.finalizers ?? []).length > 0
  )
    return obj;
  scope.stage('last finalizer removed: deleting');
  return removed(
    scope,
    scope.storage.delete(
      scope.resource,
      scope.namespace,
      obj.metadata.name ?? '',
      obj.metadata.resourceVersion,
      {
        causedBy: scope.step,
      },
    ),
  );
}

/** After an object is gone from storage: a Service's ClusterIP and NodePorts go back to the pools. */
function removed(scope: RequestScope, obj: KubeObject): KubeObject {
  if (scope.resource.group === '' && scope.resource.plural === 'services') scope.services.release(obj);
  return obj;
}

/** DELETE a collection: every object the selectors match. */
export function deleteCollection(scope: RequestScope): Reply {
  const list = listObjects({
    ...scope,
    req: { ...scope.req, headers: { ...scope.req.headers, accept: 'application/json' } },
  }).body as {
    items: KubeObject[];
    metadata: { resourceVersion: string };
  };
  for (const item of list.items) {
    deleteObject({
      ...scope,
      namespace: item.metadata.namespace ?? null,
      name: item.metadata.name ?? '',
      req: { ...scope.req, body: '' },
    });
  }
  return {
    status: 200,
    body: {
      kind: `${scope.resource.kind}List`,
      apiVersion: scope.resource.group === '' ? 'v1' : `${scope.resource.group}/${scope.resource.version}`,
      metadata: list.metadata,
      items: list.items,
    },
  };
}
