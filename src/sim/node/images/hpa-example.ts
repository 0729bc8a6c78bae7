/**
 * registry.k8s.io/hpa-example, the php-apache server of the HorizontalPodAutoscaler
 * walkthrough: Apache 2.4.10 with PHP 5.6 (the php:5-apache image it is built on) serving an
 * index.php that burns CPU in a loop and answers `OK!`. Each request is logged to stdout in
 * Debian's `combined` format (`%O`: bytes sent, headers included). What a request costs in CPU
 * is the image's `cpuPerRequest` (cri/workloads.ts), applied through the runtime's request load.
 */
import {
  byteLength,
  httpDate,
  logTime,
  pathOnly,
  requestLine,
  response,
  responseHead,
  headerOf,
} from './http';
import { apacheTime, notFound, serverNameWarnings } from './httpd';
import { linesAt, type Answer, type Exchange, type ServerBehaviour, type ServerContext } from './server';

const SERVER = 'Apache/2.4.10 (Debian)';
const PHP = 'PHP/5.6.14';

function answer(exchange: Exchange): Answer {
  const { request, wallMs } = exchange;
  const path = pathOnly(request);
  const close = headerOf(request.headers, 'Connection')?.toLowerCase() === 'close';
  const connection: [string, string][] = close
    ? [['Connection', 'close']]
    : [
        ['Keep-Alive', 'timeout=5, max=100'],
        ['Connection', 'Keep-Alive'],
      ];
  const host = headerOf(request.headers, 'Host') ?? exchange.serverIP;
  const signature = `<hr>\n<address>${SERVER} Server at ${host.replace(/:\d+$/, '')} Port ${exchange.port}</address>\n`;
  const res =
    path === '/' || path === '/index.php'
      ? response(
          200,
          [
            ['Date', httpDate(wallMs)],
            ['Server', SERVER],
            ['X-Powered-By', PHP],
            ['Content-Length', '3'],
            ...connection,
            ['Content-Type', 'text/html; charset=UTF-8'],
          ],
          request.method === 'HEAD' ? '' : 'OK!',
        )
      : notFound(request, wallMs, SERVER, signature);
  const sent = byteLength(responseHead(res)) + byteLength(res.body);
  const quoted = (name: string) => `"${headerOf(request.headers, name) ?? '-'}"`;
  const access = `${exchange.clientIP} - - [${logTime(wallMs)}] "${requestLine(request)}" ${res.status} ${sent} ${quoted('Referer')} ${quoted('User-Agent')}`;
  return { response: res, raw: '', log: [{ stream: 'stdout', text: access }] };
}

export const hpaExample: ServerBehaviour = {
  binaries: ['apache2-foreground', 'apache2'],
  start: (ctx: ServerContext) => {
    const stamp = apacheTime(ctx.wallMs);
    return {
      output: [
        ...linesAt(0, 'stderr', serverNameWarnings(ctx.podIP ?? '127.0.1.1', 'apache2')),
        ...linesAt(0, 'stderr', [
          `${stamp} [mpm_prefork:notice] [pid 1] AH00163: ${SERVER} ${PHP} configured -- resuming normal operations`,
          `${stamp} [core:notice] [pid 1] AH00094: Command line: 'apache2 -D FOREGROUND'`,
        ]),
      ],
      listens: [{ port: 80, protocol: 'TCP', afterMs: 0 }],
    };
  },
  answer,
};
