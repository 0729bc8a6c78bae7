/**
 * Journeys: one outside action and everything it caused. A step with no cause starts a
 * journey (a kubectl request, a kubelet probe, a lease renewal...); every step joins the
 * journey of the step that caused it, transitively. The requests of one terminal command
 * (discovery, then the POST) share the command's journey.
 */
import type { TraceStep } from '../../sim/kernel/trace';

/** What a journey achieved, counted as its steps arrive. */
export interface JourneyStats {
  podsCreated: number;
  podsScheduled: number;
  containersStarted: number;
  /** 4xx and 5xx responses to whoever started the journey (a controller's retried conflicts are not counted). */
  errors: number;
}

/** One causal journey. Its arrays and counts grow as steps arrive. */
export interface Journey {
  /** `cmd:<id>` for a terminal command, else `step:<root step id>`. */
  readonly key: string;
  /** The terminal command line that started it, if any. */
  readonly command: string | null;
  /** The step that started it. */
  readonly root: TraceStep;
  /** Whether it is periodic background work (its root is). */
  readonly periodic: boolean;
  /** Its step ids in order (the evicted ones removed). */
  readonly steps: number[];
  lastTime: number;
  readonly stats: JourneyStats;
}

function countInto(stats: JourneyStats, step: TraceStep, starter: string): void {
  const { kind, summary } = step;
  if (kind === 'storage') {
    const detail = step.detail as { txn?: unknown } | null;
    if (summary.startsWith('PUT /registry/pods/') && detail !== null && detail.txn === 'create')
      stats.podsCreated++;
  } else if (kind === 'decision') {
    if (summary.startsWith('binding: ')) stats.podsScheduled++;
  } else if (kind === 'runtime') {
    if (summary.startsWith('StartContainer ')) stats.containersStarted++;
  } else if (kind === 'response' && step.to === starter && /^[45]\d\d\b/.test(summary)) stats.errors++;
}

/** `3 pods created · 3 scheduled · 3 containers started`: what a journey led to, or '' if nothing of note. */
export function outcome(stats: JourneyStats): string {
  const parts: string[] = [];
  const n = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;
  if (stats.podsCreated > 0) parts.push(n(stats.podsCreated, 'pod created', 'pods created'));
  if (stats.podsScheduled > 0) parts.push(`${stats.podsScheduled} scheduled`);
  if (stats.containersStarted > 0)
    parts.push(n(stats.containersStarted, 'container started', 'containers started'));
  if (stats.errors > 0) parts.push(n(stats.errors, 'error', 'errors'));
  return parts.join(' · ');
}

/** Groups steps into journeys as they arrive (in id order) and forgets the oldest. */
export class JourneyIndex {
  readonly #byStep = new Map<number, Journey>();
  /** In order of their first step. */
  readonly #journeys = new Map<string, Journey>();
  #oldest = 0;

  /**
   * Adds `step`. `periodic` is its verdict from the PeriodicTracker; `command` names the
   * terminal command it belongs to, for steps without a cause sent by kubectl.
   */
  add(step: TraceStep, periodic: boolean, command: { key: string; line: string } | null = null): Journey {
    let journey = step.causedBy === null ? undefined : this.#byStep.get(step.causedBy);
    if (journey === undefined) {
      const key = command?.key ?? `step:${step.causedBy ?? step.id}`;
      journey = this.#journeys.get(key);
      if (journey === undefined) {
        journey = {
          key,
          command: command?.line ?? null,
          root: step,
          periodic,
          steps: [],
          lastTime: step.time,
          stats: { podsCreated: 0, podsScheduled: 0, containersStarted: 0, errors: 0 },
        };
        this.#journeys.set(key, journey);
      }
    }
    journey.steps.push(step.id);
    journey.lastTime = step.time;
    countInto(journey.stats, step, journey.root.from);
    this.#byStep.set(step.id, journey);
    return journey;
  }

  /** The journey step `id` belongs to. */
  of(id: number): Journey | undefined {
    return this.#byStep.get(id);
  }

  /** The journey with this key. */
  get(key: string): Journey | undefined {
    return this.#journeys.get(key);
  }

  /** Forgets every step before `id`, and the journeys left with none. */
  evictBefore(id: number): void {
    for (let old = this.#oldest; old < id; old++) this.#byStep.delete(old);
    this.#oldest = Math.max(this.#oldest, id);
    for (const [key, journey] of this.#journeys) {
      // Journeys are in the order of their first step: the rest start after `id`.
      if (journey.root.id >= id) break;
      const keep = journey.steps.findIndex((s) => s >= id);
      if (keep < 0) this.#journeys.delete(key);
      else journey.steps.splice(0, keep);
    }
  }

  /** Every journey, newest (by its first step) first. */
  newestFirst(): Journey[] {
    return [...this.#journeys.values()].reverse();
  }

  /** How many journeys are remembered. */
  get size(): number {
    return this.#journeys.size;
  }
}
