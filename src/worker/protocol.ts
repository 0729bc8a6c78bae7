/**
 * The one typed protocol between the UI and the simulation host (a Web Worker, or the
 * in-process host). Commands go in; events come out, batched at most once per animation
 * frame. Everything here is plain data that survives structured cloning.
 */
import type { ClusterOptions, ResolvedClusterOptions } from '../sim/cluster';
import { isSpeed, SPEED_CHOICES, type ClockState, type Speed } from '../sim/kernel/player';
import type { TraceStep } from '../sim/kernel/trace';
import type { Topology } from '../sim/topology';

export type { ClockState, ClusterOptions, Speed, Topology, TraceStep };
/** The speeds a user can pick from. */
export { SPEED_CHOICES };

/** Commands the UI sends to the simulation. */
export type Command =
  /** Builds a new cluster (the first command a host sends), paused at time 0. */
  | { readonly type: 'reset'; readonly options: ClusterOptions }
  | { readonly type: 'play' }
  | { readonly type: 'pause' }
  /** Runs exactly one event, then stays paused. */
  | { readonly type: 'step' }
  | { readonly type: 'setSpeed'; readonly speed: Speed }
  /**
   * Runs one kubectl command line from the terminal (its aliases already expanded). What it
   * writes comes back as `output` events with the same id, then one `exit`.
   */
  | { readonly type: 'exec'; readonly id: number; readonly line: string }
  /** Ctrl-C for the running command `id`: it exits at once with code 130. */
  | { readonly type: 'interrupt'; readonly id: number }
  /** Asks for completions of the word before `cursor` (a UTF-16 index into `line`). */
  | { readonly type: 'complete'; readonly id: number; readonly line: string; readonly cursor: number };

/** Events the simulation sends back. */
export type HostEvent =
  /** A new cluster is up: its shape and its clock. */
  | {
      readonly type: 'init';
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
    };

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/** Why `options` is not a valid cluster configuration, or null if it is. */
function clusterOptionsError(options: unknown): string | null {
  if (!isRecord(options)) return 'reset needs options';
  if (!Number.isSafeInteger(options.seed)) return 'seed must be an integer';
  const { workerNodes, epoch } = options;
  if (
    workerNodes !== undefined &&
    !(Number.isInteger(workerNodes) && (workerNodes as number) >= 0 && (workerNodes as number) <= 100)
  ) {
    return 'workerNodes must be a whole number from 0 to 100';
  }
  if (epoch !== undefined && !Number.isFinite(epoch)) return 'epoch must be a number of ms';
  const { containerRuntime } = options;
  if (containerRuntime !== undefined && containerRuntime !== 'containerd' && containerRuntime !== 'cri-o')
    return 'containerRuntime must be containerd or cri-o';
  return null;
}

/** The longest command line the terminal sends. */
export const MAX_LINE_LENGTH = 65_536;

/** Checks the terminal's commands: a whole-number id, a line of text, a cursor inside it. */
function terminalCommand(message: Record<string, unknown>): Command | { error: string } {
  const { type, id, line, cursor } = message;
  if (!Number.isSafeInteger(id) || (id as number) < 0)
    return { error: `${String(type)} needs a whole-number id` };
  if (type === 'interrupt') return { type, id: id as number };
  if (typeof line !== 'string' || line.length > MAX_LINE_LENGTH)
    return { error: `${String(type)} needs a line of at most ${MAX_LINE_LENGTH} characters` };
  if (type === 'exec') return { type, id: id as number, line };
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
    case 'step':
      return { type: message.type };
    case 'setSpeed':
      return isSpeed(message.speed)
        ? { type: 'setSpeed', speed: message.speed }
        : { error: `speed must be between 0.25x and 100x, or max; got ${JSON.stringify(message.speed)}` };
    case 'reset': {
      const problem = clusterOptionsError(message.options);
      return problem === null
        ? { type: 'reset', options: message.options as ClusterOptions }
        : { error: problem };
    }
    case 'exec':
    case 'interrupt':
    case 'complete':
      return terminalCommand(message);
    default:
      return { error: `unknown command ${JSON.stringify(message.type)}` };
  }
}
