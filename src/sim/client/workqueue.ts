/**
 * A work queue with client-go's guarantees: an item is never processed by two workers at
 * once; adding an item that is already waiting does nothing; adding one that is being
 * processed queues it again once processing is done. Delayed and rate-limited adds run on
 * the kernel's virtual clock.
 */
import type { Kernel, TimerHandle } from '../kernel/kernel';
import { defaultControllerRateLimiter, type RateLimiter } from './ratelimit';

export class WorkQueue {
  readonly #queue: string[] = [];
  readonly #dirty = new Set<string>();
  readonly #processing = new Set<string>();
  readonly #waiting = new Map<string, { at: number; timer: TimerHandle }>();
  /** The trace step that most recently asked for each item, for causal links. */
  readonly #causes = new Map<string, number | null>();
  #onReady: () => void = () => {};

  constructor(
    private readonly kernel: Kernel,
    readonly name: string,
    private readonly limiter: RateLimiter = defaultControllerRateLimiter(),
  ) {}

  /** Called whenever an item becomes available to a worker. */
  onReady(callback: () => void): void {
    this.#onReady = callback;
  }

  /** How many items are waiting to be processed (not counting delayed ones). */
  get length(): number {
    return this.#queue.length;
  }

  add(item: string, cause: number | null = null): void {
    this.#causes.set(item, cause ?? this.#causes.get(item) ?? null);
    if (this.#dirty.has(item)) return;
    this.#dirty.add(item);
    if (this.#processing.has(item)) return;
    this.#queue.push(item);
    this.#onReady();
  }

  /** Adds `item` after `delayMs` of virtual time; an earlier pending add wins. */
  addAfter(item: string, delayMs: number, cause: number | null = null): void {
    if (delayMs <= 0) return this.add(item, cause);
    const at = this.kernel.clock.now() + delayMs;
    const existing = this.#waiting.get(item);
    if (existing !== undefined && existing.at <= at) return;
    if (existing !== undefined) this.kernel.cancel(existing.timer);
    const timer = this.kernel.schedule(delayMs, `${this.name}: requeue ${item}`, () => {
      this.#waiting.delete(item);
      this.add(item, cause);
    });
    this.#waiting.set(item, { at, timer });
  }

  /** Adds `item` after the rate limiter's delay (a retry after a failure). */
  addRateLimited(item: string, cause: number | null = null): void {
    this.addAfter(item, this.limiter.when(item, this.kernel.clock.now()), cause);
  }

  /** Clears an item's failure count (its last processing succeeded). */
  forget(item: string): void {
    this.limiter.forget(item);
  }

  retries(item: string): number {
    return this.limiter.retries(item);
  }

  /** Takes the next item for processing, with the step that caused it; undefined when empty. */
  get(): { item: string; cause: number | null } | undefined {
    const item = this.#queue.shift();
    if (item === undefined) return undefined;
    this.#processing.add(item);
    this.#dirty.delete(item);
    const cause = this.#causes.get(item) ?? null;
    this.#causes.delete(item);
    return { item, cause };
  }

  /** Marks processing of `item` finished; if it was added meanwhile, it is queued again. */
  done(item: string): void {
    this.#processing.delete(item);
    if (this.#dirty.has(item)) {
      this.#queue.push(item);
      this.#onReady();
    }
  }
}
