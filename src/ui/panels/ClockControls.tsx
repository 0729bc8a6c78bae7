import type { Speed } from '../../worker/protocol';
import { formatClock, formatSpeed } from '../format';
import { useLab } from '../lab-context';
import { useTrace } from '../trace/use-trace';

/**
 * The speeds offered: 0.25× to 20× as the course asks, then the simulation's faster ones
 * and `max` (as fast as the worker can run).
 */
export const SPEEDS: readonly Speed[] = [0.25, 0.5, 1, 2, 5, 10, 20, 50, 100, 'max'];

/**
 * Play/pause, step back and forward through the steps the timeline shows, speed and the
 * virtual clock. Stepping forward reviews the next recorded step, or runs the cluster until
 * it records one; stepping back rewinds the cluster to before the current step (the worker
 * builds it again from its seed and replays the inputs up to there).
 */
export function ClockControls() {
  const clock = useLab((s) => s.clock);
  const play = useLab((s) => s.play);
  const pause = useLab((s) => s.pause);
  const setSpeed = useLab((s) => s.setSpeed);
  const stepBack = useTrace((s) => s.stepBack);
  const stepForward = useTrace((s) => s.stepForward);
  const reviewing = useTrace((s) => s.selected !== null);
  const rewinding = useTrace((s) => s.rewinding);
  const live = useTrace((s) => s.select);
  const disabled = clock === null;
  const watching = useLab((s) => s.settings.present === 'audience');
  const canStep = clock !== null && (clock.pending > 0 || reviewing);
  const resume = () => {
    live(null);
    play();
  };
  const time = (
    <output className="clock-time" aria-label="Cluster time" title="Virtual time since the cluster started">
      {formatClock(clock?.time ?? 0)}
    </output>
  );
  // An audience window shows the presenter's clock; the presenter drives it.
  if (watching)
    return (
      <div className="clock" role="group" aria-label="Simulation clock">
        {time}
      </div>
    );

  return (
    <div className="clock" role="group" aria-label="Simulation clock">
      <button
        type="button"
        className="clock-button primary"
        disabled={disabled}
        onClick={clock?.playing ? pause : resume}
        aria-label={clock?.playing ? 'Pause' : 'Play'}
        title={clock?.playing ? 'Pause the cluster' : 'Run the cluster in real time at the chosen speed'}
      >
        {clock?.playing ? <PauseIcon /> : <PlayIcon />}
      </button>
      <button
        type="button"
        className="clock-button"
        disabled={disabled}
        onClick={stepBack}
        aria-label="Step back"
        aria-busy={rewinding}
        title={
          rewinding
            ? 'Rewinding: building the cluster again from its seed and replaying your inputs…'
            : 'Rewind the cluster to before the current step (it pauses there)'
        }
      >
        <StepBackIcon />
      </button>
      <button
        type="button"
        className="clock-button"
        disabled={!canStep}
        onClick={stepForward}
        aria-label="Step"
        title={
          canStep
            ? `Next step you can see (the cluster runs until it records one; next event: ${clock?.next ?? 'none'})`
            : 'Nothing is scheduled yet'
        }
      >
        <StepIcon />
      </button>
      <label className="clock-speed">
        <span>Speed</span>
        <select
          aria-label="Speed"
          disabled={disabled}
          value={String(clock?.speed ?? 1)}
          onChange={(e) => setSpeed(parseSpeed(e.target.value))}
        >
          {SPEEDS.map((speed) => (
            <option key={speed} value={String(speed)}>
              {formatSpeed(speed)}
            </option>
          ))}
        </select>
      </label>
      {time}
    </div>
  );
}

function parseSpeed(value: string): Speed {
  return value === 'max' ? 'max' : Number(value);
}

const PlayIcon = () => (
  <svg viewBox="0 0 16 16" aria-hidden="true">
    <path d="M4 2.5v11l9-5.5z" />
  </svg>
);
const PauseIcon = () => (
  <svg viewBox="0 0 16 16" aria-hidden="true">
    <rect x="3.5" y="2.5" width="3" height="11" rx="0.5" />
    <rect x="9.5" y="2.5" width="3" height="11" rx="0.5" />
  </svg>
);
const StepBackIcon = () => (
  <svg viewBox="0 0 16 16" aria-hidden="true">
    <path d="M13 2.5v11l-7-5.5z" />
    <rect x="2.5" y="2.5" width="2.5" height="11" rx="0.5" />
  </svg>
);
const StepIcon = () => (
  <svg viewBox="0 0 16 16" aria-hidden="true">
    <path d="M3 2.5v11l7-5.5z" />
    <rect x="11" y="2.5" width="2.5" height="11" rx="0.5" />
  </svg>
);
