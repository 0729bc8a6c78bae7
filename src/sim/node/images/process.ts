/**
 * What a container's main process is, from its image and the pod spec's command and args:
 *
 * - The argv: `command` + `args` when a command is given; else the image's entrypoint applied
 *   to the args (catalog.ts), or the args alone, or nothing (the image's own process).
 * - The image's own server (catalog `behaviour`) runs for an empty argv or when argv[0] is one
 *   of its binaries; cri/serving.ts plays what it prints, listens on and when it exits.
 * - Otherwise: `true` and file utilities (`cp`, `install`...) exit 0 and `false` exits 1 at
 *   once; `sleep N` exits 0 after N s
 *   (`sleep infinity` never); `sh -c <script>` runs forever if the script loops (`while true`,
 *   `sleep infinity`, `tail -f`), else exits after its `sleep N` (if any) with the code of its
 *   `exit N` (0 without one); any other command keeps running. Shell images with no command
 *   exit 0 at once, as `sh` without a terminal does. (The shell, cri/shell.ts, runs what it
 *   knows of these itself; this model covers the rest.)
 * - Stopping: an image's own process (its default, or its server however started) stops on
 *   its stop signal (exit 0); another command runs as PID 1 without signal handlers, ignores
 *   SIGTERM and is killed when the grace period ends (exit 137).
 */
import type { ResolvedImage } from './reference';
import type { ServerBehaviour } from './server';

/** What a container's main process does once started, when no server or shell plays it. */
export type Process =
  { readonly kind: 'forever' } | { readonly kind: 'exit'; readonly code: number; readonly afterMs: number };

/** How long a process that exits "at once" runs, in virtual ms. */
export const QUICK_EXIT_MS = 50;

/** File utilities that do their copy or install and exit 0 (the addons' init containers run them). */
const ONE_SHOT = new Set(['cp', 'mv', 'ln', 'chmod', 'chown', 'install']);

const basename = (path: string) => path.slice(path.lastIndexOf('/') + 1);

/** The argv the container runs (empty: the image's own process). */
export function effectiveArgv(
  image: ResolvedImage,
  command: readonly string[],
  args: readonly string[],
): readonly string[] {
  if (command.length > 0) return [...command, ...args];
  return image.entrypoint?.(args) ?? args;
}

/** The image's server, if `argv` runs it. */
export function serverFor(image: ResolvedImage, argv: readonly string[]): ServerBehaviour | null {
  const behaviour = image.behaviour;
  if (behaviour === undefined) return null;
  const [cmd] = argv;
  if (cmd === undefined) return behaviour;
  return behaviour.binaries.includes(cmd) || behaviour.binaries.includes(basename(cmd)) ? behaviour : null;
}

/** What a container's main process does, from its argv (see the file comment). */
export function processFor(image: ResolvedImage, argv: readonly string[]): Process {
  const [cmd, ...rest] = argv;
  if (cmd === undefined) return image.server ? { kind: 'forever' } : exit(0, QUICK_EXIT_MS);
  const base = basename(cmd);
  if (base === 'true' || ONE_SHOT.has(base)) return exit(0, QUICK_EXIT_MS);
  if (base === 'false') return exit(1, QUICK_EXIT_MS);
  if (base === 'sleep') return sleepFor(rest[0] ?? '', 0);
  if ((base === 'sh' || base === 'bash') && rest[0] === '-c') return scriptProcess(rest[1] ?? '');
  return { kind: 'forever' };
}

/** Whether a container's process stops on its stop signal (else it is killed at the deadline). */
export function stopsGracefully(image: ResolvedImage, argv: readonly string[]): boolean {
  return argv.length === 0 || serverFor(image, argv) !== null;
}

/** Whether an image's userland is busybox (no bash; busybox's `sh` messages). */
export function isBusybox(image: ResolvedImage): boolean {
  return image.userland === 'busybox';
}

function exit(code: number, afterMs: number): Process {
  return { kind: 'exit', code, afterMs };
}

function sleepFor(arg: string, code: number): Process {
  const seconds = Number(arg);
  if (arg === 'infinity' || !Number.isFinite(seconds) || seconds < 0) return { kind: 'forever' };
  return exit(code, Math.max(QUICK_EXIT_MS, seconds * 1000));
}

function scriptProcess(script: string): Process {
  if (/while\s+(true|:)|sleep\s+infinity|tail\s+-f/.test(script)) return { kind: 'forever' };
  const exits = [...script.matchAll(/exit\s+(\d+)/g)];
  const code = Number(exits.at(-1)?.[1] ?? 0);
  const sleep = /sleep\s+(\d+(?:\.\d+)?)/.exec(script);
  return sleep === null ? exit(code, QUICK_EXIT_MS) : sleepFor(sleep[1] ?? '', code);
}
