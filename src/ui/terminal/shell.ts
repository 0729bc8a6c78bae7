/**
 * The lab's shell: reads each line the way bash would (aliases, quotes, `| grep`), runs
 * its builtins (alias, unalias, clear, help, history, watch) itself and sends kubectl
 * commands to the simulation. Anything else is `command not found`, as in bash. Pure: the
 * terminal, kubectl and timers are given to it.
 */
import type { TerminalMode } from '../../worker/protocol';
import { runBuiltin, type Builtin } from './builtins';
import type { CompletionResult } from './completion-list';
import type { History } from './history';
import { parsePipeline, PipedOutput } from './pipeline';
import { parseWatch, watchScreen, type WatchOptions } from './watch';
import { expandAliases, tokenize } from './words';

export type { TerminalMode };

/** A kubectl command running in the simulation. */
export interface RunningCommand {
  /** Resolves with the exit code. */
  readonly exit: Promise<number>;
  /** Ctrl-C. */
  interrupt(): void;
  /** Sends what the user typed to the command's stdin (null: end of input); with a terminal only. */
  input?(data: string | null): void;
  /** Tells the command the terminal's new size; with a terminal only. */
  resize?(columns: number, rows: number): void;
}

/**
 * The terminal a command runs in, for commands that read it (`kubectl exec -it`): its size,
 * and how the command asks it to pass keys (`raw`), edit lines for it (`line`), or neither.
 */
export interface TerminalLink {
  readonly columns: number;
  readonly rows: number;
  setMode(mode: TerminalMode): void;
}

/** What the shell needs of the simulation's kubectl. */
export interface KubectlClient {
  /**
   * Runs a kubectl command line; `write` gets its output as it comes. With `terminal`, the
   * command's stdin is the terminal: it may switch its mode and read keys through `input`.
   */
  run(
    line: string,
    write: (stream: 'stdout' | 'stderr', text: string) => void,
    terminal?: TerminalLink,
  ): RunningCommand;
  complete(line: string, cursor: number): Promise<CompletionResult>;
}

/** The terminal the shell writes to. */
export interface ShellTerminal {
  write(text: string): void;
  readonly columns: number;
  readonly rows: number;
}

/** What the shell is given. */
export interface ShellEnv {
  readonly kubectl: KubectlClient;
  readonly history: History;
  /** The cluster's clock, in epoch ms: the time `watch` shows. */
  now(): number;
  /** Real-time timers, for `watch`. */
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** The machine the shell runs on, as prompts and watch name it. */
export const HOST = 'kubelab';

/** `kubelab:~$ ` in Debian's colours (bold green host, bold blue directory). */
export const PROMPT = `\x1b[1;32m${HOST}\x1b[0m:\x1b[1;34m~\x1b[0m$ `;

/** The exit code of a command Ctrl-C ended. */
const INTERRUPTED = 130;

const crlf = (text: string) => text.replace(/\r?\n/g, '\r\n');

/** The shell of one terminal: its aliases, and the line it runs now (for Ctrl-C). */
export class Shell {
  /** Aliases by name, as `alias` defines them. */
  readonly aliases = new Map<string, string>();
  readonly #env: ShellEnv;
  /** Ctrl-C for whatever runs now; null at the prompt. */
  #interrupt: (() => void) | null = null;
  /** The kubectl command running in the foreground, which may read the terminal. */
  #foreground: RunningCommand | null = null;
  #mode: TerminalMode = 'off';
  #onMode: (mode: TerminalMode) => void = () => {};

  constructor(env: ShellEnv) {
    this.#env = env;
  }

  /** The builtins' names. */
  static readonly BUILTINS: readonly string[] = ['alias', 'clear', 'help', 'history', 'unalias', 'watch'];

  /** Runs what the editor submitted: one line, or several from a paste, one after another. */
  async run(text: string, term: ShellTerminal): Promise<number> {
    let code = 0;
    for (const line of text.split('\n')) {
      let interrupted = false;
      code = await this.#line(line, term, () => (interrupted = true));
      if (interrupted) break;
    }
    return code;
  }

  /** Ctrl-C while a line runs. */
  interrupt(): void {
    this.#interrupt?.();
  }

  /** How the foreground command wants keys handled: `off` unless it reads the terminal. */
  get mode(): TerminalMode {
    return this.#mode;
  }

  /** Calls `listener` whenever the mode changes. */
  onMode(listener: (mode: TerminalMode) => void): void {
    this.#onMode = listener;
  }

  /** Sends typed text (null: end of input) to the foreground command's stdin. */
  input(data: string | null): void {
    this.#foreground?.input?.(data);
  }

  /** Tells the foreground command the terminal's size changed. */
  resize(columns: number, rows: number): void {
    this.#foreground?.resize?.(columns, rows);
  }

  #setMode(mode: TerminalMode): void {
    if (mode === this.#mode) return;
    this.#mode = mode;
    this.#onMode(mode);
  }

  /** Completes the word before `cursor`: command names first, then kubectl's own completion. */
  async complete(line: string, cursor: number): Promise<CompletionResult> {
    const before = line.slice(0, cursor);
    const first = /^\s*(\S*)$/.exec(before);
    if (first !== null) {
      const typed = first[1] ?? '';
      const names = [...Shell.BUILTINS, 'kubectl', ...this.aliases.keys()];
      return { candidates: names.filter((n) => n.startsWith(typed)), replaceFrom: cursor - typed.length };
    }
    const watched = /^(\s*watch\s+(?:(?:-n\s*\S+|-t|--interval=\S+|--no-title)\s+)*)/.exec(before);
    if (watched?.[1] !== undefined && watched[1] !== '') {
      const skip = watched[1].length;
      const inner = await this.complete(line.slice(skip), cursor - skip);
      return { candidates: inner.candidates, replaceFrom: inner.replaceFrom + skip };
    }
    const expanded = expandAliases(line, this.aliases);
    const shift = expanded.length - line.length;
    if (!/^\s*kubectl(\s|$)/.test(expanded) || /[|;&<>]/.test(before))
      return { candidates: [], replaceFrom: cursor };
    const answer = await this.#env.kubectl.complete(expanded, cursor + shift);
    return { candidates: answer.candidates, replaceFrom: Math.max(0, answer.replaceFrom - shift) };
  }

  async #line(line: string, term: ShellTerminal, onInterrupt: () => void): Promise<number> {
    const expanded = expandAliases(line, this.aliases);
    const tokens = tokenize(expanded);
    if ('error' in tokens) return this.#fail(term, `bash: ${tokens.error}`, 2);
    if (tokens.length === 0) return 0;
    const pipeline = parsePipeline(expanded, tokens);
    if ('error' in pipeline) return this.#fail(term, pipeline.error, pipeline.code);
    const out = new PipedOutput(pipeline.filters, (_stream, text) => term.write(crlf(text)));
    const [name = '', ...args] = pipeline.words;
    let code: number;
    if (name === 'kubectl') {
      code = await this.#kubectl(pipeline.command, out, term, () => {
        onInterrupt();
        term.write('\r\n');
      });
    } else if (name === 'watch') {
      const options = parseWatch(args);
      code =
        'error' in options
          ? this.#fail(term, options.error, 1)
          : await this.#watch(options, term, onInterrupt);
    } else if (Shell.BUILTINS.includes(name)) {
      code = runBuiltin(name as Builtin, args, { aliases: this.aliases, history: this.#env.history, out });
    } else {
      code = this.#fail(term, `bash: ${name}: command not found`, 127);
    }
    return out.end(code);
  }

  #fail(term: ShellTerminal, message: string, code: number): number {
    term.write(crlf(`${message.replace(/\n$/, '')}\n`));
    return code;
  }

  /**
   * Runs a kubectl line in the simulation, with the terminal as its stdin; `onInterrupt`
   * runs if Ctrl-C ends it.
   */
  async #kubectl(
    line: string,
    out: PipedOutput,
    term: ShellTerminal,
    onInterrupt: () => void,
  ): Promise<number> {
    const link: TerminalLink = {
      get columns() {
        return term.columns;
      },
      get rows() {
        return term.rows;
      },
      setMode: (mode) => this.#setMode(mode),
    };
    const command = this.#env.kubectl.run(
      line,
      (stream, text) => (stream === 'stdout' ? out.stdout(text) : out.stderr(text)),
      link,
    );
    this.#interrupt = () => command.interrupt();
    this.#foreground = command;
    try {
      const code = await command.exit;
      if (code === INTERRUPTED) onInterrupt();
      return code;
    } finally {
      this.#interrupt = null;
      this.#foreground = null;
      this.#setMode('off');
    }
  }

  /**
   * watch: on the terminal's alternate screen, runs the command every `interval` seconds
   * and paints its output under the header, until Ctrl-C restores the screen. The command
   * runs as `sh -c` would run it: kubectl (with `| grep`), nothing else.
   */
  #watch(options: WatchOptions, term: ShellTerminal, onInterrupt: () => void): Promise<number> {
    const env = this.#env;
    term.write('\x1b[?1049h\x1b[?25l');
    return new Promise((resolve) => {
      let timer: unknown = null;
      let current: RunningCommand | null = null;
      let stopped = false;
      this.#interrupt = () => {
        stopped = true;
        onInterrupt();
        if (timer !== null) env.clearTimeout(timer);
        current?.interrupt();
        this.#interrupt = null;
        term.write('\x1b[?25h\x1b[?1049l');
        resolve(0);
      };
      const cycle = () => {
        let text = '';
        // Aliases expand here too, as with bash's `alias watch='watch '`.
        current = this.#sh(expandAliases(options.command, this.aliases), (_stream, chunk) => (text += chunk));
        void current.exit.then(() => {
          if (stopped) return;
          const screen = { columns: term.columns, rows: term.rows, host: HOST, now: env.now() };
          term.write(crlf(watchScreen(options, text, screen)));
          timer = env.setTimeout(cycle, options.interval * 1000);
        });
      };
      cycle();
    });
  }

  /** Runs a command as `sh -c` would for watch: kubectl lines (with `| grep`) only. */
  #sh(line: string, write: (stream: 'stdout' | 'stderr', text: string) => void): RunningCommand {
    const tokens = tokenize(line);
    const pipeline =
      'error' in tokens ? { error: `sh: 1: ${tokens.error}`, code: 2 } : parsePipeline(line, tokens);
    if ('error' in pipeline) {
      write('stderr', `${pipeline.error}\n`);
      return { exit: Promise.resolve(pipeline.code), interrupt: () => {} };
    }
    if (pipeline.words[0] !== 'kubectl') {
      write('stderr', `sh: 1: ${pipeline.words[0] ?? ''}: not found\n`);
      return { exit: Promise.resolve(127), interrupt: () => {} };
    }
    const out = new PipedOutput(pipeline.filters, write);
    const command = this.#env.kubectl.run(pipeline.command, (stream, text) =>
      stream === 'stdout' ? out.stdout(text) : out.stderr(text),
    );
    return { exit: command.exit.then((code) => out.end(code)), interrupt: () => command.interrupt() };
  }
}
