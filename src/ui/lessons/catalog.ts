/**
 * The lessons the site ships: every `lessons/<id>/lesson.md`, bundled by Vite as text and
 * loaded on demand (the lesson player is not part of the first paint).
 */
import { lessonTasks, parseLesson, type Lesson } from '../../worker/lessons/format';

/** What the lesson list shows of a lesson. */
export interface LessonSummary {
  readonly id: string;
  readonly title: string;
  readonly summary: string;
  readonly duration: string;
  readonly steps: number;
  /** Its task ids, in order: progress is counted against them. */
  readonly tasks: readonly string[];
}

const sources = import.meta.glob<string>('../../../lessons/*/lesson.md', {
  query: '?raw',
  import: 'default',
});

/** The lesson id of a lesson file's path: its folder's name. */
const idOf = (path: string) => path.split('/').at(-2) as string;

const byId = new Map(Object.entries(sources).map(([path, load]) => [idOf(path), load]));

/** The ids of every lesson, in curriculum order. */
export const LESSON_IDS: readonly string[] = [...byId.keys()].sort();

/** Lesson `id`, parsed; rejects if there is no such lesson or it is malformed. */
export async function loadLesson(id: string): Promise<Lesson> {
  const load = byId.get(id);
  if (load === undefined) throw new Error(`there is no lesson "${id}"`);
  return parseLesson(id, await load());
}

/** The summary of a parsed lesson. */
export function summarize(lesson: Lesson): LessonSummary {
  return {
    id: lesson.id,
    title: lesson.title,
    summary: lesson.summary,
    duration: lesson.duration,
    steps: lesson.steps.length,
    tasks: lessonTasks(lesson).map((t) => t.task.id),
  };
}

/** Every lesson's summary, in curriculum order. */
export async function loadLessons(): Promise<LessonSummary[]> {
  return (await Promise.all(LESSON_IDS.map(loadLesson))).map(summarize);
}
