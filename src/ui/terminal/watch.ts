/**
 * procps-ng `watch`, as far as the lab's shell runs it: its options, and the screen it
 * paints on every run (the header line, then the command's output, cut to the screen).
 */
import { displayWidth } from './text';

/** What `watch` was asked to do. */
export interface WatchOptions {
  /** Seconds between runs. */
  readonly interval: number;
  /** Whether the header line is shown (`-t` turns it off). */
  readonly title: boolean;
  /** The command, its words joined with spaces as watch passes them to `sh -c`. */
  readonly command: string;
}

/** watch's usage, for the options the lab's watch has. */
export const WATCH_USAGE = `
Usage:
 watch [options] command

Options:
  -n, --interval <secs>  seconds to wait between updates
  -t, --no-title         turn off header

 -h, --help     display this help and exit
`;

/** Reads watch's arguments; a problem comes back as the message watch prints. */
export function parseWatch(args: readonly string[]): WatchOptions | { error: string } {
  let interval = 2;
  let title = true;
  let i = 0;
  for (; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (!arg.startsWith('-') || arg === '-') break;
    if (arg === '--') {
      i++;
      break;
    }
    const long = /^--interval(?:=(.*))?$/.exec(arg);
    if (arg === '-n' || long !== null || /^-n./.test(arg)) {
      const value = long !== null ? (long[1] ?? args[++i]) : arg === '-n' ? args[++i] : arg.slice(2);
      const seconds = Number(value);
      if (value === undefined || value === '' || !Number.isFinite(seconds))
        return {
          error: `watch: failed to parse argument: '${value ?? ''}': Invalid argument\n${WATCH_USAGE}`,
        };
      interval = Math.max(0.1, seconds);
    } else if (arg === '-t' || arg === '--no-title') {
      title = false;
    } else {
      return { error: `watch: invalid option -- '${arg.replace(/^-+/, '')}'\n${WATCH_USAGE}` };
    }
  }
  const command = args.slice(i).join(' ');
  return command === '' ? { error: WATCH_USAGE } : { interval, title, command };
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** An instant as watch's header shows it, in UTC: `Wed Jan  1 00:02:10 2025`. */
export function watchDate(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  const day = String(d.getUTCDate()).padStart(2);
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${day} ${time} ${d.getUTCFullYear()}`;
}

/**
 * One screenful, drawn from the top: the header (`Every 2.0s: <command>` on the left,
 * `<host>: <date>` on the right), a blank line, and as much of the output as fits in
 * `rows` rows of `columns` cells (long lines wrap, as watch wraps them by default).
 */
export function watchScreen(
  options: WatchOptions,
  output: string,
  screen: { readonly columns: number; readonly rows: number; readonly host: string; readonly now: number },
): string {
  const lines: string[] = [];
  if (options.title) {
    const right = `${screen.host}: ${watchDate(screen.now)}`;
    let left = `Every ${options.interval.toFixed(1)}s: ${options.command}`;
    const room = screen.columns - right.length - 1;
    if (room < displayWidth(left)) left = left.slice(0, Math.max(0, room));
    lines.push(
      room > 0 ? left + ' '.repeat(screen.columns - displayWidth(left) - right.length) + right : left,
    );
    lines.push('');
  }
  let used = lines.length;
  for (const line of output.replace(/\n$/, '').split('\n')) {
    const rows = Math.max(1, Math.ceil(displayWidth(line) / screen.columns));
    if (used + rows > screen.rows) break;
    lines.push(line);
    used += rows;
  }
  return `\x1b[H\x1b[2J${lines.join('\r\n')}`;
}
