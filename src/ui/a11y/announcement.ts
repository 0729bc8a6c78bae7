/** What the screen-reader live region says about the step under review. */
import type { TraceStep } from '../../sim/kernel/trace';
import { componentLabel, formatClock } from '../format';

/**
 * One short sentence for the step now under review (`step` undefined: it is no longer
 * remembered), or for going back to the live cluster (`id` null).
 */
export function stepAnnouncement(id: number | null, step: TraceStep | undefined): string {
  if (id === null) return 'Following the live cluster.';
  if (step === undefined) return `Step ${id} is no longer in the timeline’s memory.`;
  const actors =
    step.from === step.to
      ? componentLabel(step.from)
      : `${componentLabel(step.from)} to ${componentLabel(step.to)}`;
  return `Step ${step.id}, ${step.kind} at ${formatClock(step.time)}: ${actors}. ${step.summary}`;
}
