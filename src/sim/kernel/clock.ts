/**
 * The simulation's virtual clock. Time is milliseconds since the cluster started and only
 * moves forward when the kernel runs events; nothing in `src/sim` reads the wall clock.
 */
export class VirtualClock {
  #now = 0;

  /**
   * @param epoch wall-clock instant (ms since the Unix epoch) that virtual time 0 maps to;
   *   only used to render timestamps such as `metadata.creationTimestamp`.
   */
  constructor(readonly epoch: number) {}

  /** Virtual milliseconds since the cluster started. */
  now(): number {
    return this.#now;
  }

  /** Moves the clock to `time`. Time never goes backwards. */
  advanceTo(time: number): void {
    if (!Number.isFinite(time)) throw new RangeError(`clock time must be finite, got ${time}`);
    if (time < this.#now) {
      throw new RangeError(`clock cannot go back from ${this.#now} ms to ${time} ms`);
    }
    this.#now = time;
  }

  /**
   * An instant as an RFC 3339 timestamp with second precision, as Kubernetes writes them:
   * by default now, or `at` virtual ms since the start.
   */
  timestamp(at: number = this.#now): string {
    return new Date(Math.floor((this.epoch + at) / 1000) * 1000).toISOString().replace('.000Z', 'Z');
  }
}
