/**
 * The exec and attach endpoints over WebSocket, as kube-apiserver serves them to kubectl
 * v1.29+: subprotocol `v5.channel.k8s.io` (or `v4.channel.k8s.io`), binary messages whose
 * first byte is the channel: 0 stdin, 1 stdout, 2 stderr, 3 error (one JSON Status at the
 * end), 4 resize; in v5, `[255, <channel>]` closes a channel (stdin EOF). A request the
 * apiserver refuses gets its Status as a plain HTTP response, so kubectl reports it (and its
 * SPDY fallback, which this server does not speak, gets the same answer).
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { ApiServer } from '../sim/apiserver/apiserver';
import type { ApiRequest, HttpMethod, StreamSession } from '../sim/apiserver/types';

const V5 = 'v5.channel.k8s.io';
const V4 = 'v4.channel.k8s.io';
const CLOSE_SIGNAL = 255;

const wss = new WebSocketServer({
  noServer: true,
  handleProtocols: (offered) => (offered.has(V5) ? V5 : offered.has(V4) ? V4 : false),
});

function toRequest(req: IncomingMessage, client: string): ApiRequest {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const query: Record<string, string[]> = {};
  for (const [key, value] of url.searchParams) (query[key] ??= []).push(value);
  const headers: Record<string, string> = {};
  for (const [key, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[key.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  const method = (req.method ?? 'GET').toUpperCase() as HttpMethod;
  return { method, path: url.pathname, query, headers, client };
}

function reject(socket: Duplex, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  socket.end(
    `HTTP/1.1 ${status} ${status === 400 ? 'Bad Request' : 'Error'}\r\n` +
      `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(text)}\r\nConnection: close\r\n\r\n${text}`,
  );
}

function wire(ws: WebSocket, session: StreamSession): void {
  const v5 = ws.protocol === V5;
  let ended = false;
  ws.on('message', (data: Buffer) => {
    const channel = data[0];
    if (v5 && channel === CLOSE_SIGNAL) {
      if (data[1] === 0) session.closeStdin();
    } else if (channel === 0) {
      session.stdin(data.subarray(1).toString('utf8'));
    } else if (channel === 4) {
      const size = JSON.parse(data.subarray(1).toString('utf8')) as { Width?: number; Height?: number };
      session.resize(size.Width ?? 0, size.Height ?? 0);
    }
  });
  ws.on('close', () => {
    if (!ended) session.close();
    ended = true;
  });
  session.start(
    (stream, data) => {
      if (ws.readyState === ws.OPEN)
        ws.send(Buffer.concat([Buffer.from([stream === 'stdout' ? 1 : 2]), Buffer.from(data)]));
    },
    (status) => {
      ended = true;
      if (ws.readyState !== ws.OPEN) return;
      ws.send(Buffer.concat([Buffer.from([3]), Buffer.from(JSON.stringify(status))]));
      ws.close(1000);
    },
  );
}

/** Handles an HTTP upgrade request (the server's `upgrade` event). */
export function handleUpgrade(
  apiserver: ApiServer,
  client: string,
  req: IncomingMessage,
  socket: Duplex,
  head: Buffer,
): void {
  const response = apiserver.handle(toRequest(req, client));
  if (!('session' in response)) {
    const body = 'body' in response ? response.body : 'text' in response ? response.text : '';
    if ('watch' in response) response.watch.close();
    if ('stream' in response) response.stream.close();
    return reject(socket, response.status, body);
  }
  const session = response.session;
  if ((req.headers.upgrade ?? '').toLowerCase() !== 'websocket') {
    session.close();
    return reject(socket, 400, {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'this server serves exec and attach over WebSockets only (v5.channel.k8s.io), not SPDY',
      reason: 'BadRequest',
      code: 400,
    });
  }
  wss.handleUpgrade(req, socket, head, (ws) => wire(ws, session));
}
