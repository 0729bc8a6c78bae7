/**
 * What runs inside a node's containers, on the virtual clock: each main process's output
 * (what shell.ts makes of its command; an image's own server writes through serving.ts) goes
 * to the container's log file; CRI Exec runs another process in the container (its output
 * streamed to the caller, not logged); CRI Attach streams the main process's new output.
 */
import type { Kernel } from '../../kernel/kernel';
import { LogStore } from './logs';
import { Pty } from './pty';
import {
  isExecutable,
  isInteractiveShell,
  runCommand,
  type ShellContext,
  type ShellRun,
  type Stream,
} from './shell';

/** How an exec'd process ended: its exit code, or why the runtime could not start it. */
export type ProcessResult = { readonly exitCode: number } | { readonly error: string };

/** A process streaming to a caller (CRI Exec / Attach through the streaming server). */
export interface StreamingProcess {
  start(out: (stream: Stream, data: string) => void, done: (result: ProcessResult) => void): void;
  /** Data for the process's stdin; `closeStdin` is EOF. */
  write(data: string): void;
  closeStdin(): void;
  /** The caller went away: the process is killed (exec) or detached (attach). */
  kill(): void;
}

interface Driven {
  write(data: string | null): void;
  stop(): void;
}

/** Steps a shell run: its sleeps become kernel timers, its reads wait for `write`. */
function drive(
  kernel: Kernel,
  label: string,
  run: ShellRun,
  done: (code: number) => void,
  immediate = false,
): Driven {
  const input: (string | null)[] = [];
  let stopped = false;
  let reading = false;
  let timer: ReturnType<Kernel['schedule']> | null = null;
  const step = (value: string | null) => {
    if (stopped) return;
    let r = run.next(value);
    while (!r.done) {
      const wait = r.value;
      if ('sleepMs' in wait) {
        timer = kernel.schedule(wait.sleepMs, label, () => {
          timer = null;
          step(null);
        });
        return;
      }
      if (input.length === 0) {
        reading = true;
        return;
      }
      r = run.next(input.shift() ?? null);
    }
    stopped = true;
    done(r.value);
  };
  if (immediate) step(null);
  else kernel.schedule(0, label, () => step(null));
  return {
    write(data) {
      if (stopped) return;
      input.push(data);
      if (!reading) return;
      reading = false;
      kernel.schedule(0, label, () => step(input.shift() ?? null));
    },
    stop() {
      stopped = true;
      if (timer !== null) kernel.cancel(timer);
    },
  };
}

export class ContainerIo {
  readonly logs: LogStore;
  readonly #mains = new Map<string, Driven>();

  constructor(
    private readonly kernel: Kernel,
    private readonly runtimeId: string,
  ) {
    this.logs = new LogStore(kernel.clock);
  }

  /**
   * The main process started: its output goes to the container's log file from now on.
   * Returns whether the shell runs it; if so, `onExit` gets its exit code when it ends.
   */
  startMain(
    id: string,
    logPath: string,
    argv: readonly string[],
    ctx: ShellContext,
    onExit: (code: number) => void,
  ): boolean {
    this.logs.open(id, logPath);
    const [cmd] = argv;
    if (cmd === undefined || !isExecutable(cmd, ctx)) return false;
    const io = { out: (stream: Stream, text: string) => this.logs.write(id, stream, text) };
    const label = `${this.runtimeId}: ${id.slice(0, 13)} runs`;
    const driven = drive(this.kernel, label, runCommand(argv, ctx, io), onExit, true);
    this.#mains.set(id, driven);
    return true;
  }

  /** The main process exited (or was killed): its output ends. */
  exited(id: string): void {
    this.#mains.get(id)?.stop();
    this.#mains.delete(id);
    this.logs.end(id);
  }

  removed(id: string): void {
    this.exited(id);
    this.logs.remove(id);
  }

  /**
   * Exec: a new process in the container, not started until the caller is ready. With
   * `tty`, the process gets a pty (pty.ts): keys in, echo and output (one stream) out.
   */
  exec(execId: string, argv: readonly string[], ctx: ShellContext, tty = false): StreamingProcess {
    let driven: Driven | null = null;
    let finished = false;
    let pty: Pty | null = null;
    return {
      start: (out, done) => {
        const [cmd = ''] = argv;
        if (!isExecutable(cmd, ctx)) {
          finished = true;
          const why = `exec: "${cmd}": executable file not found in $PATH: unknown`;
          const error = `failed to exec in container: failed to start exec "${execId}": OCI runtime exec failed: exec failed: unable to start container process: ${why}`;
          this.kernel.schedule(0, `${this.runtimeId}: exec ${execId.slice(0, 13)} failed`, () =>
            done({ error }),
          );
          return;
        }
        const label = `${this.runtimeId}: exec ${execId.slice(0, 13)}`;
        const end = (exitCode: number) => {
          finished = true;
          done({ exitCode });
        };
        const terminal = tty
          ? new Pty({
              screen: (text) => out('stdout', text),
              stdin: (data) => driven?.write(data),
              // SIGINT: an interactive shell drops the line and prompts again; others die of it.
              interrupt: () => {
                if (isInteractiveShell(argv)) return driven?.write('\n');
                driven?.stop();
                this.kernel.schedule(0, label, () => end(130));
              },
            })
          : null;
        pty = terminal;
        const write =
          terminal === null ? out : (_stream: Stream, text: string) => out('stdout', terminal.output(text));
        driven = drive(this.kernel, label, runCommand(argv, { ...ctx, tty }, { out: write }), end);
      },
      write: (data) => (pty === null ? driven?.write(data) : pty.input(data)),
      closeStdin: () => driven?.write(null),
      kill: () => {
        if (!finished) driven?.stop();
        finished = true;
      },
    };
  }

  /** Attach: the main process's output from now until it exits. */
  attach(id: string): StreamingProcess {
    let unfollow: () => void = () => {};
    return {
      start: (out, done) => {
        unfollow = this.logs.follow(id, (entry) => {
          if (entry === null) done({ exitCode: 0 });
          else out(entry.stream, `${entry.text}\n`);
        });
      },
      write: () => {},
      closeStdin: () => {},
      kill: () => unfollow(),
    };
  }
}
