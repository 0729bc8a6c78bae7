/**
 * Replays a lesson headless, as `npm run lessons:check` does for every lesson: it sets the
 * lesson up, and for each task in order makes sure its check fails before the solution (also
 * after the cluster has run on for a while, so a task cannot pass by itself) and passes
 * after it, within a virtual time limit.
 */
import type { TaskStatus } from '../protocol';
import { startLesson, runActions, ActionFailed, nextEvent } from './driver';
import { lessonTasks, type Lesson } from './format';
import { createHeadlessHost } from './headless';

/** How long (virtual ms) the cluster runs before a task's solution, to show it does not pass alone. */
export const SETTLE_MS = 20_000;
/** How long (virtual ms) a task's check may take to pass after its solution. */
export const PASS_WITHIN_MS = 600_000;

/** What replaying one task found. */
export interface TaskReport {
  readonly task: string;
  readonly ok: boolean;
  /** What went wrong, or how long the check took to pass (virtual s). */
  readonly detail: string;
}

/** What replaying one lesson found. */
export interface LessonReport {
  readonly lesson: string;
  readonly ok: boolean;
  /** Set up failed (the tasks were not tried): what failed. */
  readonly setupError: string | null;
  readonly tasks: readonly TaskReport[];
}

/** Replays `lesson` (see the module comment). */
export async function checkLesson(lesson: Lesson): Promise<LessonReport> {
  const host = createHeadlessHost();
  let statuses: readonly TaskStatus[] = [];
  host.subscribe((event) => {
    if (event.type === 'checks') statuses = event.tasks;
  });
  const statusOf = (id: string) => statuses.find((s) => s.id === id);
  try {
    try {
      statuses = await startLesson(host, lesson, { speed: 'max' });
    } catch (error) {
      return { lesson: lesson.id, ok: false, setupError: String((error as Error).message), tasks: [] };
    }
    const reports: TaskReport[] = [];
    for (const { task } of lessonTasks(lesson)) {
      await host.elapse(SETTLE_MS);
      const before = statusOf(task.id);
      if (before?.done !== false) {
        reports.push({ task: task.id, ok: false, detail: 'the check passes before the solution is run' });
        break;
      }
      const start = host.time;
      try {
        await runActions(host, task.solution);
      } catch (error) {
        const detail = error instanceof ActionFailed ? error.message : String(error);
        reports.push({ task: task.id, ok: false, detail: `the solution failed: ${detail}` });
        break;
      }
      if (statusOf(task.id)?.done !== true) {
        const passed = nextEvent(host, 'checks', (e) => e.tasks.some((s) => s.id === task.id && s.done));
        const timeout = host.elapse(PASS_WITHIN_MS).then(() => null);
        if ((await Promise.race([passed, timeout])) === null) {
          const why = statusOf(task.id)?.why ?? '';
          reports.push({
            task: task.id,
            ok: false,
            detail: `the check still fails ${PASS_WITHIN_MS / 1000} s after the solution: ${why}`,
          });
          break;
        }
      }
      reports.push({
        task: task.id,
        ok: true,
        detail: `passed ${((host.time - start) / 1000).toFixed(1)} s after the solution`,
      });
    }
    const ok = reports.length === lessonTasks(lesson).length && reports.every((r) => r.ok);
    return { lesson: lesson.id, ok, setupError: null, tasks: reports };
  } finally {
    host.dispose();
  }
}
