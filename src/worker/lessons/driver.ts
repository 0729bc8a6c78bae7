/**
 * Starts a lesson on a simulation host, through the protocol only, the same way in the page
 * and headless (`npm run lessons:check`): builds the lesson's cluster, runs its setup and
 * the solutions of the steps before the one asked for (so a link to step 3 opens on the
 * cluster steps 1 and 2 built), then has the runner check the tasks from there on.
 */
import type { Speed } from '../../sim/kernel/player';
import type { Command, HostEvent, TaskStatus } from '../protocol';
import { lessonTasks, type Action, type Lesson } from './format';

/** What the driver needs of a host: the protocol, and kubectl lines run with their output. */
export interface LessonHost {
  send(command: Command): void;
  /** Calls `listener` with every event; returns a function that stops it. */
  subscribe(listener: (event: HostEvent) => void): () => void;
  /** Runs a kubectl line, with `stdin` piped to it when given; resolves when it exits. */
  kubectl(line: string, stdin?: string): Promise<{ code: number; output: string }>;
}

/** An action that failed while a lesson was being set up: which, and what kubectl said. */
export class ActionFailed extends Error {
  constructor(
    readonly action: Action,
    readonly output: string,
  ) {
    super(`${'run' in action ? action.run : 'kubectl apply -f - (a manifest)'} failed:\n${output}`);
    this.name = 'ActionFailed';
  }
}

/** The line an action runs, and what it pipes to it. */
export function actionCommand(action: Action): { line: string; stdin?: string } {
  return 'run' in action ? { line: action.run } : { line: 'kubectl apply -f -', stdin: action.apply };
}

/** Resolves once the clock has run `ms` virtual ms from the next batch on (it must be playing). */
function virtualDelay(host: LessonHost, ms: number): Promise<void> {
  let from: number | null = null;
  return nextEvent(host, 'batch', (e) => {
    from ??= e.clock.time;
    return e.clock.time - from >= ms;
  }).then(() => undefined);
}

/**
 * Runs actions one after another; throws ActionFailed at the first that exits non-zero. With
 * `retries`, a failed action is tried again that many times, 10 virtual seconds apart: a
 * solution replayed straight after the one before it may need the cluster to catch up (a
 * container to have run before its logs can be read).
 */
export async function runActions(host: LessonHost, actions: readonly Action[], retries = 0): Promise<string> {
  let output = '';
  for (const action of actions) {
    const { line, stdin } = actionCommand(action);
    for (let attempt = 0; ; attempt++) {
      const result = await host.kubectl(line, stdin);
      if (result.code === 0) {
        output += result.output;
        break;
      }
      if (attempt >= retries) throw new ActionFailed(action, result.output);
      await virtualDelay(host, RETRY_DELAY_MS);
    }
  }
  return output;
}

/** How long (virtual ms) a replayed solution waits before it tries a failed action again. */
export const RETRY_DELAY_MS = 10_000;

/** How many times a replayed solution tries a failed action again. */
export const REPLAY_RETRIES = 12;

/** Resolves with the next event of `type` (and matching `accept`). */
export function nextEvent<T extends HostEvent['type']>(
  host: LessonHost,
  type: T,
  accept: (event: Extract<HostEvent, { type: T }>) => boolean = () => true,
): Promise<Extract<HostEvent, { type: T }>> {
  return new Promise((resolve) => {
    const stop = host.subscribe((event) => {
      if (event.type !== type) return;
      const typed = event as Extract<HostEvent, { type: T }>;
      if (!accept(typed)) return;
      stop();
      resolve(typed);
    });
  });
}

/** Numbers the resets lessons send (see startLesson). */
let resets = 0;

/** How a lesson starts. */
export interface StartOptions {
  /** The step (0-based) the student starts at: the solutions of the steps before it are run. */
  readonly step?: number;
  /** The speed the clock runs at once the lesson is set up (it plays at `max` until then). */
  readonly speed?: Speed;
}

/**
 * Builds `lesson`'s cluster, lets it boot (its nodes Ready), and gets it to the start of
 * step `step`. Resolves with the first
 * task statuses once the runner checks the tasks of that step and after; rejects with
 * ActionFailed if setup fails (the lesson, not the student, is at fault then).
 */
export async function startLesson(
  host: LessonHost,
  lesson: Lesson,
  options: StartOptions = {},
): Promise<readonly TaskStatus[]> {
  const step = Math.max(0, Math.min(options.step ?? 0, lesson.steps.length - 1));
  // Another reset may be on its way (the page's first cluster): wait for this one's.
  const id = ++resets;
  const init = nextEvent(host, 'init', (e) => e.id === id);
  host.send({ type: 'checks', tasks: [] });
  host.send({ type: 'reset', options: lesson.cluster, id });
  const { options: cluster } = await init;
  // A lesson starts on a cluster that has booted: every node registered and Ready.
  const booted = nextEvent(host, 'nodes', (e) => {
    const health = Object.values(e.health);
    return health.length === cluster.workerNodes + 1 && health.every((h) => h.ready === 'True');
  });
  host.send({ type: 'setSpeed', speed: 'max' });
  host.send({ type: 'play' });
  await booted;
  const tasks = lessonTasks(lesson);
  await runActions(host, lesson.setup);
  await runActions(
    host,
    tasks.filter((t) => t.step < step).flatMap((t) => t.task.solution),
    REPLAY_RETRIES,
  );
  host.send({ type: 'setSpeed', speed: options.speed ?? 1 });
  const checked = tasks.filter((t) => t.step >= step).map(({ task }) => ({ id: task.id, check: task.check }));
  if (checked.length === 0) return [];
  const first = nextEvent(host, 'checks');
  host.send({ type: 'checks', tasks: checked });
  return (await first).tasks;
}
