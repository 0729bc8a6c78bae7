import { ViewportPortal } from '@xyflow/react';
import { useContext, useEffect, useState } from 'react';
import { LabContext } from '../lab-context';
import { Animator } from './animator';
import { hopDuration } from './flight-plan';
import type { GraphModel } from './graph-model';
import '../trace/kinds.css';
import './animation.css';

/** How long a reviewed step takes to replay, at least. */
const REVIEW_HOP_MS = 700;

/**
 * The animation layer over the graph. Live, it animates every batch of steps the timeline's
 * filters show; while a step is under review it replays just that step. It works outside
 * React's render cycle: the steps arrive through the trace slice's stream.
 */
export function FlowAnimation({ model }: { model: GraphModel }) {
  const store = useContext(LabContext);
  const [layer, setLayer] = useState<HTMLDivElement | null>(null);

  useEffect(() => {
    if (layer === null || store === null) return;
    const motion = window.matchMedia('(prefers-reduced-motion: reduce)');
    const animator = new Animator(layer, model, motion.matches);
    const onMotion = () => animator.setReducedMotion(motion.matches);
    motion.addEventListener('change', onMotion);
    const { trace } = store.getState();
    const hop = () => hopDuration(store.getState().clock?.speed ?? 1);
    const stopSteps = trace.onSteps((steps) => {
      if (trace.state.getState().selected !== null) return;
      animator.play(steps.filter(trace.shows), hop());
    });
    const stopSelection = trace.state.subscribe((state, previous) => {
      if (state.selected === previous.selected) return;
      animator.clear();
      const step = state.selected === null ? undefined : trace.log.step(state.selected);
      if (step !== undefined) animator.play([step], Math.max(hop(), REVIEW_HOP_MS));
    });
    return () => {
      stopSteps();
      stopSelection();
      motion.removeEventListener('change', onMotion);
      animator.dispose();
    };
  }, [layer, model, store]);

  return (
    <ViewportPortal>
      <div ref={setLayer} className="flow-layer" aria-hidden="true" />
    </ViewportPortal>
  );
}
