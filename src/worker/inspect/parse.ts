/** Checks the target of an `inspect` command received across the worker boundary. */
import type { InspectTarget } from './types';

/** The longest object or resource name Kubernetes allows (a DNS subdomain). */
const MAX_NAME = 253;

/** The longest etcd key the etcd view accepts. */
const MAX_KEY = 1024;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

const isName = (v: unknown): v is string => typeof v === 'string' && v !== '' && v.length <= MAX_NAME;

/** The target, or a message saying what is wrong with it. */
export function parseTarget(target: unknown): InspectTarget | { error: string } {
  if (!isRecord(target) || typeof target.kind !== 'string')
    return { error: 'inspect needs a target with a kind: object, objects, etcd, node or scheduler' };
  const { resource, namespace, name, key, revision } = target;
  const namespaceOk = namespace === null || isName(namespace);
  switch (target.kind) {
    case 'object':
      return isName(resource) && namespaceOk && isName(name)
        ? { kind: 'object', resource, namespace: namespace as string | null, name }
        : { error: 'an object target needs a resource, a namespace (or null) and a name' };
    case 'objects':
      return isName(resource) && namespaceOk
        ? { kind: 'objects', resource, namespace: namespace as string | null }
        : { error: 'an objects target needs a resource and a namespace (or null)' };
    case 'etcd': {
      if (!(key === null || (typeof key === 'string' && key.startsWith('/') && key.length <= MAX_KEY)))
        return {
          error: `an etcd target needs a key starting with '/' (at most ${MAX_KEY} characters), or null`,
        };
      if (revision === undefined) return { kind: 'etcd', key };
      return Number.isSafeInteger(revision) && (revision as number) > 0
        ? { kind: 'etcd', key, revision: revision as number }
        : {
            error: `an etcd target's revision must be a whole number above 0; got ${JSON.stringify(revision)}`,
          };
    }
    case 'node':
      return isName(name) ? { kind: 'node', name } : { error: 'a node target needs the name of a node' };
    case 'scheduler':
      return { kind: 'scheduler' };
    default:
      return { error: `unknown inspect target ${JSON.stringify(target.kind)}` };
  }
}
