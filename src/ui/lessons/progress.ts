/**
 * The student's progress, kept per browser in localStorage: which tasks of each lesson are
 * done. Where storage is unavailable (a private window, a sandboxed iframe without
 * allow-same-origin) progress lives only as long as the page.
 */
import { lessonTasks, type Lesson } from '../../worker/lessons/format';

/** The task ids done, by lesson id. */
export type Progress = Readonly<Record<string, readonly string[]>>;

/** The part of the Web Storage API progress needs. */
export type ProgressStorage = Pick<Storage, 'getItem' | 'setItem'>;

/** The localStorage key progress is kept under. */
export const PROGRESS_KEY = 'kubelab:progress:v1';

/** The browser's localStorage, if this page may use it; else null. */
function browserStorage(): ProgressStorage | null {
  try {
    const storage = globalThis.localStorage;
    storage.getItem(PROGRESS_KEY);
    return storage;
  } catch {
    return null;
  }
}

/** Only lists of task-id strings survive: whatever else is stored is ignored. */
function sanitize(value: unknown): Record<string, string[]> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
  const out: Record<string, string[]> = {};
  for (const [id, tasks] of Object.entries(value)) {
    if (Array.isArray(tasks)) out[id] = tasks.filter((t): t is string => typeof t === 'string');
  }
  return out;
}

/** Reads and records progress in `storage` (the browser's by default). */
export function createProgress(storage: ProgressStorage | null = browserStorage()) {
  let memory: Progress = {};
  const read = (): Progress => {
    if (storage === null) return memory;
    try {
      return sanitize(JSON.parse(storage.getItem(PROGRESS_KEY) ?? '{}'));
    } catch {
      return {};
    }
  };
  return {
    read,
    /** Adds `done` to `lesson`'s done tasks; returns the progress now. */
    markDone(lesson: Lesson, done: readonly string[]): Progress {
      const current = read();
      const had = current[lesson.id] ?? [];
      if (done.every((id) => had.includes(id))) return current;
      const order = lessonTasks(lesson).map((t) => t.task.id);
      const next = { ...current, [lesson.id]: order.filter((id) => had.includes(id) || done.includes(id)) };
      memory = next;
      try {
        storage?.setItem(PROGRESS_KEY, JSON.stringify(next));
      } catch {
        // Storage full or refused: progress stays in memory for this page.
        storage = null;
      }
      return next;
    },
  };
}

/** Whether every task of a lesson with task ids `tasks` is done. */
export function lessonDone(progress: Progress, lessonId: string, tasks: readonly string[]): boolean {
  const done = progress[lessonId] ?? [];
  return tasks.length > 0 && tasks.every((t) => done.includes(t));
}
