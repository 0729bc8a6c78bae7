import { useEffect } from 'react';
import { lessonDone } from './progress';
import { rememberInUrl, useLessons } from './use-lessons';

/** Every lesson, with how far the student got in each (kept in this browser). */
export function LessonList() {
  const catalog = useLessons((s) => s.catalog);
  const progress = useLessons((s) => s.progress);
  const load = useLessons((s) => s.loadCatalog);
  const open = useLessons((s) => s.open);
  const error = useLessons((s) => s.error);
  useEffect(() => void load(), [load]);
  if (catalog === null) return <p role="status">Loading the lessons…</p>;
  return (
    <nav className="lesson-list" aria-label="Lessons">
      <h2>Lessons</h2>
      {error !== null && (
        <p className="lesson-phase lesson-failed" role="alert">
          {error}
        </p>
      )}
      <ol>
        {catalog.map((lesson) => {
          const done = (progress[lesson.id] ?? []).filter((t) => lesson.tasks.includes(t)).length;
          const complete = lessonDone(progress, lesson.id, lesson.tasks);
          return (
            <li key={lesson.id} className={complete ? 'lesson-item complete' : 'lesson-item'}>
              <button
                type="button"
                onClick={() => {
                  rememberInUrl(lesson.id, 0);
                  void open(lesson.id, 0);
                }}
              >
                <span className="lesson-item-title">{lesson.title}</span>
                <span className="lesson-item-summary">{lesson.summary}</span>
                <span className="lesson-item-meta">
                  {lesson.duration} ·{' '}
                  {complete ? '✓ completed' : `${done} of ${lesson.tasks.length} tasks done`}
                </span>
                {done > 0 && (
                  <span className="lesson-item-bar" aria-hidden="true">
                    <span style={{ width: `${(100 * done) / lesson.tasks.length}%` }} />
                  </span>
                )}
              </button>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
