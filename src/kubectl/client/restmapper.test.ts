import { describe, expect, it } from 'vitest';
import { testClient } from '../../sim/apiserver/testing';
import { Discovery, DiscoveryCache, DISCOVERY_TTL_MS } from './discovery';
import { InProcessTransport } from './in-process';
import { RestClient } from './rest';
import { NoResourceTypeError, RestMapper } from './restmapper';
import type { RestRequest, Transport } from './transport';

function setup() {
  const { cluster } = testClient();
  const requests: RestRequest[] = [];
  const inner = new InProcessTransport(cluster.apiserver);
  const transport: Transport = {
    send: (req) => (requests.push(req), inner.send(req)),
    stream: (req, onChunk, signal) => inner.stream(req, onChunk, signal),
    connect: (req) => inner.connect(req),
  };
  let now = 0;
  const client = new RestClient({
    transport,
    server: 'https://127.0.0.1:6443',
    verbosity: 0,
    stderr: () => undefined,
    now: () => now,
    signal: new AbortController().signal,
  });
  const cache = new DiscoveryCache();
  const warnings: string[] = [];
  const run = () => {
    const discovery = new Discovery(client, cache, () => now);
    return { discovery, mapper: new RestMapper(discovery, (w) => warnings.push(w)) };
  };
  return { requests, run, warnings, tick: (ms: number) => (now += ms) };
}

describe('Discovery', () => {
  it('asks for aggregated discovery at /api and /apis, as kubectl does', async () => {
    const { requests, run } = setup();
    const doc = await run().discovery.document();
    expect(requests.map((r) => `${r.path}?timeout=${r.query.timeout?.[0]}`)).toEqual([
      '/api?timeout=32s',
      '/apis?timeout=32s',
    ]);
    expect(requests[0]?.headers.accept).toBe(
      'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json',
    );
    expect(doc.groups[0]).toEqual({ name: '', versions: ['v1'], preferredVersion: 'v1' });
    expect(doc.groups.find((g) => g.name === 'autoscaling')).toEqual({
      name: 'autoscaling',
      versions: ['v2', 'v1'],
      preferredVersion: 'v2',
    });
    expect(doc.resources.find((r) => r.name === 'pods')).toMatchObject({
      group: '',
      version: 'v1',
      kind: 'Pod',
      singularName: 'pod',
      namespaced: true,
      shortNames: ['po'],
      categories: ['all'],
    });
  });

  it('keeps the document for six hours across runs', async () => {
    const { requests, run, tick } = setup();
    await run().discovery.document();
    tick(DISCOVERY_TTL_MS - 1);
    await run().discovery.document();
    expect(requests).toHaveLength(2);
    tick(1);
    await run().discovery.document();
    expect(requests).toHaveLength(4);
  });
});

describe('RestMapper', () => {
  it.each([
    ['pods', '/v1/pods'],
    ['pod', '/v1/pods'],
    ['po', '/v1/pods'],
    ['PODS', '/v1/pods'],
    ['Pod', '/v1/pods'],
    ['deployments', 'apps/v1/deployments'],
    ['deploy', 'apps/v1/deployments'],
    ['deployments.apps', 'apps/v1/deployments'],
    ['deploy.apps', 'apps/v1/deployments'],
    ['deployments.v1.apps', 'apps/v1/deployments'],
    ['Deployment.apps', 'apps/v1/deployments'],
    ['Deployment.v1.apps', 'apps/v1/deployments'],
    ['hpa', 'autoscaling/v2/horizontalpodautoscalers'],
    ['horizontalpodautoscalers.v1.autoscaling', 'autoscaling/v1/horizontalpodautoscalers'],
    ['events', '/v1/events'],
    ['events.events.k8s.io', 'events.k8s.io/v1/events'],
    ['netpol', 'networking.k8s.io/v1/networkpolicies'],
  ])('%s -> %s', async (arg, expected) => {
    const m = await setup().run().mapper.mappingFor(arg);
    expect(`${m.group}/${m.version}/${m.name}`).toBe(expected);
  });

  it.each([
    ['foo', 'foo'],
    ['foo.bar', 'foo'],
    ['PO', 'PO'],
    ['deployments.nope', 'deployments'],
  ])('%s is not a type: kubectl’s error names %s', async (arg, named) => {
    const error = await setup()
      .run()
      .mapper.mappingFor(arg)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NoResourceTypeError);
    expect((error as Error).message).toBe(`the server doesn't have a resource type "${named}"`);
  });

  it('refetches discovery once for an unknown type when the cache is not fresh', async () => {
    const { requests, run } = setup();
    await run().discovery.document();
    await run()
      .mapper.mappingFor('foo')
      .catch(() => undefined);
    expect(requests).toHaveLength(4);
    const fresh = run();
    await fresh.discovery.refresh();
    await fresh.mapper.mappingFor('foo').catch(() => undefined);
    expect(requests).toHaveLength(6);
  });

  it('warns when a short name matches several resources', async () => {
    const { run, warnings } = setup();
    await run().mapper.mappingFor('ev');
    expect(warnings).toEqual([
      'short name "ev" could also match lower priority resource events.events.k8s.io',
    ]);
  });

  it('expands categories into group-qualified types', async () => {
    const { mapper } = setup().run();
    expect(await mapper.expandCategories('all')).toBe(
      'pods,replicationcontrollers,services,daemonsets.apps,deployments.apps,replicasets.apps,statefulsets.apps,horizontalpodautoscalers.autoscaling,horizontalpodautoscalers.autoscaling,cronjobs.batch,jobs.batch',
    );
    expect(await mapper.expandCategories('ns,all,pods')).toMatch(/^ns,pods,.*,jobs\.batch,pods$/);
  });
});
