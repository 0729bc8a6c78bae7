/**
 * docker.io/library/nginx (1.27, Debian bookworm): the entrypoint's configuration notes on
 * stdout, nginx's notices on stderr (its error log), then HTTP on port 80 serving the default
 * site: the welcome page at `/` and `/index.html`, `/50x.html`, a 404 page (and an error log
 * line) for anything else, 405 for methods other than GET and HEAD. Every request is logged to
 * stdout in the image's `main` log format (combined plus `"$http_x_forwarded_for"`).
 */
import {
  byteLength,
  headerOf,
  httpDate,
  logTime,
  pathOnly,
  REASONS,
  requestLine,
  response,
  slashTime,
  type HeaderField,
  type HttpResponse,
} from './http';
import { linesAt, type Answer, type Exchange, type ServerBehaviour, type ServerContext } from './server';

export const NGINX_VERSION = '1.27.3';
const SERVER = `nginx/${NGINX_VERSION}`;

/** The welcome page the image's /usr/share/nginx/html/index.html holds (615 bytes). */
export const NGINX_WELCOME_PAGE = `<!DOCTYPE html>
<html>
<head>
<title>Welcome to nginx!</title>
<style>
html { color-scheme: light dark; }
body { width: 35em; margin: 0 auto;
font-family: Tahoma, Verdana, Arial, sans-serif; }
</style>
</head>
<body>
<h1>Welcome to nginx!</h1>
<p>If you see this page, the nginx web server is successfully installed and
working. Further configuration is required.</p>

<p>For online documentation and support please refer to
<a href="http://nginx.org/">nginx.org</a>.<br/>
Commercial support is available at
<a href="http://nginx.com/">nginx.com</a>.</p>

<p><em>Thank you for using nginx.</em></p>
</body>
</html>
`;

const ERROR_50X_PAGE = `<!DOCTYPE html>
<html>
<head>
<title>Error</title>
<style>
html { color-scheme: light dark; }
body { width: 35em; margin: 0 auto;
font-family: Tahoma, Verdana, Arial, sans-serif; }
</style>
</head>
<body>
<h1>An error occurred.</h1>
<p>Sorry, the page you are looking for is currently unavailable.<br/>
Please try again later.</p>
<p>If you are the system administrator of this resource then you should check
the error log for details.</p>
<p><em>Faithfully yours, nginx.</em></p>
</body>
</html>
`;

/** When the packaged html files were built (nginx 1.27.3's release), for Last-Modified and ETag. */
const FILES_MTIME = Date.UTC(2024, 10, 26, 15, 55, 0);

/** nginx's built-in error page for a status (CRLF line ends, as ngx_http_special_response.c has them). */
function errorPage(status: number): string {
  const title = `${status} ${REASONS[status] ?? ''}`;
  const lines = [
    '<html>',
    `<head><title>${title}</title></head>`,
    '<body>',
    `<center><h1>${title}</h1></center>`,
  ];
  return [...lines, `<hr><center>${SERVER}</center>`, '</body>', '</html>', ''].join('\r\n');
}

const FILES: Readonly<Record<string, string>> = {
  '/': NGINX_WELCOME_PAGE,
  '/index.html': NGINX_WELCOME_PAGE,
  '/50x.html': ERROR_50X_PAGE,
};

function connectionHeader(exchange: Exchange): HeaderField {
  const asked = headerOf(exchange.request.headers, 'Connection')?.toLowerCase();
  return ['Connection', asked === 'close' ? 'close' : 'keep-alive'];
}

function startupLines(wallMs: number) {
  const entry = '/docker-entrypoint.sh:';
  const ipv6 = '10-listen-on-ipv6-by-default.sh: info:';
  const notice = `${slashTime(wallMs)} [notice] 1#1:`;
  return [
    ...linesAt(0, 'stdout', [
      `${entry} /docker-entrypoint.d/ is not empty, will attempt to perform configuration`,
      `${entry} Looking for shell scripts in /docker-entrypoint.d/`,
      `${entry} Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh`,
      `${ipv6} Getting the checksum of /etc/nginx/conf.d/default.conf`,
      `${ipv6} Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf`,
      `${entry} Sourcing /docker-entrypoint.d/15-local-resolvers.envsh`,
      `${entry} Launching /docker-entrypoint.d/20-envsubst-on-templates.sh`,
      `${entry} Launching /docker-entrypoint.d/30-tune-worker-processes.sh`,
      `${entry} Configuration complete; ready for start up`,
    ]),
    // Two worker processes: kind nodes have two CPUs here.
    ...linesAt(0, 'stderr', [
      `${notice} using the "epoll" event method`,
      `${notice} ${SERVER}`,
      `${notice} built by gcc 12.2.0 (Debian 12.2.0-14) `,
      `${notice} OS: Linux 6.8.0-51-generic`,
      `${notice} getrlimit(RLIMIT_NOFILE): 1048576:1048576`,
      `${notice} start worker processes`,
      `${notice} start worker process 29`,
      `${notice} start worker process 30`,
    ]),
  ];
}

function answer(exchange: Exchange): Answer {
  const { request, wallMs, clientIP } = exchange;
  const path = pathOnly(request);
  const file = FILES[path];
  const head = request.method === 'HEAD';
  let res: HttpResponse;
  const errorLog: string[] = [];
  const common: HeaderField[] = [
    ['Server', SERVER],
    ['Date', httpDate(wallMs)],
  ];
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    const body = errorPage(405);
    res = response(
      405,
      [
        ...common,
        ['Content-Type', 'text/html'],
        ['Content-Length', String(byteLength(body))],
        connectionHeader(exchange),
      ],
      body,
    );
  } else if (file !== undefined) {
    const size = byteLength(file);
    res = response(
      200,
      [
        ...common,
        ['Content-Type', 'text/html'],
        ['Content-Length', String(size)],
        ['Last-Modified', httpDate(FILES_MTIME)],
        connectionHeader(exchange),
        ['ETag', `"${(FILES_MTIME / 1000).toString(16)}-${size.toString(16)}"`],
        ['Accept-Ranges', 'bytes'],
      ],
      head ? '' : file,
    );
  } else {
    const body = errorPage(404);
    res = response(
      404,
      [
        ...common,
        ['Content-Type', 'text/html'],
        ['Content-Length', String(byteLength(body))],
        connectionHeader(exchange),
      ],
      head ? '' : body,
    );
    const host = headerOf(request.headers, 'Host');
    errorLog.push(
      `${slashTime(wallMs)} [error] 29#29: *${exchange.connection} open() "/usr/share/nginx/html${path}" failed (2: No such file or directory), client: ${clientIP}, server: localhost, request: "${requestLine(request)}"${host === undefined ? '' : `, host: "${host}"`}`,
    );
  }
  const quoted = (name: string) => `"${headerOf(request.headers, name) ?? '-'}"`;
  const access = `${clientIP} - - [${logTime(wallMs)}] "${requestLine(request)}" ${res.status} ${byteLength(res.body)} ${quoted('Referer')} ${quoted('User-Agent')} ${quoted('X-Forwarded-For')}`;
  return {
    response: res,
    raw: '',
    log: [
      ...errorLog.map((text) => ({ stream: 'stderr' as const, text })),
      { stream: 'stdout', text: access },
    ],
  };
}

export const nginx: ServerBehaviour = {
  binaries: ['nginx', '/docker-entrypoint.sh', 'docker-entrypoint.sh'],
  start: (ctx: ServerContext) => ({
    output: startupLines(ctx.wallMs),
    listens: [{ port: 80, protocol: 'TCP', afterMs: 0 }],
  }),
  answer,
};
