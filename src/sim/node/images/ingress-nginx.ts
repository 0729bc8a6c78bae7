/**
 * registry.k8s.io/ingress-nginx/controller (v1.12): nginx configured from the cluster's
 * Ingresses. HTTP on 80 is routed by host and path (ingress-nginx-routing.ts) to one ready
 * endpoint of the backend Service, proxied from the controller pod through the cluster network,
 * and the backend's answer relayed without its Server header (`more_clear_headers Server`); a
 * request no rule takes gets the default backend (nginx's 404 page from 127.0.0.1:8181), a
 * backend without endpoints 503, one that refuses 502. Every request is logged to stdout in
 * ingress-nginx's `upstreaminfo` format. `/healthz` answers on 10254 (its probes); plain HTTP
 * to 443 gets nginx's 400 page.
 *
 * The routing model and the proxying belong to the controller process (src/sim/ingress-nginx),
 * which registers itself for its pod's address in its cluster's {@link IngressControllers};
 * the cluster network makes that directory the one in scope while it delivers a connection to
 * a container. Until the controller registers, every request gets the default backend.
 */
import { plain } from './addons';
import {
  byteLength,
  headerOf,
  httpDate,
  logTime,
  pathOnly,
  requestLine,
  type HeaderField,
  type HttpRequest,
  type HttpResponse,
} from './http';
import { routePath, type IngressBackend, type IngressModel } from './ingress-nginx-routing';
import { startupOutput } from './ingress-nginx-startup';
import type { Answer, Exchange, ServerBehaviour } from './server';

export { INGRESS_NGINX_VERSION } from './ingress-nginx-startup';

/** What proxying to a backend found: the endpoint (`ip:port`) and its answer, or no endpoint. */
export interface Proxied {
  readonly upstream: string | null;
  /** Null when the endpoint refused the connection or did not answer HTTP. */
  readonly response: HttpResponse | null;
}

/** The controller process as its nginx sees it. */
export interface IngressProxy {
  model(): IngressModel;
  /** Sends the request to one endpoint of the backend, from the controller pod. */
  forward(backend: IngressBackend, request: HttpRequest, causedBy: number | null): Proxied;
}

/** The directory in scope while a connection of its cluster is being answered, and its hop. */
let answering: { readonly controllers: IngressControllers; readonly step: number | null } | null = null;

/** One cluster's running ingress-nginx controllers, by their pod's address. */
export class IngressControllers {
  readonly #byIP = new Map<string, IngressProxy>();

  /** The controller in the pod at `podIP` runs (or, with null, stopped). */
  register(podIP: string, proxy: IngressProxy | null): void {
    if (proxy === null) this.#byIP.delete(podIP);
    else this.#byIP.set(podIP, proxy);
  }

  get(podIP: string): IngressProxy | undefined {
    return this.#byIP.get(podIP);
  }

  /**
   * Runs `deliver` (a connection of this cluster reaching a container, by the hop `step`) with
   * this directory in scope.
   */
  answering<T>(deliver: () => T, step: number | null): T {
    const outer = answering;
    answering = { controllers: this, step };
    try {
      return deliver();
    } finally {
      answering = outer;
    }
  }
}

/** nginx's reason phrases, as the controller's nginx writes them. */
const REASONS: Readonly<Record<number, string>> = {
  400: 'Bad Request',
  404: 'Not Found',
  502: 'Bad Gateway',
  503: 'Service Temporarily Unavailable',
};

/** nginx's built-in error page (CRLF lines), with `server_tokens off` as ingress-nginx sets it. */
export function ingressErrorPage(status: number, title = `${status} ${REASONS[status] ?? ''}`): string {
  const detail = status === 400 ? [`<center>The plain HTTP request was sent to HTTPS port</center>`] : [];
  const heading = `<center><h1>${status} ${REASONS[status] ?? ''}</h1></center>`;
  const lines = ['<html>', `<head><title>${title}</title></head>`, '<body>', heading, ...detail];
  return [...lines, '<hr><center>nginx</center>', '</body>', '</html>', ''].join('\r\n');
}

/** A deterministic 32-hex-digit `$req_id` for an exchange (the client port is random). */
function requestId(exchange: Exchange): string {
  let h = 0x811c9dc5;
  const seed = `${exchange.wallMs}/${exchange.connection}/${exchange.clientPort}/${exchange.request.path}`;
  let out = '';
  for (let round = 0; round < 4; round++) {
    for (const ch of `${round}${seed}`) h = Math.imul(h ^ (ch.codePointAt(0) ?? 0), 0x01000193) >>> 0;
    out += h.toString(16).padStart(8, '0');
  }
  return out;
}

/** The request as proxied upstream, with ingress-nginx's X-Request-ID and X-Forwarded-* headers. */
function upstreamRequest(exchange: Exchange, id: string): HttpRequest {
  const { request, clientIP, port } = exchange;
  const host = headerOf(request.headers, 'Host') ?? exchange.serverIP;
  const rest = request.headers.filter(([n]) => !['host', 'connection'].includes(n.toLowerCase()));
  const headers: HeaderField[] = [
    ['Host', host],
    ['X-Request-ID', id],
    ['X-Real-IP', clientIP],
    ['X-Forwarded-For', clientIP],
    ['X-Forwarded-Host', host],
    ['X-Forwarded-Port', String(port)],
    ['X-Forwarded-Proto', 'http'],
    ['X-Forwarded-Scheme', 'http'],
    ['X-Scheme', 'http'],
    ...rest,
  ];
  return { method: request.method, path: request.path, headers };
}

/** `Connection: close` when the client asked for it, else keep-alive. */
const connection = (exchange: Exchange): HeaderField => [
  'Connection',
  headerOf(exchange.request.headers, 'Connection')?.toLowerCase() === 'close' ? 'close' : 'keep-alive',
];

function errorResponse(exchange: Exchange, status: number): HttpResponse {
  const body = ingressErrorPage(
    status,
    status === 400 ? '400 The plain HTTP request was sent to HTTPS port' : undefined,
  );
  return {
    status,
    reason: REASONS[status] ?? '',
    headers: [
      ['Date', httpDate(exchange.wallMs)],
      ['Content-Type', 'text/html'],
      ['Content-Length', String(byteLength(body))],
      connection(exchange),
    ],
    body: exchange.request.method === 'HEAD' ? '' : body,
  };
}

/** The backend's response as the client gets it: nginx's own Date and Connection, no Server. */
function relayed(exchange: Exchange, res: HttpResponse): HttpResponse {
  const first = ['content-type', 'content-length', 'last-modified'];
  const pick = (n: string): HeaderField[] => res.headers.filter(([h]) => h.toLowerCase() === n);
  const dropped = ['date', 'server', 'connection', 'keep-alive', ...first];
  const headers: HeaderField[] = [
    ['Date', httpDate(exchange.wallMs)],
    ...first.flatMap(pick),
    connection(exchange),
    ...res.headers.filter(([n]) => !dropped.includes(n.toLowerCase())),
  ];
  return { ...res, headers };
}

/** `$proxy_upstream_name`: `default-web-80`. */
const upstreamName = (b: IngressBackend) => `${b.namespace}-${b.service}-${b.port}`;

/** What the controller's nginx answers on 80 (HTTP), with its access log line. */
export function ingressAnswer(
  exchange: Exchange,
  proxy: IngressProxy | undefined,
  causedBy: number | null = null,
): Answer {
  const { request, clientIP, wallMs } = exchange;
  const id = requestId(exchange);
  const host = headerOf(request.headers, 'Host') ?? '';
  const model = proxy?.model();
  const backend =
    model === undefined ? null : (routePath(model, host, pathOnly(request))?.backend ?? model.defaultBackend);
  let res: HttpResponse;
  // $proxy_upstream_name $upstream_addr $upstream_response_length $upstream_response_time $upstream_status
  let upstream: string;
  if (backend === null || proxy === undefined) {
    res = errorResponse(exchange, 404);
    upstream = `[upstream-default-backend] [] 127.0.0.1:8181 ${byteLength(res.body)} 0.000 404`;
  } else {
    const proxied = proxy.forward(backend, upstreamRequest(exchange, id), causedBy);
    const name = `[${upstreamName(backend)}] []`;
    if (proxied.upstream === null) {
      res = errorResponse(exchange, 503);
      upstream = `${name} - - - -`;
    } else if (proxied.response === null) {
      res = errorResponse(exchange, 502);
      upstream = `${name} ${proxied.upstream} 0 0.000 502`;
    } else {
      res = relayed(exchange, proxied.response);
      upstream = `${name} ${proxied.upstream} ${byteLength(res.body)} 0.001 ${res.status}`;
    }
  }
  const q = (n: string) => `"${headerOf(request.headers, n) ?? '-'}"`;
  const length =
    byteLength(`${requestLine(request)}\r\n`) +
    request.headers.reduce((n, [k, v]) => n + byteLength(`${k}: ${v}\r\n`), 2);
  const took = backend === null ? '0.000' : '0.001';
  const access = `${clientIP} - - [${logTime(wallMs)}] "${requestLine(request)}" ${res.status} ${byteLength(res.body)} ${q('Referer')} ${q('User-Agent')} ${length} ${took} ${upstream} ${id}`;
  return { response: res, raw: '', log: [{ stream: 'stdout', text: access }] };
}

/** The image's server: nginx and the controller's health endpoint. */
export const INGRESS_NGINX: ServerBehaviour = {
  // The image's ENTRYPOINT is `/usr/bin/dumb-init --`, which runs the controller of the args.
  binaries: ['/usr/bin/dumb-init', 'dumb-init', '/nginx-ingress-controller', 'nginx-ingress-controller'],
  start: startupOutput,
  answer: (exchange) => {
    if (exchange.port === 10254)
      return pathOnly(exchange.request) === '/healthz'
        ? plain(exchange, 200, 'ok')
        : plain(exchange, 404, '404 page not found\n');
    if (exchange.port === 443) return { response: errorResponse(exchange, 400), raw: '', log: [] };
    if (exchange.port !== 80) return { response: null, raw: '', log: [] };
    return ingressAnswer(exchange, answering?.controllers.get(exchange.serverIP), answering?.step ?? null);
  },
};
