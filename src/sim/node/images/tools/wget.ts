/**
 * busybox wget (networking/wget.c): `wget [-q] [-S] [--spider] [-O FILE] [-T SEC] [-U AGENT]
 * URL...`. It prints `Connecting to HOST (ADDR:PORT)`, sends `GET /path HTTP/1.1` with Host,
 * `User-Agent: Wget` and `Connection: close` (then any `--header` lines, a Host or User-Agent
 * among them replacing its own), accepts 2xx and 3xx, and dies with "server
 * returned error: HTTP/1.1 404 Not Found" on anything else. Without -O it saves to the URL's
 * last path component (`index.html` for `/`), refusing to overwrite; `-O -` writes to stdout.
 * Progress goes to stderr as its non-terminal progress meter does. -T bounds the connect and
 * every read ("download timed out"); without it a dropped SYN fails after the kernel's retries.
 */
import type { ShellContext } from '../../cri/shell';
import type { PodConnection } from '../../cri/types';
import { byteLength, responseHead, type HeaderField, type HttpRequest, type HttpResponse } from '../http';
import { getopt, last } from './getopt';
import {
  causeOf,
  DNS_TIMEOUT_MS,
  NO_ROUTE_MS,
  parseUrl,
  ROUND_TRIP_MS,
  SYN_TIMEOUT_MS,
  type ToolIo,
  type ToolRun,
} from './index';

const SPEC = {
  flags: 'cqS',
  withArg: 'OoPYUTt',
  long: {
    continue: { short: 'c', arg: false },
    quiet: { short: 'q', arg: false },
    'server-response': { short: 'S', arg: false },
    'output-document': { short: 'O', arg: true },
    'output-file': { short: 'o', arg: true },
    'directory-prefix': { short: 'P', arg: true },
    proxy: { short: 'Y', arg: true },
    'user-agent': { short: 'U', arg: true },
    timeout: { short: 'T', arg: true },
    tries: { short: 't', arg: true },
    spider: { short: 's', arg: false },
    header: { short: 'H', arg: true },
  },
} as const;

const USAGE =
  'Usage: wget [-cqS] [--spider] [-O FILE] [-o LOGFILE] [--header STR]\n' +
  '\t[--post-data STR | --post-file FILE] [-Y on/off]\n' +
  '\t[--no-check-certificate] [-P DIR] [-U AGENT] [-T SEC] URL...\n';

/** The line busybox's progress meter ends with when stderr is not a terminal. */
export function progressLine(name: string, bytes: number): string {
  const label = name.length > 20 ? name.slice(0, 20) : name.padEnd(20);
  return `${label} 100% |${'*'.repeat(32)}| ${smartSize(bytes)}  0:00:00 ETA\n`;
}

/** busybox's smart_ulltoa5: a size in 5 columns (`  615`, ` 1234k`-style above 99999). */
function smartSize(bytes: number): string {
  if (bytes < 100_000) return String(bytes).padStart(5);
  const units = ' kMGTPEZY';
  let v = bytes;
  let unit = 0;
  while (v >= 10_000) {
    v /= 1024;
    unit++;
  }
  return `${String(Math.floor(v)).padStart(4)}${units[unit] ?? ''}`;
}

/** Waits out a failed connection and returns its error line (without `wget: `). */
function* failure(
  conn: PodConnection,
  timeoutMs: number | null,
): Generator<{ sleepMs: number }, string, unknown> {
  const where = `can't connect to remote host (${conn.address ?? ''})`;
  if (conn.error === 'refused') {
    yield { sleepMs: ROUND_TRIP_MS };
    return `${where}: Connection refused`;
  }
  const [after, why] =
    conn.error === 'no-route' ? [NO_ROUTE_MS, 'No route to host'] : [SYN_TIMEOUT_MS, 'Connection timed out'];
  yield { sleepMs: Math.min(after, timeoutMs ?? after) };
  return timeoutMs !== null && timeoutMs < after ? 'download timed out' : `${where}: ${why}`;
}

export function* wget(args: readonly string[], ctx: ShellContext, io: ToolIo): ToolRun {
  const parsed = getopt(args, SPEC);
  if ('error' in parsed) {
    io.err(`wget: ${parsed.error}\n${USAGE}`);
    return 1;
  }
  const [target] = parsed.operands;
  if (target === undefined) {
    io.err(USAGE);
    return 1;
  }
  const url = parseUrl(target);
  if (url === null) {
    io.err(`wget: not an http or ftp url: ${target}\n`);
    return 1;
  }
  const quiet = parsed.options.has('q');
  const spider = parsed.options.has('s');
  const showResponse = parsed.options.has('S');
  const seconds = Number(last(parsed, 'T') ?? '');
  const timeoutMs =
    last(parsed, 'T') !== undefined && Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : null;
  // --header lines go last; a Host or User-Agent among them replaces wget's own.
  const extra: HeaderField[] = (parsed.options.get('H') ?? []).flatMap((h) => {
    const colon = h.indexOf(':');
    return colon <= 0 ? [] : [[h.slice(0, colon).trim(), h.slice(colon + 1).trim()] as const];
  });
  const given = new Set(extra.map(([n]) => n.toLowerCase()));
  const own: HeaderField[] = [
    ['Host', url.hostHeader],
    ['User-Agent', last(parsed, 'U') ?? 'Wget'],
  ];
  const request: HttpRequest = {
    method: 'GET',
    path: url.path,
    headers: [...own.filter(([n]) => !given.has(n.toLowerCase())), ['Connection', 'close'], ...extra],
  };
  const network = ctx.network;
  if (network === undefined) {
    io.err(`wget: bad address '${url.host}'\n`);
    return 1;
  }
  const conn = network.connect(url.host, url.port, 'TCP', causeOf(ctx), request);
  if (conn.error === 'bad-address') {
    yield { sleepMs: conn.dnsTimeout ? DNS_TIMEOUT_MS : ROUND_TRIP_MS };
    io.err(`wget: bad address '${url.host}'\n`);
    return 1;
  }
  if (!quiet) io.err(`Connecting to ${url.host} (${conn.address ?? ''}:${url.port})\n`);
  if (conn.error !== null) {
    io.err(`wget: ${yield* failure(conn, timeoutMs)}\n`);
    return 1;
  }
  yield { sleepMs: ROUND_TRIP_MS };
  const served = conn.served;
  const res = served?.listening === true ? served.response : null;
  if (res === null) {
    const reset = served?.listening === true && served.raw === '';
    io.err(`wget: error getting response${reset ? ': Connection reset by peer' : ''}\n`);
    return 1;
  }
  if (showResponse) io.err(responseLines(res));
  const status = `HTTP/1.1 ${res.status} ${res.reason}`;
  if (res.status < 200 || res.status >= 400 || res.status === 205 || res.status === 206) {
    io.err(`wget: server returned error: ${status}\n`);
    return 1;
  }
  if (spider) {
    if (!quiet) io.err('remote file exists\n');
    return 0;
  }
  return saveBody(res, url.path, last(parsed, 'O'), quiet, io);
}

/** -S: the status line and headers as received, indented by two spaces, and the blank line. */
function responseLines(res: HttpResponse): string {
  return responseHead(res)
    .split('\r\n')
    .slice(0, -1)
    .map((l) => `  ${l}\n`)
    .join('');
}

function saveBody(
  res: HttpResponse,
  path: string,
  output: string | undefined,
  quiet: boolean,
  io: ToolIo,
): number {
  const toStdout = output === '-';
  const name = output ?? defaultName(path);
  if (!toStdout) {
    // Without -O, wget creates the file exclusively; -O FILE overwrites.
    const failed = io.writeFile(name, res.body, output === undefined);
    if (failed !== null) {
      io.err(`wget: can't open '${name}': ${failed}\n`);
      return 1;
    }
  }
  if (!quiet) io.err(toStdout ? 'writing to stdout\n' : `saving to '${name}'\n`);
  if (toStdout) io.out(res.body);
  if (!quiet) {
    io.err(progressLine(toStdout ? '-' : name, byteLength(res.body)));
    io.err(toStdout ? 'written to stdout\n' : `'${name}' saved\n`);
  }
  return 0;
}

/** The file wget saves to without -O: the URL's last path component, or index.html. */
function defaultName(path: string): string {
  const bare = path.split('?')[0] ?? '';
  const name = bare.slice(bare.lastIndexOf('/') + 1);
  return name === '' || name === '.' ? 'index.html' : name;
}
