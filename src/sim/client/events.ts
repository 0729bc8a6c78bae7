/**
 * An event recorder (client-go's record.EventRecorder for core/v1 Events): components report
 * what they did about an object (`SuccessfulCreate`, `ScalingReplicaSet`, `FailedScheduling`),
 * and `kubectl describe` / `kubectl get events` show it. Each recorder passes its events
 * through client-go's correlator first (see {@link EventCorrelator}): repeats patch the
 * existing Event's count, many similar ones are combined, and floods are dropped.
 */
import { findResource } from '../apiserver/resources';
import type { KubeObject } from '../apiserver/types';
import type { Kernel } from '../kernel/kernel';
import { EventCorrelator } from './event-correlator';
import type { ApiClient } from './rest';

const EVENTS = findResource('', 'v1', 'events');

export type EventType = 'Normal' | 'Warning';

/** Event sequence numbers, one counter per cluster (kernel). */
const sequences = new WeakMap<Kernel, number>();

function nextSequence(kernel: Kernel): number {
  const n = (sequences.get(kernel) ?? 0) + 1;
  sequences.set(kernel, n);
  return n;
}

export class EventRecorder {
  readonly #correlator = new EventCorrelator();

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
    const now = this.kernel.clock.now();
    const stamp = this.kernel.clock.timestamp();
    const decision = this.#correlator.correlate(
      {
        source: this.component,
        host: this.host ?? '',
        object: [obj.kind, namespace, obj.metadata.name ?? '', obj.metadata.uid ?? '', obj.apiVersion],
        type,
        reason,
        message,
      },
      now,
    );
    if (decision.action === 'skip') return;
    const event = (name: string, ns: string, text: string, count: number, first: string) => ({
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name, namespace: ns },
      involvedObject,
      reason,
      message: text,
      type,
      source: { component: this.component, ...(this.host === undefined ? {} : { host: this.host }) },
      firstTimestamp: first,
      lastTimestamp: stamp,
      count,
      reportingComponent: this.component,
      reportingInstance: this.host ?? '',
    });
    try {
      if (decision.action === 'patch') {
        const { name, namespace: ns, count, message: text } = decision;
        try {
          this.client.patch(
            EVENTS,
            ns,
            name,
            'strategic',
            { count, lastTimestamp: stamp, message: text },
            causedBy,
          );
        } catch {
          // The Event is gone (deleted, or expired): record it again under the same name.
          this.client.create(EVENTS, ns, event(name, ns, text, count, stamp), causedBy);
        }
        return;
      }
      // Upstream names events `<object>.<unix nanoseconds in hex>`. The virtual clock counts
      // milliseconds, so the sub-millisecond part is a per-cluster sequence: events recorded
      // at the same virtual instant get distinct names that still sort in recording order.
      const nanos =
        BigInt(Math.floor(this.kernel.clock.epoch + now)) * 1_000_000n +
        BigInt(nextSequence(this.kernel) % 1_000_000);
      const name = `${obj.metadata.name ?? ''}.${nanos.toString(16)}`;
      this.client.create(EVENTS, namespace, event(name, namespace, decision.message, 1, stamp), causedBy);
      this.#correlator.created(decision.key, name, namespace);
    } catch {
      // Events are best effort: a failure to record never fails the component's work.
    }
  }
}
