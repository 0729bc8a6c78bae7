/**
 * The ServiceAccount admission plugin's token volume (plugin/pkg/admission/serviceaccount's
 * mountServiceAccountToken): a pod created with automounting on gets a projected volume
 * `kube-api-access-<5 random characters>` (a bound ServiceAccount token that expires in
 * 3607 s, the cluster's CA bundle from the `kube-root-ca.crt` ConfigMap, and the namespace),
 * mounted read-only at /var/run/secrets/kubernetes.io/serviceaccount in every container and
 * init container that does not mount something there already. The pod's
 * `automountServiceAccountToken` wins over its ServiceAccount's. Mirror pods are left alone.
 *
 * Upstream refuses a pod whose ServiceAccount does not exist; here such a pod is admitted
 * without the volume, so clusters that run without the serviceaccount controller still
 * start pods.
 */
import type { PodSpec, Volume, VolumeMount } from 'kubernetes-types/core/v1';
import type { RequestScope } from './handlers/scope';
import { findResource, type ResourceInfo } from './resources';
import { ApiError } from './status';
import type { KubeObject } from './types';

/** Where the token, ca.crt and namespace files appear in containers. */
export const TOKEN_MOUNT_PATH = '/var/run/secrets/kubernetes.io/serviceaccount';
const VOLUME_PREFIX = 'kube-api-access-';
const MIRROR_ANNOTATION = 'kubernetes.io/config.mirror';
/** utilrand's alphabet: no vowels, no confusable characters. */
const ALPHANUMS = 'bcdfghjklmnpqrstvwxz2456789';

const SERVICE_ACCOUNTS = findResource('', 'v1', 'serviceaccounts') as ResourceInfo;

/** TokenVolumeSource: what the projected volume holds. */
export function tokenVolume(name: string): Volume {
  return {
    name,
    projected: {
      defaultMode: 420,
      sources: [
        { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
        { configMap: { items: [{ key: 'ca.crt', path: 'ca.crt' }], name: 'kube-root-ca.crt' } },
        {
          downwardAPI: {
            items: [{ fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' }, path: 'namespace' }],
          },
        },
      ],
    },
  };
}

type MutableSpec = Record<string, unknown> & Partial<PodSpec>;

/** Adds the token volume and mounts to `spec` (a pod being created); returns whether it did. */
export function mountServiceAccountToken(scope: RequestScope, pod: KubeObject, spec: MutableSpec): boolean {
  if (pod.metadata.annotations?.[MIRROR_ANNOTATION] !== undefined) return false;
  const ns = scope.namespace ?? pod.metadata.namespace ?? 'default';
  let account: KubeObject & { automountServiceAccountToken?: boolean };
  try {
    account = scope.storage.get(SERVICE_ACCOUNTS, ns, spec.serviceAccountName ?? 'default', {
      causedBy: scope.step,
    });
  } catch (error) {
    if (error instanceof ApiError && error.code === 404) return false;
    throw error;
  }
  const automount = spec.automountServiceAccountToken ?? account.automountServiceAccountToken ?? true;
  if (!automount) return false;
  const existing = (spec.volumes ?? []).find((v) => v.name.startsWith(VOLUME_PREFIX));
  let suffix = '';
  for (let i = 0; i < 5; i++) suffix += ALPHANUMS[scope.kernel.rng.int(0, ALPHANUMS.length - 1)] ?? '';
  const name = existing?.name ?? `${VOLUME_PREFIX}${suffix}`;
  const mount: VolumeMount = { name, readOnly: true, mountPath: TOKEN_MOUNT_PATH };
  let needed = false;
  const withMount = <T extends { volumeMounts?: VolumeMount[] }>(c: T): T => {
    if ((c.volumeMounts ?? []).some((m) => m.mountPath === TOKEN_MOUNT_PATH)) return c;
    needed = true;
    return { ...c, volumeMounts: [...(c.volumeMounts ?? []), mount] };
  };
  if (spec.initContainers !== undefined) spec.initContainers = spec.initContainers.map(withMount);
  spec.containers = (spec.containers ?? []).map(withMount);
  if (needed && existing === undefined) spec.volumes = [...(spec.volumes ?? []), tokenVolume(name)];
  return needed;
}
