/** What the timeline lists: journeys (newest first) with their shown steps, or steps alone. */
import type { TraceStep } from '../../sim/kernel/trace';
import { kindOf, parseApiRequest } from '../explain/api-path';
import { componentLabel } from '../format';
import { isNarrowed, journeySteps, type StepFilters } from './filters';
import { outcome, type Journey } from './journeys';
import type { TraceLog } from './log';

/** One journey as the timeline shows it. */
export interface JourneyRow {
  readonly journey: Journey;
  /** `$ kubectl create deployment web`, or `kubelet (node-1): PATCH …` for journeys no command started. */
  readonly title: string;
  /** The requests that started it (what kubectl asked for), joined. */
  readonly requests: string;
  /** What it led to: `3 pods created · 3 scheduled · 3 containers started`. */
  readonly outcome: string;
  /** How many of its steps pass the filters. */
  readonly count: number;
  /** Its steps that pass the filters, oldest first: only listed for expanded journeys. */
  readonly shown: readonly TraceStep[] | null;
}

/** How many rows the timeline renders at most before offering more. */
export const ROW_LIMIT = 150;

/** Discovery requests kubectl makes before the real one: not worth a title. */
const DISCOVERY = /^GET \/(api|apis|openapi\/v[23])(\/[^/?\s]+){0,2}(\?\S*)?$/;

/**
 * What a journey's roots (its steps with no cause) asked for: the writes if there are any,
 * else the reads that are not discovery, else its first request.
 */
function requestSummaries(journey: Journey, log: TraceLog): string {
  const writes: string[] = [];
  const reads: string[] = [];
  for (const id of journey.steps.slice(0, 400)) {
    const step = log.step(id);
    if (step === undefined || step.causedBy !== null) continue;
    if (!step.summary.startsWith('GET ')) writes.push(step.summary);
    else if (!DISCOVERY.test(step.summary)) reads.push(step.summary);
  }
  const shown = writes.length > 0 ? writes : reads.length > 0 ? reads : [journey.root.summary];
  return shown.slice(0, 3).join(' · ');
}

/** `create Deployment default/web`: a request in words, naming the object it created if it can. */
function describeRoot(journey: Journey, log: TraceLog): string {
  const root = journey.root;
  const req = parseApiRequest(root.summary);
  if (req === null || req.verb === 'discover') return root.summary;
  let name = req.name === null ? null : `${req.namespace === null ? '' : `${req.namespace}/`}${req.name}`;
  if (name === null && req.verb === 'create') {
    // The object's name is in the etcd key the create wrote.
    for (const id of journey.steps.slice(0, 40)) {
      const m = /^PUT \/registry\/[^/]+\/(\S+) \(rev/.exec(log.step(id)?.summary ?? '');
      if (m !== null && log.step(id)?.causedBy === root.id) {
        name = m[1]!;
        break;
      }
    }
  }
  const sub = req.subresource === null ? '' : ` ${req.subresource}`;
  return `${req.verb} ${kindOf(req.resource)}${sub}${name === null ? '' : ` ${name}`}`;
}

/** A journey's row title. */
export function journeyTitle(journey: Journey, log: TraceLog): string {
  if (journey.command !== null) return `$ ${journey.command}`;
  return `${componentLabel(journey.root.from)}: ${describeRoot(journey, log)}`;
}

/**
 * The newest journeys with at least one step the filters show. Steps are listed only for
 * the `expanded` journeys; without narrowing filters the others are counted without a scan,
 * so a busy cluster's timeline stays cheap to refresh.
 */
export function journeyRows(
  log: TraceLog,
  filters: StepFilters,
  cardOf: (id: string) => string,
  expanded: ReadonlySet<string> = new Set(),
  limit = ROW_LIMIT,
): { rows: JourneyRow[]; more: boolean } {
  const rows: JourneyRow[] = [];
  const stepOf = (id: number) => log.step(id);
  const periodicOf = (id: number) => log.periodic(id);
  const narrowed = isNarrowed(filters);
  for (const journey of log.journeys()) {
    if (filters.hidePeriodic && journey.periodic) continue;
    const open = expanded.has(journey.key);
    const shown = open || narrowed ? journeySteps(journey, stepOf, periodicOf, filters, cardOf) : null;
    const count = shown?.length ?? journey.steps.length;
    if (count === 0) continue;
    if (rows.length === limit) return { rows, more: true };
    rows.push({
      journey,
      title: journeyTitle(journey, log),
      requests: journey.command === null ? '' : requestSummaries(journey, log),
      outcome: outcome(journey.stats),
      count,
      shown: open ? shown : null,
    });
  }
  return { rows, more: false };
}

/** The newest steps the filters show, newest first. */
export function stepRows(
  log: TraceLog,
  shows: (step: TraceStep) => boolean,
  limit = ROW_LIMIT,
): { rows: TraceStep[]; more: boolean } {
  const rows: TraceStep[] = [];
  for (
    let step = log.previous(log.newestId + 1, shows);
    step !== undefined;
    step = log.previous(step.id, shows)
  ) {
    if (rows.length === limit) return { rows, more: true };
    rows.push(step);
  }
  return { rows, more: false };
}
