/**
 * How the lesson player shows tasks, from the lessons slice: what the runner's live checks
 * say about this cluster, and what the progress kept in the browser says about the student.
 */
import type { LessonState } from './lesson-store';

/** How a task shows. */
export type TaskView =
  /** Its check passed in this cluster. */
  | 'done'
  /** The task to do now: its check runs live, and says what it sees. */
  | 'open'
  /** A later task: it is checked once the tasks before it are done. */
  | 'waiting'
  /** A task of a step before the one the lesson started at: its solution was run for the student. */
  | 'given';

type Slice = Pick<LessonState, 'lesson' | 'startedAt' | 'phase' | 'tasks'>;

/** The step (0-based) task `taskId` belongs to in the open lesson, or -1. */
const stepOf = (state: Slice, taskId: string) =>
  state.lesson?.steps.findIndex((step) => step.tasks.some((t) => t.id === taskId)) ?? -1;

/** How task `taskId` of the open lesson shows now. */
export function taskView(state: Slice, taskId: string): TaskView {
  const status = state.tasks[taskId];
  if (status?.done === true) return 'done';
  if (state.phase === 'ready' && stepOf(state, taskId) < state.startedAt) return 'given';
  return status !== undefined && status.why !== '' ? 'open' : 'waiting';
}

/** Whether the student has done, in this cluster, every task the open lesson checks. */
export function lessonFinished(state: Slice): boolean {
  const { lesson } = state;
  if (lesson === null || state.phase !== 'ready') return false;
  const checked = lesson.steps.slice(state.startedAt).flatMap((step) => step.tasks);
  return checked.length > 0 && checked.every((task) => state.tasks[task.id]?.done === true);
}
