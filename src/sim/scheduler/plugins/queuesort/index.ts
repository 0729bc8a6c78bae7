/**
 * PrioritySort: the active queue's order — higher `spec.priority` first, then the pod
 * that entered the queue earlier.
 */
import type { Plugin } from '../../framework/interface';
import { podPriority } from '../../framework/types';

export const NAME = 'PrioritySort';

/** The PrioritySort plugin. */
export function prioritySort(): Plugin {
  return {
    name: NAME,
    less(a, b) {
      const p1 = podPriority(a.pod);
      const p2 = podPriority(b.pod);
      return p1 > p2 || (p1 === p2 && a.timestamp < b.timestamp);
    },
  };
}
