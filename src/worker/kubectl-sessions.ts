/**
 * The terminal's kubectl commands, on the simulation's side of the worker boundary: runs
 * each command line through the cluster's kubectl, keeps the ones still running by id,
 * forwards what they write as `output` events and how they end as `exit` events, and
 * answers completion requests.
 *
 * Output is queued and sent with the runner's next frame, not as it is written: a streaming
 * command (`get -w`, `logs -f`) at maximum speed can write thousands of lines per frame, and
 * one message per write would flood the page. Chunks of one command and stream written in
 * the same frame travel as one event, so the terminal gets at most one write per command
 * per frame, in step with the trace steps the command caused.
 */
import type { KubectlTerminal, TerminalSize } from '../kubectl/io/terminal';
import type { Completion } from './completion';
import { EditRequests } from './edit-requests';
import { TerminalRelay } from './terminal-relay';
import type { HostEvent } from './protocol';

/** Where a running command writes, and the signal that tells it Ctrl-C was pressed. */
export interface KubectlIO {
  stdout(text: string): void;
  stderr(text: string): void;
  readonly signal: AbortSignal;
  /** Text piped to the command (what `-f -` reads); undefined when nothing is. */
  readonly stdin?: string;
  /** The page's terminal, when stdin is it and it streams keystrokes (`exec -it`). */
  readonly terminal?: KubectlTerminal;
}

/** What the terminal needs of kubectl: running a command line, and completing one. */
export interface KubectlShell {
  /** Runs one command line (`kubectl get pods`); resolves with its exit code. */
  run(line: string, io: KubectlIO): Promise<number>;
  /** The candidates for the word before `cursor`. */
  complete(line: string, cursor: number): Promise<Completion>;
}

/** The events this module sends. */
export type SessionEvent = Extract<
  HostEvent,
  { type: 'output' | 'exit' | 'completions' | 'edit' | 'editClosed' | 'terminalMode' }
>;

/** The exit code a shell reports for a command that Ctrl-C (SIGINT) ended: 128 + 2. */
export const INTERRUPTED = 130;

/** Runs the terminal's commands by id and queues their events for the next frame. */
export class KubectlSessions {
  #shell: KubectlShell | null = null;
  readonly #running = new Map<number, AbortController>();
  /** The terminals of the running commands started with one. */
  readonly #terminals = new Map<number, TerminalRelay>();
  #queue: SessionEvent[] = [];
  readonly #wake: () => void;
  /** `kubectl edit`'s requests for the page's editor (see edit-requests.ts). */
  readonly edits = new EditRequests((event) => this.#push(event));

  /** `wake` asks for a frame, in which the runner takes the queued events with {@link drain}. */
  constructor(wake: () => void) {
    this.#wake = wake;
  }

  /** Uses a new cluster's kubectl; commands still running against the old one are interrupted. */
  connect(shell: KubectlShell): void {
    this.interruptAll();
    this.#shell = shell;
  }

  /**
   * Starts command `id`, with `stdin` piped to it if given, or with the page's terminal
   * (of `terminal`'s size) as its stdin. Ids must be unique among running commands.
   */
  exec(id: number, line: string, stdin?: string, terminal?: TerminalSize): void {
    if (this.#running.has(id)) throw new Error(`command ${id} is already running`);
    const shell = this.#shell;
    if (shell === null) {
      this.#push({ type: 'output', id, stream: 'stderr', text: 'error: no cluster yet\n' });
      this.#push({ type: 'exit', id, code: 1 });
      return;
    }
    const controller = new AbortController();
    this.#running.set(id, controller);
    const live = () => this.#running.get(id) === controller;
    const write = (stream: 'stdout' | 'stderr') => (text: string) => {
      if (live() && text !== '') this.#push({ type: 'output', id, stream, text });
    };
    const relay =
      terminal === undefined
        ? undefined
        : new TerminalRelay(terminal, (mode) => live() && this.#push({ type: 'terminalMode', id, mode }));
    if (relay !== undefined) this.#terminals.set(id, relay);
    const finish = (code: number) => {
      if (!live()) return;
      relay?.close();
      this.#terminals.delete(id);
      this.#running.delete(id);
      this.#push({ type: 'exit', id, code });
    };
    let run: Promise<number>;
    try {
      const io = { stdout: write('stdout'), stderr: write('stderr'), signal: controller.signal };
      run = shell.run(line, {
        ...io,
        ...(stdin === undefined ? {} : { stdin }),
        ...(relay === undefined ? {} : { terminal: relay }),
      });
    } catch (error) {
      run = Promise.reject(error);
    }
    run.then(finish, (error: unknown) => {
      write('stderr')(`error: ${error instanceof Error ? error.message : String(error)}\n`);
      finish(1);
    });
  }

  /**
   * Ctrl-C: ends command `id` at once with exit code 130, as SIGINT ends kubectl, and tells
   * it to stop; anything it writes afterwards is dropped. A finished command is unaffected.
   */
  interrupt(id: number): void {
    const controller = this.#running.get(id);
    if (controller === undefined) return;
    this.#running.delete(id);
    this.#terminals.get(id)?.close();
    this.#terminals.delete(id);
    controller.abort();
    this.#push({ type: 'exit', id, code: INTERRUPTED });
  }

  /** Ctrl-C for every running command, and every edit request withdrawn. */
  interruptAll(): void {
    for (const id of this.runningIds()) this.interrupt(id);
    this.edits.closeAll();
  }

  /** The ids of the commands running now. */
  runningIds(): number[] {
    return [...this.#running.keys()];
  }

  /** Whether a command is running, whose promise continuations may act on the cluster. */
  get busy(): boolean {
    return this.#running.size > 0;
  }

  /** What the user typed for command `id`'s stdin (null: Ctrl-D ended it). */
  stdin(id: number, data: string | null): void {
    this.#terminals.get(id)?.input(data);
  }

  /** The terminal of command `id` changed size. */
  resize(id: number, size: TerminalSize): void {
    this.#terminals.get(id)?.resize(size);
  }

  /** Answers completion request `id`; a failed lookup offers nothing. */
  complete(id: number, line: string, cursor: number): void {
    const shell = this.#shell;
    const answer = shell === null ? Promise.resolve(null) : shell.complete(line, cursor).catch(() => null);
    void answer.then((c) =>
      this.#push({
        type: 'completions',
        id,
        candidates: c?.candidates ?? [],
        replaceFrom: c?.replaceFrom ?? cursor,
      }),
    );
  }

  /** The events queued since the last call; adjacent output of one command and stream is merged. */
  drain(): SessionEvent[] {
    const queue = this.#queue;
    this.#queue = [];
    return queue;
  }

  #push(event: SessionEvent): void {
    const last = this.#queue.at(-1);
    if (
      event.type === 'output' &&
      last?.type === 'output' &&
      last.id === event.id &&
      last.stream === event.stream
    ) {
      this.#queue[this.#queue.length - 1] = { ...last, text: last.text + event.text };
    } else {
      this.#queue.push(event);
    }
    this.#wake();
  }
}
