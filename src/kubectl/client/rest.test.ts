import { describe, expect, it } from 'vitest';
import { StatusError } from '../errors';
import { RestClient, parseWarnings, type RestClientOptions } from './rest';
import type { RestRequest, RestResponse, Transport } from './transport';

/** A transport answering every request with `response`, remembering the requests. */
function fake(response: Partial<RestResponse>, chunks: string[] = []) {
  const requests: RestRequest[] = [];
  const answer = { status: 200, headers: {}, body: '{}', ...response };
  const transport: Transport = {
    send: async (req) => (requests.push(req), answer),
    stream: async (req, onChunk) => {
      requests.push(req);
      if (answer.status === 200) chunks.forEach(onChunk);
      return answer.status === 200 ? { ...answer, body: '' } : answer;
    },
    connect: async (req) => (requests.push(req), answer),
  };
  return { transport, requests };
}

function client(transport: Transport, options: Partial<RestClientOptions> = {}) {
  let stderr = '';
  const rest = new RestClient({
    transport,
    server: 'https://127.0.0.1:6443',
    verbosity: 0,
    stderr: (t) => (stderr += t),
    now: () => Date.UTC(2025, 0, 1, 12, 30, 5, 250),
    signal: new AbortController().signal,
    ...options,
  });
  return { rest, stderr: () => stderr };
}

describe('RestClient', () => {
  it('sends kubectl’s headers and the --request-timeout as `timeout`', async () => {
    const { transport, requests } = fake({});
    await client(transport, { timeout: '5s' }).rest.json({ path: '/api/v1/pods', query: { limit: ['500'] } });
    expect(requests[0]).toMatchObject({
      method: 'GET',
      path: '/api/v1/pods',
      query: { limit: ['500'], timeout: ['5s'] },
      headers: { 'user-agent': expect.stringMatching(/^kubectl\/v1\.32\.4 /) },
    });
  });

  it('uses a request’s default timeout only when --request-timeout is not set', async () => {
    const { transport, requests } = fake({});
    await client(transport).rest.json({ path: '/api', defaultTimeout: '32s' });
    await client(transport, { timeout: '1s' }).rest.json({ path: '/api', defaultTimeout: '32s' });
    expect(requests.map((r) => r.query.timeout)).toEqual([['32s'], ['1s']]);
  });

  it('throws the Status of a failed response', async () => {
    const body = JSON.stringify({
      kind: 'Status',
      status: 'Failure',
      reason: 'NotFound',
      message: 'pods "x" not found',
      code: 404,
    });
    const { transport } = fake({ status: 404, body });
    await expect(
      client(transport).rest.json({ path: '/api/v1/namespaces/default/pods/x' }),
    ).rejects.toMatchObject({
      reason: 'NotFound',
      message: 'pods "x" not found',
    });
  });

  it('makes up client-go’s Status for a failure without one', async () => {
    const { transport } = fake({
      status: 404,
      headers: { 'content-type': 'text/plain' },
      body: '404 page not found\n',
    });
    const error = await client(transport)
      .rest.json({ path: '/x', target: { group: 'apps', resource: 'deployments', name: 'web' } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StatusError);
    expect((error as StatusError).status).toMatchObject({
      reason: 'NotFound',
      code: 404,
      message: 'the server could not find the requested resource (get deployments.apps web)',
    });
  });

  it('prints each warning once, as kubectl’s warning handler does', async () => {
    const { transport } = fake({
      headers: { warning: '299 - "spec.x is deprecated", 299 - "a \\"quoted\\" one"' },
    });
    const c = client(transport);
    await c.rest.json({ path: '/a' });
    await c.rest.json({ path: '/b' });
    expect(c.stderr()).toBe('Warning: spec.x is deprecated\nWarning: a "quoted" one\n');
    expect(parseWarnings('')).toEqual([]);
  });

  it('logs requests at -v=6 like round_trippers.go', async () => {
    const { transport } = fake({});
    const c = client(transport, { verbosity: 6 });
    await c.rest.json({
      path: '/api/v1/namespaces/default/pods',
      query: { labelSelector: ['app in (a,b)'], limit: ['500'] },
    });
    expect(c.stderr()).toBe(
      'I0101 12:30:05.250000       1 round_trippers.go:560] GET https://127.0.0.1:6443/api/v1/namespaces/default/pods?labelSelector=app+in+%28a%2Cb%29&limit=500 200 OK in 0 milliseconds\n',
    );
  });

  it('decodes a watch stream split anywhere into events', async () => {
    const added = JSON.stringify({ type: 'ADDED', object: { kind: 'Pod', metadata: { name: 'a' } } });
    const deleted = JSON.stringify({ type: 'DELETED', object: { kind: 'Pod', metadata: { name: 'a' } } });
    const text = `${added}\n${deleted}\n`;
    const { transport, requests } = fake({}, [text.slice(0, 10), text.slice(10, 60), text.slice(60)]);
    const types: string[] = [];
    await client(transport).rest.watch({ path: '/api/v1/pods', query: { watch: ['true'] } }, (e) =>
      types.push(e.type),
    );
    expect(types).toEqual(['ADDED', 'DELETED']);
    expect(requests[0]?.query.watch).toEqual(['true']);
  });

  it('throws when a watch is refused', async () => {
    const body = JSON.stringify({
      kind: 'Status',
      status: 'Failure',
      reason: 'Expired',
      message: 'too old',
      code: 410,
    });
    const { transport } = fake({ status: 410, body });
    await expect(
      client(transport).rest.watch({ path: '/api/v1/pods' }, () => undefined),
    ).rejects.toMatchObject({
      reason: 'Expired',
    });
  });
});
