import { useEffect } from 'react';
import { useStore } from 'zustand';
import { LessonText } from '../lessons/LessonText';
import { rememberInUrl, useLessons } from '../lessons/use-lessons';
import type { Presentation } from './presentation';
import { StepExplanation, StepLine } from './StepLine';
import type { WalkthroughStore } from './walkthrough';
import './present.css';

/** Opens the audience window: this page on the presentation's channel, as the audience sees it. */
function openAudience(channelLesson: string | null) {
  const url = new URL(window.location.href);
  url.searchParams.set('present', 'audience');
  if (channelLesson === null) url.searchParams.delete('lesson');
  else url.searchParams.set('lesson', channelLesson);
  url.searchParams.delete('step');
  window.open(url, 'kubelab-audience', 'noopener');
}

/** Whether a key press belongs to something being typed into (the terminal, the editor, a field). */
const typing = (target: EventTarget | null) =>
  target instanceof HTMLElement &&
  (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));

/**
 * A presentation clicker's keys: → or Page Down shows the next cue (or, with none left, steps
 * on), ← or Page Up the cue before.
 */
function useClickerKeys(walkthrough: WalkthroughStore, ready: boolean, cuesLeft: boolean) {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!ready || typing(event.target) || event.altKey || event.ctrlKey || event.metaKey) return;
      const { next, previous, stepOn } = walkthrough.getState();
      if (event.key === 'ArrowRight' || event.key === 'PageDown') {
        if (cuesLeft) void next();
        else stepOn();
      } else if (event.key === 'ArrowLeft' || event.key === 'PageUp') previous();
      else return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [walkthrough, ready, cuesLeft]);
}

/** The presenter's controls: the step, Run, the cues, the narration, notes, the audience window. */
function Controls({
  presentation,
  walkthrough,
}: {
  presentation: Presentation;
  walkthrough: WalkthroughStore;
}) {
  const lesson = useLessons((s) => s.lesson);
  const step = useLessons((s) => s.step);
  const phase = useLessons((s) => s.phase);
  const goTo = useLessons((s) => s.goTo);
  const { cues, stepId, say, seeking, missed, run, next, previous, stepOn } = useStore(walkthrough);
  const current = lesson?.steps[step];
  const total = current?.narration.length ?? 0;
  const shown = cues.findIndex((c) => c.stepId === stepId);
  // Cues to show next: one reached before, after the one on screen, or one still to find.
  const cuesLeft = (shown >= 0 && shown < cues.length - 1) || cues.length < total;
  useClickerKeys(walkthrough, phase === 'ready', cuesLeft);
  if (lesson === null || current === undefined)
    return <p className="present-hint">Open a lesson in the Lesson tab to present it.</p>;
  const go = (to: number) => {
    goTo(to);
    rememberInUrl(lesson.id, to);
  };
  const upcoming = shown === cues.length - 1 || shown === -1 ? current.narration[cues.length] : undefined;
  return (
    <>
      <div className="present-row">
        <h2 className="present-title">
          {lesson.title}
          <span className="present-where">
            Step {step + 1} of {lesson.steps.length}: {current.title}
          </span>
        </h2>
        <button type="button" disabled={step === 0} onClick={() => go(step - 1)}>
          ◀ Previous step
        </button>
        <button type="button" disabled={step >= lesson.steps.length - 1} onClick={() => go(step + 1)}>
          Next step ▶
        </button>
        <button type="button" onClick={() => openAudience(presentation.channelLesson)}>
          Open audience window
        </button>
      </div>
      <div className="present-row">
        <button type="button" className="present-primary" disabled={phase !== 'ready'} onClick={run}>
          Run
        </button>
        <button type="button" disabled={!(shown > 0 || (shown === -1 && cues.length > 0))} onClick={previous}>
          ◀ Cue
        </button>
        <button
          type="button"
          className="present-primary"
          disabled={seeking || !cuesLeft || phase !== 'ready'}
          onClick={() => void next()}
        >
          {seeking ? 'Running…' : `Next cue (${shown === -1 ? cues.length : shown + 1}/${total})`}
        </button>
        <button
          type="button"
          disabled={phase !== 'ready'}
          onClick={stepOn}
          title="Go on without a cue: the next step the timeline shows"
        >
          Step
        </button>
        <span className="present-keys">→ next · ← back</span>
      </div>
      {missed !== null && (
        <p className="present-missed" role="alert">
          {missed}
        </p>
      )}
      <div className="present-narration" aria-live="polite" aria-label="Narration">
        {say !== null ? (
          <LessonText markdown={say} />
        ) : stepId !== null ? (
          <StepExplanation id={stepId} />
        ) : (
          <p className="present-hint">
            {total === 0
              ? 'This step has no cues: Run does its first command, Step goes through what follows.'
              : 'Next cue (→) walks through what the lesson narrates; Run does the step’s first command.'}
          </p>
        )}
        {stepId !== null && <StepLine id={stepId} />}
      </div>
      {upcoming !== undefined && (
        <div className="present-upcoming">
          <span className="present-label">Next cue</span>
          <LessonText markdown={upcoming.say} />
        </div>
      )}
      <details className="present-notes">
        <summary>Speaker notes</summary>
        <LessonText markdown={current.markdown} />
      </details>
    </>
  );
}

/** The presenter window's panel above the lab. */
export function PresenterBar({ presentation }: { presentation: Presentation }) {
  if (presentation.walkthrough === null) return null;
  return (
    <section className="present-bar" aria-label="Presenter">
      <Controls presentation={presentation} walkthrough={presentation.walkthrough} />
    </section>
  );
}
