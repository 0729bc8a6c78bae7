import { useState } from 'react';
import type { Task } from '../../worker/lessons/format';
import { useLab } from '../lab-context';
import { LessonText } from './LessonText';
import { useLessons } from './use-lessons';

/** One task: its status as the runner checks it, hints on request, and "Show me". */
function TaskItem({ task }: { task: Task }) {
  const status = useLessons((s) => s.tasks[task.id]);
  const done = useLessons(
    (s) => s.tasks[task.id]?.done === true || (s.progress[s.lesson?.id ?? ''] ?? []).includes(task.id),
  );
  const hints = useLessons((s) => s.hints[task.id] ?? 0);
  const showHint = useLessons((s) => s.showHint);
  const solve = useLessons((s) => s.solve);
  const ready = useLessons((s) => s.phase === 'ready');
  const readOnly = useLab((s) => s.settings.readOnly);
  const [solving, setSolving] = useState(false);
  const open = !done && status !== undefined && status.why !== '';
  const state = done ? 'done' : open ? 'open' : 'waiting';
  return (
    <li className={`lesson-task lesson-task-${state}`} data-task={task.id} data-state={state}>
      <div className="lesson-task-head">
        <span className="lesson-task-mark" aria-hidden="true">
          {done ? '✓' : open ? '●' : '○'}
        </span>
        <span className="lesson-task-title">{task.title}</span>
        <span className="sr-only">{done ? ' (done)' : open ? ' (to do now)' : ' (later)'}</span>
      </div>
      {open && (
        <details className="lesson-task-why">
          <summary>What the check sees now</summary>
          <p>{status.why}</p>
        </details>
      )}
      {task.hints.slice(0, hints).map((hint, i) => (
        <div key={i} className="lesson-hint">
          <LessonText markdown={hint} />
        </div>
      ))}
      {!done && !readOnly && (
        <div className="lesson-task-actions">
          {hints < task.hints.length && (
            <button type="button" onClick={() => showHint(task.id)}>
              {hints === 0 ? 'Hint' : 'Another hint'}
            </button>
          )}
          <button
            type="button"
            disabled={!ready || solving}
            onClick={() => {
              setSolving(true);
              void solve(task).finally(() => setSolving(false));
            }}
          >
            {solving ? 'Running…' : 'Show me'}
          </button>
        </div>
      )}
    </li>
  );
}

/** A step's tasks, in order. */
export function TaskList({ tasks }: { tasks: readonly Task[] }) {
  if (tasks.length === 0) return null;
  return (
    <section className="lesson-tasks" aria-label="Tasks">
      <h3>Tasks</h3>
      <ol>
        {tasks.map((task) => (
          <TaskItem key={task.id} task={task} />
        ))}
      </ol>
    </section>
  );
}
