/**
 * Reading log streams as `kubectl logs` does: one GET of `pods/<name>/log` per source (a
 * streamed one with `follow`), written line by line (each line with a `[pod/<pod>/<container>] `
 * prefix when asked), one source after another, or all at once when following several.
 */
import type { RestClient } from '../client/rest';
import type { Streams } from '../io/output';
import type { LogSource } from './sources';

/** PodLogOptions, as the query parameters of the log request. */
export interface LogQuery {
  readonly follow: boolean;
  readonly previous: boolean;
  readonly timestamps: boolean;
  readonly tailLines?: number;
  readonly limitBytes?: number;
  readonly sinceSeconds?: number;
  /** RFC 3339, seconds precision. */
  readonly sinceTime?: string;
}

/** How the sources are read and written. */
export interface ReadOptions {
  readonly query: LogQuery;
  readonly prefix: boolean;
  /** `--ignore-errors`: a failed source prints `error: ...` and the others go on. */
  readonly ignoreErrors: boolean;
  /** Ctrl-C: followed streams end. */
  readonly signal: AbortSignal;
}

function logPath(source: LogSource): string {
  return `/api/v1/namespaces/${encodeURIComponent(source.namespace)}/pods/${encodeURIComponent(source.pod)}/log`;
}

function queryOf(source: LogSource, query: LogQuery): Record<string, string[]> {
  const q: Record<string, string[]> = { container: [source.container] };
  if (query.follow) q.follow = ['true'];
  if (query.previous) q.previous = ['true'];
  if (query.timestamps) q.timestamps = ['true'];
  if (query.tailLines !== undefined) q.tailLines = [String(query.tailLines)];
  if (query.limitBytes !== undefined) q.limitBytes = [String(query.limitBytes)];
  if (query.sinceSeconds !== undefined) q.sinceSeconds = [String(query.sinceSeconds)];
  if (query.sinceTime !== undefined) q.sinceTime = [query.sinceTime];
  return q;
}

/** Writes text a line at a time (the last, unterminated, one at the end), each with `prefix`. */
class LineWriter {
  #pending = '';
  constructor(
    private readonly prefix: string,
    private readonly write: (text: string) => void,
  ) {}

  push(text: string): void {
    const lines = (this.#pending + text).split('\n');
    this.#pending = lines.pop() ?? '';
    for (const line of lines) this.write(`${this.prefix}${line}\n`);
  }

  end(): void {
    if (this.#pending !== '') this.write(`${this.prefix}${this.#pending}`);
    this.#pending = '';
  }
}

/** Reads one source to its end (or Ctrl-C when following). */
async function consume(
  client: RestClient,
  source: LogSource,
  options: ReadOptions,
  write: (text: string) => void,
  signal: AbortSignal,
): Promise<void> {
  const prefix = options.prefix ? `[pod/${source.pod}/${source.container}] ` : '';
  const lines = new LineWriter(prefix, write);
  const spec = { path: logPath(source), query: queryOf(source, options.query) };
  try {
    if (options.query.follow) await client.stream(spec, (text) => lines.push(text), signal);
    else lines.push((await client.request(spec)).body);
  } finally {
    lines.end();
  }
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Reads every source and writes its lines to stdout: in order, or (following several
 * sources) all at once, lines interleaved as they arrive. Throws the first failure unless
 * errors are ignored.
 */
export async function readLogs(
  client: RestClient,
  sources: readonly LogSource[],
  options: ReadOptions,
  out: Streams,
): Promise<void> {
  // The first failure ends the other streams (kubectl closes their pipe with the error).
  const stop = new AbortController();
  const signal = AbortSignal.any([stop.signal, options.signal]);
  const write = (text: string) => !stop.signal.aborted && out.stdout(text);
  const guarded = async (source: LogSource) => {
    try {
      await consume(client, source, options, write, signal);
    } catch (error) {
      if (!options.ignoreErrors) {
        stop.abort();
        throw error;
      }
      write(`error: ${messageOf(error)}\n`);
    }
  };
  if (options.query.follow && sources.length > 1) {
    await Promise.all(sources.map(guarded));
    return;
  }
  for (const source of sources) await guarded(source);
}
