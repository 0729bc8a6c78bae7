/**
 * The network clients the simulated images carry (which image has which: catalog.ts): busybox's
 * `wget`, `nslookup`, `ping` and `nc`, and curl 8. They run inside the container shell
 * (cri/shell.ts) and reach the cluster through the pod's network (`PodNetwork`), so every
 * lookup and connection is a chain of trace steps. Time passes as it would for the real tool:
 * a refused connection fails at once, a dropped one after the kernel's SYN retries (127 s) or
 * the tool's own timeout, an unanswered DNS query after the resolver's.
 */
import type { ShellContext, Wait } from '../../cri/shell';
import { curl } from './curl';
import { nc, nslookup, ping } from './netutils';
import { wget } from './wget';

/** Where a tool writes: stdout (shell redirects applied), stderr, and files (null: written). */
export interface ToolIo {
  out(text: string): void;
  err(text: string): void;
  /**
   * Writes a file in the container (`exclusive`: only if it does not exist yet); returns
   * strerror's text when it cannot.
   */
  writeFile(path: string, content: string, exclusive?: boolean): string | null;
}

/** A tool run: yields waits to the shell's driver, returns the exit code. */
export type ToolRun = Generator<Wait, number, string | null>;

type Tool = (args: readonly string[], ctx: ShellContext, io: ToolIo) => ToolRun;

const TOOLS: Readonly<Record<string, Tool>> = { wget, curl, nslookup, ping, nc };

/** Whether `name` is one of the network tools (the image decides whether it has it). */
export function isNetTool(name: string): boolean {
  return Object.hasOwn(TOOLS, name);
}

/** Runs a network tool; argv[0] names it. */
export function* runNetTool(argv: readonly string[], ctx: ShellContext, io: ToolIo): ToolRun {
  const name = argv[0] ?? '';
  const tool = TOOLS[name.slice(name.lastIndexOf('/') + 1)];
  if (tool === undefined) return 127;
  return yield* tool(argv.slice(1), ctx, io);
}

/** How long the kernel keeps retrying a SYN nobody answers (tcp_syn_retries=6: 1+2+...+64 s). */
export const SYN_TIMEOUT_MS = 127_000;

/** How long getaddrinfo waits for a nameserver that never answers (timeout 5 s, 2 attempts). */
export const DNS_TIMEOUT_MS = 10_000;

/** How long the kernel waits for ARP before "No route to host". */
export const NO_ROUTE_MS = 3_000;

/** A request's round trip inside the cluster, in ms. */
export const ROUND_TRIP_MS = 2;

/** A URL as wget and curl split it: `http://web:8080/x?y`, or a bare `web/x`. */
export interface Url {
  readonly scheme: 'http' | 'https';
  readonly host: string;
  readonly port: number;
  /** `/x?y` (always starting with `/`). */
  readonly path: string;
  /** `web:8080` as the Host header carries it (the port only when given). */
  readonly hostHeader: string;
}

/** Parses a URL (http assumed without a scheme); null for other schemes or no host. */
export function parseUrl(text: string): Url | null {
  const match = /^(?:([a-zA-Z][a-zA-Z0-9+.-]*):\/\/)?([^/:?#]*)(?::(\d+))?([^#]*)/.exec(text);
  if (match === null) return null;
  const [, scheme = 'http', host = '', port, rest = ''] = match;
  const lower = scheme.toLowerCase();
  if ((lower !== 'http' && lower !== 'https') || host === '') return null;
  const path = rest === '' ? '/' : rest.startsWith('/') ? rest : `/${rest}`;
  return {
    scheme: lower,
    host,
    port: port === undefined ? (lower === 'https' ? 443 : 80) : Number(port),
    path,
    hostHeader: port === undefined ? host : `${host}:${port}`,
  };
}

/** The trace step a tool's packets follow: the process's cause. */
export function causeOf(ctx: ShellContext): number | null {
  return ctx.cause ?? null;
}
