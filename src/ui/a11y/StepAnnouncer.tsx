import { useEffect, useState } from 'react';
import { useTrace, useTraceStore } from '../trace/use-trace';
import { stepAnnouncement } from './announcement';

/** How long the selection must rest before it is read out, so scrubbing reads only where it stops. */
const SETTLE_MS = 300;

/**
 * A polite live region that tells screen-reader users which step they are reviewing as they
 * step, scrub or pick one, and when they return to live. Steps the running cluster records in
 * the background are not read out: the timeline lists them.
 */
export function StepAnnouncer() {
  const trace = useTraceStore();
  const selected = useTrace((s) => s.selected);
  const [message, setMessage] = useState('');

  useEffect(() => {
    const timer = window.setTimeout(() => {
      // Opening the lab is live already: there is nothing to say until the person acts.
      const step = selected === null ? undefined : trace.log.step(selected);
      setMessage((previous) =>
        previous === '' && selected === null ? '' : stepAnnouncement(selected, step),
      );
    }, SETTLE_MS);
    return () => window.clearTimeout(timer);
  }, [selected, trace]);

  return (
    <div className="sr-only" role="status" aria-live="polite" aria-atomic="true">
      {message}
    </div>
  );
}
