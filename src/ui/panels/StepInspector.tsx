import { useMemo } from 'react';
import type { TraceStep } from '../../sim/kernel/trace';
import { explainStep } from '../explain';
import { StepInspectLinks } from '../inspect/StepInspectLinks';
import { schedulerTable } from '../explain/scheduler-table';
import { componentLabel, formatClock } from '../format';
import { journeyTitle } from '../trace/rows';
import { useTrace, useTraceStore } from '../trace/use-trace';
import { SchedulerTableView } from './SchedulerTableView';

/** How much of a step's detail is shown, at most. */
const DETAIL_CHARS = 4000;

/** The step under review: what happened and why, its detail, and where it sits in its journey. */
export function StepInspector({ id }: { id: number }) {
  const trace = useTraceStore();
  const select = useTrace((s) => s.select);
  const stepBack = useTrace((s) => s.stepBack);
  const stepForward = useTrace((s) => s.stepForward);
  useTrace((s) => s.version);
  const step = trace.log.step(id);
  const explanation = useMemo(() => (step === undefined ? null : explainStep(step)), [step]);
  const table = useMemo(() => (step === undefined ? null : schedulerTable(step)), [step]);
  if (step === undefined || explanation === null) {
    return (
      <section className="panel inspector step-inspector" aria-label="Step">
        <p className="hint">Step {id} is no longer in the timeline’s memory.</p>
        <button type="button" className="live-button" onClick={() => select(null)}>
          Back to live
        </button>
      </section>
    );
  }
  const cause = step.causedBy === null ? undefined : trace.log.step(step.causedBy);
  const journey = trace.log.journeyOf(step.id);
  const position = journey === undefined ? -1 : journey.steps.indexOf(step.id);
  const detail = step.detail === null ? null : JSON.stringify(step.detail, null, 2);
  const actors =
    step.from === step.to
      ? componentLabel(step.from)
      : `${componentLabel(step.from)} → ${componentLabel(step.to)}`;

  return (
    <section className="panel inspector step-inspector" aria-labelledby="step-title">
      <p className={`eyebrow kind-label kind-${step.kind}`}>
        {step.kind} · step {step.id} · {formatClock(step.time)}
      </p>
      <h2 id="step-title">{actors}</h2>
      <p className="step-line">{step.summary}</p>
      <p className="lede">{explanation.what}</p>
      {explanation.why !== '' && <p className="hint why">{explanation.why}</p>}
      <StepInspectLinks step={step} />
      {table !== null && <SchedulerTableView table={table} />}
      <h3>In its journey</h3>
      {journey !== undefined && (
        <p className="journey-line">
          {journeyTitle(journey, trace.log)} — step {position + 1} of {journey.steps.length}
        </p>
      )}
      {cause !== undefined ? (
        <p className="cause">
          Caused by{' '}
          <button type="button" className="link" onClick={() => select(cause.id)}>
            {describe(cause)}
          </button>
        </p>
      ) : (
        <p className="cause">
          {step.causedBy === null
            ? 'Nothing in the cluster caused it: it started this journey.'
            : `Caused by step ${step.causedBy}, no longer remembered.`}
        </p>
      )}
      {detail !== null && (
        <details className="step-detail">
          <summary>Detail</summary>
          <pre>{detail.length > DETAIL_CHARS ? `${detail.slice(0, DETAIL_CHARS)}\n…` : detail}</pre>
        </details>
      )}
      <div className="step-nav">
        <button type="button" className="live-button" onClick={stepBack}>
          ← Previous
        </button>
        <button type="button" className="live-button" onClick={stepForward}>
          Next →
        </button>
        <button type="button" className="live-button" onClick={() => select(null)}>
          Close
        </button>
      </div>
    </section>
  );
}

function describe(step: TraceStep): string {
  const actors =
    step.from === step.to
      ? componentLabel(step.from)
      : `${componentLabel(step.from)} → ${componentLabel(step.to)}`;
  return `step ${step.id}: ${actors}: ${step.summary.length > 80 ? `${step.summary.slice(0, 80)}…` : step.summary}`;
}
