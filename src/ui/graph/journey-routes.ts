/**
 * What the graph highlights for the step under review: the route of that step, and the
 * routes and cards its journey had used up to it ("as of" that step).
 */
import type { TraceStep } from '../../sim/kernel/trace';

/** A route between two cards (from === to for a step inside one component). */
export interface Route {
  readonly from: string;
  readonly to: string;
  /** How many of the journey's steps took it so far. */
  readonly count: number;
}

/** The highlight of one reviewed step. */
export interface JourneyHighlight {
  /** The reviewed step's own route. */
  readonly current: Route;
  /** The other routes its journey took before it, most used first. */
  readonly earlier: readonly Route[];
  /** Every card the journey touched up to the step. */
  readonly cards: ReadonlySet<string>;
}

/**
 * The highlight for `selected`, given its journey's steps (in order) and the card each
 * endpoint animates on. Steps after the selected one are ignored: the graph shows the
 * journey as of that step.
 */
export function journeyHighlight(
  selected: TraceStep,
  journeySteps: readonly TraceStep[],
  cardOf: (id: string) => string,
): JourneyHighlight {
  const counts = new Map<string, Route>();
  const cards = new Set<string>();
  for (const step of journeySteps) {
    if (step.id > selected.id) break;
    const from = cardOf(step.from);
    const to = cardOf(step.to);
    cards.add(from).add(to);
    const key = `${from}->${to}`;
    const route = counts.get(key);
    counts.set(key, { from, to, count: (route?.count ?? 0) + 1 });
  }
  const from = cardOf(selected.from);
  const to = cardOf(selected.to);
  cards.add(from).add(to);
  const currentKey = `${from}->${to}`;
  const earlier = [...counts.entries()]
    .filter(([key, r]) => key !== currentKey && r.from !== r.to)
    .map(([, r]) => r)
    .sort((a, b) => b.count - a.count);
  return { current: { from, to, count: counts.get(currentKey)?.count ?? 1 }, earlier, cards };
}
