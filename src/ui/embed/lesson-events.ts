/**
 * What the embedding page hears of the lessons: the step shown once a lesson is set up,
 * each task as the runner sees it done, and the lesson once the student has done every
 * task this cluster checks and the lesson's progress is whole (the Lesson panel's "Lesson
 * complete"). Each is said once per opening of a lesson; reopening or resetting it starts
 * afresh, and a lesson completed on an earlier visit is not complete again until redone.
 */
import { lessonTasks, type Lesson } from '../../worker/lessons/format';
import type { LessonState } from '../lessons/lesson-store';
import { lessonDone } from '../lessons/progress';
import { lessonFinished } from '../lessons/task-view';
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
    // Finished here (every task this cluster checks is done), and done as a whole (progress).
    const ids = tasks.map((t) => t.id);
    if (!complete && lessonFinished(state) && lessonDone(state.progress, lesson.id, ids)) {
      complete = true;
      events.push({ type: 'lesson-completed', lesson: lesson.id });
    }
    return events;
  };
}
