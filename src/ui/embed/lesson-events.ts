/**
 * What the embedding page hears of the lessons: the step shown once a lesson is set up,
 * each task as the runner sees it done, and the lesson once all its tasks are done (as
 * the Lesson panel's "Lesson complete" shows it, counting tasks done on earlier visits).
 * Each is said once per opening of a lesson; reopening or resetting it starts afresh.
 */
import { lessonTasks, type Lesson } from '../../worker/lessons/format';
import type { LessonState } from '../lessons/lesson-store';
import { lessonDone } from '../lessons/progress';
import type { LabEvent } from './messages';

/** Returns a function that takes each new state of the lessons slice and says what changed. */
export function lessonEvents(): (state: LessonState) => LabEvent[] {
  /** The opening reported on: open() parses the lesson afresh, so each opening is a new object. */
  let opening: Lesson | null = null;
  let step = -1;
  const done = new Set<string>();
  let complete = false;
  return (state) => {
    const { lesson } = state;
    if (lesson !== opening) {
      opening = lesson;
      step = -1;
      done.clear();
      complete = false;
    }
    if (lesson === null || state.phase !== 'ready') return [];
    const events: LabEvent[] = [];
    if (state.step !== step) {
      step = state.step;
      events.push({
        type: 'step',
        lesson: lesson.id,
        step: step + 1,
        steps: lesson.steps.length,
        title: lesson.steps[step]?.title ?? '',
      });
    }
    const tasks = lessonTasks(lesson).map((t) => t.task);
    for (const task of tasks) {
      if (state.tasks[task.id]?.done !== true || done.has(task.id)) continue;
      done.add(task.id);
      events.push({ type: 'task-completed', lesson: lesson.id, task: task.id, title: task.title });
    }
    if (
      !complete &&
      lessonDone(
        state.progress,
        lesson.id,
        tasks.map((t) => t.id),
      )
    ) {
      complete = true;
      events.push({ type: 'lesson-completed', lesson: lesson.id });
    }
    return events;
  };
}
