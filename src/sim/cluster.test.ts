import { describe, expect, it } from 'vitest';
import { createCluster } from './cluster';
import type { TraceStep } from './kernel/trace';

/** Runs a fixed script of API requests against a fresh cluster and returns its whole trace. */
function run(seed: number): string {
  const cluster = createCluster({ seed, epoch: 0 });
  const steps: TraceStep[] = [];
  cluster.kernel.trace.subscribe((s) => steps.push(s));
  const send = (
    method: 'POST' | 'PATCH' | 'DELETE',
    path: string,
    body: unknown,
    contentType = 'application/json',
  ) =>
    cluster.apiserver.handle({
      method,
      path,
      query: {},
      headers: { 'content-type': contentType },
      body: JSON.stringify(body),
      client: 'kubectl',
    });
  const script: [number, () => void][] = [
    [
      1000,
      () =>
        send('POST', '/api/v1/namespaces', {
          apiVersion: 'v1',
          kind: 'Namespace',
          metadata: { name: 'team' },
        }),
    ],
    [
      2000,
      () =>
        send('POST', '/api/v1/namespaces/team/configmaps', {
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: { generateName: 'cfg-' },
        }),
    ],
    [
      3000,
      () =>
        send('POST', '/apis/apps/v1/namespaces/team/deployments', {
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          metadata: { name: 'web' },
          spec: {
            selector: { matchLabels: { app: 'web' } },
            template: {
              metadata: { labels: { app: 'web' } },
              spec: { containers: [{ name: 'c', image: 'nginx' }] },
            },
          },
        }),
    ],
    [
      4000,
      () =>
        send(
          'PATCH',
          '/apis/apps/v1/namespaces/team/deployments/web',
          { spec: { replicas: 3 } },
          'application/merge-patch+json',
        ),
    ],
    [5000, () => send('DELETE', '/apis/apps/v1/namespaces/team/deployments/web', {})],
  ];
  for (const [at, action] of script) cluster.kernel.schedule(at, 'script', action);
  cluster.kernel.runUntil(15 * 60_000);
  return JSON.stringify(steps);
}

describe('the whole cluster is deterministic', () => {
  it('the same seed and inputs give the same trace, byte for byte', () => {
    const a = run(42);
    expect(a.length).toBeGreaterThan(1000);
    expect(run(42)).toBe(a);
  });

  it('a different seed changes generated names and uids', () => {
    expect(run(1)).not.toBe(run(2));
  });
});
