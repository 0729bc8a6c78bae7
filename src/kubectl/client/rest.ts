/**
 * kubectl's REST client (client-go's rest.Request, as kubectl configures it): adds the
 * headers and the `timeout` parameter every request carries, turns failures into
 * StatusErrors as client-go does, prints the server's warnings (`Warning: ...`), logs each
 * request at `-v=6` and above, and decodes watch streams into events.
 */
import type { Status, StreamSession, WatchEvent } from '../../sim/apiserver/types';
import { StatusError } from '../errors';
import { genericStatus, type Target } from './status';
import {
  encodeQuery,
  type HttpMethod,
  type RestRequest,
  type RestResponse,
  type Transport,
} from './transport';
import { klogLine } from './klog';

/** What a REST client is built from: the transport and the run's settings. */
export interface RestClientOptions {
  readonly transport: Transport;
  /** The server URL from the kubeconfig, for logs. */
  readonly server: string;
  /** `--request-timeout` as a Go duration (`5s`); undefined when not set. */
  readonly timeout?: string;
  /** `-v`: at 6 and above every request is logged to stderr. */
  readonly verbosity: number;
  /** Writes a line of diagnostics to stderr (warnings, logs). */
  readonly stderr: (text: string) => void;
  /** Wall-clock time in epoch ms, for log timestamps. */
  readonly now: () => number;
  /** Aborted by Ctrl-C. */
  readonly signal: AbortSignal;
  /** Headers every request carries (impersonation: `Impersonate-User`...). */
  readonly headers?: Readonly<Record<string, string>>;
}

/** A request as commands describe it: only the path is required. */
export interface RequestSpec {
  readonly method?: HttpMethod;
  readonly path: string;
  readonly query?: Readonly<Record<string, readonly string[]>>;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
  /** The resource and name the request is about, for messages of errors without a Status. */
  readonly target?: Target;
  /** The timeout used when `--request-timeout` is not set (discovery uses 32s). */
  readonly defaultTimeout?: string;
}

/** The User-Agent kubectl v1.32 sends. */
const USER_AGENT = 'kubectl/v1.32.4 (linux/amd64) kubernetes/59526cd';

const STATUS_TEXT: Readonly<Record<number, string>> = {
  101: 'Switching Protocols',
  200: 'OK',
  201: 'Created',
  202: 'Accepted',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  409: 'Conflict',
  410: 'Gone',
  413: 'Request Entity Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

/** The REST client one command run uses: every API request kubectl makes goes through it. */
export class RestClient {
  readonly #options: RestClientOptions;
  readonly #warned = new Set<string>();

  constructor(options: RestClientOptions) {
    this.#options = options;
  }

  /** Sends a request; a response outside 2xx throws a StatusError. */
  async request(spec: RequestSpec): Promise<RestResponse> {
    const request = this.#build(spec);
    const started = this.#options.now();
    const response = await this.#options.transport.send(request, this.#options.signal);
    this.#after(request, response, started);
    if (response.status < 200 || response.status > 299) throw toStatusError(spec, response);
    return response;
  }

  /** Sends a request and decodes its JSON body. */
  async json<T>(spec: RequestSpec): Promise<T> {
    const response = await this.request(spec);
    return JSON.parse(response.body) as T;
  }

  /**
   * Opens a watch and calls `onEvent` for each event until the server ends the stream or
   * `signal` (by default the run's Ctrl-C) aborts it. A failed request throws a StatusError.
   */
  async watch(
    spec: RequestSpec,
    onEvent: (event: WatchEvent) => void,
    signal: AbortSignal = this.#options.signal,
  ): Promise<void> {
    const request = this.#build(spec);
    const started = this.#options.now();
    let pending = '';
    const response = await this.#options.transport.stream(
      request,
      (text) => {
        pending += text;
        let newline: number;
        while ((newline = pending.indexOf('\n')) >= 0) {
          const line = pending.slice(0, newline).trim();
          pending = pending.slice(newline + 1);
          if (line !== '') onEvent(JSON.parse(line) as WatchEvent);
        }
      },
      signal,
    );
    this.#after(request, response, started);
    if (response.status !== 200) throw toStatusError(spec, response);
  }

  /**
   * Sends a request whose body streams as text (a followed log) and calls `onChunk` with
   * each piece until the server ends it or `signal` (by default the run's Ctrl-C) aborts
   * it. A failed request throws a StatusError.
   */
  async stream(
    spec: RequestSpec,
    onChunk: (text: string) => void,
    signal: AbortSignal = this.#options.signal,
  ): Promise<void> {
    const request = this.#build(spec);
    const started = this.#options.now();
    const response = await this.#options.transport.stream(request, onChunk, signal);
    this.#after(request, response, started);
    if (response.status < 200 || response.status > 299) throw toStatusError(spec, response);
    if (response.body !== '') onChunk(response.body);
  }

  /**
   * Opens an exec or attach session (an upgraded connection). A refused upgrade throws a
   * StatusError.
   */
  async connect(spec: RequestSpec): Promise<StreamSession> {
    const request = this.#build({
      ...spec,
      headers: { ...spec.headers, connection: 'Upgrade', upgrade: 'websocket' },
    });
    const started = this.#options.now();
    const answer = await this.#options.transport.connect(request);
    const response = 'session' in answer ? { status: 101, headers: {}, body: '' } : answer;
    this.#after(request, response, started);
    if ('session' in answer) return answer.session;
    throw toStatusError(spec, answer);
  }

  #build(spec: RequestSpec): RestRequest {
    const timeout = this.#options.timeout ?? spec.defaultTimeout;
    const query = { ...spec.query, ...(timeout === undefined ? {} : { timeout: [timeout] }) };
    return {
      method: spec.method ?? 'GET',
      path: spec.path,
      query,
      headers: {
        accept: 'application/json, */*',
        'user-agent': USER_AGENT,
        ...this.#options.headers,
        ...spec.headers,
      },
      ...(spec.body === undefined ? {} : { body: spec.body }),
    };
  }

  #after(request: RestRequest, response: RestResponse, started: number): void {
    if (this.#options.verbosity >= 6) {
      const query = encodeQuery(request.query);
      const url = `${this.#options.server}${request.path}${query === '' ? '' : `?${query}`}`;
      const status = `${response.status} ${STATUS_TEXT[response.status] ?? ''}`.trim();
      const ms = Math.max(0, Math.round(this.#options.now() - started));
      this.#options.stderr(
        klogLine(
          this.#options.now(),
          'round_trippers.go:560',
          `${request.method} ${url} ${status} in ${ms} milliseconds`,
        ),
      );
    }
    for (const warning of parseWarnings(response.headers.warning ?? '')) {
      if (this.#warned.has(warning)) continue;
      this.#warned.add(warning);
      this.#options.stderr(`Warning: ${warning}\n`);
    }
  }
}

/** The texts of a `Warning` header: `299 - "text"` entries, comma-separated. */
export function parseWarnings(header: string): string[] {
  const warnings: string[] = [];
  for (const match of header.matchAll(/\d{3} \S+ ("(?:[^"\\]|\\.)*")/g))
    warnings.push(JSON.parse(match[1] ?? '""') as string);
  return warnings;
}

/** The error for a failed response: its Status, or one client-go makes up for the status code. */
function toStatusError(spec: RequestSpec, response: RestResponse): StatusError {
  let decoded: Partial<Status> | undefined;
  try {
    decoded = JSON.parse(response.body) as Partial<Status>;
  } catch {
    decoded = undefined;
  }
  if (decoded?.kind === 'Status' && decoded.status === 'Failure') return new StatusError(decoded as Status);
  const text = (response.headers['content-type'] ?? '').startsWith('text/')
    ? response.body.trim()
    : 'unknown';
  return new StatusError(genericStatus(response.status, spec.method ?? 'GET', spec.target, text));
}
