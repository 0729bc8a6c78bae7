/**
 * The one typed protocol between the UI and the simulation host (a Web Worker, or the
 * in-process host). Commands go in; events come out, batched at most once per animation
 * frame. Everything here is plain data that survives structured cloning.
 */
import type { ClusterOptions, ResolvedClusterOptions } from '../sim/cluster';
import { isSpeed, SPEED_CHOICES, type ClockState, type Speed } from '../sim/kernel/player';
import type { TraceStep } from '../sim/kernel/trace';
import type { Topology } from '../sim/topology';
import type { TerminalMode, TerminalSize } from '../kubectl/io/terminal';
import type { NodeHealth } from './node-health';
import { parseClusterOptions } from './cluster-options';
import { parseTarget } from './inspect/parse';
import { parseStepMatch, type StepMatch } from './lessons/checks';
import { parseCheckedTasks, type CheckedTask, type TaskStatus } from './lessons/task-checker';
import type { InspectionView, InspectTarget } from './inspect/types';

export type { ClockState, ClusterOptions, Speed, TerminalMode, TerminalSize, Topology, TraceStep };
export type { InspectionView, InspectTarget };
export type { CheckedTask, TaskStatus };
/** The speeds a user can pick from. */
export { SPEED_CHOICES };

/** Commands the UI sends to the simulation. */
export type Command =
  /**
   * Builds a new cluster (the first command a host sends), paused at time 0. Its `init`
   * event carries the same `id`, so a sender knows which cluster is its own.
   */
  | { readonly type: 'reset'; readonly options: ClusterOptions; readonly id?: number }
  | { readonly type: 'play' }
  | { readonly type: 'pause' }
  /**
   * Pauses and runs events until something happens: exactly one event (`event`, the
   * default), until the trace records a step (`trace`), until it records a step matching
   * `{ match }` (an instructor's narration cue; up to {@link MAX_MATCH_EVENTS} events), or
   * until it records a step that is
   * not periodic background work (`shown`, see periodic.ts). Stops early at
   * {@link MAX_STEP_EVENTS} events or when nothing is scheduled.
   */
  | { readonly type: 'step'; readonly until?: StepUntil }
  | { readonly type: 'setSpeed'; readonly speed: Speed }
  /**
   * Runs one kubectl command line from the terminal (its aliases already expanded). What it
   * writes comes back as `output` events with the same id, then one `exit`. `stdin` is text
   * piped to it (what `-f -` reads, e.g. the YAML editor's manifest).
   */
  | {
      readonly type: 'exec';
      readonly id: number;
      readonly line: string;
      readonly stdin?: string;
      /**
       * The terminal's size, when stdin is the terminal and its keys can stream to the
       * command (`kubectl exec -it`): it may then ask for a mode (`terminalMode`), and gets
       * what is typed through `stdin` commands.
       */
      readonly terminal?: TerminalSize;
    }
  /** What the user typed while command `id` reads the terminal; null ends its input (Ctrl-D). */
  | { readonly type: 'stdin'; readonly id: number; readonly data: string | null }
  /** The terminal of command `id` changed size. */
  | { readonly type: 'resize'; readonly id: number; readonly size: TerminalSize }
  /** Ctrl-C for the running command `id`: it exits at once with code 130. */
  | { readonly type: 'interrupt'; readonly id: number }
  /** Asks for completions of the word before `cursor` (a UTF-16 index into `line`). */
  | { readonly type: 'complete'; readonly id: number; readonly line: string; readonly cursor: number }
  /** The YAML editor's answer to `edit` request `id`: the saved text, or null for Cancel. */
  | { readonly type: 'edited'; readonly id: number; readonly text: string | null }
  /**
   * Rewinds the cluster to just before the action (an event, or an input such as a kubectl
   * line) that recorded step `before`, by building it again from its seed and replaying the
   * logged inputs; the cluster pauses there. Commands running now end as Ctrl-C ends them.
   */
  | { readonly type: 'rewind'; readonly before: number }
  /**
   * Opens inspection `id` (or points it at a new target): a live view of an object, etcd, a
   * node or the scheduler, sent as `inspection` events whenever it changes. Inspectors only
   * observe: the trace is the same whether or not they are open.
   */
  | { readonly type: 'inspect'; readonly id: number; readonly target: InspectTarget }
  /** Closes inspection `id`. */
  | { readonly type: 'uninspect'; readonly id: number }
  /**
   * Checks a lesson's tasks from now on (replacing any checked before; an empty list stops),
   * in order: each once the tasks before it are done (see lessons/task-checker.ts). Their
   * status comes back as `checks` events. Like inspectors, checks only observe.
   */
  | { readonly type: 'checks'; readonly tasks: readonly CheckedTask[] };

/** How far one Step command runs: see the `step` command. */
export type StepUntil = 'event' | 'trace' | 'shown' | { readonly match: StepMatch };

/** The most events one Step command runs while looking for a step matching a cue. */
export const MAX_MATCH_EVENTS = 200_000;

/** The most events one Step command runs while looking for a step to show. */
export const MAX_STEP_EVENTS = 5_000;

/** Events the simulation sends back. */
export type HostEvent =
  /** A new cluster is up: its shape and its clock. */
  | {
      readonly type: 'init';
      /** The id of the reset that built it, if it had one. */
      readonly id?: number;
      readonly options: ResolvedClusterOptions;
      readonly topology: Topology;
      readonly clock: ClockState;
    }
  /** What happened since the last batch: the clock now and the trace steps recorded. */
  | { readonly type: 'batch'; readonly clock: ClockState; readonly steps: readonly TraceStep[] }
  /** A command was refused; nothing changed. */
  | { readonly type: 'error'; readonly message: string }
  /** Text a running kubectl command wrote (chunks written in one frame arrive together). */
  | {
      readonly type: 'output';
      readonly id: number;
      readonly stream: 'stdout' | 'stderr';
      readonly text: string;
    }
  /** Command `id` ended with this exit code; nothing more comes for it. */
  | { readonly type: 'exit'; readonly id: number; readonly code: number }
  /**
   * The answer to `complete` request `id`: candidates for the text from `replaceFrom` to the
   * cursor, each `value` or, as cobra writes them, `value<TAB>description`.
   */
  | {
      readonly type: 'completions';
      readonly id: number;
      readonly candidates: readonly string[];
      readonly replaceFrom: number;
    }
  /**
   * `kubectl edit` opens an editor: show `text` (kubectl's temporary file `name`) in the YAML
   * editor and answer with an `edited` command with the same id.
   */
  | { readonly type: 'edit'; readonly id: number; readonly name: string; readonly text: string }
  /** Edit request `id` is withdrawn (its command ended): stop editing, answer nothing. */
  | { readonly type: 'editClosed'; readonly id: number }
  /**
   * Command `id` reads the terminal: `raw` passes every key as typed and writes its output
   * as is (`exec -it`), `line` edits a line locally and sends it on Enter (`exec -i`), `off`
   * gives the keys back to the shell. Its `exit` ends the mode too.
   */
  | { readonly type: 'terminalMode'; readonly id: number; readonly mode: TerminalMode }
  /**
   * A rewind is done: the cluster is as it was after step `lastStep` (later steps did not
   * happen), paused, with this clock. Steps recorded from here on follow as usual.
   */
  | { readonly type: 'rewound'; readonly clock: ClockState; readonly lastStep: number }
  /** Every Node's health now (Ready, pressure, cordoned), sent when it changes. */
  | { readonly type: 'nodes'; readonly health: Readonly<Record<string, NodeHealth>> }
  /** Inspection `id` shows this now (sent when it opens, then whenever the view changes). */
  | { readonly type: 'inspection'; readonly id: number; readonly view: InspectionView }
  /** The checked tasks' status, in order: sent when checking starts and whenever it changes. */
  | { readonly type: 'checks'; readonly tasks: readonly TaskStatus[] };

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/** The longest command line the terminal sends. */
export const MAX_LINE_LENGTH = 65_536;

/** The most text a command may have piped to it, or an edit may save (UTF-16 units). */
export const MAX_STDIN_LENGTH = 4 * 1024 * 1024;

/** The largest terminal size accepted, in columns or rows. */
const MAX_TERMINAL_CELLS = 10_000;

/** A terminal size, if `value` is one. */
function terminalSize(value: unknown): TerminalSize | undefined {
  if (!isRecord(value)) return undefined;
  const { columns, rows } = value;
  const ok = (n: unknown) => Number.isInteger(n) && (n as number) > 0 && (n as number) <= MAX_TERMINAL_CELLS;
  return ok(columns) && ok(rows) ? { columns: columns as number, rows: rows as number } : undefined;
}

/** Checks `stdin` and `resize`: a command id and what was typed, or the new size. */
function terminalInput(message: Record<string, unknown>): Command | { error: string } {
  const { type, id, data, size } = message;
  if (!Number.isSafeInteger(id) || (id as number) < 0)
    return { error: `${String(type)} needs a whole-number id` };
  if (type === 'stdin')
    return data === null || (typeof data === 'string' && data.length <= MAX_LINE_LENGTH)
      ? { type: 'stdin', id: id as number, data }
      : { error: `stdin needs text of at most ${MAX_LINE_LENGTH} characters, or null` };
  const parsed = terminalSize(size);
  return parsed === undefined
    ? { error: `resize needs a size of 1 to ${MAX_TERMINAL_CELLS} columns and rows` }
    : { type: 'resize', id: id as number, size: parsed };
}

/** Checks the terminal's commands: a whole-number id, a line of text, a cursor inside it. */
function terminalCommand(message: Record<string, unknown>): Command | { error: string } {
  const { type, id, line, cursor, stdin, terminal } = message;
  if (!Number.isSafeInteger(id) || (id as number) < 0)
    return { error: `${String(type)} needs a whole-number id` };
  if (type === 'interrupt') return { type, id: id as number };
  if (typeof line !== 'string' || line.length > MAX_LINE_LENGTH)
    return { error: `${String(type)} needs a line of at most ${MAX_LINE_LENGTH} characters` };
  if (type === 'exec' && terminal !== undefined) {
    const size = terminalSize(terminal);
    if (size === undefined || stdin !== undefined)
      return { error: 'exec terminal needs a size of whole columns and rows, and no stdin' };
    return { type, id: id as number, line, terminal: size };
  }
  if (type === 'exec') {
    if (stdin === undefined) return { type, id: id as number, line };
    return typeof stdin === 'string' && stdin.length <= MAX_STDIN_LENGTH
      ? { type, id: id as number, line, stdin }
      : { error: `exec stdin must be text of at most ${MAX_STDIN_LENGTH} characters` };
  }
  if (!Number.isInteger(cursor) || (cursor as number) < 0 || (cursor as number) > line.length)
    return { error: 'complete needs a cursor inside the line' };
  return { type: 'complete', id: id as number, line, cursor: cursor as number };
}

/**
 * Checks a message received across the worker boundary. Returns the command, or a
 * message saying what is wrong with it.
 */
export function parseCommand(message: unknown): Command | { error: string } {
  if (!isRecord(message) || typeof message.type !== 'string')
    return { error: 'a command must be an object with a type' };
  switch (message.type) {
    case 'play':
    case 'pause':
      return { type: message.type };
    case 'step': {
      const { until } = message;
      if (until === undefined) return { type: 'step' };
      if (until === 'event' || until === 'trace' || until === 'shown') return { type: 'step', until };
      if (isRecord(until) && Object.keys(until).length === 1 && 'match' in until) {
        const match = parseStepMatch(until.match);
        return 'error' in match
          ? { error: `step until match${match.error}` }
          : { type: 'step', until: { match } };
      }
      return { error: `step until must be event, trace, shown or {match}; got ${JSON.stringify(until)}` };
    }
    case 'setSpeed':
      return isSpeed(message.speed)
        ? { type: 'setSpeed', speed: message.speed }
        : { error: `speed must be between 0.25x and 100x, or max; got ${JSON.stringify(message.speed)}` };
    case 'reset': {
      const options = parseClusterOptions(message.options);
      if ('error' in options) return options;
      const { id } = message;
      if (id === undefined) return { type: 'reset', options };
      return Number.isSafeInteger(id)
        ? { type: 'reset', options, id: id as number }
        : { error: 'reset id must be a whole number' };
    }
    case 'checks': {
      const tasks = parseCheckedTasks(message.tasks);
      return 'error' in tasks ? tasks : { type: 'checks', tasks };
    }
    case 'exec':
    case 'interrupt':
    case 'complete':
      return terminalCommand(message);
    case 'stdin':
    case 'resize':
      return terminalInput(message);
    case 'inspect':
    case 'uninspect': {
      const { id } = message;
      if (!Number.isSafeInteger(id) || (id as number) < 0)
        return { error: `${message.type} needs a whole-number id` };
      if (message.type === 'uninspect') return { type: 'uninspect', id: id as number };
      const target = parseTarget(message.target);
      return 'error' in target ? target : { type: 'inspect', id: id as number, target };
    }
    case 'rewind': {
      const { before } = message;
      return Number.isSafeInteger(before) && (before as number) > 0
        ? { type: 'rewind', before: before as number }
        : { error: `rewind needs the id of a step; got ${JSON.stringify(before)}` };
    }
    case 'edited': {
      const { id, text } = message;
      if (!Number.isSafeInteger(id) || (id as number) < 0) return { error: 'edited needs a whole-number id' };
      return text === null || (typeof text === 'string' && text.length <= MAX_STDIN_LENGTH)
        ? { type: 'edited', id: id as number, text }
        : { error: `edited needs the saved text (at most ${MAX_STDIN_LENGTH} characters) or null` };
    }
    default:
      return { error: `unknown command ${JSON.stringify(message.type)}` };
  }
}
