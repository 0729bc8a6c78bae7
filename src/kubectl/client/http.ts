/**
 * The HTTP transport: requests go to an apiserver URL with `fetch` (Node's or a
 * browser's), authenticated with a bearer token, as kubectl sends them. Watches arrive as a
 * chunked body of newline-delimited JSON events; exec and attach upgrade to a WebSocket the
 * host opens. The differential test uses it to run the in-page kubectl against the same
 * served cluster as the real kubectl.
 */
import { openRemoteCommand, type WebSocketConnector } from './remotecommand';
import {
  ConnectionError,
  encodeQuery,
  type RestRequest,
  type RestResponse,
  type StreamSession,
  type Transport,
} from './transport';

/** A Transport to an apiserver over HTTP. */
export class HttpTransport implements Transport {
  readonly #server: string;
  readonly #token: string | undefined;
  readonly #webSocket: WebSocketConnector | undefined;

  /**
   * `server` is the apiserver's base URL (`http://127.0.0.1:6443`); `webSocket` opens the
   * WebSockets of exec and attach (without it they cannot connect).
   */
  constructor(server: string, token?: string, options: { readonly webSocket?: WebSocketConnector } = {}) {
    this.#server = server.replace(/\/$/, '');
    this.#token = token;
    this.#webSocket = options.webSocket;
  }

  connect(request: RestRequest): Promise<{ readonly session: StreamSession } | RestResponse> {
    const query = encodeQuery(request.query);
    const url = `${this.#server.replace(/^http/, 'ws')}${request.path}${query === '' ? '' : `?${query}`}`;
    if (this.#webSocket === undefined)
      return Promise.reject(new ConnectionError(`Unable to connect to the server: no WebSocket for ${url}`));
    // The socket makes its own upgrade headers.
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(request.headers))
      if (k !== 'upgrade' && k !== 'connection') headers[k] = v;
    if (this.#token !== undefined) headers.authorization = `Bearer ${this.#token}`;
    return openRemoteCommand(this.#webSocket, url, headers);
  }

  async send(request: RestRequest, signal?: AbortSignal): Promise<RestResponse> {
    const response = await this.#fetch(request, signal);
    return { status: response.status, headers: headersOf(response), body: await response.text() };
  }

  async stream(
    request: RestRequest,
    onChunk: (text: string) => void,
    signal: AbortSignal,
  ): Promise<RestResponse> {
    const response = await this.#fetch(request, signal);
    const headers = headersOf(response);
    if (response.status !== 200 || response.body === null)
      return { status: response.status, headers, body: await response.text() };
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        const text = decoder.decode(value, { stream: true });
        if (text !== '') onChunk(text);
      }
    } catch (error) {
      if (!signal.aborted) throw error;
    }
    return { status: response.status, headers, body: '' };
  }

  async #fetch(request: RestRequest, signal: AbortSignal | undefined): Promise<Response> {
    const query = encodeQuery(request.query);
    const url = `${this.#server}${request.path}${query === '' ? '' : `?${query}`}`;
    const headers: Record<string, string> = { ...request.headers };
    if (this.#token !== undefined) headers.authorization = `Bearer ${this.#token}`;
    try {
      return await fetch(url, {
        method: request.method,
        headers,
        ...(request.body === undefined ? {} : { body: request.body }),
        ...(signal === undefined ? {} : { signal }),
      });
    } catch (error) {
      if (signal?.aborted) throw error;
      throw connectionError(url, error);
    }
  }
}

function headersOf(response: Response): Record<string, string> {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, key) => (headers[key.toLowerCase()] = value));
  return headers;
}

/** kubectl's messages for a server it cannot reach. */
function connectionError(url: string, error: unknown): ConnectionError {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  const code = (cause as { code?: unknown } | null)?.code;
  const message = cause instanceof Error ? cause.message : String(cause);
  if (code === 'ECONNREFUSED')
    return new ConnectionError(
      `The connection to the server ${new URL(url).host} was refused - did you specify the right host or port?`,
    );
  return new ConnectionError(`Unable to connect to the server: ${message}`);
}
