/**
 * What a timeline step names that an inspector can show: the object of an API request
 * (`PUT /apis/apps/v1/namespaces/default/deployments/web/status` names deployments.apps/web)
 * or the etcd key of a storage call or a watch event from etcd.
 */
import type { TraceStep } from '../../sim/kernel/trace';
import type { EtcdTarget, ObjectTarget } from '../../worker/inspect/types';

/** The object an API path names, if it names one (a collection's path does not). */
export function objectOfPath(path: string): ObjectTarget | null {
  const segments =
    path
      .split('?')[0]
      ?.split('/')
      .filter((s) => s !== '') ?? [];
  let group: string;
  let rest: string[];
  if (segments[0] === 'api' && segments.length > 2) [group, rest] = ['', segments.slice(2)];
  else if (segments[0] === 'apis' && segments.length > 3)
    [group, rest] = [segments[1] ?? '', segments.slice(3)];
  else return null;
  const named = (plural: string | undefined, name: string | undefined, namespace: string | null) =>
    plural === undefined || name === undefined
      ? null
      : { kind: 'object' as const, resource: group === '' ? plural : `${plural}.${group}`, namespace, name };
  if (rest[0] === 'namespaces' && rest.length >= 3) return named(rest[2], rest[3], rest[1] ?? null);
  return named(rest[0], rest[1], null);
}

/** What `step` names: an object to inspect, and an etcd key to look at. */
export function stepTargets(step: TraceStep): { object: ObjectTarget | null; etcd: EtcdTarget | null } {
  const detail =
    step.detail !== null && typeof step.detail === 'object' && !Array.isArray(step.detail) ? step.detail : {};
  const path = step.kind === 'request' && typeof detail.path === 'string' ? detail.path : null;
  const key = typeof detail.key === 'string' && detail.key.startsWith('/registry/') ? detail.key : null;
  return {
    object: path === null ? null : objectOfPath(path),
    etcd: key === null ? null : { kind: 'etcd', key },
  };
}

/** How a button names an object: `pods/web`, `deployments.apps/web`. */
export const objectLabel = (target: ObjectTarget): string => `${target.resource}/${target.name}`;
