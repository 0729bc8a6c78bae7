import { LESSON_IDS } from './catalog';
import { LessonList } from './LessonList';
import { LessonText } from './LessonText';
import { lessonDone } from './progress';
import { TaskList } from './TaskList';
import { rememberInUrl, useLessons } from './use-lessons';
import './lessons.css';

/** The open lesson: its step beside the lab, the step's tasks checked live, and navigation. */
function LessonView() {
  const lesson = useLessons((s) => s.lesson);
  const step = useLessons((s) => s.step);
  const phase = useLessons((s) => s.phase);
  const error = useLessons((s) => s.error);
  const progress = useLessons((s) => s.progress);
  const { goTo, reset, close, open } = useLessons((s) => s);
  if (lesson === null) return null;
  const current = lesson.steps[step];
  const tasks = lesson.steps.flatMap((s) => s.tasks.map((t) => t.id));
  const complete = lessonDone(progress, lesson.id, tasks);
  const next = LESSON_IDS[LESSON_IDS.indexOf(lesson.id) + 1];
  const go = (to: number) => {
    goTo(to);
    rememberInUrl(lesson.id, to);
  };
  return (
    <article className="lesson" aria-labelledby="lesson-title">
      <header className="lesson-head">
        <button
          type="button"
          className="lesson-back"
          onClick={() => {
            close();
            rememberInUrl(null, 0);
          }}
        >
          ← All lessons
        </button>
        <h2 id="lesson-title">{lesson.title}</h2>
        <p className="lesson-step-count">
          Step {step + 1} of {lesson.steps.length}: {current?.title}
        </p>
      </header>
      {phase === 'starting' && (
        <p className="lesson-phase" role="status">
          Setting up the lesson's cluster…
        </p>
      )}
      {phase === 'failed' && (
        <p className="lesson-phase lesson-failed" role="alert">
          This lesson could not be set up: {error}
        </p>
      )}
      {step === 0 && lesson.introduction !== '' && <LessonText markdown={lesson.introduction} />}
      {current !== undefined && (
        <>
          <h3 className="lesson-step-title">{current.title}</h3>
          <LessonText markdown={current.markdown} />
          <TaskList tasks={current.tasks} />
        </>
      )}
      {complete && (
        <p className="lesson-complete" role="status">
          🎉 Lesson complete: every task is done.
          {next !== undefined && (
            <>
              {' '}
              <button
                type="button"
                className="lesson-link"
                onClick={() => {
                  rememberInUrl(next, 0);
                  void open(next, 0);
                }}
              >
                Next lesson →
              </button>
            </>
          )}
        </p>
      )}
      <nav className="lesson-nav" aria-label="Lesson steps">
        <button type="button" disabled={step === 0} onClick={() => go(step - 1)}>
          ← Previous
        </button>
        <button
          type="button"
          className="lesson-reset"
          onClick={() => {
            if (window.confirm("Reset this lesson's cluster? What you did in it is lost.")) void reset();
          }}
        >
          Reset lesson
        </button>
        <button type="button" disabled={step >= lesson.steps.length - 1} onClick={() => go(step + 1)}>
          Next →
        </button>
      </nav>
    </article>
  );
}

/** The Lesson tab: the lesson list, or the lesson open. */
export function LessonPanel() {
  const open = useLessons((s) => s.lesson !== null);
  return open ? <LessonView /> : <LessonList />;
}
