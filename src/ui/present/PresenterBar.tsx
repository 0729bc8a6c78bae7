import { useStore } from 'zustand';
import { LessonText } from '../lessons/LessonText';
import { rememberInUrl, useLessons } from '../lessons/use-lessons';
import type { Presentation } from './presentation';
import type { WalkthroughStore } from './walkthrough';
import './present.css';

/** Opens the audience window: this page, as the audience sees it. */
function openAudience() {
  const url = new URL(window.location.href);
  url.searchParams.set('present', 'audience');
  window.open(url, 'kubelab-audience', 'noopener');
}

/** The presenter's controls: the step, Run, Next cue, the narration, and the audience window. */
function Controls({ walkthrough }: { walkthrough: WalkthroughStore }) {
  const lesson = useLessons((s) => s.lesson);
  const step = useLessons((s) => s.step);
  const phase = useLessons((s) => s.phase);
  const goTo = useLessons((s) => s.goTo);
  const { cue, say, seeking, missed, run, next } = useStore(walkthrough);
  if (lesson === null) return <p className="present-hint">Open a lesson in the Lesson tab to present it.</p>;
  const current = lesson.steps[step];
  const cues = current?.narration.length ?? 0;
  const go = (to: number) => {
    goTo(to);
    rememberInUrl(lesson.id, to);
  };
  return (
    <>
      <div className="present-controls">
        <span className="present-step">
          {lesson.title} · step {step + 1}/{lesson.steps.length}: {current?.title}
        </span>
        <button type="button" disabled={step === 0} onClick={() => go(step - 1)}>
          ◀ Step
        </button>
        <button type="button" disabled={phase !== 'ready'} onClick={run}>
          Run
        </button>
        <button
          type="button"
          disabled={seeking || cue >= cues || phase !== 'ready'}
          onClick={() => void next()}
        >
          {seeking ? 'Running…' : `Next cue (${cue}/${cues})`}
        </button>
        <button type="button" disabled={step >= lesson.steps.length - 1} onClick={() => go(step + 1)}>
          Step ▶
        </button>
        <button type="button" onClick={openAudience}>
          Open audience window
        </button>
      </div>
      {missed !== null && (
        <p className="present-missed" role="alert">
          {missed}
        </p>
      )}
      <div className="present-narration" aria-live="polite">
        {say === null ? (
          <p className="present-hint">Press Run, then Next cue.</p>
        ) : (
          <LessonText markdown={say} />
        )}
      </div>
    </>
  );
}

/** The presenter window's bar above the lab. */
export function PresenterBar({ presentation }: { presentation: Presentation }) {
  if (presentation.walkthrough === null) return null;
  return (
    <section className="present-bar" aria-label="Presenter">
      <Controls walkthrough={presentation.walkthrough} />
    </section>
  );
}

/** The audience window's caption: the lesson, the step, and what the presenter narrates. */
export function AudienceCaption({ presentation }: { presentation: Presentation }) {
  const narration = useStore(presentation.narration, (s) => s.narration);
  return (
    <section className="audience-caption" aria-label="Narration" aria-live="polite">
      {narration === null ? (
        <p className="present-hint">Waiting for the presenter…</p>
      ) : (
        <>
          <p className="audience-step">
            {narration.lessonTitle} · step {narration.step}/{narration.steps}: {narration.stepTitle}
          </p>
          {narration.say !== null && <LessonText markdown={narration.say} />}
        </>
      )}
    </section>
  );
}
