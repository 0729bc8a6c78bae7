/**
 * The contract of an image's own server process (nginx, httpd, redis...): what it prints and
 * when it listens after it starts, whether it exits on its own, and how it answers a request.
 * The runtime (cri/serving.ts) plays it on the virtual clock.
 */
import type { HttpRequest, HttpResponse } from './http';

export type OutputStream = 'stdout' | 'stderr';

/** A line the process writes `afterMs` after it started. */
export interface TimedLine {
  readonly afterMs: number;
  readonly stream: OutputStream;
  readonly text: string;
}

/** A socket the process listens on, from `afterMs` after it started. */
export interface Listen {
  readonly port: number;
  readonly protocol: 'TCP' | 'UDP';
  readonly afterMs: number;
}

/** What the process does once started. */
export interface ServerRun {
  readonly output: readonly TimedLine[];
  readonly listens: readonly Listen[];
  /** The process exits on its own (a crash, a missing setting), with this code after this long. */
  readonly exit?: { readonly code: number; readonly afterMs: number };
}

/** What the process sees of its container when it starts. */
export interface ServerContext {
  readonly env: Readonly<Record<string, string>>;
  /** The pod IP (null on the host network: then the node's). */
  readonly podIP: string | null;
  /** Wall-clock ms since the Unix epoch (virtual) at start. */
  readonly wallMs: number;
}

/** One request reaching the server. */
export interface Exchange {
  readonly port: number;
  /** The address and port the connection came from (after any masquerade). */
  readonly clientIP: string;
  readonly clientPort: number;
  readonly request: HttpRequest;
  /** Wall-clock ms (virtual) when it arrives. */
  readonly wallMs: number;
  /** The server's own address, as a server without a name reports itself. */
  readonly serverIP: string;
  /** How many connections the process has accepted, this one included (nginx's `*N`). */
  readonly connection: number;
}

/** How the server answered: an HTTP response, or for other protocols the bytes it wrote back. */
export interface Answer {
  /** Null when the server does not speak HTTP. */
  readonly response: HttpResponse | null;
  /** A non-HTTP server's reply to the request's bytes ('' when it just closed the connection). */
  readonly raw: string;
  /** Lines the server logs about it (access log, error log). */
  readonly log: readonly { readonly stream: OutputStream; readonly text: string }[];
}

/** An image's server. */
export interface ServerBehaviour {
  /** Commands that run this server when a pod spec names them (`nginx`, `redis-server`). */
  readonly binaries: readonly string[];
  start(ctx: ServerContext): ServerRun;
  answer(exchange: Exchange): Answer;
}

/** Lines printed all at once, `afterMs` after start. */
export function linesAt(
  afterMs: number,
  stream: OutputStream,
  lines: readonly string[],
): readonly TimedLine[] {
  return lines.map((text) => ({ afterMs, stream, text }));
}
