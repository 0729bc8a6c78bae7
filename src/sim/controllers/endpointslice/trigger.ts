/**
 * Upstream's TriggerTimeTracker (endpointslice/util/trigger_time_tracker.go): the value of the
 * `endpoints.kubernetes.io/last-change-trigger-time` annotation. A pod's trigger time is when
 * its Ready condition last changed, a Service's its creation; a sync reports the earliest
 * trigger time that changed since the Service's previous sync (its creation on the first).
 */
import { objectKey } from '../../client/cache';
import type { PodObject, ServiceObject } from './types';

interface ServiceState {
  pods: Map<string, number>;
  service: number;
}

/** A timestamp as wall-clock ms; 0 (unset) when missing. */
function ms(stamp: string | undefined | null): number {
  const t = stamp === undefined || stamp === null ? Number.NaN : Date.parse(stamp);
  return Number.isNaN(t) ? 0 : t;
}

function earliest(a: number, b: number): number {
  return a === 0 ? b : b === 0 ? a : Math.min(a, b);
}

export class TriggerTimeTracker {
  readonly #states = new Map<string, ServiceState>();

  /** The trigger time of this sync as RFC 3339, or undefined when nothing changed. */
  compute(svc: ServiceObject, pods: readonly PodObject[]): string | undefined {
    const key = objectKey(svc);
    const state = this.#states.get(key);
    let min = 0;
    const podTimes = new Map<string, number>();
    for (const pod of pods) {
      const ready = pod.status?.conditions?.find((c) => c.type === 'Ready');
      const t = ms(ready?.lastTransitionTime);
      if (t === 0) continue;
      podTimes.set(pod.metadata.name ?? '', t);
      if (t > (state?.pods.get(pod.metadata.name ?? '') ?? 0)) min = earliest(min, t);
    }
    const service = ms(svc.metadata.creationTimestamp);
    if (service > (state?.service ?? 0)) min = earliest(min, service);
    this.#states.set(key, { pods: podTimes, service });
    const result = state === undefined ? service : min;
    return result === 0 ? undefined : new Date(result).toISOString().replace('.000Z', 'Z');
  }

  /** Forgets a deleted Service. */
  delete(key: string): void {
    this.#states.delete(key);
  }
}
