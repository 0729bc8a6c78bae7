/**
 * The input log that makes rewind possible. The simulation is deterministic: the same seed
 * and the same inputs, given at the same points of the run, give the same trace. So the
 * runner notes every input that reaches the simulation (kubectl lines, keys, completions,
 * edits) with the point it arrived at, and which action each trace step came from; to go
 * back, it builds a new cluster from the seed and replays the log up to the point before a
 * step (see replay.ts). Pure: no timers, no DOM.
 */
import type { Command } from '../protocol';

/**
 * A point in a run: after `events` kernel events and the first `inputs` inputs, with the
 * clock at `time`. Inputs arrive between events, so the two counts say where one is.
 */
export interface Position {
  readonly events: number;
  readonly inputs: number;
  readonly time: number;
}

/** The commands that reach the simulation itself, and so are replayed. */
export type InputCommand = Extract<
  Command,
  { type: 'exec' | 'stdin' | 'resize' | 'interrupt' | 'complete' | 'edited' }
>;

/** Whether `command` is an input the log keeps. */
export function isInput(command: Command): command is InputCommand {
  switch (command.type) {
    case 'exec':
    case 'stdin':
    case 'resize':
    case 'interrupt':
    case 'complete':
    case 'edited':
      return true;
    default:
      return false;
  }
}

/**
 * One entry: an input, given after `events` events with the clock at `time`; or a frame
 * boundary, where the page's host let promise continuations (kubectl waiting on the
 * cluster) run after `events` events, which a replay must let them do at the same point.
 */
export type LogEntry =
  | { readonly type: 'input'; readonly events: number; readonly time: number; readonly command: InputCommand }
  | { readonly type: 'yield'; readonly events: number };

/** Where the steps of one action start: steps from `firstStep` on came from the action at `before`. */
interface StepMark {
  readonly firstStep: number;
  readonly before: Position;
}

/** The most actions whose steps can be rewound to; older ones are forgotten. */
export const MAX_MARKS = 200_000;

/** The inputs of one run, and which action each of its trace steps came from. */
export class InputLog {
  readonly #entries: LogEntry[] = [];
  #inputs = 0;
  readonly #marks: StepMark[] = [];
  #lastStep = 0;

  /** The entries, oldest first. */
  get entries(): readonly LogEntry[] {
    return this.#entries;
  }

  /** How many inputs the log holds. */
  get inputCount(): number {
    return this.#inputs;
  }

  /** Notes an input given after `events` events at `time`; returns its index. */
  input(events: number, time: number, command: InputCommand): number {
    this.#entries.push({ type: 'input', events, time, command });
    return this.#inputs++;
  }

  /** Notes that continuations ran after `events` events (one entry per point). */
  yieldAt(events: number): void {
    const last = this.#entries.at(-1);
    if (last?.type === 'yield' && last.events === events) return;
    if (last?.type === 'input' && last.events === events) return;
    this.#entries.push({ type: 'yield', events });
  }

  /**
   * Notes that step `stepId` came from the action at `before` (the point just before it).
   * Steps of one action share a mark; the first step of a new action starts one.
   */
  markStep(stepId: number, before: Position): void {
    this.#lastStep = stepId;
    const last = this.#marks.at(-1);
    if (last?.before.events === before.events && last.before.inputs === before.inputs) return;
    this.#marks.push({ firstStep: stepId, before });
    if (this.#marks.length > MAX_MARKS) this.#marks.splice(0, this.#marks.length - MAX_MARKS);
  }

  /** The point just before the action that recorded step `stepId`, if it is still known. */
  before(stepId: number): { readonly position: Position; readonly firstStep: number } | undefined {
    if (stepId > this.#lastStep) return undefined;
    const marks = this.#marks;
    let lo = 0;
    let hi = marks.length - 1;
    let found: StepMark | undefined;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const mark = marks[mid] as StepMark;
      if (mark.firstStep <= stepId) {
        found = mark;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found === undefined ? undefined : { position: found.before, firstStep: found.firstStep };
  }

  /** A new log with the entries that come before `position`, to replay up to it. */
  until(position: Position): InputLog {
    const log = new InputLog();
    for (const entry of this.#entries) {
      if (entry.type === 'input') {
        if (log.#inputs >= position.inputs) break;
        log.#entries.push(entry);
        log.#inputs++;
      } else if (entry.events <= position.events) log.#entries.push(entry);
    }
    return log;
  }
}
