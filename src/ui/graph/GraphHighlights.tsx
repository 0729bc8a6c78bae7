import { ViewportPortal } from '@xyflow/react';
import { useMemo } from 'react';
import type { TraceStep } from '../../sim/kernel/trace';
import { useTrace, useTraceStore } from '../trace/use-trace';
import { routePath } from './geometry';
import type { GraphModel } from './graph-model';
import { journeyHighlight } from './journey-routes';

/**
 * Highlights the step under review on the graph: its route brightly, and the routes and
 * cards its journey had used up to it, dimly — the journey "as of" that step.
 */
export function GraphHighlights({ model }: { model: GraphModel }) {
  const trace = useTraceStore();
  const selected = useTrace((s) => s.selected);
  const version = useTrace((s) => s.version);
  const highlight = useMemo(() => {
    void version;
    const step = selected === null ? undefined : trace.log.step(selected);
    if (step === undefined) return null;
    const journey = trace.log.journeyOf(step.id);
    const steps = (journey?.steps ?? [step.id])
      .map((id) => trace.log.step(id))
      .filter((s): s is TraceStep => s !== undefined);
    return { step, ...journeyHighlight(step, steps, model.cardOf) };
  }, [selected, version, trace, model]);

  if (highlight === null) return null;
  const rect = (card: string) => model.layout.rects.get(card);
  const path = (from: string, to: string) => {
    const a = rect(from);
    const b = rect(to);
    return a === undefined || b === undefined ? null : routePath(a, b);
  };
  const current = path(highlight.current.from, highlight.current.to);
  return (
    <ViewportPortal>
      <svg className="flow-highlight" aria-hidden="true">
        {[...highlight.cards].map((card) => {
          const r = rect(card);
          const now = card === highlight.current.from || card === highlight.current.to;
          return r === undefined ? null : (
            <rect
              key={card}
              className={now ? 'highlight-card current' : 'highlight-card'}
              x={r.x - 4}
              y={r.y - 4}
              width={r.width + 8}
              height={r.height + 8}
              rx={13}
            />
          );
        })}
        {highlight.earlier.map((r) => {
          const d = path(r.from, r.to);
          return d === null ? null : <path key={`${r.from}->${r.to}`} className="highlight-route" d={d} />;
        })}
        {current !== null && highlight.current.from !== highlight.current.to && (
          <path className={`highlight-route current kind-${highlight.step.kind}`} d={current} />
        )}
      </svg>
    </ViewportPortal>
  );
}
