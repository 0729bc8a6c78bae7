import { componentLabel, formatClock } from '../format';
import { useLab } from '../lab-context';

/** The trace, newest step first: who did what to whom, and when. */
export function Timeline() {
  const steps = useLab((s) => s.steps);
  return (
    <section className="panel timeline" aria-labelledby="timeline-title">
      <h2 id="timeline-title">Timeline</h2>
      {steps.length === 0 ? (
        <p className="empty">
          Nothing has happened yet. Each API request, watch event and etcd write will appear here, linked to
          the step that caused it.
        </p>
      ) : (
        <ol className="steps" reversed aria-label="Trace steps">
          {[...steps].reverse().map((s) => (
            <li key={s.id} className={`step step-${s.kind}`}>
              <time>{formatClock(s.time)}</time>
              <span className="step-actors">
                {s.from === s.to
                  ? componentLabel(s.from)
                  : `${componentLabel(s.from)} → ${componentLabel(s.to)}`}
              </span>
              <span className="step-summary">{s.summary}</span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
