/**
 * The lessons' slice of the UI state: the lesson open, the step shown, each task's status
 * as the runner checks it, hints asked for, and the student's progress (kept per browser).
 * Opening a lesson rebuilds the lab's cluster through the lesson driver
 * (src/worker/lessons/driver.ts), exactly as `npm run lessons:check` does headless.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { SimHost } from '../../worker/host';
import { runActions, startLesson, type LessonHost } from '../../worker/lessons/driver';
import type { Lesson, Task } from '../../worker/lessons/format';
import type { TaskStatus } from '../../worker/protocol';
import type { PipeKubectl } from '../editor/editor-store';
import { loadLesson, loadLessons, type LessonSummary } from './catalog';
import { createProgress, type Progress, type ProgressStorage } from './progress';

/** Where the open lesson stands. */
export type LessonPhase =
  /** Its cluster is being built and set up. */
  | 'starting'
  /** The student works; tasks are checked live. */
  | 'ready'
  /** Setting it up failed (`error` says why): the lesson, not the student, is at fault. */
  | 'failed';

/** What the lesson player shows. */
export interface LessonState {
  /** Every lesson, in curriculum order; null until loaded. */
  readonly catalog: readonly LessonSummary[] | null;
  /** The lesson open, or null. */
  readonly lesson: Lesson | null;
  /** The step shown (0-based). */
  readonly step: number;
  /**
   * The step the lesson's cluster was set up at (0-based): the solutions of the steps before
   * it were run for the student, and only the tasks from it on are checked.
   */
  readonly startedAt: number;
  readonly phase: LessonPhase;
  readonly error: string | null;
  /** The open lesson's task statuses, by task id. */
  readonly tasks: Readonly<Record<string, TaskStatus>>;
  /** How many hints of each task the student has asked for. */
  readonly hints: Readonly<Record<string, number>>;
  /** Progress kept across reloads: the tasks done in each lesson, by lesson id. */
  readonly progress: Progress;
}

/** What the lesson player can do. */
export interface LessonActions {
  /** Loads the lesson list (once). */
  loadCatalog(): Promise<void>;
  /** Opens lesson `id` at `step` (0-based): rebuilds the cluster for it. */
  open(id: string, step?: number): Promise<void>;
  /** Shows step `step` of the open lesson (the cluster stays as it is). */
  goTo(step: number): void;
  /** Rebuilds the open lesson's cluster at the step shown. */
  reset(): Promise<void>;
  /** Shows one more hint of `taskId`. */
  showHint(taskId: string): void;
  /** Runs `task`'s solution in the lab ("Show me"); resolves with what kubectl wrote. */
  solve(task: Task): Promise<string>;
  /** Closes the lesson: the lab stays, its tasks are no longer checked. */
  close(): void;
}

export type LessonStore = StoreApi<LessonState & LessonActions>;

/** What the lesson slice needs of the lab: the host, and kubectl lines with their output. */
export interface LessonLab {
  readonly host: Pick<SimHost, 'send' | 'subscribe'>;
  readonly pipe: PipeKubectl;
}

/** A {@link LessonHost} over the page's host: kubectl lines run as the editor's do. */
function lessonHost(lab: LessonLab): LessonHost {
  return {
    send: (command) => lab.host.send(command),
    subscribe: (listener) => lab.host.subscribe(listener),
    async kubectl(line, stdin) {
      let output = '';
      const { exit } = lab.pipe(line, stdin ?? '', (_stream, text) => (output += text));
      return { code: await exit, output };
    },
  };
}

/** Creates the lessons' slice; `storage` keeps progress (the browser's localStorage by default). */
export function createLessonStore(lab: LessonLab, storage?: ProgressStorage): LessonStore {
  const host = lessonHost(lab);
  const progress = createProgress(storage);
  /** Which open() is current: a newer one makes an older one's results stale. */
  let generation = 0;
  const store = createStore<LessonState & LessonActions>()((set, get) => ({
    catalog: null,
    lesson: null,
    step: 0,
    startedAt: 0,
    phase: 'starting',
    error: null,
    tasks: {},
    hints: {},
    progress: progress.read(),
    async loadCatalog() {
      if (get().catalog === null) set({ catalog: await loadLessons() });
    },
    async open(id, step = 0) {
      const mine = ++generation;
      let lesson: Lesson;
      try {
        lesson = await loadLesson(id);
      } catch (error) {
        if (mine === generation) set({ lesson: null, error: (error as Error).message });
        return;
      }
      if (mine !== generation) return;
      const at = Math.max(0, Math.min(step, lesson.steps.length - 1));
      set({ lesson, step: at, startedAt: at, phase: 'starting', error: null, tasks: {}, hints: {} });
      try {
        const tasks = await startLesson(host, lesson, { step: at });
        if (mine !== generation) return;
        set({ phase: 'ready' });
        record(tasks);
      } catch (error) {
        if (mine === generation) set({ phase: 'failed', error: (error as Error).message });
      }
    },
    goTo(step) {
      const lesson = get().lesson;
      if (lesson === null) return;
      set({ step: Math.max(0, Math.min(step, lesson.steps.length - 1)) });
    },
    async reset() {
      const { lesson, step } = get();
      if (lesson !== null) await get().open(lesson.id, step);
    },
    showHint(taskId) {
      set((s) => ({ hints: { ...s.hints, [taskId]: (s.hints[taskId] ?? 0) + 1 } }));
    },
    solve: (task) => runActions(host, task.solution).catch((error: Error) => error.message),
    close() {
      generation++;
      host.send({ type: 'checks', tasks: [] });
      set({ lesson: null, step: 0, startedAt: 0, phase: 'starting', error: null, tasks: {}, hints: {} });
    },
  }));
  /** Takes in task statuses: done tasks go into the progress kept for the lesson. */
  const record = (statuses: readonly TaskStatus[]) => {
    const lesson = store.getState().lesson;
    if (lesson === null || statuses.length === 0) return;
    const tasks = { ...store.getState().tasks };
    for (const status of statuses) tasks[status.id] = status;
    const done = statuses.filter((s) => s.done).map((s) => s.id);
    store.setState({ tasks, progress: progress.markDone(lesson, done) });
  };
  lab.host.subscribe((event) => {
    if (event.type === 'checks' && store.getState().phase === 'ready') record(event.tasks);
  });
  return store;
}
