import { useStore } from 'zustand';
import { LessonText } from '../lessons/LessonText';
import type { Presentation } from './presentation';
import { StepExplanation, StepLine } from './StepLine';
import './present.css';

/**
 * The audience window's caption: the lesson and step, what the presenter narrates (or, between
 * cues, what the step under review did), and that step.
 */
export function AudienceCaption({ presentation }: { presentation: Presentation }) {
  const narration = useStore(presentation.narration, (s) => s.narration);
  return (
    <section className="audience-caption" aria-label="Narration" aria-live="polite">
      {narration === null ? (
        <p className="present-hint">Waiting for the presenter…</p>
      ) : (
        <>
          <p className="audience-where">
            {narration.lessonTitle} · Step {narration.step} of {narration.steps}: {narration.stepTitle}
          </p>
          <div className="audience-say">
            {narration.say !== null ? (
              <LessonText markdown={narration.say} />
            ) : narration.stepId !== null ? (
              <StepExplanation id={narration.stepId} />
            ) : null}
          </div>
          {narration.stepId !== null && <StepLine id={narration.stepId} />}
        </>
      )}
    </section>
  );
}
