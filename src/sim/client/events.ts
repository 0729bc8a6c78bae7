/**
 * An event recorder (client-go's record.EventRecorder for core/v1 Events): components report
 * what they did about an object (`SuccessfulCreate`, `ScalingReplicaSet`, `FailedScheduling`),
 * and `kubectl describe` / `kubectl get events` show it. Repeats of the same event within
 * ten minutes update the existing Event (count, lastTimestamp) instead of creating another,
 * as client-go's correlator does.
 */
import { findResource } from '../apiserver/resources';
import type { KubeObject } from '../apiserver/types';
import type { Kernel } from '../kernel/kernel';
import type { ApiClient } from './rest';

const EVENTS = findResource('', 'v1', 'events');

/** How long a repeated event keeps counting up the same Event object. */
const DEDUPE_WINDOW_MS = 10 * 60_000;

export type EventType = 'Normal' | 'Warning';

/** Event sequence numbers, one counter per cluster (kernel). */
const sequences = new WeakMap<Kernel, number>();

function nextSequence(kernel: Kernel): number {
  const n = (sequences.get(kernel) ?? 0) + 1;
  sequences.set(kernel, n);
  return n;
}

interface Recorded {
  name: string;
  namespace: string;
  count: number;
  at: number;
}

export class EventRecorder {
  readonly #recent = new Map<string, Recorded>();

  constructor(
    private readonly kernel: Kernel,
    private readonly client: ApiClient,
    /** `source.component`, e.g. `deployment-controller`, `default-scheduler`, `kubelet`. */
    private readonly component: string,
    /** `source.host` for node agents (the node name). */
    private readonly host?: string,
  ) {}

  /** Records an event about `obj`. Failures to record are ignored, as upstream does. */
  event(
    obj: KubeObject,
    type: EventType,
    reason: string,
    message: string,
    causedBy: number | null = null,
  ): void {
    if (EVENTS === undefined) return;
    const namespace = obj.metadata.namespace ?? 'default';
    const involvedObject = {
      kind: obj.kind,
      namespace: obj.metadata.namespace,
      name: obj.metadata.name,
      uid: obj.metadata.uid,
      apiVersion: obj.apiVersion,
      resourceVersion: obj.metadata.resourceVersion,
    };
    const key = JSON.stringify([
      this.component,
      this.host ?? '',
      involvedObject.kind,
      namespace,
      involvedObject.name,
      involvedObject.uid,
      type,
      reason,
      message,
    ]);
    const now = this.kernel.clock.now();
    const stamp = this.kernel.clock.timestamp();
    const previous = this.#recent.get(key);
    try {
      if (previous !== undefined && now - previous.at < DEDUPE_WINDOW_MS) {
        previous.count++;
        previous.at = now;
        this.client.patch(
          EVENTS,
          previous.namespace,
          previous.name,
          'strategic',
          { count: previous.count, lastTimestamp: stamp },
          causedBy,
        );
        return;
      }
      // Upstream names events `<object>.<unix nanoseconds in hex>`. The virtual clock counts
      // milliseconds, so the sub-millisecond part is a per-cluster sequence: events recorded
      // at the same virtual instant get distinct names that still sort in recording order.
      const nanos =
        BigInt(Math.floor(this.kernel.clock.epoch + now)) * 1_000_000n +
        BigInt(nextSequence(this.kernel) % 1_000_000);
      const name = `${obj.metadata.name ?? ''}.${nanos.toString(16)}`;
      this.client.create(
        EVENTS,
        namespace,
        {
          apiVersion: 'v1',
          kind: 'Event',
          metadata: { name, namespace },
          involvedObject,
          reason,
          message,
          type,
          source: { component: this.component, ...(this.host === undefined ? {} : { host: this.host }) },
          firstTimestamp: stamp,
          lastTimestamp: stamp,
          count: 1,
          reportingComponent: this.component,
          reportingInstance: this.host ?? '',
        },
        causedBy,
      );
      this.#recent.set(key, { name, namespace, count: 1, at: now });
    } catch {
      // Events are best effort: a failure to record never fails the component's work.
    }
  }
}
