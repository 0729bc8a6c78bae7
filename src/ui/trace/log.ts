/**
 * The UI's memory of the trace: the most recent steps by id, each one's periodic verdict
 * and journey, and the terminal commands running while they arrived.
 */
import type { TraceStep } from '../../sim/kernel/trace';
import { PeriodicTracker } from '../../worker/periodic';
import { JourneyIndex, type Journey } from './journeys';

/** How many steps the log keeps by default (older ones are forgotten, oldest first). */
export const LOG_CAPACITY = 20_000;

/** The recent trace, indexed by step id (ids are consecutive within one cluster's life). */
export class TraceLog {
  #steps: TraceStep[] = [];
  /** The terminal command each step joined the journey of, by position in #steps. */
  #commandOf: ({ key: string; line: string } | null)[] = [];
  #first = 1;
  #periodic = new PeriodicTracker();
  #journeys = new JourneyIndex();
  /** Terminal commands in progress, oldest first: their kubectl requests join their journey. */
  #commands: { key: string; line: string }[] = [];

  constructor(readonly capacity = LOG_CAPACITY) {}

  /** Forgets everything: a new cluster starts its step ids from 1 again. */
  reset(): void {
    this.#steps = [];
    this.#commandOf = [];
    this.#first = 1;
    this.#periodic = new PeriodicTracker();
    this.#journeys = new JourneyIndex();
  }

  /** Notes a terminal command being sent (key unique per command). */
  beginCommand(key: string, line: string): void {
    this.#commands.push({ key, line });
  }

  /** Notes that a terminal command finished. */
  endCommand(key: string): void {
    this.#commands = this.#commands.filter((c) => c.key !== key);
  }

  /** Adds a batch of steps (in id order). */
  append(steps: readonly TraceStep[]): void {
    for (const step of steps) {
      const command =
        step.from === 'kubectl' && step.causedBy === null ? (this.#commands.at(-1) ?? null) : null;
      this.#add(step, command);
    }
    const excess = this.#steps.length - this.capacity;
    // Forget in chunks, so a busy cluster does not pay for a splice on every batch.
    if (excess > this.capacity / 10) {
      this.#steps.splice(0, excess);
      this.#commandOf.splice(0, excess);
      this.#first += excess;
      this.#journeys.evictBefore(this.#first);
    }
  }

  #add(step: TraceStep, command: { key: string; line: string } | null): void {
    if (this.#steps.length === 0) this.#first = step.id;
    else if (step.id !== this.#first + this.#steps.length) {
      // A gap (steps the worker never sent): start again from here rather than misindex.
      this.#steps = [];
      this.#commandOf = [];
      this.#first = step.id;
    }
    this.#steps.push(step);
    this.#commandOf.push(command);
    this.#journeys.add(step, this.#periodic.classify(step), command);
  }

  /**
   * Forgets the steps after `lastId` (the cluster was rewound: they did not happen), and
   * the journeys and periodic verdicts they made.
   */
  truncateAfter(lastId: number): void {
    const keep = Math.max(0, Math.min(this.#steps.length, lastId - this.#first + 1));
    const steps = this.#steps.slice(0, keep);
    const commands = this.#commandOf.slice(0, keep);
    this.reset();
    steps.forEach((step, i) => this.#add(step, commands[i] ?? null));
  }

  /** Step `id`, if it is still remembered. */
  step(id: number): TraceStep | undefined {
    return this.#steps[id - this.#first];
  }

  /** Whether step `id` is periodic background work. */
  periodic(id: number): boolean {
    return this.#periodic.known(id) ?? false;
  }

  /** The journey step `id` belongs to. */
  journeyOf(id: number): Journey | undefined {
    return this.#journeys.of(id);
  }

  /** The journey with this key. */
  journey(key: string): Journey | undefined {
    return this.#journeys.get(key);
  }

  /** Every remembered journey, newest first. */
  journeys(): Journey[] {
    return this.#journeys.newestFirst();
  }

  /** How many steps are remembered. */
  get size(): number {
    return this.#steps.length;
  }

  /** The id of the newest remembered step, or 0. */
  get newestId(): number {
    return this.#steps.length === 0 ? 0 : this.#first + this.#steps.length - 1;
  }

  /** The id of the oldest remembered step, or 0. */
  get oldestId(): number {
    return this.#steps.length === 0 ? 0 : this.#first;
  }

  /** The first step after `id` that `shown` accepts, looking at most `limit` steps ahead. */
  next(id: number, shown: (step: TraceStep) => boolean, limit = 50_000): TraceStep | undefined {
    const start = Math.max(id + 1, this.#first) - this.#first;
    for (let i = start; i < this.#steps.length && i < start + limit; i++) {
      const step = this.#steps[i]!;
      if (shown(step)) return step;
    }
    return undefined;
  }

  /** The last step before `id` that `shown` accepts. */
  previous(id: number, shown: (step: TraceStep) => boolean): TraceStep | undefined {
    for (let i = Math.min(id - 1, this.newestId) - this.#first; i >= 0; i--) {
      const step = this.#steps[i]!;
      if (shown(step)) return step;
    }
    return undefined;
  }

  /** The steps from `from` to `to` (ids, inclusive) that are remembered. */
  range(from: number, to: number): TraceStep[] {
    return this.#steps.slice(Math.max(from - this.#first, 0), Math.max(to - this.#first + 1, 0));
  }
}
