/**
 * The one way kubectl reaches the apiserver: HTTP requests with real Kubernetes REST
 * semantics (paths, query parameters, Accept and Content-Type headers, status codes). Two
 * implementations exist: in-process (the simulated apiserver in the same worker, every
 * request a trace step) and HTTP (the simulated apiserver served by `npm run apiserver`).
 */
import type { HttpMethod, StreamSession } from '../../sim/apiserver/types';

export type { HttpMethod, StreamSession };

/** One HTTP request, before it is encoded for the wire. */
export interface RestRequest {
  readonly method: HttpMethod;
  /** The path without the query string: `/api/v1/namespaces/default/pods`. */
  readonly path: string;
  /** Query parameters; a parameter with several values keeps them in order. */
  readonly query: Readonly<Record<string, readonly string[]>>;
  /** Header names in lower case. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
}

/** A complete response. Header names are lower case; the body is text (JSON, or plain text). */
export interface RestResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** How kubectl talks to an apiserver. */
export interface Transport {
  /** Sends a request and resolves with the whole response. */
  send(request: RestRequest, signal?: AbortSignal): Promise<RestResponse>;
  /**
   * Sends a request whose successful response streams (a watch: newline-delimited JSON
   * events; a followed log: text). A 200 response's body is delivered through `onChunk` as
   * it arrives, and the promise resolves (with an empty body) when the server ends the
   * stream or `signal` aborts it; any other response resolves at once, whole.
   */
  stream(request: RestRequest, onChunk: (text: string) => void, signal: AbortSignal): Promise<RestResponse>;
  /**
   * Opens an exec or attach connection: an upgrade to remotecommand's streaming protocol
   * (`v5.channel.k8s.io` over WebSocket). Resolves with the session once the server
   * switched protocols, or with its whole answer when it refused (a `Status`).
   */
  connect(request: RestRequest): Promise<{ readonly session: StreamSession } | RestResponse>;
}

/** A failure to reach the server at all (connection refused, DNS, TLS), as kubectl reports it. */
export class ConnectionError extends Error {}

/**
 * The query string as client-go's url.Values.Encode writes it: keys sorted, each value
 * escaped with Go's url.QueryEscape (space as `+`, everything but `A-Za-z0-9-_.~` escaped).
 */
export function encodeQuery(query: RestRequest['query']): string {
  const escape = (s: string) =>
    [...new TextEncoder().encode(s)]
      .map((b) => {
        const c = String.fromCharCode(b);
        if (/[A-Za-z0-9\-_.~]/.test(c)) return c;
        return c === ' ' ? '+' : `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
      })
      .join('');
  return Object.keys(query)
    .sort()
    .flatMap((k) => (query[k] ?? []).map((v) => `${escape(k)}=${escape(v)}`))
    .join('&');
}

/**
 * A transport to a server nobody listens on: what client-go reaches when the kubeconfig
 * names no cluster (it falls back to http://localhost:8080) and the connection is refused.
 */
export function refusing(server: string): Transport {
  const refuse = () =>
    Promise.reject(
      new ConnectionError(
        `The connection to the server ${new URL(server).host} was refused - did you specify the right host or port?`,
      ),
    );
  return { send: refuse, stream: refuse, connect: refuse };
}
