import { SPEED_CHOICES, type Speed } from '../../worker/protocol';
import { formatClock, formatSpeed } from '../format';
import { useLab } from '../lab-context';

/** Play/pause, step, speed and the virtual clock. */
export function ClockControls() {
  const clock = useLab((s) => s.clock);
  const play = useLab((s) => s.play);
  const pause = useLab((s) => s.pause);
  const step = useLab((s) => s.step);
  const setSpeed = useLab((s) => s.setSpeed);
  const disabled = clock === null;
  const canStep = clock !== null && clock.pending > 0;

  return (
    <div className="clock" role="group" aria-label="Simulation clock">
      <button
        type="button"
        className="clock-button primary"
        disabled={disabled}
        onClick={clock?.playing ? pause : play}
        aria-label={clock?.playing ? 'Pause' : 'Play'}
        title={clock?.playing ? 'Pause the cluster' : 'Run the cluster in real time at the chosen speed'}
      >
        {clock?.playing ? <PauseIcon /> : <PlayIcon />}
      </button>
      <button
        type="button"
        className="clock-button"
        disabled={!canStep}
        onClick={step}
        aria-label="Step"
        title={canStep ? `Run the next event: ${clock?.next}` : 'Nothing is scheduled yet'}
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
          {SPEED_CHOICES.map((speed) => (
            <option key={speed} value={String(speed)}>
              {formatSpeed(speed)}
            </option>
          ))}
        </select>
      </label>
      <output className="clock-time" aria-label="Cluster time" title="Virtual time since the cluster started">
        {formatClock(clock?.time ?? 0)}
      </output>
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
const StepIcon = () => (
  <svg viewBox="0 0 16 16" aria-hidden="true">
    <path d="M3 2.5v11l7-5.5z" />
    <rect x="11" y="2.5" width="2.5" height="11" rx="0.5" />
  </svg>
);
