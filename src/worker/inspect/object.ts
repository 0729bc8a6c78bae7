/**
 * The inspector's object view: one object as `kubectl get -o yaml` prints it, its events as
 * `kubectl describe` lists them, its owner chain and its dependents. It reads etcd through
 * the untraced observer reads (see registry.ts), so looking changes nothing in the trace.
 */
import type { Event } from 'kubernetes-types/core/v1';
import { qualifiedName, type ResourceInfo } from '../../sim/apiserver/resources';
import type { KubeObject } from '../../sim/apiserver/types';
import { eventAge, eventSource, sortEvents } from '../../kubectl/describe/events';
import { printObjects } from '../../kubectl/printers';
import { dependentsOf, ownerChain, type ObjectLink } from './owners';
import { resourceNamed, type RegistryReader } from './registry';

export type { ObjectLink } from './owners';

/** What the object view shows: an object, named as kubectl names it. */
export interface ObjectTarget {
  readonly kind: 'object';
  /** The resource as kubectl names it: `pods`, `deployments.apps`. */
  readonly resource: string;
  /** The namespace of a namespaced object (`default` when null); ignored for cluster-scoped ones. */
  readonly namespace: string | null;
  readonly name: string;
}

/** One row of the Events table `kubectl describe` ends with. */
export interface EventRow {
  readonly type: string;
  readonly reason: string;
  /** `5m`, or `30s (x4 over 5m)` for a repeated event. */
  readonly age: string;
  readonly from: string;
  readonly message: string;
}

/** One object, live. */
export interface ObjectView {
  readonly kind: 'object';
  /** kubectl's name of its resource (`pods`). */
  readonly resource: string;
  /** The object's kind (`Pod`). */
  readonly objectKind: string;
  readonly namespace: string | null;
  readonly name: string;
  readonly uid: string;
  readonly resourceVersion: string;
  /** `kubectl get -o yaml` (managedFields left out, as kubectl does by default). */
  readonly yaml: string;
  /** Whether `yaml` was cut short at {@link MAX_YAML_CHARS}. */
  readonly yamlTruncated: boolean;
  /** Its events, oldest first. */
  readonly events: readonly EventRow[];
  /** Its owners, nearest first, up to the root. */
  readonly owners: readonly ObjectLink[];
  /** The objects it owns, at most {@link MAX_DEPENDENTS}, and how many more there are. */
  readonly dependents: readonly ObjectLink[];
  readonly moreDependents: number;
}

/** Why there is no object to show, worded as kubectl words it. */
export interface MissingView {
  readonly kind: 'missing';
  readonly message: string;
}

/** The longest YAML sent: a view is one message, and big ones compete with the animation. */
export const MAX_YAML_CHARS = 32_768;

/** The most dependents listed (a Deployment's pods are listed under their ReplicaSet). */
export const MAX_DEPENDENTS = 20;

/** The most events listed: the newest ones. */
export const MAX_EVENTS = 30;

/** What the view holds that only changes when the store does. */
interface StoredPart {
  readonly view: Omit<ObjectView, 'events'>;
  readonly events: readonly Event[];
}

/**
 * Builds object views for one target; the parts read from etcd are kept until the store's
 * revision moves, so only the events' ages are worked out again as virtual time passes.
 */
export class ObjectInspector {
  #cached: { readonly revision: number; readonly part: StoredPart | MissingView } | null = null;

  constructor(readonly target: ObjectTarget) {}

  /** The view at epoch ms `now`. */
  view(reader: RegistryReader, now: number): ObjectView | MissingView {
    if (this.#cached?.revision !== reader.revision)
      this.#cached = { revision: reader.revision, part: storedPart(reader, this.target) };
    const { part } = this.#cached;
    if ('kind' in part) return part;
    const events = part.events.map((e) => ({
      type: e.type ?? '',
      reason: e.reason ?? '',
      age: eventAge(e, now),
      from: eventSource(e),
      message: (e.message ?? '').trim(),
    }));
    return { ...part.view, events };
  }
}

function storedPart(reader: RegistryReader, target: ObjectTarget): StoredPart | MissingView {
  const resource = resourceNamed(target.resource);
  if (resource === undefined)
    return { kind: 'missing', message: `the server doesn't have a resource type "${target.resource}"` };
  const namespace = resource.namespaced ? (target.namespace ?? 'default') : null;
  const obj = reader.get(resource, namespace, target.name);
  if (obj === null)
    return { kind: 'missing', message: `${qualifiedName(resource)} "${target.name}" not found` };
  const printed = printObjects({ kind: 'yaml' }, [obj], { singleItem: true }).stdout;
  const yamlTruncated = printed.length > MAX_YAML_CHARS;
  const dependents = dependentsOf(reader, obj, MAX_DEPENDENTS);
  return {
    view: {
      kind: 'object',
      resource: qualifiedName(resource),
      objectKind: obj.kind,
      namespace,
      name: target.name,
      uid: obj.metadata.uid ?? '',
      resourceVersion: obj.metadata.resourceVersion ?? '',
      yaml: yamlTruncated ? printed.slice(0, MAX_YAML_CHARS) : printed,
      yamlTruncated,
      owners: ownerChain(reader, obj),
      dependents: dependents.links,
      moreDependents: dependents.more,
    },
    events: sortEvents(eventsAbout(reader, resource, obj)).slice(-MAX_EVENTS),
  };
}

/**
 * The core/v1 events about `obj`, as kubectl describe selects them: by the involved object's
 * kind, name, namespace and uid (a node's events also by its name as uid), in the object's
 * namespace, or in every namespace for a cluster-scoped object.
 */
function eventsAbout(reader: RegistryReader, resource: ResourceInfo, obj: KubeObject): Event[] {
  const events = resourceNamed('events');
  if (events === undefined) return [];
  const name = obj.metadata.name ?? '';
  const namespace = obj.metadata.namespace ?? '';
  const uids = new Set([obj.metadata.uid ?? '', ...(resource.kind === 'Node' ? [name] : [])]);
  const found: Event[] = [];
  for (const kv of reader.range(events, resource.namespaced ? namespace : null)) {
    // Skip, without decoding, the events that do not mention the object's uid.
    if (![...uids].some((uid) => uid !== '' && kv.value.includes(uid))) continue;
    const event = reader.decode(events, kv) as unknown as Event;
    const about = event.involvedObject;
    if (
      about.kind === obj.kind &&
      about.name === name &&
      (about.namespace ?? '') === namespace &&
      uids.has(about.uid ?? '')
    )
      found.push(event);
  }
  return found;
}
