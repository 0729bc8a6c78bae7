/**
 * client-go's event correlator (tools/record), on the virtual clock. Before an event reaches
 * the apiserver it is:
 *
 * 1. aggregated: when one source reports the same reason about the same object with ten
 *    different messages within ten minutes, further ones become a single Event whose message
 *    is prefixed `(combined from similar events): `;
 * 2. counted: an event identical to one already recorded (same source, object, type, reason,
 *    message) patches that Event's `count` and `lastTimestamp` instead of creating another,
 *    however long ago it was first seen (this is what `kubectl describe` shows as
 *    `(x5 over 3m)`);
 * 3. spam-filtered: a source may send 25 events of one type about one object in a burst,
 *    then one every five minutes; the rest are dropped.
 *
 * Every cache holds at most 4096 keys, least recently used first out, as upstream's LRUs.
 */

const MAX_ENTRIES = 4096;
const AGGREGATE_MAX_EVENTS = 10;
const AGGREGATE_INTERVAL_MS = 600_000;
const SPAM_BURST = 25;
const SPAM_REFILL_MS = 300_000;

/** The parts of an event the correlator keys on. */
export interface CorrelatedEvent {
  readonly source: string;
  readonly host: string;
  /** The involved object: kind, namespace, name, uid, apiVersion. */
  readonly object: readonly string[];
  readonly type: string;
  readonly reason: string;
  readonly message: string;
}

/** What to do with an event. */
export type Correlation =
  | { readonly action: 'skip' }
  | { readonly action: 'create'; readonly message: string; readonly key: string }
  | {
      readonly action: 'patch';
      readonly name: string;
      readonly namespace: string;
      readonly count: number;
      readonly message: string;
    };

/** A Map that forgets its least recently used key beyond a capacity. */
export class Lru<V> {
  readonly #map = new Map<string, V>();
  constructor(private readonly capacity = MAX_ENTRIES) {}

  get(key: string): V | undefined {
    const value = this.#map.get(key);
    if (value !== undefined) {
      this.#map.delete(key);
      this.#map.set(key, value);
    }
    return value;
  }

  set(key: string, value: V): void {
    this.#map.delete(key);
    this.#map.set(key, value);
    if (this.#map.size > this.capacity) this.#map.delete(this.#map.keys().next().value as string);
  }

  get size(): number {
    return this.#map.size;
  }
}

interface Aggregate {
  messages: Set<string>;
  at: number;
}

interface Observed {
  name: string;
  namespace: string;
  count: number;
}

interface Bucket {
  tokens: number;
  at: number;
}

/** One component's correlator: aggregation, counting and spam filtering of its events. */
export class EventCorrelator {
  readonly #aggregates: Lru<Aggregate>;
  readonly #observed: Lru<Observed>;
  readonly #spam: Lru<Bucket>;

  constructor(capacity = MAX_ENTRIES) {
    this.#aggregates = new Lru(capacity);
    this.#observed = new Lru(capacity);
    this.#spam = new Lru(capacity);
  }

  /** Decides what recording `event` at virtual time `now` does. */
  correlate(event: CorrelatedEvent, now: number): Correlation {
    const { key, message } = this.#aggregate(event, now);
    const previous = this.#observed.get(key);
    // Like upstream, a repeat counts even when the spam filter then drops it, so the next
    // patch that does go out carries the true count.
    if (previous !== undefined) previous.count++;
    if (!this.#allow(event, now)) return { action: 'skip' };
    if (previous === undefined) return { action: 'create', message, key };
    return {
      action: 'patch',
      name: previous.name,
      namespace: previous.namespace,
      count: previous.count,
      message,
    };
  }

  /** Remembers the Event created for a `create` correlation, so repeats count on it. */
  created(key: string, name: string, namespace: string): void {
    this.#observed.set(key, { name, namespace, count: 1 });
  }

  #aggregate(event: CorrelatedEvent, now: number): { key: string; message: string } {
    const group = JSON.stringify([event.source, event.host, ...event.object, event.type, event.reason]);
    let record = this.#aggregates.get(group);
    if (record === undefined || now - record.at > AGGREGATE_INTERVAL_MS)
      record = { messages: new Set(), at: now };
    record.messages.add(event.message);
    record.at = now;
    this.#aggregates.set(group, record);
    if (record.messages.size < AGGREGATE_MAX_EVENTS) {
      return { key: JSON.stringify([group, event.message]), message: event.message };
    }
    // Keep the set at its cap (upstream pops an arbitrary member; the oldest is as good).
    record.messages.delete(record.messages.values().next().value as string);
    return { key: group, message: `(combined from similar events): ${event.message}` };
  }

  #allow(event: CorrelatedEvent, now: number): boolean {
    const key = JSON.stringify([event.source, event.host, ...event.object, event.type]);
    const bucket = this.#spam.get(key) ?? { tokens: SPAM_BURST, at: now };
    bucket.tokens = Math.min(SPAM_BURST, bucket.tokens + (now - bucket.at) / SPAM_REFILL_MS);
    bucket.at = now;
    this.#spam.set(key, bucket);
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  }
}
