/** Helpers for tests that talk to an in-process apiserver. */
import { createCluster, type Cluster } from '../cluster';
import type { ApiResponse, HttpMethod, WatchEvent } from './types';

/** A JSON body as tests read it: any property path, checked by the assertions themselves. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type LooseJson = any;

export interface TestClient {
  readonly cluster: Cluster;
  /** Sends a request and returns its status and JSON body (loosely typed, for assertions). */
  call(
    method: HttpMethod,
    pathAndQuery: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): { status: number; body: LooseJson };
  /** Opens a watch; events collect into the returned array as the kernel runs. */
  watch(
    pathAndQuery: string,
    headers?: Record<string, string>,
  ): { events: WatchEvent[]; ended: () => boolean; close: () => void };
}

function parseQuery(pathAndQuery: string): { path: string; query: Record<string, string[]> } {
  const [path = '', search = ''] = pathAndQuery.split('?');
  const query: Record<string, string[]> = {};
  for (const part of search.split('&').filter((p) => p !== '')) {
    const [k = '', v = ''] = part.split('=');
    (query[decodeURIComponent(k)] ??= []).push(decodeURIComponent(v));
  }
  return { path, query };
}

/**
 * A fresh cluster (seed 1) with no controllers running, so tests see only what they do,
 * and a client for its apiserver.
 */
export function testClient(): TestClient {
  const cluster = createCluster({
    seed: 1,
    controllers: [],
    kubelets: false,
    scheduler: false,
    cloudProvider: false,
    storage: false,
  });
  const send = (
    method: HttpMethod,
    pathAndQuery: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): ApiResponse => {
    const { path, query } = parseQuery(pathAndQuery);
    return cluster.apiserver.handle({
      method,
      path,
      query,
      headers: { 'content-type': 'application/json', ...headers },
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
      client: 'kubectl',
    });
  };
  return {
    cluster,
    call(method, pathAndQuery, body, headers) {
      const response = send(method, pathAndQuery, body, headers);
      if ('watch' in response || 'stream' in response || 'session' in response)
        throw new Error('unexpected streaming response');
      return { status: response.status, body: 'body' in response ? response.body : response.text };
    },
    watch(pathAndQuery, headers) {
      const response = send('GET', pathAndQuery, undefined, headers);
      if (!('watch' in response))
        throw new Error(
          `expected a watch, got ${response.status}: ${JSON.stringify('body' in response ? response.body : '')}`,
        );
      const events: WatchEvent[] = [];
      let ended = false;
      response.watch.start(
        (e) => events.push(e),
        () => (ended = true),
      );
      return { events, ended: () => ended, close: () => response.watch.close() };
    },
  };
}
