/**
 * client-go's default controller rate limiter: the larger of a per-item exponential backoff
 * (5 ms doubling to 1000 s) and an overall token bucket (10 per second, bursts of 100), in
 * virtual time.
 */

export interface RateLimiter {
  /** How long to wait before `item` may be retried, counting this failure. */
  when(item: string, now: number): number;
  /** Forgets an item's failures (after it succeeded). */
  forget(item: string): void;
  /** How many times `item` has been retried since it was last forgotten. */
  retries(item: string): number;
}

/** Per-item exponential backoff: base * 2^failures, capped. */
export class ExponentialRateLimiter implements RateLimiter {
  readonly #failures = new Map<string, number>();
  constructor(
    private readonly baseMs = 5,
    private readonly maxMs = 1000_000,
  ) {}
  when(item: string): number {
    const failures = this.#failures.get(item) ?? 0;
    this.#failures.set(item, failures + 1);
    return Math.min(this.baseMs * 2 ** failures, this.maxMs);
  }
  forget(item: string): void {
    this.#failures.delete(item);
  }
  retries(item: string): number {
    return this.#failures.get(item) ?? 0;
  }
}

/** A token bucket shared by all items: `qps` tokens a second, holding at most `burst`. */
export class BucketRateLimiter implements RateLimiter {
  #tokens: number;
  #last = 0;
  constructor(
    private readonly qps = 10,
    private readonly burst = 100,
  ) {
    this.#tokens = burst;
  }
  when(_item: string, now: number): number {
    this.#tokens = Math.min(this.burst, this.#tokens + ((now - this.#last) / 1000) * this.qps);
    this.#last = now;
    this.#tokens -= 1;
    return this.#tokens >= 0 ? 0 : (-this.#tokens / this.qps) * 1000;
  }
  forget(): void {}
  retries(): number {
    return 0;
  }
}

/** The worst (longest) delay of several limiters, as client-go's MaxOfRateLimiter. */
export class MaxOfRateLimiter implements RateLimiter {
  readonly #limiters: readonly RateLimiter[];
  constructor(...limiters: RateLimiter[]) {
    this.#limiters = limiters;
  }
  when(item: string, now: number): number {
    return Math.max(...this.#limiters.map((l) => l.when(item, now)));
  }
  forget(item: string): void {
    for (const l of this.#limiters) l.forget(item);
  }
  retries(item: string): number {
    return Math.max(...this.#limiters.map((l) => l.retries(item)));
  }
}

/** client-go's DefaultControllerRateLimiter. */
export function defaultControllerRateLimiter(): RateLimiter {
  return new MaxOfRateLimiter(new ExponentialRateLimiter(5, 1000_000), new BucketRateLimiter(10, 100));
}
