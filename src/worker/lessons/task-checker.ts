/**
 * Keeps a lesson's tasks checked as the student works, in the runner beside the cluster.
 * Tasks open in order: a task is checked once every task before it is done, a trace check
 * counts only the steps recorded since its task opened, and a task once done stays done
 * (a later task may well undo what an earlier one built). Checking reads untraced, so the
 * trace is the same whether or not a lesson is checked.
 */
import type { TraceStep } from '../../sim/kernel/trace';
import type { RegistryReader } from '../inspect/registry';
import { parseCheck, type Check, type StepMatch } from './checks';
import { evaluate, stepMatches, stepMatchesOf, type CheckContext, type Verdict } from './evaluate';

/** A check's verdict; one that cannot be evaluated (say, a bad selector) fails, saying why. */
function verdictOf(check: Check, ctx: CheckContext): Verdict {
  try {
    return evaluate(check, ctx);
  } catch (error) {
    return { passed: false, why: `the check cannot be evaluated: ${(error as Error).message}` };
  }
}

/** A task as the runner checks it: its id and its check. */
export interface CheckedTask {
  readonly id: string;
  readonly check: Check;
}

/** Where a task stands. */
export interface TaskStatus {
  readonly id: string;
  readonly done: boolean;
  /** Why its check passes or fails now (empty for a task not opened yet). */
  readonly why: string;
}

/** The most tasks one `checks` command may carry. */
export const MAX_CHECKED_TASKS = 200;

/** Checks a `checks` command's task list; errors name the task and field at fault. */
export function parseCheckedTasks(value: unknown): CheckedTask[] | { error: string } {
  if (!Array.isArray(value) || value.length > MAX_CHECKED_TASKS)
    return { error: `checks needs a list of at most ${MAX_CHECKED_TASKS} tasks` };
  const tasks: CheckedTask[] = [];
  for (const [i, item] of value.entries()) {
    const record = item as { id?: unknown; check?: unknown } | null;
    if (typeof record !== 'object' || record === null || typeof record.id !== 'string')
      return { error: `checks task ${i} needs an id` };
    const check = parseCheck(record.check);
    if ('error' in check) return { error: `checks task ${record.id}: check${check.error}` };
    tasks.push({ id: record.id, check });
  }
  return tasks;
}

export class TaskChecker {
  /** How many tasks are done: the tasks before this index; the one at it is open. */
  #open = 0;
  #matches: StepMatch[] = [];
  #counts: number[] = [];
  #whyOpen = '';
  #changed = true;

  constructor(readonly tasks: readonly CheckedTask[]) {
    this.#openTask();
  }

  #openTask(): void {
    const task = this.tasks[this.#open];
    this.#matches = task === undefined ? [] : stepMatchesOf(task.check);
    this.#counts = this.#matches.map(() => 0);
    this.#whyOpen = '';
  }

  /** Counts a trace step for the open task's trace checks. */
  observe(step: TraceStep): void {
    for (let i = 0; i < this.#matches.length; i++)
      if (stepMatches(this.#matches[i] as StepMatch, step)) this.#counts[i] = (this.#counts[i] as number) + 1;
  }

  /** Checks the open task (and the ones after it, as each passes); the statuses if any changed. */
  evaluate(reader: RegistryReader): TaskStatus[] | null {
    for (let task = this.tasks[this.#open]; task !== undefined; task = this.tasks[this.#open]) {
      const verdict = verdictOf(task.check, {
        reader,
        traceCount: (match) => this.#counts[this.#matches.indexOf(match)] ?? 0,
      });
      if (!verdict.passed) {
        if (verdict.why !== this.#whyOpen) this.#changed = true;
        this.#whyOpen = verdict.why;
        break;
      }
      this.#open++;
      this.#changed = true;
      this.#openTask();
    }
    if (!this.#changed) return null;
    this.#changed = false;
    return this.tasks.map((t, i) => ({
      id: t.id,
      done: i < this.#open,
      why: i === this.#open ? this.#whyOpen : '',
    }));
  }
}
