import { LESSON_IDS } from './catalog';
import { LessonList } from './LessonList';
import { LessonText } from './LessonText';
import { lessonDone } from './progress';
import { lessonFinished } from './task-view';
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
  const startedAt = useLessons((s) => s.startedAt);
  const finished = useLessons(lessonFinished);
  const goTo = useLessons((s) => s.goTo);
  const reset = useLessons((s) => s.reset);
  const close = useLessons((s) => s.close);
  const open = useLessons((s) => s.open);
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
          {complete && !finished && <span className="lesson-tag">completed before</span>}
        </p>
      </header>
      {phase === 'starting' && (
        <p className="lesson-phase lesson-starting" role="status">
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
      {finished && (
        <div className="lesson-complete" role="status">
          <span className="lesson-complete-mark" aria-hidden="true">
            ✓
          </span>
          <div>
            <strong>{complete ? 'Lesson complete' : 'You reached the end of the lesson'}</strong>
            <p>
              {complete
                ? 'Every task is done.'
                : `The steps before step ${startedAt + 1} were set up for you: to do them yourself, go back and reset the lesson there.`}
            </p>
            {next !== undefined && (
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
            )}
          </div>
        </div>
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
