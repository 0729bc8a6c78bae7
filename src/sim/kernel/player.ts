import type { Kernel } from './kernel';

/** A real-time multiple between {@link MIN_SPEED} and {@link MAX_SPEED}, or `max`: as fast as possible. */
export type Speed = number | 'max';

export const MIN_SPEED = 0.25;
export const MAX_SPEED = 100;

/** The speeds a user can pick from. */
export const SPEED_CHOICES: readonly Speed[] = [0.25, 0.5, 1, 2, 5, 10, 25, 50, 100, 'max'];

/**
 * The longest stretch of real time one tick may account for. After a long pause in
 * ticking (a background tab, a debugger), time resumes instead of leaping ahead.
 */
export const MAX_TICK_MS = 250;

/** Whether `value` is a speed the player accepts. */
export function isSpeed(value: unknown): value is Speed {
  return value === 'max' || (typeof value === 'number' && value >= MIN_SPEED && value <= MAX_SPEED);
}

/** How the clock is running, as the UI shows it. */
export interface ClockState {
  /** Virtual ms since the cluster started. */
  readonly time: number;
  readonly playing: boolean;
  readonly speed: Speed;
  /** Events waiting to run. */
  readonly pending: number;
  /** Label of the next event, if any: what Step would run. */
  readonly next: string | null;
}

/**
 * Paces a kernel against real time: paused, at a real-time multiple, as fast as possible,
 * or one event at a time. It never reads a clock itself: its driver reports how much real
 * time passed, so the simulation stays pure and the same inputs give the same trace.
 */
export class Player {
  #playing = false;
  #speed: Speed = 1;

  constructor(private readonly kernel: Kernel) {}

  get playing(): boolean {
    return this.#playing;
  }

  play(): void {
    this.#playing = true;
  }

  pause(): void {
    this.#playing = false;
  }

  setSpeed(speed: Speed): void {
    if (!isSpeed(speed)) {
      throw new RangeError(
        `speed must be between ${MIN_SPEED}x and ${MAX_SPEED}x, or max; got ${String(speed)}`,
      );
    }
    this.#speed = speed;
  }

  /** Runs exactly the next event, jumping the clock to it. Pauses first. */
  step(): boolean {
    this.#playing = false;
    return this.kernel.step();
  }

  /**
   * Accounts for `realMs` of real time having passed. While playing at a multiple, runs
   * every event due in the next `realMs * speed` virtual ms; at `max`, runs events
   * back to back. `shouldYield` lets the driver cap the work done in one frame.
   * Returns the number of events run.
   */
  tick(realMs: number, shouldYield: () => boolean = () => false): number {
    if (!this.#playing) return 0;
    if (this.#speed === 'max') return this.kernel.runUntilIdle(Number.MAX_SAFE_INTEGER, shouldYield);
    const elapsed = Math.min(Math.max(realMs, 0), MAX_TICK_MS);
    return this.kernel.runUntil(this.kernel.clock.now() + elapsed * this.#speed, shouldYield);
  }

  state(): ClockState {
    return {
      time: this.kernel.clock.now(),
      playing: this.#playing,
      speed: this.#speed,
      pending: this.kernel.pending,
      next: this.kernel.nextEventLabel() ?? null,
    };
  }
}
