/**
 * client-go's flowcontrol.Backoff as the kubelet uses it for container restarts and image
 * pulls: per key, a delay that starts at 10 s and doubles up to 5 min, forgotten once
 * nothing has happened for twice the maximum. Times are virtual ms.
 */
import type { VirtualClock } from '../../kernel/clock';

/** Upstream's initial container/image back-off. */
export const BACKOFF_INITIAL_MS = 10_000;
/** Upstream's maximum (MaxContainerBackOff, and the image pull back-off's maximum). */
export const BACKOFF_MAX_MS = 300_000;

interface Entry {
  backoff: number;
  lastUpdate: number;
}

export class Backoff {
  readonly #entries = new Map<string, Entry>();

  constructor(
    private readonly clock: VirtualClock,
    private readonly initialMs = BACKOFF_INITIAL_MS,
    private readonly maxMs = BACKOFF_MAX_MS,
  ) {}

  /** The current delay of `key` (0 when it has none). */
  get(key: string): number {
    return this.#entries.get(key)?.backoff ?? 0;
  }

  /** Records an event at `at`: the first (or first after a long quiet) gets the initial delay, later ones double it. */
  next(key: string, at: number): void {
    const entry = this.#entries.get(key);
    if (entry === undefined || this.#expired(at, entry.lastUpdate)) {
      this.#entries.set(key, { backoff: this.initialMs, lastUpdate: at });
      return;
    }
    entry.backoff = Math.min(entry.backoff * 2, this.maxMs);
    entry.lastUpdate = at;
  }

  /** Whether less than the delay has passed since `since` (e.g. the container's finish time). */
  isInBackOffSince(key: string, since: number): boolean {
    const entry = this.#entries.get(key);
    const now = this.clock.now();
    if (entry === undefined || this.#expired(now, entry.lastUpdate)) return false;
    return now - since < entry.backoff;
  }

  /** Whether less than the delay has passed since the key's last event. */
  isInBackOffSinceUpdate(key: string): boolean {
    const entry = this.#entries.get(key);
    if (entry === undefined) return false;
    return this.isInBackOffSince(key, entry.lastUpdate);
  }

  /** Forgets a key. */
  reset(key: string): void {
    this.#entries.delete(key);
  }

  #expired(at: number, lastUpdate: number): boolean {
    return at - lastUpdate > 2 * this.maxMs;
  }
}
