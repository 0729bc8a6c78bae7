/** Which steps and journeys the timeline (and the graph's animation) shows. */
import type { StepKind, TraceStep } from '../../sim/kernel/trace';
import type { Journey } from './journeys';

/** Every kind of step, in the order the filter lists them. */
export const STEP_KINDS: readonly StepKind[] = [
  'request',
  'response',
  'watch',
  'storage',
  'decision',
  'runtime',
];

/** What the user chose to see. */
export interface StepFilters {
  /** Hide periodic background work (probes, heartbeats, scrapes): on by default. */
  readonly hidePeriodic: boolean;
  /** The kinds shown. */
  readonly kinds: ReadonlySet<StepKind>;
  /** Show only steps to or from this graph card, or every step when null. */
  readonly card: string | null;
  /** Case-insensitive text the step's summary or endpoints must contain. */
  readonly search: string;
}

/** What the timeline shows before the user changes anything. */
export const DEFAULT_FILTERS: StepFilters = {
  hidePeriodic: true,
  kinds: new Set(STEP_KINDS),
  card: null,
  search: '',
};

/** Whether filters are as they started (nothing narrows the view but the periodic switch). */
export function isNarrowed(filters: StepFilters): boolean {
  return filters.card !== null || filters.search.trim() !== '' || filters.kinds.size < STEP_KINDS.length;
}

/**
 * Whether `step` passes the filters. `periodic` is its verdict; `cardOf` maps a step endpoint
 * to the graph card it animates on.
 */
export function stepMatches(
  step: TraceStep,
  periodic: boolean,
  filters: StepFilters,
  cardOf: (id: string) => string,
): boolean {
  if (filters.hidePeriodic && periodic) return false;
  if (!filters.kinds.has(step.kind)) return false;
  if (filters.card !== null && cardOf(step.from) !== filters.card && cardOf(step.to) !== filters.card)
    return false;
  const search = filters.search.trim().toLowerCase();
  if (search === '') return true;
  return (
    step.summary.toLowerCase().includes(search) ||
    step.from.toLowerCase().includes(search) ||
    step.to.toLowerCase().includes(search)
  );
}

/**
 * Whether a journey shows, and which of its steps: none when it is periodic and those are
 * hidden, else those that pass the filters (all of them when the search matches its command).
 */
export function journeySteps(
  journey: Journey,
  stepOf: (id: number) => TraceStep | undefined,
  periodicOf: (id: number) => boolean,
  filters: StepFilters,
  cardOf: (id: string) => string,
): TraceStep[] {
  if (filters.hidePeriodic && journey.periodic) return [];
  const search = filters.search.trim().toLowerCase();
  const byCommand = search !== '' && (journey.command ?? '').toLowerCase().includes(search);
  const effective = byCommand ? { ...filters, search: '' } : filters;
  const shown: TraceStep[] = [];
  for (const id of journey.steps) {
    const step = stepOf(id);
    if (step !== undefined && stepMatches(step, periodicOf(id), effective, cardOf)) shown.push(step);
  }
  return shown;
}
