import { formatClock } from '../format';
import { useTrace, useTraceStore } from '../trace/use-trace';

/**
 * Scrubs through the recorded trace: dragging reviews the step nearest the handle (among
 * those the filters show), which the graph highlights as of that step. "Live" returns to
 * the running cluster. Reviewing does not rewind the simulation.
 */
export function TimelineScrubber() {
  const trace = useTraceStore();
  const selected = useTrace((s) => s.selected);
  useTrace((s) => s.version);
  const select = useTrace((s) => s.select);
  const oldest = trace.log.oldestId;
  const newest = trace.log.newestId;
  if (newest === 0) return null;
  const step = selected === null ? undefined : trace.log.step(selected);

  const scrub = (value: number) => {
    const at = trace.log.previous(value + 1, trace.shows) ?? trace.log.next(value - 1, trace.shows);
    if (at !== undefined) select(at.id);
  };

  return (
    <div className="scrubber">
      <input
        type="range"
        aria-label="Scrub through the trace"
        min={oldest}
        max={newest}
        value={selected ?? newest}
        onChange={(e) => scrub(Number(e.target.value))}
      />
      <span className="scrubber-where">
        {step === undefined ? 'live' : `step ${step.id} at ${formatClock(step.time)}`}
      </span>
      <button type="button" className="live-button" disabled={selected === null} onClick={() => select(null)}>
        Live
      </button>
    </div>
  );
}
