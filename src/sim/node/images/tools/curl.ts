/**
 * curl 8.11 (curlimages/curl; also in the nginx and php images): `curl [-sSfIiv] [-o FILE]
 * [-m SEC] [--connect-timeout SEC] [-X METHOD] [-H HEADER] [-A AGENT] [-w FORMAT] URL`. The body
 * goes to stdout (or -o's file), the progress meter to stderr unless -s (stdout is not a
 * terminal under `kubectl exec`), errors as `curl: (N) ...` unless -s without -S. Exit codes and
 * messages are curl's: 6 name not resolved, 7 refused, 28 timed out, 22 for -f on an HTTP error,
 * 1 for a non-HTTP answer (HTTP/0.9), 56 for a reset connection.
 */
import type { ShellContext } from '../../cri/shell';
import { byteLength, responseHead, type HeaderField, type HttpRequest, type HttpResponse } from '../http';
import { getopt, last, type Parsed } from './getopt';
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

export const CURL_VERSION = '8.11.1';

const SPEC = {
  flags: 'sSfIivLk',
  withArg: 'omXHAw',
  long: {
    silent: { short: 's', arg: false },
    'show-error': { short: 'S', arg: false },
    fail: { short: 'f', arg: false },
    head: { short: 'I', arg: false },
    include: { short: 'i', arg: false },
    verbose: { short: 'v', arg: false },
    location: { short: 'L', arg: false },
    insecure: { short: 'k', arg: false },
    output: { short: 'o', arg: true },
    'max-time': { short: 'm', arg: true },
    'connect-timeout': { short: 'c', arg: true },
    request: { short: 'X', arg: true },
    header: { short: 'H', arg: true },
    'user-agent': { short: 'A', arg: true },
    'write-out': { short: 'w', arg: true },
  },
} as const;

/** curl's max5data: a size or speed in 5 columns. */
function max5(bytes: number): string {
  const n = Math.floor(bytes);
  if (n < 100_000) return String(n).padStart(5);
  if (n < 10_000 * 1024) return `${String(Math.floor(n / 1024)).padStart(4)}k`;
  if (n < 100 * 1024 * 1024) {
    const mb = n / (1024 * 1024);
    return `${String(Math.floor(mb)).padStart(2)}.${Math.floor((mb % 1) * 10)}M`;
  }
  return `${String(Math.floor(n / (1024 * 1024))).padStart(4)}M`;
}

/** curl's time2str: `--:--:--` for nothing, else `H:MM:SS` in 8 columns. */
function time2str(seconds: number): string {
  if (seconds <= 0) return '--:--:--';
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = Math.floor(seconds % 60);
  return `${String(h).padStart(2)}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
}

const METER_HEAD =
  '  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n' +
  '                                 Dload  Upload   Total   Spent    Left  Speed\n';

/** One update of the progress meter (`\r` first: it rewrites the line on a terminal). */
function meterLine(total: number, received: number, elapsedMs: number): string {
  const pct = (n: number) => String(total > 0 ? Math.floor((n * 100) / total) : 0).padStart(3);
  const speed = elapsedMs > 0 ? (received * 1000) / elapsedMs : 0;
  const spent = Math.floor(elapsedMs / 1000);
  return `\r${pct(received)} ${max5(total)}  ${pct(received)} ${max5(received)}    0     0  ${max5(speed)}      0 --:--:-- ${time2str(spent)} --:--:-- ${max5(speed)}`;
}

/** -w: the write-out format with the variables scripts use and `\n` escapes. */
function writeOut(format: string, vars: Readonly<Record<string, string>>): string {
  return format
    .replace(/%\{(\w+)\}/g, (all, name: string) => vars[name] ?? all)
    .replace(/\\n/g, '\n')
    .replace(/\\t/g, '\t');
}

function requestFor(parsed: Parsed, method: string, path: string, hostHeader: string): HttpRequest {
  const extra: HeaderField[] = (parsed.options.get('H') ?? []).flatMap((h) => {
    const colon = h.indexOf(':');
    return colon <= 0 ? [] : [[h.slice(0, colon).trim(), h.slice(colon + 1).trim()] as const];
  });
  const given = new Set(extra.map(([n]) => n.toLowerCase()));
  const defaults: HeaderField[] = [
    ['Host', hostHeader],
    ['User-Agent', last(parsed, 'A') ?? `curl/${CURL_VERSION}`],
    ['Accept', '*/*'],
  ];
  return { method, path, headers: [...defaults.filter(([n]) => !given.has(n.toLowerCase())), ...extra] };
}

export function* curl(args: readonly string[], ctx: ShellContext, io: ToolIo): ToolRun {
  const parsed = getopt(args, SPEC);
  if ('error' in parsed) {
    io.err(`curl: ${parsed.error}\ncurl: try 'curl --help' or 'curl --manual' for more information\n`);
    return 2;
  }
  const [target] = parsed.operands;
  if (target === undefined) {
    io.err("curl: try 'curl --help' or 'curl --manual' for more information\n");
    return 2;
  }
  const has = (o: string) => parsed.options.has(o);
  const silent = has('s');
  const showErrors = !silent || has('S');
  const verbose = has('v');
  const meter = !silent;
  const start = meter ? METER_HEAD : '';
  const fail = (code: number, message: string, elapsedMs: number, httpCode = '000'): number => {
    if (meter) io.err(`${start}${meterLine(0, 0, elapsedMs)}\n`);
    if (showErrors) io.err(`curl: (${code}) ${message}\n`);
    const format = last(parsed, 'w');
    if (format !== undefined)
      io.out(writeOut(format, { http_code: httpCode, size_download: '0', remote_ip: '' }));
    return code;
  };
  const url = parseUrl(target);
  if (url === null) {
    const scheme = /^([a-zA-Z][\w+.-]*):\/\//.exec(target)?.[1];
    return fail(
      scheme === undefined ? 3 : 1,
      scheme === undefined ? 'URL rejected: No host part in the URL' : `Protocol "${scheme}" not supported`,
      0,
    );
  }
  const limits = [last(parsed, 'm'), last(parsed, 'c')]
    .map((v) => Number(v))
    .filter((v) => Number.isFinite(v) && v > 0)
    .map((v) => v * 1000);
  const limitMs = limits.length === 0 ? null : Math.min(...limits);
  const head = has('I');
  const method = last(parsed, 'X') ?? (head ? 'HEAD' : 'GET');
  const request = requestFor(parsed, method, url.path, url.hostHeader);
  const conn = ctx.network?.connect(url.host, url.port, 'TCP', causeOf(ctx), request);
  if (conn === undefined || conn.error === 'bad-address') {
    const waited = conn?.dnsTimeout === true ? DNS_TIMEOUT_MS : 1;
    if (limitMs !== null && limitMs < waited) {
      yield { sleepMs: limitMs };
      return fail(28, `Resolving timed out after ${limitMs + 1} milliseconds`, limitMs);
    }
    yield { sleepMs: waited };
    return fail(6, `Could not resolve host: ${url.host}`, waited);
  }
  const address = conn.address ?? '';
  if (verbose) {
    if (address !== url.host)
      io.err(`* Host ${url.host}:${url.port} was resolved.\n* IPv6: (none)\n* IPv4: ${address}\n`);
    io.err(`*   Trying ${address}:${url.port}...\n`);
  }
  if (conn.error !== null) {
    const failed = (ms: number) =>
      `Failed to connect to ${url.host} port ${url.port} after ${ms} ms: Could not connect to server`;
    if (conn.error === 'refused') {
      yield { sleepMs: 1 };
      return fail(7, failed(1), 1);
    }
    const after = conn.error === 'no-route' ? NO_ROUTE_MS : SYN_TIMEOUT_MS;
    if (limitMs !== null && limitMs < after) {
      yield { sleepMs: limitMs };
      return fail(28, `Connection timed out after ${limitMs + 1} milliseconds`, limitMs);
    }
    yield { sleepMs: after };
    return fail(conn.error === 'no-route' ? 7 : 28, failed(after), after);
  }
  yield { sleepMs: ROUND_TRIP_MS };
  if (verbose) {
    io.err(`* Connected to ${url.host} (${address}) port ${url.port}\n* using HTTP/1.x\n`);
    io.err(responseOrRequest(`${method} ${url.path} HTTP/1.1`, request.headers, '>'));
    io.err('* Request completely sent off\n');
  }
  const served = conn.served;
  const res = served?.listening === true ? served.response : null;
  if (res === null) {
    const reset = served?.listening === true && served.raw === '';
    return reset
      ? fail(56, 'Recv failure: Connection reset by peer', ROUND_TRIP_MS)
      : fail(1, 'Received HTTP/0.9 when not allowed', ROUND_TRIP_MS);
  }
  if (verbose) io.err(responseOrRequest(`HTTP/1.1 ${res.status} ${res.reason}`, res.headers, '<'));
  return finish(parsed, res, { host: url.host, address }, start, io, showErrors);
}

/** `> GET / HTTP/1.1` lines of -v, and the blank line after the headers. */
function responseOrRequest(first: string, headers: readonly HeaderField[], mark: string): string {
  return [first, ...headers.map(([n, v]) => `${n}: ${v}`), ''].map((l) => `${mark} ${l}\n`).join('');
}

function finish(
  parsed: Parsed,
  res: HttpResponse,
  peer: { readonly host: string; readonly address: string },
  meterHead: string,
  io: ToolIo,
  showErrors: boolean,
): number {
  const has = (o: string) => parsed.options.has(o);
  const size = byteLength(res.body);
  const failing = has('f') && res.status >= 400;
  if (meterHead !== '') io.err(`${meterHead}${meterLine(size, failing ? 0 : size, ROUND_TRIP_MS)}\n`);
  if (failing) {
    if (showErrors) io.err(`curl: (22) The requested URL returned error: ${res.status}\n`);
    return 22;
  }
  const head = has('I') || has('i') ? responseHead(res) : '';
  const content = head + (has('I') ? '' : res.body);
  const output = last(parsed, 'o');
  if (output === undefined || output === '-') io.out(content);
  else if (output !== '/dev/null') {
    const failed = io.writeFile(output, content);
    if (failed !== null) {
      io.err(`curl: (23) Failure writing output to destination, passed ${size} returned 0\n`);
      return 23;
    }
  }
  const format = last(parsed, 'w');
  if (format !== undefined)
    io.out(
      writeOut(format, {
        http_code: String(res.status),
        size_download: String(size),
        remote_ip: peer.address,
      }),
    );
  if (has('v')) io.err(`* Connection #0 to host ${peer.host} left intact\n`);
  return 0;
}
