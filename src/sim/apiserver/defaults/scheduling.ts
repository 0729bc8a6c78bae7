/** Defaults for `scheduling.k8s.io/v1`: PriorityClass. */
import type { PriorityClass } from 'kubernetes-types/scheduling/v1';
import { isNil } from './util';

/** PriorityClass: pods of this class may preempt lower-priority pods unless it says `Never`. */
export function defaultPriorityClass(priorityClass: PriorityClass): void {
  if (isNil(priorityClass.preemptionPolicy)) priorityClass.preemptionPolicy = 'PreemptLowerPriority';
}
