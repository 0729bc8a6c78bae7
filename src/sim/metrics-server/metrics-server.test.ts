import { describe, expect, it } from 'vitest';
import type { ApiResponse, Status } from '../apiserver/types';
import { createCluster, type ClusterOptions } from '../cluster';
import type { TraceStep } from '../kernel/trace';

const TABLE = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json';
const METRICS = '/apis/metrics.k8s.io/v1beta1';

/** A one-node cluster, a raw GET, and pod creation as kubectl would do them. */
function setup(options: Partial<ClusterOptions> = {}) {
  const cluster = createCluster({ seed: 1, workerNodes: 1, addons: false, ...options });
  const steps: TraceStep[] = [];
  cluster.kernel.trace.subscribe((s) => steps.push(s));
  const request = (method: 'GET' | 'POST', path: string, body?: object, accept = 'application/json') => {
    const [p = '', search = ''] = path.split('?');
    const query: Record<string, string[]> = {};
    for (const [k, v] of new URLSearchParams(search)) (query[k] ??= []).push(v);
    return cluster.apiserver.handle({
      method,
      path: p,
      query,
      headers: { accept, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      client: 'kubectl',
    });
  };
  const get = (path: string, accept?: string) => request('GET', path, undefined, accept);
  const pod = (name: string, labels: Record<string, string>, namespace = 'default') =>
    request('POST', `/api/v1/namespaces/${namespace}/pods`, {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name, labels },
      spec: { containers: [{ name: 'nginx', image: 'nginx' }] },
    });
  const runTo = (ms: number) => cluster.kernel.runUntil(ms);
  return { cluster, steps, get, pod, runTo };
}

const body = <T>(r: ApiResponse) => ('body' in r ? r.body : undefined) as T;
type Items = { items: { metadata: { name: string; namespace?: string }; window: string; usage?: object }[] };

describe('metrics-server', () => {
  it('registers v1beta1.metrics.k8s.io, which kube-aggregator marks Available', () => {
    const { get, runTo } = setup();
    runTo(1000);
    const apiService = body<{ spec: object; status: { conditions: object[] } }>(
      get('/apis/apiregistration.k8s.io/v1/apiservices/v1beta1.metrics.k8s.io'),
    );
    expect(apiService.spec).toEqual({
      service: { name: 'metrics-server', namespace: 'kube-system', port: 443 },
      group: 'metrics.k8s.io',
      version: 'v1beta1',
      insecureSkipTLSVerify: true,
      groupPriorityMinimum: 100,
      versionPriority: 100,
    });
    expect(apiService.status.conditions).toEqual([
      {
        type: 'Available',
        status: 'True',
        lastTransitionTime: '2025-01-01T00:00:00Z',
        reason: 'Passed',
        message: 'all checks passed',
      },
    ]);
    const table = body<{ rows: { cells: unknown[] }[] }>(
      get('/apis/apiregistration.k8s.io/v1/apiservices', TABLE),
    );
    expect(table.rows[0]?.cells.slice(0, 3)).toEqual([
      'v1beta1.metrics.k8s.io',
      'kube-system/metrics-server',
      'True',
    ]);
  });

  it('scrapes every kubelet each 15 s and serves NodeMetrics from the last two scrapes', () => {
    const { get, runTo, steps } = setup();
    runTo(14_999);
    expect(body<Items>(get(`${METRICS}/nodes`)).items).toEqual([]);
    const missing = get(`${METRICS}/nodes/node-1`);
    expect(missing.status).toBe(404);
    expect(body<Status>(missing).message).toBe('nodemetrics.metrics.k8s.io "node-1" not found');
    expect(body<Status>(get(`${METRICS}/nodes/node-9`)).message).toBe('node "node-9" not found');
    runTo(15_000);
    const node = body<{
      kind: string;
      timestamp: string;
      window: string;
      usage: { cpu: string; memory: string };
    }>(get(`${METRICS}/nodes/node-1`));
    expect(node).toMatchObject({ kind: 'NodeMetrics', timestamp: '2025-01-01T00:00:15Z', window: '15s' });
    expect(node.usage.cpu).toMatch(/^\d+n$/);
    expect(node.usage.memory).toBe('620Mi');
    const scrapes = steps.filter((s) => s.from === 'metrics-server' && s.to === 'node-1/kubelet');
    expect(scrapes.map((s) => [s.time, s.summary])).toEqual([
      [0, 'GET /metrics/resource'],
      [15_000, 'GET /metrics/resource'],
    ]);
    const cri = steps.find((s) => s.causedBy === scrapes[1]?.id && s.to === 'node-1/container-runtime');
    expect(cri?.summary).toBe('ListPodSandboxStats');
  });

  it('serves PodMetrics of running pods once measured, with selectors and as a Table', () => {
    const { get, pod, runTo } = setup();
    runTo(1000);
    pod('web', { app: 'web' });
    pod('db', { app: 'db' });
    let firstMetrics = -1;
    for (let t = 2000; t <= 45_000 && firstMetrics < 0; t += 1000) {
      runTo(t);
      const r = get(`${METRICS}/namespaces/default/pods/web`);
      if (r.status === 200) firstMetrics = t;
      else
        expect(body<Status>(r).message).toMatch(
          /^(pods "web"|podmetrics\.metrics\.k8s\.io "default\/web") not found$/,
        );
    }
    expect(firstMetrics).toBeGreaterThan(0);
    expect(firstMetrics).toBeLessThanOrEqual(30_000);
    const web = body<{
      metadata: object;
      containers: { name: string; usage: { cpu: string; memory: string } }[];
    }>(get(`${METRICS}/namespaces/default/pods/web`));
    expect(web.metadata).toMatchObject({ name: 'web', namespace: 'default', labels: { app: 'web' } });
    expect(web.containers).toEqual([
      { name: 'nginx', usage: { cpu: expect.stringMatching(/^\d+n$/), memory: '3480Ki' } },
    ]);
    const names = (path: string) => body<Items>(get(path)).items.map((i) => i.metadata.name);
    expect(names(`${METRICS}/namespaces/default/pods`)).toEqual(['db', 'web']);
    expect(names(`${METRICS}/namespaces/default/pods?labelSelector=app%3Dweb`)).toEqual(['web']);
    expect(names(`${METRICS}/pods?fieldSelector=metadata.name%3Ddb`)).toEqual(['db']);
    expect(names(`${METRICS}/namespaces/kube-system/pods`)).toEqual([]);
    const table = body<{ columnDefinitions: { name: string }[]; rows: { cells: string[] }[] }>(
      get(`${METRICS}/namespaces/default/pods`, TABLE),
    );
    expect(table.columnDefinitions.map((c) => c.name)).toEqual(['Name', 'cpu', 'memory', 'Window']);
    expect(table.rows.map((r) => [r.cells[0], r.cells[2], r.cells[3]])).toEqual([
      ['db', '3480Ki', expect.stringMatching(/^\d+(\.\d+)?s$/)],
      ['web', '3480Ki', expect.stringMatching(/^\d+(\.\d+)?s$/)],
    ]);
    expect(get(`${METRICS}/namespaces/default/pods?watch=true`).status).toBe(405);
  });

  it('answers 503 once its server is gone, and kube-aggregator reports the Service missing', () => {
    const { cluster, get, runTo } = setup();
    runTo(20_000);
    cluster.metricsServer?.stop();
    runTo(21_000);
    const r = get(`${METRICS}/nodes`);
    expect(r).toMatchObject({ status: 503, text: 'service unavailable\n' });
    const apiService = body<{ status: { conditions: object[] } }>(
      get('/apis/apiregistration.k8s.io/v1/apiservices/v1beta1.metrics.k8s.io'),
    );
    expect(apiService.status.conditions).toEqual([
      {
        type: 'Available',
        status: 'False',
        lastTransitionTime: '2025-01-01T00:00:20Z',
        reason: 'ServiceNotFound',
        message: 'service/metrics-server in "kube-system" is not present',
      },
    ]);
    const discovery = body<{ items: { metadata: { name: string }; versions: object[] }[] }>(
      get('/apis', 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList'),
    );
    expect(discovery.items.at(-1)).toEqual({
      metadata: { name: 'metrics.k8s.io' },
      versions: [{ version: 'v1beta1' }],
    });
  });

  it('is absent when not installed: no APIService, no group, 404', () => {
    const { get, runTo } = setup({ metricsServer: false });
    runTo(20_000);
    expect(get(`${METRICS}/nodes`).status).toBe(404);
    const groups = body<{ groups: { name: string }[] }>(get('/apis')).groups.map((g) => g.name);
    expect(groups).not.toContain('metrics.k8s.io');
    expect(body<{ items: unknown[] }>(get('/apis/apiregistration.k8s.io/v1/apiservices')).items).toEqual([]);
  });
});
