/**
 * busybox's smaller network tools: `nslookup [-type=T] NAME [SERVER]` (networking/nslookup.c:
 * 5 s for servers that never answer), `ping [-c N] [-W SEC] [-w SEC] [-q] HOST` (one echo a
 * second, busybox's reply lines and statistics, exit 1 without replies) and `nc [-z] [-v] [-u]
 * [-w SEC] HOST PORT` (nc_bloaty: -z only connects; -v reports `HOST (ADDR:PORT) open`; without
 * -z it sends stdin, read to EOF, and prints what the server answers).
 */
import type { ShellContext } from '../../cri/shell';
import type { LookupType } from '../../cri/types';
import { responseHead, type HttpRequest } from '../http';
import { getopt, last } from './getopt';
import {
  causeOf,
  DNS_TIMEOUT_MS,
  NO_ROUTE_MS,
  ROUND_TRIP_MS,
  SYN_TIMEOUT_MS,
  type ToolIo,
  type ToolRun,
} from './index';

const LOOKUP_TYPES: readonly LookupType[] = ['A', 'AAAA', 'CNAME', 'PTR', 'SRV'];

/** How long busybox nslookup waits for an answer in all (its default timeout). */
const NSLOOKUP_TIMEOUT_MS = 5_000;

export function* nslookup(args: readonly string[], ctx: ShellContext, io: ToolIo): ToolRun {
  let type: LookupType | undefined;
  const operands: string[] = [];
  for (const arg of args) {
    const option = /^-(?:type|querytype|query|q|t)=(.*)$/i.exec(arg);
    if (option === null) {
      operands.push(arg);
      continue;
    }
    const wanted = (option[1] ?? '').toUpperCase() as LookupType;
    if (!LOOKUP_TYPES.includes(wanted)) {
      io.err(`nslookup: invalid query type "${option[1] ?? ''}"\n`);
      return 1;
    }
    type = wanted;
  }
  const [name, server] = operands;
  if (name === undefined) {
    io.err('Usage: nslookup [-type=QUERY_TYPE] [-debug] HOST [DNS_SERVER]\n');
    return 1;
  }
  const network = ctx.network;
  if (network === undefined) {
    yield { sleepMs: NSLOOKUP_TIMEOUT_MS };
    io.out(';; connection timed out; no servers could be reached\n\n');
    return 1;
  }
  const result = network.nslookup(name, causeOf(ctx), {
    ...(server === undefined ? {} : { server }),
    ...(type === undefined ? {} : { type }),
  });
  yield { sleepMs: result.timedOut ? NSLOOKUP_TIMEOUT_MS : ROUND_TRIP_MS };
  io.out(result.output);
  return result.exitCode;
}

/** A round-trip time in µs that varies from echo to echo, deterministically. */
function rttMicros(ttl: number, seq: number): number {
  const base = ttl >= 63 ? 60 : 250;
  return base + ((seq * 37 + 11) % 40) * (ttl >= 63 ? 1 : 4);
}

const millis = (us: number) => `${Math.floor(us / 1000)}.${String(us % 1000).padStart(3, '0')}`;

export function* ping(args: readonly string[], ctx: ShellContext, io: ToolIo): ToolRun {
  const parsed = getopt(args, { flags: 'qvAn4', withArg: 'cstwWIpi', long: {} });
  if ('error' in parsed || parsed.operands.length !== 1) {
    io.err(`${'error' in parsed ? `ping: ${parsed.error}\n` : ''}Usage: ping [OPTIONS] HOST\n`);
    return 1;
  }
  const host = parsed.operands[0] ?? '';
  const count = Number(last(parsed, 'c') ?? 0);
  const deadlineMs = Number(last(parsed, 'w') ?? 0) * 1000;
  const waitMs = Number(last(parsed, 'W') ?? 10) * 1000;
  const quiet = parsed.options.has('q');
  const first = ctx.network?.ping(host, causeOf(ctx));
  if (first === undefined || first.address === null) {
    io.err(`ping: bad address '${host}'\n`);
    return 1;
  }
  io.out(`PING ${host} (${first.address}): 56 data bytes\n`);
  const rtts: number[] = [];
  let sent = 0;
  let elapsed = 0;
  const stats = () => {
    const received = rtts.length;
    const loss = sent === 0 ? 0 : Math.floor(((sent - received) * 100) / sent);
    let text = `\n--- ${host} ping statistics ---\n${sent} packets transmitted, ${received} packets received, ${loss}% packet loss\n`;
    if (received > 0) {
      const avg = Math.floor(rtts.reduce((a, b) => a + b, 0) / received);
      text += `round-trip min/avg/max = ${millis(Math.min(...rtts))}/${millis(avg)}/${millis(Math.max(...rtts))} ms\n`;
    }
    io.out(text);
    return received === 0 || (deadlineMs > 0 && count > 0 && received < count) ? 1 : 0;
  };
  for (;;) {
    if (deadlineMs > 0 && elapsed >= deadlineMs) return stats();
    const echo = sent === 0 ? first : (ctx.network?.ping(host, causeOf(ctx)) ?? first);
    const seq = sent++;
    if (echo.reply) {
      const us = rttMicros(echo.ttl, seq);
      rtts.push(us);
      if (!quiet)
        io.out(`64 bytes from ${first.address}: seq=${seq} ttl=${echo.ttl} time=${millis(us)} ms\n`);
    }
    if (count > 0 && sent >= count) {
      if (rtts.length < count)
        yield { sleepMs: deadlineMs > 0 ? Math.min(waitMs, deadlineMs - elapsed) : waitMs };
      return stats();
    }
    yield { sleepMs: 1000 };
    elapsed += 1000;
  }
}

/** A request nc's stdin carries, when it is HTTP (`GET / HTTP/1.0` then header lines). */
function httpFrom(input: string): HttpRequest | undefined {
  const [line = '', ...rest] = input.split(/\r?\n/);
  const match = /^([A-Z]+) (\S+) HTTP\/1\.[01]$/.exec(line);
  if (match === null) return undefined;
  const headers = rest
    .filter((l) => l.includes(':'))
    .map((l) => [l.slice(0, l.indexOf(':')).trim(), l.slice(l.indexOf(':') + 1).trim()] as const);
  return { method: match[1] ?? 'GET', path: match[2] ?? '/', headers };
}

export function* nc(args: readonly string[], ctx: ShellContext, io: ToolIo): ToolRun {
  const parsed = getopt(args, { flags: 'zvun', withArg: 'wpsi', long: {} });
  if ('error' in parsed || parsed.operands.length < 2) {
    io.err(`${'error' in parsed ? `nc: ${parsed.error}\n` : ''}Usage: nc [OPTIONS] HOST PORT  - connect\n`);
    return 1;
  }
  const [host = '', portText = ''] = parsed.operands;
  const port = Number(portText);
  const verbose = parsed.options.get('v')?.length ?? 0;
  const waitMs = Number(last(parsed, 'w') ?? 0) * 1000;
  let input = '';
  if (!parsed.options.has('z'))
    for (let chunk = yield { read: true }; chunk !== null; chunk = yield { read: true }) input += chunk;
  const http = httpFrom(input);
  const protocol = parsed.options.has('u') ? 'UDP' : 'TCP';
  const conn = ctx.network?.connect(host, port, protocol, causeOf(ctx), http);
  if (conn === undefined || conn.error === 'bad-address') {
    yield { sleepMs: conn?.dnsTimeout === true ? DNS_TIMEOUT_MS : ROUND_TRIP_MS };
    io.err(`nc: bad address '${host}'\n`);
    return 1;
  }
  const where = `${host} (${conn.address ?? host}:${port})`;
  if (conn.error !== null) {
    const [after, why] =
      conn.error === 'refused'
        ? [ROUND_TRIP_MS, 'Connection refused']
        : conn.error === 'no-route'
          ? [NO_ROUTE_MS, 'No route to host']
          : [SYN_TIMEOUT_MS, 'Connection timed out'];
    const timedOut = waitMs > 0 && waitMs < after;
    yield { sleepMs: timedOut ? waitMs : after };
    if (verbose > 1 || (verbose > 0 && conn.error !== 'refused'))
      io.err(`nc: ${where}: ${timedOut ? 'Connection timed out' : why}\n`);
    return 1;
  }
  yield { sleepMs: ROUND_TRIP_MS };
  if (verbose > 0) io.err(`${where} open\n`);
  const served = conn.served;
  if (served?.listening === true)
    io.out(served.response === null ? served.raw : responseHead(served.response) + served.response.body);
  return 0;
}
