/**
 * Apache httpd, as docker.io/library/httpd (2.4, `httpd-foreground`) and the Debian
 * php:apache image under registry.k8s.io/hpa-example run it: AH00558 twice on stderr (no
 * ServerName, so it names itself by its address), its start notices, then HTTP on port 80.
 * The httpd image serves "It works!" at `/` and logs each request to stdout in the common log
 * format; 404 pages carry httpd's standard body.
 */
import {
  byteLength,
  httpDate,
  logTime,
  pathOnly,
  requestLine,
  response,
  utcParts,
  type HttpRequest,
} from './http';
import { linesAt, type Answer, type Exchange, type ServerBehaviour, type ServerContext } from './server';

export const HTTPD_VERSION = '2.4.62';

/** The image's htdocs/index.html (45 bytes). */
export const IT_WORKS_PAGE = '<html><body><h1>It works!</h1></body></html>\n';

/** When htdocs/index.html was last changed upstream, as Last-Modified reports it. */
const INDEX_MTIME = Date.UTC(2007, 5, 11, 18, 53, 14);

/** `[Wed Jan 01 00:00:05.000000 2025]`: httpd's error log stamp. */
export function apacheTime(ms: number): string {
  const { day, month, dd, year, time } = utcParts(ms);
  const micros = String(Math.floor((ms % 1000) * 1000)).padStart(6, '0');
  return `[${day} ${month} ${dd} ${time}.${micros} ${year}]`;
}

/** The AH00558 lines httpd prints at start (once per configuration pass). */
export function serverNameWarnings(address: string, program = 'httpd'): readonly string[] {
  const line = `AH00558: ${program}: Could not reliably determine the server's fully qualified domain name, using ${address}. Set the 'ServerName' directive globally to suppress this message`;
  return [line, line];
}

/** httpd's standard 404 body (`ServerSignature Off`: no address line). */
export function notFoundPage(signature = ''): string {
  return (
    '<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n<html><head>\n<title>404 Not Found</title>\n' +
    '</head><body>\n<h1>Not Found</h1>\n<p>The requested URL was not found on this server.</p>\n' +
    `${signature}</body></html>\n`
  );
}

/** A 404 response as httpd sends it. */
export function notFound(request: HttpRequest, wallMs: number, server: string, signature = '') {
  const body = notFoundPage(signature);
  return response(
    404,
    [
      ['Date', httpDate(wallMs)],
      ['Server', server],
      ['Content-Length', String(byteLength(body))],
      ['Content-Type', 'text/html; charset=iso-8859-1'],
    ],
    request.method === 'HEAD' ? '' : body,
  );
}

function answer(exchange: Exchange): Answer {
  const { request, wallMs } = exchange;
  const server = `Apache/${HTTPD_VERSION} (Unix)`;
  const path = pathOnly(request);
  const res =
    path === '/' || path === '/index.html'
      ? response(
          200,
          [
            ['Date', httpDate(wallMs)],
            ['Server', server],
            ['Last-Modified', httpDate(INDEX_MTIME)],
            ['ETag', '"2d-432a5e4a73a80"'],
            ['Accept-Ranges', 'bytes'],
            ['Content-Length', String(byteLength(IT_WORKS_PAGE))],
            ['Content-Type', 'text/html'],
          ],
          request.method === 'HEAD' ? '' : IT_WORKS_PAGE,
        )
      : notFound(request, wallMs, server);
  const bytes = byteLength(res.body);
  const access = `${exchange.clientIP} - - [${logTime(wallMs)}] "${requestLine(request)}" ${res.status} ${bytes === 0 ? '-' : bytes}`;
  return { response: res, raw: '', log: [{ stream: 'stdout', text: access }] };
}

export const httpd: ServerBehaviour = {
  binaries: ['httpd-foreground', 'httpd'],
  start: (ctx: ServerContext) => {
    const stamp = apacheTime(ctx.wallMs);
    return {
      output: [
        ...linesAt(0, 'stderr', serverNameWarnings(ctx.podIP ?? '127.0.1.1')),
        ...linesAt(0, 'stderr', [
          `${stamp} [mpm_event:notice] [pid 1:tid 1] AH00489: Apache/${HTTPD_VERSION} (Unix) configured -- resuming normal operations`,
          `${stamp} [core:notice] [pid 1:tid 1] AH00094: Command line: 'httpd -D FOREGROUND'`,
        ]),
      ],
      listens: [{ port: 80, protocol: 'TCP', afterMs: 0 }],
    };
  },
  answer,
};
