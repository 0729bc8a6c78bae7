import { useState } from 'react';
import type { Action, Lesson, Task } from '../../worker/lessons/format';
import { useLab } from '../lab-context';
import { LessonText } from './LessonText';
import { taskView, type TaskView } from './task-view';
import { useLessons } from './use-lessons';
import './tasks.css';

const MARK: Record<TaskView, string> = { done: '✓', open: '●', waiting: '○', given: '✓' };
const SAID: Record<TaskView, string> = {
  done: '(done)',
  open: '(to do now)',
  waiting: '(later)',
  given: '(done for you: the lesson started at a later step)',
};

/** How "Show me" shows an action: the kubectl line, and the manifest it applies if any. */
const shown = (action: Action) =>
  'run' in action ? `$ ${action.run}` : `$ kubectl apply -f -   # with this manifest:\n${action.apply}`;

/** What "Show me" ran, and what kubectl wrote. */
function Solution({ task, output }: { task: Task; output: string }) {
  return (
    <div className="lesson-solution" role="status">
      <p>Show me ran:</p>
      <pre>
        <code>{task.solution.map(shown).join('\n')}</code>
      </pre>
      {output !== '' && <pre className="lesson-solution-output">{output.trimEnd()}</pre>}
    </div>
  );
}

/** One task: its status as the runner checks it, hints on request, and "Show me". */
function TaskItem({ task }: { task: Task }) {
  const view = useLessons((s) => taskView(s, task.id));
  const why = useLessons((s) => s.tasks[task.id]?.why ?? '');
  const before = useLessons((s) => (s.progress[s.lesson?.id ?? ''] ?? []).includes(task.id));
  const hints = useLessons((s) => s.hints[task.id] ?? 0);
  const showHint = useLessons((s) => s.showHint);
  const solve = useLessons((s) => s.solve);
  const ready = useLessons((s) => s.phase === 'ready');
  const readOnly = useLab((s) => s.settings.readOnly);
  const [solving, setSolving] = useState(false);
  // Each opening of a lesson parses it afresh: what "Show me" did belongs to the one it ran in.
  const opening = useLessons((s) => s.lesson);
  const [solution, setSolution] = useState<{ output: string; in: Lesson | null } | null>(null);
  const finished = view === 'done' || view === 'given';
  return (
    <li className={`lesson-task lesson-task-${view}`} data-task={task.id} data-state={view}>
      <div className="lesson-task-head">
        <span className="lesson-task-mark" aria-hidden="true">
          {MARK[view]}
        </span>
        <span className="lesson-task-title">{task.title}</span>
        <span className="sr-only">{SAID[view]}</span>
        {view === 'given' && <span className="lesson-tag">set up for you</span>}
        {!finished && before && (
          <span className="lesson-tag" title="Done before in this browser; this cluster is a fresh one">
            done before
          </span>
        )}
      </div>
      {view === 'open' && (
        <details className="lesson-task-why">
          <summary>What the check sees now</summary>
          <p>{why}</p>
        </details>
      )}
      {task.hints.slice(0, hints).map((hint, i) => (
        <div key={i} className="lesson-hint">
          <LessonText markdown={hint} />
        </div>
      ))}
      {solution !== null && solution.in === opening && <Solution task={task} output={solution.output} />}
      {!finished && !readOnly && (
        <div className="lesson-task-actions">
          {hints < task.hints.length && (
            <button type="button" onClick={() => showHint(task.id)}>
              {hints === 0 ? 'Hint' : 'Another hint'}
            </button>
          )}
          <button
            type="button"
            disabled={!ready || solving}
            title="Run this task's solution in the lab"
            onClick={() => {
              setSolving(true);
              void solve(task)
                .then((output) => setSolution({ output, in: opening }))
                .finally(() => setSolving(false));
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
