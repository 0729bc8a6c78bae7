/**
 * The API objects the scheduler reads, typed as core/v1, and small helpers on them.
 */
import type { Node, Pod } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../../apiserver/types';

export type { Node, Pod };

/** The scheduler's name for pods that do not name another one. */
export const DEFAULT_SCHEDULER_NAME = 'default-scheduler';

/** Upstream's framework.MaxNodeScore / MinNodeScore. */
export const MAX_NODE_SCORE = 100;
export const MIN_NODE_SCORE = 0;

/** A pod as the informer delivers it. */
export function asPod(obj: KubeObject): Pod {
  return obj as unknown as Pod;
}

/** A node as the informer delivers it. */
export function asNode(obj: KubeObject): Node {
  return obj as unknown as Node;
}

/** `namespace/name`. */
export function podKey(pod: Pod): string {
  return `${pod.metadata?.namespace ?? ''}/${pod.metadata?.name ?? ''}`;
}

/** The pod's uid, or its key when it has none (only in tests). */
export function podUid(pod: Pod): string {
  return pod.metadata?.uid ?? podKey(pod);
}

/** The node's name. */
export function nodeName(node: Node): string {
  return node.metadata?.name ?? '';
}

/** spec.priority, 0 when unset (corev1helpers.PodPriority). */
export function podPriority(pod: Pod): number {
  return pod.spec?.priority ?? 0;
}

/** Whether the pod is assigned to a node. */
export function isAssigned(pod: Pod): boolean {
  return (pod.spec?.nodeName ?? '') !== '';
}

/** The pod's labels, never undefined. */
export function labelsOf(obj: { metadata?: { labels?: Record<string, string> } }): Record<string, string> {
  return obj.metadata?.labels ?? {};
}
