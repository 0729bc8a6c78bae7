import { describe, expect, it } from 'vitest';
import { endpointSlice } from '.';
import { createNode, createPod, createService, setPodReady, setup } from './testing';
import { ENDPOINT_SLICES, PODS, SERVICES } from './types';

describe('EndpointSlice controller', () => {
  it('publishes a placeholder slice for a Service without pods, then its pods', () => {
    const { client, run, slices } = setup([endpointSlice]);
    createService(client, 'web', 'web', [{ name: 'http', port: 80, targetPort: 'http' }], {
      labels: { tier: 'front' },
    });
    run(1000);
    const [placeholder, ...rest] = slices('web');
    expect(rest).toHaveLength(0);
    expect(placeholder?.metadata.name).toMatch(/^web-[a-z0-9]{5}$/);
    expect(placeholder?.metadata.labels).toEqual({
      tier: 'front',
      'kubernetes.io/service-name': 'web',
      'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io',
    });
    expect(placeholder?.metadata.ownerReferences?.[0]).toMatchObject({ kind: 'Service', name: 'web' });
    expect(placeholder?.endpoints ?? []).toHaveLength(0);
    expect(placeholder?.ports).toBeUndefined();

    createNode(client, 'node-1', 'zone-a');
    const http = [{ name: 'http', containerPort: 8080 }];
    createPod(client, 'web-1', 'web', { ip: '10.244.1.5', ports: http, at: '2025-01-01T00:00:01Z' });
    createPod(client, 'web-2', 'web', { ip: '10.244.1.6', ports: http, ready: false });
    createPod(client, 'web-3', 'web', { ports: http }); // no IP yet
    createPod(client, 'other', 'other', { ip: '10.244.1.7' });
    run(1000);
    const all = slices('web');
    expect(all).toHaveLength(1);
    const slice = all[0];
    // The placeholder has no ports: the slice for the pods' port set takes its place, under its
    // name (upstream's finalize turns the create and the delete into one update).
    expect(slice?.metadata.name).toBe(placeholder?.metadata.name);
    expect(slice?.metadata.uid).toBe(placeholder?.metadata.uid);
    expect(slice?.addressType).toBe('IPv4');
    expect(slice?.ports).toEqual([{ name: 'http', port: 8080, protocol: 'TCP' }]);
    expect(slice?.endpoints).toEqual([
      {
        addresses: ['10.244.1.5'],
        conditions: { ready: true, serving: true, terminating: false },
        targetRef: { kind: 'Pod', namespace: 'default', name: 'web-1', uid: expect.any(String) },
        nodeName: 'node-1',
        zone: 'zone-a',
      },
      {
        addresses: ['10.244.1.6'],
        conditions: { ready: false, serving: false, terminating: false },
        targetRef: { kind: 'Pod', namespace: 'default', name: 'web-2', uid: expect.any(String) },
        nodeName: 'node-1',
        zone: 'zone-a',
      },
    ]);
    expect(slice?.metadata.annotations?.['endpoints.kubernetes.io/last-change-trigger-time']).toBe(
      '2025-01-01T00:00:00Z',
    );
  });

  it('follows readiness, deletion, and puts at most 100 endpoints in a slice', () => {
    const { client, run, slices } = setup([endpointSlice]);
    createService(client, 'api', 'api', [{ port: 80, targetPort: 9376 }]);
    for (let i = 0; i < 120; i++)
      createPod(client, `api-${String(i).padStart(3, '0')}`, 'api', { ip: `10.244.2.${i + 2}` });
    run(1000);
    const all = slices('api');
    expect(all.map((s) => s.endpoints?.length).sort()).toEqual([100, 20]);
    expect(all[0]?.ports).toEqual([{ name: '', port: 9376, protocol: 'TCP' }]);

    setPodReady(client, 'api-000', false, '2025-01-01T00:00:30Z');
    run(1000);
    const ep = slices('api')
      .flatMap((s) => s.endpoints ?? [])
      .find((e) => e.targetRef?.name === 'api-000');
    expect(ep?.conditions).toEqual({ ready: false, serving: false, terminating: false });

    for (let i = 0; i < 30; i++) client.delete(PODS, 'default', `api-${String(i).padStart(3, '0')}`);
    run(1000);
    // Bound pods terminate gracefully: their endpoints stay, serving but not ready.
    const terminating = slices('api')
      .flatMap((s) => s.endpoints ?? [])
      .filter((e) => e.conditions.terminating);
    expect(terminating).toHaveLength(30);
    expect(terminating[1]?.conditions).toEqual({ ready: false, serving: true, terminating: true });
  });

  it('ignores Services without a selector and recreates a slice deleted by hand', () => {
    const { client, run, slices } = setup([endpointSlice]);
    client.create(SERVICES, 'default', {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'external' },
      spec: { ports: [{ port: 80 }] },
    });
    createService(client, 'web', 'web');
    createPod(client, 'web-1', 'web', { ip: '10.244.1.5' });
    run(1000);
    expect(slices('external')).toHaveLength(0);
    const [first] = slices('web');
    client.delete(ENDPOINT_SLICES, 'default', first?.metadata.name ?? '');
    run(1000);
    const [second, ...rest] = slices('web');
    expect(rest).toHaveLength(0);
    expect(second?.metadata.name).not.toBe(first?.metadata.name);
    expect(second?.endpoints?.map((e) => e.addresses)).toEqual([['10.244.1.5']]);
    run(5000); // settled: no more writes
    expect(slices('web')[0]?.metadata.resourceVersion).toBe(second?.metadata.resourceVersion);
  });

  it('waits for its informer to catch up with its own writes instead of planning from stale slices', () => {
    const { client, run, slices, steps } = setup([endpointSlice]);
    createService(client, 'dns', 'dns', [{ port: 53 }]);
    createPod(client, 'dns-a', 'dns', { ip: '10.244.1.2', ready: false });
    createPod(client, 'dns-b', 'dns', { ip: '10.244.2.2', ready: false });
    run(1000);
    const [before] = slices('dns');
    setPodReady(client, 'dns-a', true, '2025-01-01T00:00:01Z');
    setPodReady(client, 'dns-b', true, '2025-01-01T00:00:01Z');
    run(1000);
    const after = slices('dns');
    expect(after.map((s) => s.metadata.name)).toEqual([before?.metadata.name]);
    expect(after[0]?.endpoints?.map((e) => e.conditions.ready)).toEqual([true, true]);
    expect(steps.filter((s) => s.summary.includes('409 Conflict'))).toEqual([]);
  });
});
