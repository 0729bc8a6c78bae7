import { memo, useEffect, useMemo, useRef, useState } from 'react';
import type { TraceStep } from '../../sim/kernel/trace';
import { componentLabel, formatClock } from '../format';
import { graphModel } from '../graph/graph-model';
import { useLab } from '../lab-context';
import { journeyRows, ROW_LIMIT, stepRows, type JourneyRow } from '../trace/rows';
import { useTrace, useTraceStore } from '../trace/use-trace';
import { TimelineFilters } from './TimelineFilters';
import { TimelineScrubber } from './TimelineScrubber';
import '../trace/kinds.css';
import './timeline.css';

/** How many of an expanded journey's steps are listed before "show all". */
const JOURNEY_STEPS = 120;

/**
 * The trace: journeys (one action and everything it caused), newest first, or single steps.
 * Selecting a step reviews it: the graph highlights its path and the inspector explains it.
 */
export function Timeline() {
  const trace = useTraceStore();
  const topology = useLab((s) => s.topology);
  const version = useTrace((s) => s.version);
  const filters = useTrace((s) => s.filters);
  const grouped = useTrace((s) => s.grouped);
  const selected = useTrace((s) => s.selected);
  const expanded = useTrace((s) => s.expanded);
  const [limit, setLimit] = useState(ROW_LIMIT);
  const list = useRef<HTMLOListElement>(null);

  const view = useMemo(() => {
    void version;
    const cardOf = topology === null ? (id: string) => id : graphModel(topology).cardOf;
    return grouped
      ? { kind: 'journeys' as const, ...journeyRows(trace.log, filters, cardOf, expanded, limit) }
      : { kind: 'steps' as const, ...stepRows(trace.log, trace.shows, limit) };
  }, [version, topology, filters, grouped, expanded, limit, trace]);

  const selectedJourney = selected === null ? null : (trace.log.journeyOf(selected)?.key ?? null);
  useEffect(() => {
    if (selected === null) return;
    list.current?.querySelector(`[data-step="${selected}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [selected, view]);

  return (
    <section className="panel timeline" aria-labelledby="timeline-title">
      <div className="timeline-head">
        <h2 id="timeline-title">Timeline</h2>
        <span className="timeline-count">{trace.log.size.toLocaleString('en')} steps recorded</span>
      </div>
      <TimelineFilters />
      <TimelineScrubber />
      {view.rows.length === 0 ? (
        <p className="empty">
          {trace.log.size === 0
            ? 'Nothing has happened yet. Each API request, watch event and etcd write will appear here, linked to the step that caused it.'
            : 'No step matches the filters yet.'}
        </p>
      ) : (
        <ol className="steps" aria-label="Trace steps" ref={list}>
          {view.kind === 'journeys'
            ? view.rows.map((row) => (
                <JourneyItem
                  key={row.journey.key}
                  row={row}
                  selected={row.shown === null ? null : selected}
                  selectedJourney={selectedJourney}
                />
              ))
            : view.rows.map((step) => <StepItem key={step.id} step={step} selected={step.id === selected} />)}
        </ol>
      )}
      {view.more && (
        <button type="button" className="more" onClick={() => setLimit((n) => n + ROW_LIMIT)}>
          Show older
        </button>
      )}
    </section>
  );
}

/** Whether a journey row would render the same: rows are rebuilt on every refresh. */
function sameRow(a: JourneyItemProps, b: JourneyItemProps): boolean {
  const [x, y] = [a.row, b.row];
  return (
    a.selected === b.selected &&
    a.selectedJourney === b.selectedJourney &&
    x.journey === y.journey &&
    x.count === y.count &&
    x.title === y.title &&
    x.outcome === y.outcome &&
    x.requests === y.requests &&
    x.shown?.length === y.shown?.length &&
    x.shown?.[0] === y.shown?.[0] &&
    x.shown?.at(-1) === y.shown?.at(-1)
  );
}

type JourneyItemProps = { row: JourneyRow; selected: number | null; selectedJourney: string | null };

const JourneyItem = memo(function JourneyItem({ row, selected, selectedJourney }: JourneyItemProps) {
  const toggle = useTrace((s) => s.toggleJourney);
  const [all, setAll] = useState(false);
  const { journey, count } = row;
  const shown = row.shown ?? [];
  const expanded = row.shown !== null;
  const at = selected === null ? -1 : shown.findIndex((s) => s.id === selected);
  // A long journey lists a window of its steps: its start, or around the step under review.
  const from = all || at < JOURNEY_STEPS ? 0 : at - JOURNEY_STEPS / 2;
  const listed = all ? shown : shown.slice(from, from + JOURNEY_STEPS);
  return (
    <li className={`journey${at >= 0 || journey.key === selectedJourney ? ' contains-selected' : ''}`}>
      <button
        type="button"
        className="journey-head"
        aria-expanded={expanded}
        onClick={() => toggle(journey.key)}
        title={expanded ? 'Hide its steps' : 'Show its steps'}
      >
        <time>{formatClock(journey.root.time)}</time>
        <span className="journey-title" title={row.title}>
          {row.title}
        </span>
        {journey.command !== null && (
          <span className="journey-requests" title={row.requests}>
            {row.requests}
          </span>
        )}
        <span className="journey-outcome">
          {count} {count === 1 ? 'step' : 'steps'}
          {row.outcome === '' ? '' : ` → ${row.outcome}`}
        </span>
      </button>
      {expanded && (
        <ol className="journey-steps" aria-label={`Steps of ${row.title}`}>
          {from > 0 && <li className="journey-gap">… {from} earlier steps</li>}
          {listed.map((step) => (
            <StepItem key={step.id} step={step} selected={step.id === selected} depth />
          ))}
          {listed.length < shown.length && (
            <li>
              <button type="button" className="more" onClick={() => setAll(true)}>
                Show all {count} steps
              </button>
            </li>
          )}
        </ol>
      )}
    </li>
  );
}, sameRow);

const StepItem = memo(function StepItem({
  step,
  selected,
  depth = false,
}: {
  step: TraceStep;
  selected: boolean;
  depth?: boolean;
}) {
  const select = useTrace((s) => s.select);
  return (
    <li
      className={`step step-${step.kind}${selected ? ' selected' : ''}${depth ? ' in-journey' : ''}`}
      data-step={step.id}
    >
      <button
        type="button"
        className="step-button"
        aria-current={selected ? 'step' : undefined}
        onClick={() => select(selected ? null : step.id)}
      >
        <time>{formatClock(step.time)}</time>
        <span className="step-actors">
          <span className={`kind-dot kind-${step.kind}`} aria-hidden="true" />
          {step.from === step.to
            ? componentLabel(step.from)
            : `${componentLabel(step.from)} → ${componentLabel(step.to)}`}
        </span>
        <span className="step-summary">{step.summary}</span>
      </button>
    </li>
  );
});
