import type { EndpointSubset } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../apiserver/types';
import { createPod, createService, setPodReady, setup } from '../endpointslice/testing';
import { ENDPOINTS, PODS, SERVICES } from '../endpointslice/types';
import { findResource, type ResourceInfo } from '../../apiserver/resources';
import type { ControllerContext } from '../manager';
import { EndpointsController, endpoints } from '.';

const EVENTS = findResource('', 'v1', 'events') as ResourceInfo;

type Endpoints = KubeObject & { subsets?: EndpointSubset[] };

describe('Endpoints controller', () => {
  it('lists ready and not-ready pods of a Service with their resolved ports', () => {
    const { client, run } = setup([endpoints]);
    createService(client, 'web', 'web', [{ name: 'http', port: 80, targetPort: 'http' }], {
      labels: { tier: 'front' },
    });
    run(1000);
    const empty = client.get<Endpoints>(ENDPOINTS, 'default', 'web');
    expect(empty.subsets).toBeUndefined();
    expect(empty.metadata.labels).toEqual({ tier: 'front' });
    expect(empty.metadata.annotations?.['endpoints.kubernetes.io/last-change-trigger-time']).toBe(
      '2025-01-01T00:00:00Z',
    );

    const http = [{ name: 'http', containerPort: 8080 }];
    createPod(client, 'web-2', 'web', { ip: '10.244.1.9', ports: http, at: '2025-01-01T00:00:02Z' });
    createPod(client, 'web-1', 'web', { ip: '10.244.1.10', ports: http, ready: false });
    createPod(client, 'web-3', 'web', { ip: '10.244.1.11' }); // no port named http
    run(1000);
    const ep = client.get<Endpoints>(ENDPOINTS, 'default', 'web');
    expect(ep.subsets).toEqual([
      {
        addresses: [
          {
            ip: '10.244.1.9',
            nodeName: 'node-1',
            targetRef: { kind: 'Pod', namespace: 'default', name: 'web-2', uid: expect.any(String) },
          },
        ],
        notReadyAddresses: [
          {
            ip: '10.244.1.10',
            nodeName: 'node-1',
            targetRef: { kind: 'Pod', namespace: 'default', name: 'web-1', uid: expect.any(String) },
          },
        ],
        ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
      },
    ]);

    setPodReady(client, 'web-1', true, '2025-01-01T00:00:05Z');
    run(1000);
    const after = client.get<Endpoints>(ENDPOINTS, 'default', 'web');
    expect(after.subsets?.[0]?.addresses?.map((a) => a.ip)).toEqual(['10.244.1.10', '10.244.1.9']);
    expect(after.subsets?.[0]?.notReadyAddresses).toBeUndefined();
    expect(after.metadata.annotations?.['endpoints.kubernetes.io/last-change-trigger-time']).toBe(
      '2025-01-01T00:00:05Z',
    );
    run(5000); // settled: no more writes
    expect(client.get<Endpoints>(ENDPOINTS, 'default', 'web').metadata.resourceVersion).toBe(
      after.metadata.resourceVersion,
    );
  });

  it('drops terminating pods, labels headless Services, and deletes Endpoints with the Service', () => {
    const { client, run } = setup([endpoints]);
    createService(client, 'db', 'db', [{ port: 5432 }], { clusterIP: 'None' });
    createPod(client, 'db-0', 'db', { ip: '10.244.1.5' });
    createPod(client, 'db-1', 'db', { ip: '10.244.1.6' });
    run(1000);
    const ep = client.get<Endpoints>(ENDPOINTS, 'default', 'db');
    expect(ep.metadata.labels).toEqual({ 'service.kubernetes.io/headless': '' });
    expect(ep.subsets?.[0]?.ports).toEqual([{ port: 5432, protocol: 'TCP' }]);
    expect(ep.subsets?.[0]?.addresses).toHaveLength(2);

    client.delete(PODS, 'default', 'db-1');
    run(1000);
    const left = client.get<Endpoints>(ENDPOINTS, 'default', 'db');
    expect(left.subsets?.[0]?.addresses?.map((a) => a.targetRef?.name)).toEqual(['db-0']);

    client.delete(SERVICES, 'default', 'db');
    run(1000);
    expect(() => client.get(ENDPOINTS, 'default', 'db')).toThrow(/not found/);
  });

  it('waits for its informer to catch up with its own update instead of sending a stale one', () => {
    let controller: EndpointsController | undefined;
    const capture = {
      name: 'endpoints-controller',
      setup: (ctx: ControllerContext) => void (controller = new EndpointsController(ctx)),
    };
    const { client, run, steps, cluster } = setup([capture]);
    createService(client, 'dns', 'dns', [{ port: 53 }]);
    createPod(client, 'dns-a', 'dns', { ip: '10.244.1.2', ready: false });
    createPod(client, 'dns-b', 'dns', { ip: '10.244.2.2', ready: false });
    run(1000);
    // Right after the controller's own update, before its watch brings the new version back,
    // another sync of the Service runs (upstream runs five workers): it must not write.
    let second: unknown = null;
    const unsubscribe = cluster.kernel.trace.subscribe((s) => {
      if (!s.summary.startsWith('PUT /api/v1/namespaces/default/endpoints/dns')) return;
      unsubscribe();
      // Queued before the watch event of this update.
      cluster.kernel.schedule(0, 'second worker', () => {
        setPodReady(client, 'dns-b', true, '2025-01-01T00:00:01Z');
        try {
          controller?.sync('default/dns', null);
        } catch (error) {
          second = error;
        }
      });
    });
    setPodReady(client, 'dns-a', true, '2025-01-01T00:00:01Z');
    run(1000);
    expect(String(second)).toMatch(
      /endpoints informer cache is out of date, resource version \d+ already processed for endpoints default\/dns/,
    );
    const ep = client.get<Endpoints>(ENDPOINTS, 'default', 'dns');
    expect(ep.subsets?.[0]?.addresses?.map((a) => a.ip)).toEqual(['10.244.1.2', '10.244.2.2']);
    expect(steps.filter((s) => s.summary.includes('409 Conflict'))).toEqual([]);
    expect(client.list(EVENTS, 'default').items.filter((e) => e.type === 'Warning')).toEqual([]);
  });
});
