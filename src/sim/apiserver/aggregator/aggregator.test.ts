import { describe, expect, it } from 'vitest';
import { createCluster } from '../../cluster';
import type { TraceStep } from '../../kernel/trace';
import type { ApiRequest, ApiResponse, Status } from '../types';
import type { AggregatedServer } from './servers';

const JSON_HEADERS = { 'content-type': 'application/json' };

/** An extension API server for `example.com/v1alpha1` that records what reaches it. */
function exampleServer(): AggregatedServer & { seen: ApiRequest[] } {
  const seen: ApiRequest[] = [];
  return {
    id: 'example-apiserver',
    seen,
    handle(req): ApiResponse {
      seen.push(req);
      if (req.path === '/apis/example.com/v1alpha1')
        return {
          status: 200,
          headers: JSON_HEADERS,
          body: {
            kind: 'APIResourceList',
            apiVersion: 'v1',
            groupVersion: 'example.com/v1alpha1',
            resources: [
              {
                name: 'widgets',
                singularName: 'widget',
                namespaced: true,
                kind: 'Widget',
                verbs: ['get', 'list'],
              },
              { name: 'widgets/status', singularName: '', namespaced: true, kind: 'Widget', verbs: ['get'] },
            ],
          },
        };
      return { status: 200, headers: JSON_HEADERS, body: { kind: 'WidgetList', items: [] } };
    },
  };
}

function setup() {
  const cluster = createCluster({
    seed: 1,
    controllers: [],
    kubelets: false,
    scheduler: false,
    cloudProvider: false,
  });
  const steps: TraceStep[] = [];
  cluster.kernel.trace.subscribe((s) => steps.push(s));
  const send = (method: 'GET' | 'POST', path: string, body?: object, accept = 'application/json') =>
    cluster.apiserver.handle({
      method,
      path,
      query: {},
      headers: { accept, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      client: 'kubectl',
    });
  const register = () =>
    send('POST', '/apis/apiregistration.k8s.io/v1/apiservices', {
      apiVersion: 'apiregistration.k8s.io/v1',
      kind: 'APIService',
      metadata: { name: 'v1alpha1.example.com' },
      spec: {
        service: { namespace: 'example', name: 'example-api', port: 443 },
        group: 'example.com',
        version: 'v1alpha1',
        groupPriorityMinimum: 1000,
        versionPriority: 15,
      },
    });
  const run = (ms: number) => cluster.kernel.runUntil(cluster.kernel.clock.now() + ms);
  const condition = () =>
    (
      (send('GET', '/apis/apiregistration.k8s.io/v1/apiservices/v1alpha1.example.com') as { body: object })
        .body as { status?: { conditions?: { status: string; reason: string; message: string }[] } }
    ).status?.conditions?.[0];
  return { cluster, steps, send, register, run, condition };
}

describe('kube-aggregator', () => {
  it('proxies an APIService group to its server with the caller identity', () => {
    const { cluster, steps, send, register, run, condition } = setup();
    const server = exampleServer();
    cluster.aggregated.register('example', 'example-api', server);
    expect(register().status).toBe(201);
    run(10);
    expect(condition()).toMatchObject({ status: 'True', reason: 'Passed', message: 'all checks passed' });
    const r = send('GET', '/apis/example.com/v1alpha1/namespaces/default/widgets');
    expect(r).toMatchObject({ status: 200, body: { kind: 'WidgetList' } });
    const proxied = server.seen.at(-1);
    expect(proxied?.headers).toMatchObject({
      'x-remote-user': 'kubernetes-admin',
      'x-remote-group': 'kubeadm:cluster-admins,system:authenticated',
    });
    const hop = steps.find(
      (s) =>
        s.to === 'example-apiserver' &&
        s.summary === 'GET /apis/example.com/v1alpha1/namespaces/default/widgets',
    );
    expect(hop?.from).toBe('control-plane/kube-apiserver');
  });

  it('answers 503 while the APIService is not available, and tells why', () => {
    const { cluster, send, register, run, condition } = setup();
    register();
    run(10);
    expect(condition()).toMatchObject({
      status: 'False',
      reason: 'ServiceNotFound',
      message: 'service/example-api in "example" is not present',
    });
    expect(send('GET', '/apis/example.com/v1alpha1/widgets')).toEqual({
      status: 503,
      headers: { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' },
      text: 'service unavailable\n',
    });
    cluster.aggregated.register('example', 'example-api', exampleServer());
    run(10);
    expect(condition()?.status).toBe('True');
    expect(send('GET', '/apis/example.com/v1alpha1/widgets').status).toBe(200);
  });

  it('adds the group to discovery: legacy lists always, resources once available', () => {
    const { cluster, send, register, run } = setup();
    register();
    run(10);
    const legacy = (send('GET', '/apis') as { body: { groups: { name: string }[] } }).body.groups;
    expect(legacy.at(-1)).toMatchObject({ name: 'example.com', preferredVersion: { version: 'v1alpha1' } });
    expect(send('GET', '/apis/example.com')).toMatchObject({
      status: 200,
      body: { kind: 'APIGroup', name: 'example.com', versions: [{ groupVersion: 'example.com/v1alpha1' }] },
    });
    const aggregated = () =>
      (
        send(
          'GET',
          '/apis',
          undefined,
          'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList',
        ) as {
          body: { items: unknown[] };
        }
      ).body.items.at(-1);
    expect(aggregated()).toEqual({ metadata: { name: 'example.com' }, versions: [{ version: 'v1alpha1' }] });
    cluster.aggregated.register('example', 'example-api', exampleServer());
    run(10);
    expect(aggregated()).toEqual({
      metadata: { name: 'example.com' },
      versions: [
        {
          version: 'v1alpha1',
          resources: [
            {
              resource: 'widgets',
              responseKind: { group: 'example.com', version: 'v1alpha1', kind: 'Widget' },
              scope: 'Namespaced',
              singularResource: 'widget',
              verbs: ['get', 'list'],
              subresources: [
                {
                  subresource: 'status',
                  responseKind: { group: 'example.com', version: 'v1alpha1', kind: 'Widget' },
                  verbs: ['get'],
                },
              ],
            },
          ],
          freshness: 'Current',
        },
      ],
    });
  });

  it('leaves groups without an APIService to kube-apiserver: 404', () => {
    const { send } = setup();
    const r = send('GET', '/apis/example.com/v1alpha1/widgets');
    expect(r.status).toBe(404);
    expect((r as { body: Status }).body.message).toBe('the server could not find the requested resource');
  });
});
