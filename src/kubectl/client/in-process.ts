/**
 * The in-page transport: requests go straight to the simulated apiserver in the same
 * worker, from the client `kubectl`, so each one is a step in the trace. Responses are
 * encoded as they would be on the wire (JSON text, newline-delimited watch events), so
 * the rest of kubectl cannot tell this transport from HTTP; exec and attach sessions are
 * the apiserver's own, with the channels a WebSocket would carry.
 */
import type { ApiRequest, ApiResponse } from '../../sim/apiserver/types';
import type { RestRequest, RestResponse, StreamSession, Transport } from './transport';

/** What the transport needs of the apiserver: its request handler. */
export interface RequestHandler {
  handle(request: ApiRequest): ApiResponse;
}

/** The topology id of the in-page kubectl, the `from` of its trace steps. */
export const KUBECTL_CLIENT_ID = 'kubectl';

/** A Transport to an apiserver in the same process (the simulated one, in the worker). */
export class InProcessTransport implements Transport {
  readonly #server: RequestHandler;
  readonly #client: string;

  constructor(server: RequestHandler, client = KUBECTL_CLIENT_ID) {
    this.#server = server;
    this.#client = client;
  }

  send(request: RestRequest): Promise<RestResponse> {
    const response = this.#handle(request);
    if ('watch' in response || 'stream' in response) {
      if ('watch' in response) response.watch.close();
      else response.stream.close();
      return Promise.reject(new Error(`${request.path}: a streaming response to a plain request`));
    }
    return Promise.resolve(whole(response));
  }

  stream(request: RestRequest, onChunk: (text: string) => void, signal: AbortSignal): Promise<RestResponse> {
    const response = this.#handle(request);
    if (!('watch' in response) && !('stream' in response)) return Promise.resolve(whole(response));
    const source = 'watch' in response ? response.watch : response.stream;
    const done = { status: response.status, headers: response.headers, body: '' };
    return new Promise((resolve) => {
      let ended = false;
      const end = () => {
        if (ended) return;
        ended = true;
        signal.removeEventListener('abort', abort);
        resolve(done);
      };
      const abort = () => {
        source.close();
        end();
      };
      if (signal.aborted) return abort();
      signal.addEventListener('abort', abort);
      if ('watch' in response)
        response.watch.start((event) => {
          if (!ended) onChunk(`${JSON.stringify(event)}\n`);
        }, end);
      else
        response.stream.start((text) => {
          if (!ended) onChunk(text);
        }, end);
    });
  }

  connect(request: RestRequest): Promise<{ readonly session: StreamSession } | RestResponse> {
    const response = this.#handle(request);
    if ('session' in response) return Promise.resolve({ session: response.session });
    if ('watch' in response) response.watch.close();
    if ('stream' in response) response.stream.close();
    if ('watch' in response || 'stream' in response)
      return Promise.reject(new Error(`${request.path}: a streaming response to an upgrade request`));
    return Promise.resolve(whole(response));
  }

  #handle(request: RestRequest): ApiResponse {
    return this.#server.handle({
      method: request.method,
      path: request.path,
      query: request.query,
      headers: request.headers,
      ...(request.body === undefined ? {} : { body: request.body }),
      client: this.#client,
    });
  }
}

/** A non-streaming response as it would arrive over HTTP. */
function whole(response: ApiResponse): RestResponse {
  if ('session' in response) {
    // exec and attach are upgrades: a plain request is refused, as over HTTP.
    response.session.close();
    return { status: 400, headers: { 'content-type': 'text/plain' }, body: 'Upgrade request required' };
  }
  if ('text' in response) return { status: response.status, headers: response.headers, body: response.text };
  if ('body' in response)
    return { status: response.status, headers: response.headers, body: JSON.stringify(response.body) };
  throw new Error('unexpected streaming response');
}
