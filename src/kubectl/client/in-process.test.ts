import { describe, expect, it } from 'vitest';
import { testClient } from '../../sim/apiserver/testing';
import type { TraceStep } from '../../sim/kernel/trace';
import { InProcessTransport } from './in-process';

describe('InProcessTransport', () => {
  it('sends requests as the client `kubectl`, each a request step in the trace', async () => {
    const { cluster } = testClient();
    const steps: TraceStep[] = [];
    cluster.kernel.trace.subscribe((step) => steps.push(step));
    const transport = new InProcessTransport(cluster.apiserver);
    const response = await transport.send({
      method: 'GET',
      path: '/api/v1/namespaces/default',
      query: {},
      headers: {},
    });
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body)).toMatchObject({ kind: 'Namespace', metadata: { name: 'default' } });
    expect(steps.at(-1)).toMatchObject({
      from: 'control-plane/kube-apiserver',
      to: 'kubectl',
      kind: 'response',
    });
    expect(steps.find((s) => s.from === 'kubectl')).toMatchObject({
      to: 'control-plane/kube-apiserver',
      kind: 'request',
      summary: 'GET /api/v1/namespaces/default',
    });
  });

  it('streams a watch as newline-delimited JSON events until aborted', async () => {
    const client = testClient();
    const transport = new InProcessTransport(client.cluster.apiserver);
    const controller = new AbortController();
    const chunks: string[] = [];
    const done = transport.stream(
      { method: 'GET', path: '/api/v1/namespaces', query: { watch: ['true'] }, headers: {} },
      (text) => chunks.push(text),
      controller.signal,
    );
    client.call('POST', '/api/v1/namespaces', {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'web' },
    });
    client.cluster.kernel.runUntil(client.cluster.kernel.clock.now() + 1000);
    controller.abort();
    expect(await done).toMatchObject({ status: 200, body: '' });
    const events = chunks
      .join('')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { type: string; object: { metadata: { name: string } } });
    expect(events.map((e) => `${e.type} ${e.object.metadata.name}`)).toContain('ADDED web');
    expect(chunks.every((c) => c.endsWith('\n'))).toBe(true);
  });

  it('answers a refused watch whole', async () => {
    const { cluster } = testClient();
    const transport = new InProcessTransport(cluster.apiserver);
    const response = await transport.stream(
      { method: 'GET', path: '/api/v1/nosuch', query: { watch: ['true'] }, headers: {} },
      () => undefined,
      new AbortController().signal,
    );
    expect(response.status).toBe(404);
  });
});
