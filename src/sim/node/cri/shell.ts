/**
 * A tiny POSIX-shell-like interpreter: what the processes of simulated containers (and the
 * commands `kubectl exec` runs in them) print and how they exit. It knows a few commands
 * (echo, printf, hostname, cat, env, ls, pwd, whoami, id, uname, date, sleep, true, false,
 * sh/bash -c, the file commands mkdir, touch and rm, and the network tools an image carries:
 * wget, curl, nslookup, ping, nc, see images/tools) and the shell forms `a; b`, `a && b`,
 * `a || b`, `while <cond>; do ...; done`, `for x in ...; do ...; done`, `exit N`, `$VAR`
 * expansion and output redirection to files (`> file`, `>> file`). Files are the
 * container's filesystem (fs.ts, fs-commands.ts). A run is a generator: it
 * writes output through `io` and yields when it waits (sleep, or a read of stdin for `cat`),
 * so the caller drives it on the virtual clock.
 */

import { isNetTool, runNetTool } from '../images/tools';
import { FsError, joinPath, type Filesystem } from './fs';
import { FS_COMMANDS, redirectFailure, runFsCommand } from './fs-commands';
import { fileRedirection, parse, type List, type Node, type Word } from './shell-parse';
import type { PodNetwork } from './types';

/** What a process sees of its container. */
export interface ShellContext {
  readonly hostname: string;
  readonly podIP: string | null;
  readonly env: Readonly<Record<string, string>>;
  /** Whether `bash` exists (Debian/Ubuntu images) or only busybox `sh`. */
  readonly busybox: boolean;
  /** Wall-clock ms since the Unix epoch (virtual). */
  now(): number;
  /** The container's filesystem: its image's files and its mounts. */
  readonly fs: Filesystem;
  /** Network clients on the image's PATH (wget, curl, nslookup, ping, nc). */
  readonly tools?: readonly string[];
  /** How the pod's processes reach the network; without it names do not resolve. */
  readonly network?: PodNetwork;
  /** The trace step that started the process (StartContainer, Exec): what its packets follow. */
  readonly cause?: number | null;
  /** Whether stdin is a terminal (exec with a TTY): an interactive shell then prompts. */
  readonly tty?: boolean;
}

export type Stream = 'stdout' | 'stderr';

export interface ShellIo {
  out(stream: Stream, text: string): void;
}

/** What a run waits for: virtual ms, or the next stdin chunk (null at EOF). */
export type Wait = { readonly sleepMs: number } | { readonly read: true };

export type ShellRun = Generator<Wait, number, string | null>;

class Exit {
  constructor(readonly code: number) {}
}

/** The commands the simulated images have on their PATH. */
const EXECUTABLES = new Set(
  'echo printf hostname cat env printenv ls mkdir touch rm pwd whoami id uname date sleep true false sh bash'.split(
    ' ',
  ),
);

const basename = (path: string) => path.slice(path.lastIndexOf('/') + 1);

/** Whether `argv` starts a shell that reads its commands from stdin (`sh`, `bash -i`). */
export function isInteractiveShell(argv: readonly string[]): boolean {
  const [cmd = '', ...args] = argv;
  return ['sh', 'bash'].includes(basename(cmd)) && args.every((a) => /^-[il]+$/.test(a));
}

/** Whether `cmd` is an executable in a container's image (else exec fails in the runtime). */
export function isExecutable(cmd: string, ctx: ShellContext): boolean {
  const base = basename(cmd);
  if (ctx.tools?.includes(base) === true) return true;
  return EXECUTABLES.has(base) && !(base === 'bash' && ctx.busybox);
}

/** `date`'s default format: `Wed Jan  1 00:00:05 UTC 2025`. */
export function dateText(ms: number): string {
  const [, day = '', dd = '', month = '', year = '', time = ''] =
    /^(\w+), (\d+) (\w+) (\d+) (\S+)/.exec(new Date(Math.floor(ms)).toUTCString()) ?? [];
  return `${day} ${month} ${String(Number(dd)).padStart(2, ' ')} ${time} UTC ${year}`;
}

/** The environment a process starts with. */
export function environment(ctx: ShellContext): Record<string, string> {
  return {
    PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
    HOSTNAME: ctx.hostname,
    ...ctx.env,
    HOME: '/root',
  };
}

class Interpreter {
  readonly vars: Record<string, string>;
  /** Commands run with `>&2` (stdout to stderr), and how many sleeps happened (loop guard). */
  #toStderr = 0;
  /** The file a `> file` redirection sends stdout to. */
  #toFile: string | null = null;
  #sleeps = 0;
  constructor(
    readonly ctx: ShellContext,
    readonly io: ShellIo,
  ) {
    this.vars = environment(ctx);
  }

  expand(word: Word, status: number): string {
    return word
      .map((p) =>
        p.expand
          ? p.text.replace(/\$(\?|\{(\w+)\}|(\w+))/g, (_m, all: string, braced?: string, bare?: string) =>
              all === '?' ? String(status) : (this.vars[braced ?? bare ?? ''] ?? ''),
            )
          : p.text,
      )
      .join('');
  }

  /** Runs a script (`sh -c`, or line `line` typed at an interactive shell). */
  *script(text: string, line: number): Generator<Wait, number, string | null> {
    let list: List;
    try {
      list = parse(text);
    } catch (error) {
      this.io.out('stderr', `sh: ${line}: ${error instanceof Error ? error.message : String(error)}\n`);
      return 2;
    }
    return yield* this.list(list);
  }

  /**
   * A shell reading commands from stdin, a line at a time, until `exit` or the end of input;
   * on a terminal it prompts as the image's shell does (bash: `root@<host>:/# `, busybox
   * ash: `/ # `) and bash says `exit` at the end.
   */
  *interactive(): Generator<Wait, number, string | null> {
    const { tty = false, busybox } = this.ctx;
    const prompt = !tty ? '' : busybox ? '/ # ' : `root@${this.ctx.hostname}:/# `;
    let pending = '';
    let status = 0;
    for (let line = 1; ; line++) {
      if (prompt !== '') this.io.out('stdout', prompt);
      let newline = pending.indexOf('\n');
      while (newline < 0) {
        const chunk = yield { read: true };
        if (chunk === null) {
          if (tty && !busybox) this.io.out('stdout', 'exit\n');
          return status;
        }
        pending += chunk;
        newline = pending.indexOf('\n');
      }
      const text = pending.slice(0, newline);
      pending = pending.slice(newline + 1);
      status = yield* this.script(text, line);
    }
  }

  *list(list: List): Generator<Wait, number, string | null> {
    let status = 0;
    for (const chain of list) {
      for (const { op, node } of chain) {
        if ((op === '&&' && status !== 0) || (op === '||' && status === 0)) continue;
        status = yield* this.node(node, status);
      }
    }
    return status;
  }

  *node(node: Node, status: number): Generator<Wait, number, string | null> {
    if (node.t === 'while') {
      let last = 0;
      while ((yield* this.list(node.cond)) === 0) {
        const sleeps = this.#sleeps;
        last = yield* this.list(node.body);
        // A loop that never sleeps would stop the virtual clock: let time pass.
        if (sleeps === this.#sleeps) yield { sleepMs: 10 };
      }
      return last;
    }
    if (node.t === 'for') {
      let last = 0;
      for (const item of node.items) {
        this.vars[node.name] = this.expand(item, status);
        last = yield* this.list(node.body);
      }
      return last;
    }
    const expanded = node.words.map((w) => this.expand(w, status));
    const redirect = expanded.includes('>&2') || expanded.includes('1>&2');
    const plain = expanded.filter((w) => w !== '>&2' && w !== '1>&2');
    const { words: argv, file, append } = fileRedirection(plain);
    if (argv[0] === 'exit') throw new Exit(Number(argv[1] ?? status) & 255);
    if (argv[0] === ':') return 0;
    if (argv[0] === undefined) return status;
    if (!isExecutable(argv[0], this.ctx)) {
      const name = argv[0];
      this.io.out('stderr', this.ctx.busybox ? `sh: ${name}: not found\n` : `sh: 1: ${name}: not found\n`);
      return 127;
    }
    const target = file === null ? null : joinPath('/', file);
    if (target !== null) {
      try {
        this.ctx.fs.writeFile(target, '', { append });
      } catch (error) {
        if (!(error instanceof FsError)) throw error;
        const failure = redirectFailure(file ?? '', error, this.ctx.busybox);
        this.io.out('stderr', failure.text);
        return failure.code;
      }
    }
    const outer = this.#toFile;
    if (target !== null) this.#toFile = target;
    if (redirect) this.#toStderr++;
    try {
      return yield* this.run(argv);
    } finally {
      if (redirect) this.#toStderr--;
      this.#toFile = outer;
    }
  }

  /** A network tool saves a download (relative to `/`): null, or strerror's text. */
  readonly #save = (path: string, content: string, exclusive = false): string | null => {
    const target = joinPath('/', path);
    try {
      if (exclusive && this.ctx.fs.exists(target)) throw new FsError('EEXIST', target);
      this.ctx.fs.writeFile(target, content);
      return null;
    } catch (error) {
      if (error instanceof FsError) return error.message;
      throw error;
    }
  };

  /** Runs one executable (argv[0] must be one). */
  *run(argv: readonly string[]): Generator<Wait, number, string | null> {
    const [cmd = '', ...args] = argv;
    const toFile = this.#toFile;
    const out = (text: string) => {
      if (this.#toStderr === 0 && toFile !== null) this.ctx.fs.writeFile(toFile, text, { append: true });
      else this.io.out(this.#toStderr > 0 ? 'stderr' : 'stdout', text);
    };
    const err = (text: string) => this.io.out('stderr', text);
    if (isNetTool(basename(cmd)))
      return yield* runNetTool(argv, this.ctx, { out, err, writeFile: this.#save });
    if (FS_COMMANDS.includes(basename(cmd)) && !(basename(cmd) === 'cat' && args.length === 0)) {
      const { fs, busybox } = this.ctx;
      return runFsCommand(basename(cmd), args, { fs, busybox, now: this.ctx.now(), out, err });
    }
    switch (basename(cmd)) {
      case 'echo':
        if (args[0] === '-n') out(args.slice(1).join(' '));
        else out(`${args.join(' ')}\n`);
        return 0;
      case 'printf': {
        const rest = args.slice(1);
        out(
          (args[0] ?? '')
            .replace(/%s/g, () => rest.shift() ?? '')
            .replace(/\\n/g, '\n')
            .replace(/\\t/g, '\t'),
        );
        return 0;
      }
      case 'hostname':
        out(`${this.ctx.hostname}\n`);
        return 0;
      case 'pwd':
        out('/\n');
        return 0;
      case 'whoami':
        out('root\n');
        return 0;
      case 'id':
        out('uid=0(root) gid=0(root) groups=0(root)\n');
        return 0;
      case 'uname':
        out(
          args.includes('-a') ? `Linux ${this.ctx.hostname} 6.8.0-51-generic x86_64 GNU/Linux\n` : 'Linux\n',
        );
        return 0;
      case 'date':
        out(`${dateText(this.ctx.now())}\n`);
        return 0;
      case 'env':
      case 'printenv':
        out(
          Object.entries(this.vars)
            .filter(([k]) => args.length === 0 || args.includes(k))
            .map(([k, v]) => `${k}=${v}\n`)
            .join(''),
        );
        return 0;
      case 'true':
        return 0;
      case 'false':
        return 1;
      case 'sleep': {
        const seconds = Number(args[0]);
        if (args[0] === 'infinity') for (this.#sleeps++; ;) yield { sleepMs: 3_600_000 };
        if (!Number.isFinite(seconds) || seconds < 0) {
          err(`sleep: invalid time interval '${args[0] ?? ''}'\n`);
          return 1;
        }
        this.#sleeps++;
        yield { sleepMs: seconds * 1000 };
        return 0;
      }
      case 'cat':
        for (let chunk = yield { read: true }; chunk !== null; chunk = yield { read: true }) out(chunk);
        return 0;
      default:
        // sh / bash
        if (args[0] === '-c') return yield* this.script(args[1] ?? '', 1);
        return isInteractiveShell(argv) ? yield* this.interactive() : 0;
    }
  }
}

/** Runs an argv (its argv[0] an executable, see isExecutable) to its exit code. */
export function* runCommand(argv: readonly string[], ctx: ShellContext, io: ShellIo): ShellRun {
  try {
    return yield* new Interpreter(ctx, io).run(argv);
  } catch (error) {
    if (error instanceof Exit) return error.code;
    throw error;
  }
}
