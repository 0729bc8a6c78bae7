import { useMemo } from 'react';
import type { TraceStep } from '../../sim/kernel/trace';
import { explainStep } from '../explain';
import { formatClock } from '../format';
import { graphModel } from '../graph/graph-model';
import { useLab } from '../lab-context';
import { stepMatches } from '../trace/filters';
import { useTrace, useTraceStore } from '../trace/use-trace';

/** How many recent steps of a component are explained. */
const RECENT = 6;
/** How far back (in steps) to look for them. */
const LOOK_BACK = 5_000;

/**
 * What the selected component did recently and why: its latest steps (as the timeline's
 * filters show them), each explained in a sentence. Selecting one reviews it.
 */
export function ComponentActivity({ card }: { card: string }) {
  const trace = useTraceStore();
  const topology = useLab((s) => s.topology);
  const version = useTrace((s) => s.version);
  const filters = useTrace((s) => s.filters);
  const select = useTrace((s) => s.select);
  const recent = useMemo(() => {
    void version;
    if (topology === null) return [];
    const { cardOf } = graphModel(topology);
    const mine = { ...filters, card };
    const found: TraceStep[] = [];
    const stop = trace.log.newestId - LOOK_BACK;
    for (
      let step = trace.log.previous(trace.log.newestId + 1, () => true);
      step !== undefined && step.id > stop;
    ) {
      if (stepMatches(step, trace.log.periodic(step.id), mine, cardOf)) found.push(step);
      if (found.length === RECENT) break;
      step = trace.log.step(step.id - 1);
    }
    return found.map((step) => ({ step, explanation: explainStep(step) }));
  }, [version, topology, filters, card, trace]);

  return (
    <section className="panel activity" aria-label="What it did recently">
      <h3>What it did recently</h3>
      {recent.length === 0 ? (
        <p className="hint">
          Nothing yet{filters.hidePeriodic ? ' (periodic work such as probes and heartbeats is hidden)' : ''}.
          Press Play, or run a kubectl command.
        </p>
      ) : (
        <ol className="activity-list">
          {recent.map(({ step, explanation }, index) => (
            <li key={step.id}>
              <button
                type="button"
                className="activity-item"
                onClick={() => select(step.id)}
                title={explanation.why}
              >
                <time>{formatClock(step.time)}</time>
                <span>{explanation.what}</span>
              </button>
              {index === 0 && <p className="activity-why">{explanation.why}</p>}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
