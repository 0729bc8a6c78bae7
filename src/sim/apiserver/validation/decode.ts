/**
 * Quantities are checked when kube-apiserver decodes a body, before validation: a bad
 * one fails the request with 400 BadRequest, not 422. This finds the first such quantity
 * in the fields that hold them and builds upstream's decode error message.
 */
import type { ResourceInfo } from '../resources';
import type { KubeObject } from '../types';
import { isQuantityError, parseQuantity } from './quantity';
import { arr, rec } from './util';

function quantityError(v: unknown): string | undefined {
  if (typeof v !== 'string' && typeof v !== 'number') return undefined;
  const q = parseQuantity(typeof v === 'string' ? v.trim() : v);
  return isQuantityError(q) ? q.error : undefined;
}

function listError(list: unknown): string | undefined {
  for (const v of Object.values(rec(list))) {
    const e = quantityError(v);
    if (e) return e;
  }
  return undefined;
}

function requirementsError(r: unknown): string | undefined {
  return listError(rec(r)['limits']) ?? listError(rec(r)['requests']);
}

function podSpecError(spec: unknown): string | undefined {
  const s = rec(spec);
  for (const key of ['initContainers', 'containers', 'ephemeralContainers']) {
    for (const c of arr(s[key])) {
      const e = requirementsError(rec(c)['resources']);
      if (e) return e;
      for (const env of arr(rec(c)['env'])) {
        const d = quantityError(rec(rec(rec(env)['valueFrom'])['resourceFieldRef'])['divisor']);
        if (d) return d;
      }
    }
  }
  for (const v of arr(s['volumes'])) {
    const e = quantityError(rec(rec(v)['emptyDir'])['sizeLimit']);
    if (e) return e;
  }
  return listError(s['overhead']) ?? requirementsError(s['resources']);
}

/** The first invalid quantity's parse error in an object, if any. */
function firstQuantityError(obj: KubeObject): string | undefined {
  const spec = rec(obj['spec']);
  const status = rec(obj['status']);
  switch (obj.kind) {
    case 'Pod':
      return podSpecError(spec);
    case 'PodTemplate':
      return podSpecError(rec(obj['template'])['spec']);
    case 'Deployment':
    case 'ReplicaSet':
    case 'DaemonSet':
    case 'ReplicationController':
    case 'Job':
      return podSpecError(rec(spec['template'])['spec']);
    case 'StatefulSet':
      return (
        podSpecError(rec(spec['template'])['spec']) ??
        arr(spec['volumeClaimTemplates'])
          .map((t) => requirementsError(rec(rec(t)['spec'])['resources']))
          .find((e) => e !== undefined)
      );
    case 'CronJob':
      return podSpecError(rec(rec(rec(spec['jobTemplate'])['spec'])['template'])['spec']);
    case 'PersistentVolumeClaim':
      return requirementsError(spec['resources']);
    case 'PersistentVolume':
      return listError(spec['capacity']);
    case 'Node':
      return listError(status['capacity']) ?? listError(status['allocatable']);
    case 'ResourceQuota':
      return listError(spec['hard']) ?? listError(status['hard']) ?? listError(status['used']);
    case 'LimitRange':
      for (const l of arr(spec['limits'])) {
        for (const key of ['max', 'min', 'default', 'defaultRequest', 'maxLimitRequestRatio']) {
          const e = listError(rec(l)[key]);
          if (e) return e;
        }
      }
      return undefined;
    default:
      return undefined;
  }
}

/**
 * The 400 message kube-apiserver returns when a body holds a malformed quantity, e.g.
 * `Pod in version "v1" cannot be handled as a Pod: quantities must match the regular
 * expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'`; undefined when all parse.
 */
export function quantityDecodeError(
  resource: Pick<ResourceInfo, 'kind' | 'version'>,
  obj: KubeObject,
): string | undefined {
  const err = firstQuantityError(obj);
  return err === undefined
    ? undefined
    : `${resource.kind} in version "${resource.version}" cannot be handled as a ${resource.kind}: ${err}`;
}
