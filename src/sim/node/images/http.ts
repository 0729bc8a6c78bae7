/**
 * HTTP as the simulated servers and clients exchange it: a request as a client sends it, a
 * response as a server writes it, and the date formats servers stamp headers and access logs with.
 */

/** A header field as sent: name (as spelled) and value. */
export type HeaderField = readonly [name: string, value: string];

/** An HTTP/1.1 request as a client (wget, curl, an httpGet probe) sends it. */
export interface HttpRequest {
  /** `GET`, `HEAD`, `POST`... */
  readonly method: string;
  /** The request target: `/`, `/healthz?ready=1`. */
  readonly path: string;
  /** Header fields in the order sent (`Host`, `User-Agent`, `Accept`...). */
  readonly headers: readonly HeaderField[];
}

/** An HTTP/1.1 response as a server in a container writes it. */
export interface HttpResponse {
  readonly status: number;
  /** The reason phrase the server sends (`OK`, `Not Found`). */
  readonly reason: string;
  readonly headers: readonly HeaderField[];
  /** The body; empty for HEAD requests (Content-Length still tells its size). */
  readonly body: string;
}

/** Reason phrases of the status codes the simulated servers send. */
export const REASONS: Readonly<Record<number, string>> = {
  200: 'OK',
  301: 'Moved Permanently',
  304: 'Not Modified',
  400: 'Bad Request',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Not Allowed',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** A request header's value (names compare case-insensitively), or undefined. */
export function headerOf(fields: readonly HeaderField[], name: string): string | undefined {
  const lower = name.toLowerCase();
  return fields.find(([n]) => n.toLowerCase() === lower)?.[1];
}

/** `GET / HTTP/1.1`: the request line, as access logs quote it. */
export function requestLine(request: HttpRequest): string {
  return `${request.method} ${request.path} HTTP/1.1`;
}

/** The path without its query string. */
export function pathOnly(request: HttpRequest): string {
  const q = request.path.indexOf('?');
  return q === -1 ? request.path : request.path.slice(0, q);
}

/** UTF-8 length of a string: what Content-Length counts. */
export function byteLength(text: string): number {
  let n = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    n += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
  }
  return n;
}

/** The response head as sent: status line and header fields, with the blank line after them. */
export function responseHead(response: HttpResponse): string {
  const fields = response.headers.map(([n, v]) => `${n}: ${v}\r\n`).join('');
  return `HTTP/1.1 ${response.status} ${response.reason}\r\n${fields}\r\n`;
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const two = (n: number) => String(n).padStart(2, '0');

/** The UTC fields of an instant as logs print them: `Wed`, `Jan`, `01`, `2025`, `00:00:05`. */
export function utcParts(ms: number) {
  const d = new Date(Math.floor(ms));
  return {
    day: DAYS[d.getUTCDay()] ?? '',
    month: MONTHS[d.getUTCMonth()] ?? '',
    dd: two(d.getUTCDate()),
    year: String(d.getUTCFullYear()),
    time: `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`,
  };
}

/** `Wed, 01 Jan 2025 00:00:05 GMT`: the Date and Last-Modified header format (IMF-fixdate). */
export function httpDate(ms: number): string {
  const { day, dd, month, year, time } = utcParts(ms);
  return `${day}, ${dd} ${month} ${year} ${time} GMT`;
}

/** `01/Jan/2025:00:00:05 +0000`: `$time_local` / `%t` of access logs (containers run in UTC). */
export function logTime(ms: number): string {
  const { dd, month, year, time } = utcParts(ms);
  return `${dd}/${month}/${year}:${time} +0000`;
}

/** `2025/01/01 00:00:05`: nginx's error log stamp, also Go's log package default. */
export function slashTime(ms: number): string {
  return new Date(Math.floor(ms)).toISOString().slice(0, 19).replace(/-/g, '/').replace('T', ' ');
}

/** A response with the given status, headers and body (the reason phrase from {@link REASONS}). */
export function response(status: number, headers: readonly HeaderField[], body: string): HttpResponse {
  return { status, reason: REASONS[status] ?? '', headers, body };
}
