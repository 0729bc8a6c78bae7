/**
 * The scheduler's informer handlers (upstream's eventhandlers.go). Pods are split as
 * upstream's filtering handlers split them: assigned pods (spec.nodeName set) feed the
 * cache; unassigned pods that name one of our profiles feed the queue. A pod we bind leaves
 * the queue and enters the cache on the same watch event. Changes that may make pending pods
 * schedulable (a node added, its labels, taints or allocatable changed, a pod deleted) are
 * cluster events that move them forward.
 */
import type { ActionType, ClusterEvent } from './framework/interface';
import { asNode, asPod, isAssigned, type Node, type Pod } from './framework/types';
import type { Scheduler } from './scheduler';
import { addStorageEventHandlers } from './storage-events';

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * What changed about a node, as far as scheduling cares (NodeSchedulingPropertiesChange):
 * one event per kind of change, heartbeats excluded.
 */
export function nodeChanges(old: Node, node: Node): ClusterEvent[] {
  const changes: [boolean, ActionType, string][] = [
    [
      (old.spec?.unschedulable ?? false) !== (node.spec?.unschedulable ?? false),
      'UpdateNodeTaint',
      'NodeSpecUnschedulableChange',
    ],
    [
      !same(old.status?.allocatable, node.status?.allocatable),
      'UpdateNodeAllocatable',
      'NodeAllocatableChange',
    ],
    [!same(old.metadata?.labels, node.metadata?.labels), 'UpdateNodeLabel', 'NodeLabelChange'],
    [!same(old.spec?.taints, node.spec?.taints), 'UpdateNodeTaint', 'NodeTaintChange'],
    [!same(conditions(old), conditions(node)), 'UpdateNodeCondition', 'NodeConditionChange'],
    [
      !same(old.metadata?.annotations, node.metadata?.annotations),
      'UpdateNodeAnnotation',
      'NodeAnnotationChange',
    ],
  ];
  return changes
    .filter(([changed]) => changed)
    .map(([, action, label]) => ({ resource: 'Node', actions: [action], label, oldObj: old, newObj: node }));
}

/** Condition type -> status: reasons, messages and heartbeats do not count. */
const conditions = (n: Node) =>
  Object.fromEntries((n.status?.conditions ?? []).map((c) => [c.type, c.status]));

/** What changed about an assigned pod (PodSchedulingPropertiesChange). */
function assignedPodChange(old: Pod, pod: Pod): ClusterEvent {
  const action: ActionType = same(old.metadata?.labels, pod.metadata?.labels)
    ? 'UpdatePod'
    : 'UpdatePodLabel';
  return { resource: 'Pod', actions: [action], label: 'AssignedPodUpdate', oldObj: old, newObj: pod };
}

/** Wires the scheduler's pod and node informers to its cache and queue. */
export function addAllEventHandlers(sched: Scheduler): void {
  const { cache, queue } = sched;
  const responsible = (pod: Pod) => sched.profiles.has(pod.spec?.schedulerName ?? '');
  const pending = (pod: Pod) => !isAssigned(pod) && responsible(pod);
  const move = (event: ClusterEvent, cause: number | null) =>
    queue.moveAllToActiveOrBackoffQueue(event, cause);

  sched.nodes.addHandlers({
    add(obj, cause) {
      cache.addNode(asNode(obj));
      move({ resource: 'Node', actions: ['Add'], label: 'NodeAdd', newObj: obj }, cause);
    },
    update(oldObj, obj, cause) {
      const [old, node] = [asNode(oldObj), asNode(obj)];
      cache.updateNode(node);
      for (const event of nodeChanges(old, node)) move(event, cause);
    },
    delete(obj, cause) {
      cache.removeNode(asNode(obj));
      move({ resource: 'Node', actions: ['Delete'], label: 'NodeDelete', oldObj: obj }, cause);
    },
  });

  sched.pods.addHandlers({
    add(obj, cause) {
      const pod = asPod(obj);
      if (isAssigned(pod)) {
        cache.addPod(pod);
        move({ resource: 'Pod', actions: ['Add'], label: 'AssignedPodAdd', newObj: pod }, cause);
      } else if (responsible(pod)) {
        queue.add(pod, cause);
        sched.wake();
      }
    },
    update(oldObj, obj, cause) {
      const [old, pod] = [asPod(oldObj), asPod(obj)];
      if (isAssigned(old) && isAssigned(pod)) {
        cache.updatePod(pod);
        move(assignedPodChange(old, pod), cause);
      } else if (isAssigned(pod)) {
        cache.addPod(pod);
        move({ resource: 'Pod', actions: ['Add'], label: 'AssignedPodAdd', newObj: pod }, cause);
      }
      if (pending(old) && pending(pod)) {
        if (old.metadata?.resourceVersion === pod.metadata?.resourceVersion || cache.isAssumed(pod)) return;
        queue.update(old, pod, cause);
        sched.wake();
      } else if (pending(old)) {
        queue.delete(old);
      } else if (pending(pod)) {
        queue.add(pod, cause);
        sched.wake();
      }
    },
    delete(obj, cause) {
      const pod = asPod(obj);
      if (isAssigned(pod)) {
        cache.removePod(pod);
        move({ resource: 'Pod', actions: ['Delete'], label: 'AssignedPodDelete', oldObj: pod }, cause);
      } else if (responsible(pod)) {
        queue.delete(pod);
      }
    },
  });
  addStorageEventHandlers(sched);
}
