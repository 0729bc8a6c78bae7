/**
 * Cluster events and queueing hints (upstream's ClusterEvent, EnqueueExtensions and
 * QueueingHintFn, enabled by default in v1.32): when something changes in the cluster, the
 * queue asks each plugin that rejected a pending pod whether this change may make the pod
 * schedulable, and moves the pod only if one says Queue.
 */
import type { Pod } from './types';

/** What kind of change a cluster event is (a subset of upstream's ActionType). */
export type ActionType =
  | 'Add'
  | 'Delete'
  | 'UpdateNodeAllocatable'
  | 'UpdateNodeLabel'
  | 'UpdateNodeTaint'
  | 'UpdateNodeCondition'
  | 'UpdateNodeAnnotation'
  | 'UpdatePodLabel'
  | 'UpdatePodTolerations'
  | 'UpdatePodSchedulingGatesEliminated'
  | 'UpdatePod'
  /** Any change of an object with no finer update actions (a claim, a volume, a class). */
  | 'Update';

/** The storage objects whose changes are cluster events (for VolumeBinding). */
export type StorageResource = 'PersistentVolumeClaim' | 'PersistentVolume' | 'StorageClass';

/** Any update action; a registration listing it matches every Update* action. */
export const UPDATE = 'Update';
/** Every action. */
export const ALL = 'All';

/**
 * A change in the cluster that may make unschedulable pods schedulable: `NodeAdd`,
 * `AssignedPodDelete`, `UnschedulableTimeout`... `Pod` events are about assigned pods,
 * `UnscheduledPod` about the pending pod itself; `WildCard` moves every pod.
 */
export interface ClusterEvent {
  readonly resource: 'Node' | 'Pod' | 'UnscheduledPod' | StorageResource | 'WildCard';
  readonly actions: readonly ActionType[];
  /** Upstream's event label, e.g. `NodeAdd`, `NodeTaintChange`, `AssignedPodDelete`. */
  readonly label: string;
  /** The object before the change (undefined for an add). */
  readonly oldObj?: unknown;
  /** The object after the change (undefined for a delete). */
  readonly newObj?: unknown;
}

/** Whether an event may make the pod schedulable, from one plugin's point of view. */
export type QueueingHint = 'Queue' | 'QueueSkip';

/** A plugin's judgement of an event for a pending pod; a throw counts as Queue. */
export type QueueingHintFn = (pod: Pod, oldObj: unknown, newObj: unknown) => QueueingHint;

/** An event a plugin wants to hear about, with its hint (none: always Queue). */
export interface EventRegistration {
  readonly resource: 'Node' | 'Pod' | 'UnscheduledPod' | StorageResource;
  readonly actions: readonly (ActionType | typeof UPDATE | typeof ALL)[];
  readonly hint?: QueueingHintFn;
}

/** Whether an event matches a registration (`Pod` registrations also see the pending pod's own updates). */
export function eventMatches(event: ClusterEvent, reg: EventRegistration): boolean {
  if (event.resource === 'WildCard') return true;
  const resource =
    reg.resource === event.resource || (reg.resource === 'Pod' && event.resource === 'UnscheduledPod');
  if (!resource) return false;
  return reg.actions.some(
    (a) =>
      a === ALL ||
      (a === UPDATE && event.actions.some((e) => e.startsWith('Update'))) ||
      event.actions.includes(a as ActionType),
  );
}

/**
 * A plugin's registrations as the queue uses them: a plugin that registers Node/Add but not
 * Node/UpdateNodeTaint also gets UpdateNodeTaint, with no hint (upstream's workaround for
 * nodes that join tainted not-ready, kubernetes#109437).
 */
export function withNodeTaintWorkaround(regs: readonly EventRegistration[]): EventRegistration[] {
  const nodeRegs = regs.filter((r) => r.resource === 'Node');
  const adds = nodeRegs.some((r) => r.actions.includes('Add'));
  const taints = nodeRegs.some((r) => r.actions.includes('UpdateNodeTaint'));
  return adds && !taints ? [...regs, { resource: 'Node', actions: ['UpdateNodeTaint'] }] : [...regs];
}

/**
 * Whether an event is worth moving a pending pod for (upstream's isPodWorthRequeuing): yes
 * when no plugin rejected it (an error) or the event is a wildcard; otherwise when some
 * rejecting plugin registered for the event and its hint says Queue.
 */
export function isPodWorthRequeuing(
  pod: Pod,
  event: ClusterEvent,
  rejectors: ReadonlySet<string>,
  registrations: ReadonlyMap<string, readonly EventRegistration[]>,
): boolean {
  if (rejectors.size === 0 || event.resource === 'WildCard') return true;
  for (const plugin of rejectors) {
    for (const reg of registrations.get(plugin) ?? []) {
      if (!eventMatches(event, reg)) continue;
      let hint: QueueingHint;
      try {
        hint = reg.hint?.(pod, event.oldObj, event.newObj) ?? 'Queue';
      } catch {
        // A hint that fails must not leave the pod stuck: treat it as Queue.
        hint = 'Queue';
      }
      if (hint === 'Queue') return true;
    }
  }
  return false;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** Whether a pod changed beyond its status and bookkeeping metadata (upstream's isPodUpdated). */
export function isPodUpdated(old: Pod, pod: Pod): boolean {
  const strip = (p: Pod) => {
    const {
      resourceVersion: _rv,
      generation: _g,
      managedFields: _m,
      finalizers: _f,
      ...meta
    } = p.metadata ?? {};
    return { ...p, metadata: meta, status: {} };
  };
  return !same(strip(old), strip(pod));
}

/** The event an update of a pending pod is (PodSchedulingPropertiesChange, as one event). */
export function podUpdateEvent(old: Pod, pod: Pod): ClusterEvent {
  const actions: ActionType[] = [];
  if (!same(old.metadata?.labels, pod.metadata?.labels)) actions.push('UpdatePodLabel');
  if (!same(old.spec?.tolerations, pod.spec?.tolerations)) actions.push('UpdatePodTolerations');
  if ((old.spec?.schedulingGates ?? []).length > 0 && (pod.spec?.schedulingGates ?? []).length === 0) {
    actions.push('UpdatePodSchedulingGatesEliminated');
  }
  if (actions.length === 0) actions.push('UpdatePod');
  return { resource: 'UnscheduledPod', actions, label: 'UnscheduledPodUpdate', oldObj: old, newObj: pod };
}
