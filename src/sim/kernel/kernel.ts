import { VirtualClock } from './clock';
import { EventQueue, type QueuedEvent } from './queue';
import { Rng } from './rng';
import { Trace } from './trace';

/** A handle to a scheduled event, for cancelling it. */
export type TimerHandle = QueuedEvent;

/** What a simulation run is made from: its seed and the wall-clock instant it starts at. */
export interface KernelOptions {
  readonly seed: number;
  /** Wall-clock ms that virtual time 0 maps to (for timestamps only). */
  readonly epoch: number;
}

/**
 * The discrete-event kernel every simulated component runs on: a virtual clock, a seeded
 * RNG, an event queue and the trace. Components never wait in real time; they schedule
 * events at virtual times, and whoever drives the kernel decides how fast time passes.
 */
export class Kernel {
  readonly clock: VirtualClock;
  readonly rng: Rng;
  readonly trace: Trace;
  readonly #queue = new EventQueue();
  #eventsRun = 0;
  #inEvent = false;

  constructor(options: KernelOptions) {
    this.clock = new VirtualClock(options.epoch);
    this.rng = new Rng(options.seed);
    this.trace = new Trace(() => this.clock.now());
  }

  /** Runs `run` after `delayMs` virtual milliseconds (0 means after the events already due now). */
  schedule(delayMs: number, label: string, run: () => void): TimerHandle {
    if (!(delayMs >= 0) || !Number.isFinite(delayMs)) {
      throw new RangeError(`delay must be a finite number of ms >= 0, got ${delayMs}`);
    }
    return this.#queue.push(this.clock.now() + delayMs, label, run);
  }

  /** Stops a scheduled event from running. */
  cancel(handle: TimerHandle): void {
    this.#queue.cancel(handle);
  }

  /** How many events are waiting. */
  get pending(): number {
    return this.#queue.size;
  }

  /** When the next event is due, or undefined if nothing is scheduled. */
  nextEventTime(): number | undefined {
    return this.#queue.peek()?.time;
  }

  /** The label of the next event, for a "next:" hint while stepping. */
  nextEventLabel(): string | undefined {
    return this.#queue.peek()?.label;
  }

  /**
   * How many events have run since the kernel was made: with the inputs given between
   * them, a position in the run that a replay can return to (rewind).
   */
  get eventsRun(): number {
    return this.#eventsRun;
  }

  /** Whether an event is running now (else the caller is an input from outside). */
  get inEvent(): boolean {
    return this.#inEvent;
  }

  /** Jumps to the next event and runs it. Returns false when nothing is scheduled. */
  step(): boolean {
    const event = this.#queue.pop();
    if (event === undefined) return false;
    this.clock.advanceTo(event.time);
    this.#eventsRun++;
    this.#inEvent = true;
    try {
      event.run();
    } finally {
      this.#inEvent = false;
    }
    return true;
  }

  /**
   * Runs every event due at or before `time`, then sets the clock to `time`. If
   * `shouldYield` returns true between events, stops early with the clock at the last event
   * run, so a caller with a frame budget can continue later. Returns the number of events run.
   */
  runUntil(time: number, shouldYield: () => boolean = () => false): number {
    let ran = 0;
    for (;;) {
      const next = this.#queue.peek();
      if (next === undefined || next.time > time) break;
      if (ran > 0 && shouldYield()) return ran;
      this.step();
      ran++;
    }
    this.clock.advanceTo(Math.max(time, this.clock.now()));
    return ran;
  }

  /** Runs events until none are left or `maxEvents` have run; returns how many ran. */
  runUntilIdle(maxEvents = 1_000_000, shouldYield: () => boolean = () => false): number {
    let ran = 0;
    while (ran < maxEvents && this.#queue.size > 0) {
      if (ran > 0 && shouldYield()) break;
      this.step();
      ran++;
    }
    return ran;
  }
}
