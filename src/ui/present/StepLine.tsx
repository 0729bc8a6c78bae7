import type { TraceStep } from '../../sim/kernel/trace';
import { explainStep } from '../explain';
import { componentLabel } from '../format';
import '../trace/kinds.css';
import { useTrace, useTraceStore } from '../trace/use-trace';

/** Trace step `id` from the timeline's log, re-read whenever the log changes (undefined: not there). */
export function useLoggedStep(id: number): TraceStep | undefined {
  const log = useTraceStore().log;
  // The log is not reactive itself: its version says when the step may have arrived.
  useTrace((s) => s.version);
  return log.step(id);
}

/** The step under review, as one line: its kind, who talks to whom, and what. */
export function StepLine({ id }: { id: number }) {
  const step = useLoggedStep(id);
  if (step === undefined) return null;
  const actors =
    step.from === step.to
      ? componentLabel(step.from)
      : `${componentLabel(step.from)} → ${componentLabel(step.to)}`;
  return (
    <p className="present-trace-step" data-step-id={step.id}>
      <span className={`present-kind kind-${step.kind}`}>{step.kind}</span>
      <span>
        #{step.id} {actors}: {step.summary}
      </span>
    </p>
  );
}

/** What step `id` did, in plain language: said between cues, when the lesson narrates nothing. */
export function StepExplanation({ id }: { id: number }) {
  const step = useLoggedStep(id);
  return step === undefined ? null : <p>{explainStep(step).what}</p>;
}
