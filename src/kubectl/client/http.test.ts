import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpTransport } from './http';
import { ConnectionError } from './transport';

describe('HttpTransport', () => {
  let server: Server;
  let url: string;
  const seen: { method?: string; url?: string; authorization?: string; accept?: string }[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      seen.push({
        method: req.method,
        url: req.url,
        authorization: req.headers.authorization,
        accept: req.headers.accept,
      });
      if (req.url?.includes('watch=true')) {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write('{"type":"ADDED","object":{"kind":"Pod"}}\n{"type":');
        setTimeout(() => res.end('"DELETED","object":{"kind":"Pod"}}\n'), 20);
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json', warning: '299 - "careful"' });
      res.end('{"kind":"Namespace"}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('sends the request with the bearer token and the query encoded as client-go encodes it', async () => {
    const transport = new HttpTransport(`${url}/`, 'secret');
    const response = await transport.send({
      method: 'GET',
      path: '/api/v1/namespaces/default/pods',
      query: { limit: ['500'], labelSelector: ['app in (a,b)'] },
      headers: { accept: 'application/json' },
    });
    expect(response).toEqual({
      status: 200,
      headers: expect.objectContaining({ 'content-type': 'application/json', warning: '299 - "careful"' }),
      body: '{"kind":"Namespace"}',
    });
    expect(seen.at(-1)).toEqual({
      method: 'GET',
      url: '/api/v1/namespaces/default/pods?labelSelector=app+in+%28a%2Cb%29&limit=500',
      authorization: 'Bearer secret',
      accept: 'application/json',
    });
  });

  it('streams a chunked watch body as it arrives', async () => {
    const chunks: string[] = [];
    const response = await new HttpTransport(url).stream(
      { method: 'GET', path: '/api/v1/pods', query: { watch: ['true'] }, headers: {} },
      (text) => chunks.push(text),
      new AbortController().signal,
    );
    expect(response).toMatchObject({ status: 200, body: '' });
    expect(chunks.join('')).toBe(
      '{"type":"ADDED","object":{"kind":"Pod"}}\n{"type":"DELETED","object":{"kind":"Pod"}}\n',
    );
  });

  it('reports a refused connection as kubectl does', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const error = await new HttpTransport(`http://127.0.0.1:${port}`)
      .send({ method: 'GET', path: '/api', query: {}, headers: {} })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as Error).message).toBe(
      `The connection to the server 127.0.0.1:${port} was refused - did you specify the right host or port?`,
    );
  });
});
