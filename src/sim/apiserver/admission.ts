/**
 * The admission chain: mutating plugins, then (after validation) validating plugins, in
 * kube-apiserver's order. Each plugin that acts is a visible step of the request.
 */
import type { RequestScope } from './handlers/scope';
import { admitPodPriority, keepPodPriority, validatePriorityClassDefault } from './priority-admission';
import { quotaAdmission } from './quota-admission';
import { RESOURCES } from './resources';
import { admitRuntimeClass } from './runtimeclass-admission';
import { mountServiceAccountToken } from './serviceaccount-token-admission';
import { ApiError, forbidden, notFound } from './status';
import { isStorageAdmissionTarget, storageAdmission } from './storage-protection-admission';
import type { KubeObject } from './types';

const namespaces = RESOURCES.find((r) => r.plural === 'namespaces' && r.group === '');

/** Mutating admission for a create or update. Returns the possibly changed object. */
export function mutatingAdmission(
  scope: RequestScope,
  obj: KubeObject,
  operation: 'CREATE' | 'UPDATE',
): KubeObject {
  if (isStorageAdmissionTarget(scope, operation)) return storageAdmission(scope, obj);
  const isPod = scope.resource.group === '' && scope.resource.plural === 'pods';
  if (!isPod || scope.subresource !== null) return obj;
  const spec = { ...(obj.spec as Record<string, unknown> | undefined) };
  if (operation === 'UPDATE') {
    if (!keepPodPriority(scope, spec)) return obj;
    scope.stage('mutating admission: Priority', { plugins: 'Priority' });
    return { ...obj, spec };
  }
  const plugins: string[] = [];
  // A mirror pod (a static pod's copy) keeps the kubelet's spec: no service account is added.
  const mirror = obj.metadata.annotations?.['kubernetes.io/config.mirror'] !== undefined;
  if (!mirror && (spec.serviceAccountName === undefined || spec.serviceAccountName === '')) {
    spec.serviceAccountName = 'default';
    plugins.push('ServiceAccount');
  }
  if (mountServiceAccountToken(scope, obj, spec) && !plugins.includes('ServiceAccount'))
    plugins.push('ServiceAccount');
  admitPodPriority(scope, obj, spec);
  plugins.push('Priority');
  if (admitRuntimeClass(scope, obj, spec)) plugins.push('RuntimeClass');
  const tolerations = [...((spec.tolerations as { key?: string; effect?: string }[] | undefined) ?? [])];
  for (const key of ['node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable']) {
    const tolerated = (t: { key?: string; effect?: string }) =>
      (t.key === key || (t.key ?? '') === '') && (t.effect === 'NoExecute' || (t.effect ?? '') === '');
    if (!tolerations.some(tolerated)) {
      tolerations.push({ key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 } as {
        key: string;
      });
      if (!plugins.includes('DefaultTolerationSeconds')) plugins.push('DefaultTolerationSeconds');
    }
  }
  spec.tolerations = tolerations;
  if (plugins.length > 0)
    scope.stage(`mutating admission: ${plugins.join(', ')}`, { plugins: plugins.join(',') });
  return { ...obj, spec };
}

/**
 * Validating admission. NamespaceLifecycle refuses to create objects in a namespace that does
 * not exist or is being deleted; Priority refuses a second global default PriorityClass;
 * ResourceQuota, last, refuses what would exceed a quota and charges the quotas for what it
 * lets in.
 */
export function validatingAdmission(
  scope: RequestScope,
  obj: KubeObject,
  operation: 'CREATE' | 'UPDATE' | 'DELETE',
): void {
  if (operation !== 'DELETE' && validatePriorityClassDefault(scope, obj, operation))
    scope.stage('validating admission: Priority', { name: obj.metadata.name ?? '' });
  if (operation !== 'CREATE' || !scope.resource.namespaced || namespaces === undefined) return;
  const ns = obj.metadata.namespace ?? '';
  const { kv } = scope.etcd.get(scope.storage.key(namespaces, null, ns), {
    client: scope.server,
    causedBy: scope.step,
  });
  if (kv === null) throw notFound(namespaces, ns);
  const phase = (JSON.parse(kv.value) as { status?: { phase?: string } }).status?.phase;
  if (phase === 'Terminating') {
    const error = forbidden(
      scope.resource,
      obj.metadata.name ?? '',
      `unable to create new content in namespace ${ns} because it is being terminated`,
    );
    const details = error.status.details ?? {};
    throw new ApiError({
      ...error.status,
      details: {
        ...details,
        causes: [
          {
            reason: 'NamespaceTerminating',
            message: `namespace ${ns} is being terminated`,
            field: 'metadata.namespace',
          },
        ],
      },
    });
  }
  scope.stage('validating admission: NamespaceLifecycle', { namespace: ns });
  quotaAdmission(scope, obj);
}
