/**
 * Replays an input log on a new cluster built from the same options: runs its kernel's
 * events up to each input's point, gives the input, and lets promise continuations run
 * wherever the original run let them (after each input and at each noted yield), so the
 * replay records the same trace as the original run up to the target point.
 */
import type { Kernel } from '../../sim/kernel/kernel';
import type { InputCommand, InputLog, Position } from './input-log';

/** What a replay drives: the new cluster's kernel, and how to give it an input. */
export interface ReplayTarget {
  readonly kernel: Kernel;
  /** Gives input number `index` of the log to the new cluster. */
  apply(command: InputCommand, index: number): void;
  /** Resolves after every pending promise continuation has run (a new task). */
  yieldTask(): Promise<void>;
}

/** Runs events until `events` have run in all, or none are left. */
function runTo(kernel: Kernel, events: number): void {
  while (kernel.eventsRun < events && kernel.step());
}

/** Replays `log` (made with {@link InputLog.until}) on `target`, ending at `to`. */
export async function replay(log: InputLog, to: Position, target: ReplayTarget): Promise<void> {
  const { kernel } = target;
  let index = 0;
  for (const entry of log.entries) {
    runTo(kernel, entry.events);
    if (entry.type === 'input') {
      advanceTo(kernel, entry.time);
      target.apply(entry.command, index++);
    }
    await target.yieldTask();
  }
  runTo(kernel, to.events);
  advanceTo(kernel, to.time);
  await target.yieldTask();
}

/** Moves the clock to `time`, where the original run had it; never past a due event. */
function advanceTo(kernel: Kernel, time: number): void {
  const next = kernel.nextEventTime() ?? time;
  kernel.clock.advanceTo(Math.max(kernel.clock.now(), Math.min(time, next)));
}

/**
 * A new task, by a message to oneself: unlike `setTimeout(0)`, it is not slowed down when
 * called many times in a row, so thousands of yields in a replay stay fast.
 */
export function macrotask(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}
