/**
 * The servers of the cluster addons whose probes the kubelet checks: CoreDNS 1.11 (DNS on 53,
 * `/health` on 8080, `/ready` on 8181, Prometheus metrics on 9153; the name service itself is
 * src/sim/network/dns) and metrics-server 0.7 (its API on 10250, answering `/livez`,
 * `/readyz` and `/healthz`; the metrics API itself is src/sim/metrics-server). Neither logs
 * requests: kubeadm's Corefile has no `log` plugin, and klog does not log health checks.
 */
import { byteLength, httpDate, pathOnly, response, utcParts } from './http';
import { linesAt, type Answer, type Exchange, type ServerBehaviour, type ServerContext } from './server';

/** A plain-text answer from a Go net/http server. */
export function plain(exchange: Exchange, status: number, body: string): Answer {
  const res = response(
    status,
    [
      ['Content-Type', 'text/plain; charset=utf-8'],
      ...(status === 404 ? ([['X-Content-Type-Options', 'nosniff']] as const) : []),
      ['Date', httpDate(exchange.wallMs)],
      ['Content-Length', String(byteLength(body))],
    ],
    exchange.request.method === 'HEAD' ? '' : body,
  );
  return { response: res, raw: '', log: [] };
}

/** Go net/http's NotFound body. */
export const NOT_FOUND = '404 page not found\n';

/** What CoreDNS's `health`, `ready` and `prometheus` plugins answer. */
function corednsAnswer(exchange: Exchange): Answer {
  const path = pathOnly(exchange.request);
  if (exchange.port === 53) return { response: null, raw: '', log: [] };
  if (exchange.port === 8080 && path === '/health') return plain(exchange, 200, 'OK');
  if (exchange.port === 8181 && path === '/ready') return plain(exchange, 200, 'OK');
  if (exchange.port === 9153 && path === '/metrics')
    return plain(
      exchange,
      200,
      "# HELP coredns_build_info A metric with a constant '1' value labeled by version, revision, and goversion from which CoreDNS was built.\n" +
        '# TYPE coredns_build_info gauge\n' +
        'coredns_build_info{goversion="go1.21.11",revision="a6338e9",version="1.11.3"} 1\n',
    );
  return plain(exchange, 404, NOT_FOUND);
}

export const COREDNS: ServerBehaviour = {
  binaries: ['/coredns', 'coredns'],
  start: () => ({
    output: linesAt(0, 'stdout', [
      '.:53',
      '[INFO] plugin/reload: Running configuration SHA512 = 591cf328cccc12bc490481273e738df59329c62c0b729d94e8b61db9961c2fa5f046dd37f1cf888b953814040d180f52594972691cd6ff41be96639138a43908',
      'CoreDNS-1.11.3',
      'linux/amd64, go1.21.11, a6338e9',
    ]),
    listens: [
      { port: 53, protocol: 'UDP', afterMs: 0 },
      { port: 53, protocol: 'TCP', afterMs: 0 },
      { port: 8080, protocol: 'TCP', afterMs: 0 },
      { port: 8181, protocol: 'TCP', afterMs: 0 },
      { port: 9153, protocol: 'TCP', afterMs: 0 },
    ],
  }),
  answer: corednsAnswer,
};

/** klog's header: `I0101 00:00:05.000000       1 `. */
export function klog(ms: number): string {
  const d = new Date(Math.floor(ms));
  const mmdd = `${String(d.getUTCMonth() + 1).padStart(2, '0')}${utcParts(ms).dd}`;
  const micros = String(Math.floor((ms % 1000) * 1000)).padStart(6, '0');
  return `I${mmdd} ${utcParts(ms).time}.${micros}       1`;
}

export const METRICS_SERVER: ServerBehaviour = {
  binaries: ['/metrics-server', 'metrics-server'],
  start: (ctx: ServerContext) => ({
    output: linesAt(0, 'stderr', [
      `${klog(ctx.wallMs)} serving.go:374] Generated self-signed cert (/tmp/apiserver.crt, /tmp/apiserver.key)`,
      `${klog(ctx.wallMs + 480)} secure_serving.go:213] Serving securely on [::]:10250`,
    ]),
    listens: [{ port: 10250, protocol: 'TCP', afterMs: 0 }],
  }),
  answer: (exchange) =>
    ['/livez', '/readyz', '/healthz'].includes(pathOnly(exchange.request))
      ? plain(exchange, 200, 'ok')
      : plain(exchange, 404, NOT_FOUND),
};
