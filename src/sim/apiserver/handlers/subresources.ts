/** The scale and binding subresources. */
import { contentTypeOf, decodeObjectBody } from '../codec';
import { applyJsonPatch, applyMergePatch } from '../patch';
import { badRequest, conflict, unsupportedMediaType } from '../status';
import type { KubeObject } from '../types';
import { finishDeletionIfDone } from './delete';
import type { Reply, RequestScope } from './scope';

interface Scale {
  kind: 'Scale';
  apiVersion: 'autoscaling/v1';
  metadata: KubeObject['metadata'];
  spec: { replicas: number };
  status: { replicas: number; selector?: string };
}

function selectorString(obj: KubeObject): string | undefined {
  const selector = (obj.spec as { selector?: { matchLabels?: Record<string, string> } } | undefined)
    ?.selector;
  const labels = selector?.matchLabels;
  if (labels === undefined) return undefined;
  return Object.entries(labels)
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
}

/** The autoscaling/v1 Scale view of a workload. */
export function scaleOf(obj: KubeObject): Scale {
  const { name, namespace, uid, resourceVersion, creationTimestamp } = obj.metadata;
  const selector = selectorString(obj);
  return {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata: { name, namespace, uid, resourceVersion, creationTimestamp },
    spec: { replicas: (obj.spec as { replicas?: number } | undefined)?.replicas ?? 0 },
    status: {
      replicas: (obj.status as { replicas?: number } | undefined)?.replicas ?? 0,
      ...(selector === undefined ? {} : { selector }),
    },
  };
}

/** GET, PUT or PATCH `<workload>/scale`. */
export function handleScale(scope: RequestScope, method: string): Reply {
  const obj = scope.storage.get(scope.resource, scope.namespace, scope.name ?? '', { causedBy: scope.step });
  const current = scaleOf(obj);
  if (method === 'GET') return { status: 200, body: current };
  let next: Scale;
  if (method === 'PUT') {
    next = decodeObjectBody(scope.req) as Scale;
  } else {
    const type = contentTypeOf(scope.req);
    const body = scope.req.body ?? '';
    if (type === 'application/json-patch+json') next = applyJsonPatch(current, body) as Scale;
    else if (type === 'application/merge-patch+json' || type === 'application/strategic-merge-patch+json')
      next = applyMergePatch(current, body) as Scale;
    else throw unsupportedMediaType();
  }
  const replicas = next.spec?.replicas;
  if (typeof replicas !== 'number' || !Number.isInteger(replicas) || replicas < 0) {
    throw badRequest(`spec.replicas: Invalid value: ${String(replicas)}: must be greater than or equal to 0`);
  }
  const rv = next.metadata?.resourceVersion;
  if (rv !== undefined && rv !== '' && rv !== obj.metadata.resourceVersion)
    throw conflict(scope.resource, scope.name ?? '');
  scope.stage(`scale: replicas ${current.spec.replicas} -> ${replicas}`, {
    from: current.spec.replicas,
    to: replicas,
  });
  const spec = obj.spec as { replicas?: number } | undefined;
  const generation = (obj.metadata.generation ?? 1) + (spec?.replicas === replicas ? 0 : 1);
  const updated = scope.storage.update(
    scope.resource,
    { ...obj, spec: { ...spec, replicas }, metadata: { ...obj.metadata, generation } },
    obj.metadata.resourceVersion,
    { causedBy: scope.step },
  );
  return { status: 200, body: scaleOf(updated) };
}

/** POST `pods/<name>/binding`: the scheduler assigns a pod to a node. */
export function handleBinding(scope: RequestScope): Reply {
  const binding = decodeObjectBody(scope.req) as {
    metadata?: { name?: string };
    target?: { kind?: string; name?: string };
  };
  const name = scope.name ?? binding.metadata?.name ?? '';
  const node = binding.target?.name ?? '';
  if (node === '') throw badRequest('target.name: Required value');
  const pod = scope.storage.get(scope.resource, scope.namespace, name, { causedBy: scope.step });
  const spec = (pod.spec ?? {}) as { nodeName?: string };
  if (pod.metadata.deletionTimestamp !== undefined) {
    throw conflict(
      { group: '', plural: 'pods/binding' },
      name,
      `pod ${name} is being deleted, cannot be assigned to a host`,
    );
  }
  if (spec.nodeName !== undefined && spec.nodeName !== '') {
    throw conflict(
      { group: '', plural: 'pods/binding' },
      name,
      `pod ${name} is already assigned to node "${spec.nodeName}"`,
    );
  }
  scope.stage(`binding: ${name} -> ${node}`, { pod: name, node });
  scope.storage.update(
    scope.resource,
    { ...pod, spec: { ...spec, nodeName: node } },
    pod.metadata.resourceVersion,
    { causedBy: scope.step },
  );
  return {
    status: 201,
    body: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 },
  };
}

/**
 * PUT `namespaces/<name>/finalize`: the namespace controller removes the `kubernetes`
 * finalizer once the namespace is empty; a namespace being deleted with no finalizers left
 * is then removed for good.
 */
export function handleFinalize(scope: RequestScope): Reply {
  const body = decodeObjectBody(scope.req) as { spec?: { finalizers?: string[] } };
  const ns = scope.storage.get(scope.resource, null, scope.name ?? '', { causedBy: scope.step });
  const finalizers = body.spec?.finalizers ?? [];
  scope.stage(`finalize namespace ${scope.name ?? ''}: finalizers [${finalizers.join(', ')}]`);
  const updated = scope.storage.update(
    scope.resource,
    { ...ns, spec: { ...(ns.spec as object | undefined), finalizers } },
    ns.metadata.resourceVersion,
    { causedBy: scope.step },
  );
  return { status: 200, body: finishDeletionIfDone(scope, updated) };
}
