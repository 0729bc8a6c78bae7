/**
 * Serves a simulated cluster's kube-apiserver over HTTP, so the real kubectl can talk to it.
 * Requests are translated into ApiRequests; watches are streamed as newline-delimited JSON
 * in a chunked response, as kube-apiserver does.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { ApiServer } from '../sim/apiserver/apiserver';
import type { ApiRequest, HttpMethod } from '../sim/apiserver/types';
import { openApiV2Document } from './openapi-v2';
import { ProtobufDecodeError, decodeProtobufBody, isProtobuf } from './protobuf';
import { handleUpgrade } from './remotecommand';

const METHODS = new Set<HttpMethod>(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']);

/** The largest body read; the apiserver itself answers 413 above its 3 MiB limit. */
const READ_LIMIT = 4 * 1024 * 1024;

async function readBody(req: IncomingMessage): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > READ_LIMIT) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** Converts a Node request into the apiserver's request shape. */
export async function toApiRequest(
  req: IncomingMessage,
  client: string,
): Promise<ApiRequest | { tooLarge: true } | { badMethod: string }> {
  const method = (req.method ?? 'GET').toUpperCase();
  if (!METHODS.has(method as HttpMethod)) return { badMethod: method };
  const url = new URL(req.url ?? '/', 'http://localhost');
  const query: Record<string, string[]> = {};
  for (const [key, value] of url.searchParams) (query[key] ??= []).push(value);
  const headers: Record<string, string> = {};
  for (const [key, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[key.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  const raw = await readBody(req);
  if (raw === null) return { tooLarge: true };
  let body = raw.toString('utf8');
  if (isProtobuf(headers['content-type'])) {
    body = JSON.stringify(decodeProtobufBody(raw));
    headers['content-type'] = 'application/json';
  }
  return { method: method as HttpMethod, path: url.pathname, query, headers, body, client };
}

function send(
  res: ServerResponse,
  status: number,
  headers: Readonly<Record<string, string>>,
  text: string,
): void {
  res.writeHead(status, { ...headers, 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/**
 * Starts an HTTP server for `apiserver`. `run` is called with each request so the caller can
 * serialise access to the simulation (it is single-threaded and runs on its own loop).
 */
export function serveApi(apiserver: ApiServer, client = 'kubectl'): Server {
  const server = createServer((req, res) => {
    toApiRequest(req, client)
      .then((request) => {
        if ('tooLarge' in request) {
          const status = {
            kind: 'Status',
            apiVersion: 'v1',
            metadata: {},
            status: 'Failure',
            message: 'Request entity too large: limit is 3145728',
            reason: 'RequestEntityTooLarge',
            code: 413,
          };
          return send(res, 413, { 'content-type': 'application/json' }, JSON.stringify(status));
        }
        if ('badMethod' in request) {
          const status = {
            kind: 'Status',
            apiVersion: 'v1',
            metadata: {},
            status: 'Failure',
            message: `the server does not allow this method on the requested resource`,
            reason: 'MethodNotAllowed',
            code: 405,
          };
          return send(res, 405, { 'content-type': 'application/json' }, JSON.stringify(status));
        }
        if (request.method === 'GET' && request.path === '/openapi/v2') {
          const doc = Buffer.from(openApiV2Document('v1.32.4'));
          res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': doc.length });
          return void res.end(doc);
        }
        const response = apiserver.handle(request);
        if ('watch' in response) {
          res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-cache, private' });
          res.flushHeaders();
          const stream = response.watch;
          req.socket.on('close', () => stream.close());
          stream.start(
            (event) => res.write(`${JSON.stringify(event)}\n`),
            () => res.end(),
          );
          return;
        }
        if ('stream' in response) {
          // A followed log: chunked text until the container exits or the client goes away.
          res.writeHead(200, { ...response.headers, 'cache-control': 'no-cache, private' });
          res.flushHeaders();
          const stream = response.stream;
          req.socket.on('close', () => stream.close());
          stream.start(
            (chunk) => res.write(chunk),
            () => res.end(),
          );
          return;
        }
        if ('session' in response) {
          response.session.close();
          return send(res, 400, { 'content-type': 'text/plain' }, 'Upgrade request required');
        }
        if ('text' in response) return send(res, response.status, response.headers, response.text);
        return send(res, response.status, response.headers, JSON.stringify(response.body));
      })
      .catch((error: unknown) => {
        const message = error instanceof Error ? error.message : String(error);
        const bad = error instanceof ProtobufDecodeError && error.code === 400;
        const status = {
          kind: 'Status',
          apiVersion: 'v1',
          metadata: {},
          status: 'Failure',
          message: bad ? message : `Internal error occurred: ${message}`,
          reason: bad ? 'BadRequest' : 'InternalError',
          code: bad ? 400 : 500,
        };
        if (!res.headersSent)
          send(res, status.code, { 'content-type': 'application/json' }, JSON.stringify(status));
        else res.end();
      });
  });
  // exec and attach: WebSocket upgrades (remotecommand.ts).
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) =>
    handleUpgrade(apiserver, client, req, socket, head),
  );
  return server;
}
