/**
 * What the inspectors look at and what they send back: the targets an `inspect` command
 * names and the views `inspection` events carry. Plain data that survives structured cloning.
 */
import type { EtcdTarget, EtcdView } from './etcd';
import type { NodeView } from './node';
import type { MissingView, ObjectTarget, ObjectView } from './object';
import type { ObjectsTarget, ObjectsView } from './objects';
import type { SchedulerView } from './scheduler';

export type {
  EtcdTarget,
  EtcdView,
  MissingView,
  NodeView,
  ObjectTarget,
  ObjectView,
  ObjectsTarget,
  ObjectsView,
};
export type { SchedulerView };

/** What one inspection looks at. */
export type InspectTarget =
  /** One object, named as kubectl names it (object.ts). */
  | ObjectTarget
  /** The object picker's list of one resource type's objects (objects.ts). */
  | ObjectsTarget
  /** etcd's key tree, the selected key's revisions and the watch stream (etcd.ts). */
  | EtcdTarget
  /** One node from its own shell: sandboxes, containers, network, kube-proxy rules (node.ts). */
  | { readonly kind: 'node'; readonly name: string }
  /** kube-scheduler's profiles, queues, cache and last cycles (scheduler.ts). */
  | { readonly kind: 'scheduler' };

/** What an inspection shows now; `missing` when its target does not exist (kubectl's wording). */
export type InspectionView = ObjectView | ObjectsView | EtcdView | NodeView | SchedulerView | MissingView;
