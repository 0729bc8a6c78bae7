/**
 * Plans the graph's animation: when each step's dot flies from its source card to its
 * target card (or pulses on one card), so that a journey plays out in causal order — a step
 * starts when the step that caused it has arrived — while a busy cluster stays readable: at
 * most `cap` dots fly at once, and steps beyond that, or along the same route at the same
 * moment, merge into one dot that counts them ("×12"). Pure: no DOM, no clock.
 */
import type { StepKind, TraceStep } from '../../sim/kernel/trace';

/** One dot (or one pulse, when `from === to`) on the graph. */
export interface Flight {
  readonly id: number;
  /** Cards, and the part of the target card it lands on (`runc`, `CNI`...). */
  readonly from: string;
  readonly to: string;
  readonly part: string | null;
  readonly kind: StepKind;
  /** When it leaves and how long it travels, in the animator's ms. */
  readonly start: number;
  readonly duration: number;
  /** The steps it stands for. */
  count: number;
  /** The first step it stands for. */
  readonly step: number;
}

/** A step to animate, with the cards its endpoints map to. */
export interface PlannedStep {
  readonly step: TraceStep;
  readonly from: string;
  readonly to: string;
  readonly part: string | null;
  /** How many steps on the same route it stands for (1 unless already grouped). */
  readonly count?: number;
}

/** The planner's knobs. */
export interface PlanOptions {
  /** Most dots in the air at once. */
  readonly cap: number;
  /** How far behind real time a causal chain may fall, in hops, before it is compressed. */
  readonly maxLagHops: number;
  /** A step inside one component (a decision) takes this fraction of a hop. */
  readonly selfFraction: number;
  /** Batches larger than this are merged per route at once, without causal ordering. */
  readonly bulk: number;
}

export const DEFAULT_PLAN: PlanOptions = { cap: 48, maxLagHops: 10, selfFraction: 0.35, bulk: 600 };

/**
 * How long one hop takes at a playback speed: slower than real time at low speeds so a
 * learner can follow, quicker (but never a blur) at high ones.
 */
export function hopDuration(speed: number | 'max'): number {
  if (speed === 'max') return 220;
  return Math.round(Math.min(1500, Math.max(220, 800 / Math.pow(speed, 0.35))));
}

/** The result of planning one batch: new dots, and existing ones whose count grew. */
export interface Plan {
  readonly created: Flight[];
  readonly merged: Flight[];
}

/** Remembers recent flights and plans each batch of steps after them. */
export class FlightPlanner {
  #flights: Flight[] = [];
  /** The latest flight by route and kind, by source card and kind, and by kind: merge candidates. */
  #byRoute = new Map<string, Flight>();
  #bySource = new Map<string, Flight>();
  #byKind = new Map<string, Flight>();
  /** When each recent step's dot arrives, so its effects can leave then. */
  readonly #arrivals = new Map<number, number>();
  #nextId = 1;

  constructor(private readonly options: PlanOptions = DEFAULT_PLAN) {}

  /** Plans `steps` (in id order) at time `now`, with hops of `hop` ms. */
  plan(steps: readonly PlannedStep[], now: number, hop: number): Plan {
    this.#prune(now, hop);
    const created: Flight[] = [];
    const merged = new Set<Flight>();
    const bulk = steps.length > this.options.bulk || steps.some((p) => (p.count ?? 1) > 1);
    for (const { planned, count } of bulk
      ? byRoute(steps)
      : steps.map((planned) => ({ planned, count: 1 }))) {
      const { step } = planned;
      const self = planned.from === planned.to;
      const duration = self ? Math.round(hop * this.options.selfFraction) : hop;
      const after = bulk || step.causedBy === null ? undefined : this.#arrivals.get(step.causedBy);
      const start = Math.min(Math.max(now, after ?? now), now + this.options.maxLagHops * hop);
      const flight = this.#mergeable(planned, start, hop);
      if (flight !== null) {
        flight.count += count;
        if (!created.includes(flight)) merged.add(flight);
        this.#arrivals.set(step.id, flight.start + flight.duration);
        continue;
      }
      const fresh: Flight = {
        id: this.#nextId++,
        from: planned.from,
        to: planned.to,
        part: planned.part,
        kind: step.kind,
        start,
        duration,
        count,
        step: step.id,
      };
      this.#remember(fresh);
      created.push(fresh);
      this.#arrivals.set(step.id, start + duration);
    }
    return { created, merged: [...merged] };
  }

  /** How many dots are planned or in the air at `now`. */
  inFlight(now: number): number {
    return this.#flights.filter((f) => f.start + f.duration > now).length;
  }

  /** Forgets everything (a new cluster, or a jump in time). */
  clear(): void {
    this.#flights = [];
    this.#arrivals.clear();
    this.#index();
  }

  /**
   * A planned flight this step can join: the latest on the same route, of the same kind, at
   * about the same time; or, when `cap` flights are planned, the latest of the same kind from
   * the same card, else of the same kind, else the latest of all.
   */
  #mergeable(planned: PlannedStep, start: number, hop: number): Flight | null {
    const kind = planned.step.kind;
    const same = this.#byRoute.get(`${planned.from}|${planned.to}|${kind}`);
    if (same !== undefined && Math.abs(same.start - start) <= hop * 0.25) return same;
    if (this.#flights.length < this.options.cap) return null;
    return (
      this.#bySource.get(`${planned.from}|${kind}`) ?? this.#byKind.get(kind) ?? this.#flights.at(-1) ?? null
    );
  }

  #remember(flight: Flight): void {
    this.#flights.push(flight);
    this.#byRoute.set(`${flight.from}|${flight.to}|${flight.kind}`, flight);
    this.#bySource.set(`${flight.from}|${flight.kind}`, flight);
    this.#byKind.set(flight.kind, flight);
  }

  /** Rebuilds the merge candidates from the flights still planned. */
  #index(): void {
    const flights = this.#flights;
    this.#flights = [];
    this.#byRoute.clear();
    this.#bySource.clear();
    this.#byKind.clear();
    for (const flight of flights) this.#remember(flight);
  }

  #prune(now: number, hop: number): void {
    if (this.#flights.some((f) => f.start + f.duration <= now)) {
      this.#flights = this.#flights.filter((f) => f.start + f.duration > now);
      this.#index();
    }
    // Arrivals are recorded in roughly time order: drop the oldest until a recent one.
    for (const [id, at] of this.#arrivals) {
      if (this.#arrivals.size <= 2_000 && at >= now - 4 * hop) break;
      this.#arrivals.delete(id);
    }
  }
}

/** A big batch grouped by route and kind: its first step on each, and how many there are. */
function byRoute(steps: readonly PlannedStep[]): { planned: PlannedStep; count: number }[] {
  const groups = new Map<string, { planned: PlannedStep; count: number }>();
  for (const planned of steps) {
    const key = `${planned.from}|${planned.to}|${planned.step.kind}`;
    const group = groups.get(key);
    if (group === undefined) groups.set(key, { planned, count: planned.count ?? 1 });
    else group.count += planned.count ?? 1;
  }
  return [...groups.values()];
}
