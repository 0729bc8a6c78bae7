/**
 * The ConfigMaps and Secrets the kubelet reads for its pods' env vars and volumes (its
 * configMapManager and secretManager, with the `Get` change-detection strategy: each use is a
 * GET from kube-apiserver). A missing object fails with the managers' own message, which
 * names the resource in the singular: `configmap "x" not found`.
 */
import type { ConfigMap, Secret } from 'kubernetes-types/core/v1';
import { findResource, type ResourceInfo } from '../../apiserver/resources';
import { ApiError } from '../../apiserver/status';
import type { KubeObject } from '../../apiserver/types';
import type { ApiClient } from '../../client/rest';

const CONFIG_MAPS = findResource('', 'v1', 'configmaps') as ResourceInfo;
const SECRETS = findResource('', 'v1', 'secrets') as ResourceInfo;

/** An object a pod refers to does not exist. */
export class ObjectNotFound extends Error {}

export type ConfigMapObject = KubeObject & ConfigMap;
export type SecretObject = KubeObject & Secret;

/** Where ConfigMaps and Secrets come from. */
export interface ObjectSource {
  configMap(namespace: string, name: string, cause: number | null): ConfigMapObject;
  secret(namespace: string, name: string, cause: number | null): SecretObject;
}

export class PodObjects implements ObjectSource {
  constructor(private readonly client: ApiClient) {}

  configMap(namespace: string, name: string, cause: number | null): ConfigMapObject {
    return this.#get<ConfigMapObject>(CONFIG_MAPS, 'configmap', namespace, name, cause);
  }

  secret(namespace: string, name: string, cause: number | null): SecretObject {
    return this.#get<SecretObject>(SECRETS, 'secret', namespace, name, cause);
  }

  #get<T extends KubeObject>(
    resource: ResourceInfo,
    singular: string,
    namespace: string,
    name: string,
    cause: number | null,
  ): T {
    try {
      return this.client.get<T>(resource, namespace, name, cause);
    } catch (error) {
      if (error instanceof ApiError && error.code === 404)
        throw new ObjectNotFound(`${singular} "${name}" not found`);
      throw error;
    }
  }
}

/**
 * A Secret's data as text by key. Upstream's decoding folds `stringData` into `data`; the
 * simulated apiserver stores `stringData` as sent, so it is folded in here.
 */
export function secretText(secret: SecretObject): Record<string, string> {
  const decoded = Object.entries(secret.data ?? {}).map(([k, v]) => [k, decodeBase64(v)]);
  return { ...Object.fromEntries(decoded), ...secret.stringData };
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** A Secret's `data` value (standard base64) as text: its bytes read as UTF-8. */
export function decodeBase64(text: string): string {
  const bytes: number[] = [];
  let bits = 0;
  let value = 0;
  for (const ch of text) {
    const v = B64.indexOf(ch);
    if (v < 0) continue;
    value = (value << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes.push((value >> bits) & 0xff);
    }
  }
  let out = '';
  for (let i = 0; i < bytes.length;) {
    const b = bytes[i] ?? 0;
    const n = b >= 0xf0 ? 3 : b >= 0xe0 ? 2 : b >= 0xc0 ? 1 : 0;
    let cp = n === 0 ? b : b & (0x3f >> n);
    for (let k = 1; k <= n; k++) cp = (cp << 6) | ((bytes[i + k] ?? 0) & 0x3f);
    out += String.fromCodePoint(cp);
    i += n + 1;
  }
  return out;
}
