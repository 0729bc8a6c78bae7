import { describe, expect, it } from 'vitest';
import { LB_CLEANUP_FINALIZER } from './service';
import { createNode, createService, setup } from './testing';
import { SERVICES } from './types';

describe('cloud-controller-manager service controller', () => {
  it('adds the finalizer, provisions a load balancer after a delay and publishes its IP', () => {
    const { client, run, service, events, steps } = setup();
    createNode(client, 'node-1', 1);
    const created = createService(client, 'web');
    expect(created.spec?.clusterIP).toBeDefined();
    expect(created.spec?.ports?.[0]?.nodePort).toBeGreaterThanOrEqual(30000);
    run(1000);
    expect(service('web').metadata.finalizers).toEqual([LB_CLEANUP_FINALIZER]);
    expect(service('web').status?.loadBalancer?.ingress ?? []).toEqual([]);
    expect(events('web')).toEqual(['EnsuringLoadBalancer: Ensuring load balancer (service-controller)']);
    run(5000);
    const ingress = service('web').status?.loadBalancer?.ingress;
    expect(ingress).toHaveLength(1);
    expect(ingress?.[0]?.ip).toMatch(/^203\.0\.113\.\d+$/);
    expect(ingress?.[0]?.ipMode).toBe('VIP');
    expect(events('web')).toEqual([
      'EnsuringLoadBalancer: Ensuring load balancer (service-controller)',
      'EnsuredLoadBalancer: Ensured load balancer (service-controller)',
    ]);
    expect(steps.some((s) => s.from === 'control-plane/cloud-controller-manager')).toBe(true);
    // Settled: no further writes.
    const rv = service('web').metadata.resourceVersion;
    run(30_000);
    expect(service('web').metadata.resourceVersion).toBe(rv);
    // A new node becomes a backend.
    createNode(client, 'node-2', 2);
    run(1000);
    expect(events('web').at(-1)).toBe(
      'UpdatedLoadBalancer: Updated load balancer with new hosts (service-controller)',
    );
  });

  it('is deterministic: the same seed gives the same IP', () => {
    const ip = () => {
      const { client, run, service } = setup();
      createService(client, 'web');
      run(10_000);
      return service('web').status?.loadBalancer?.ingress?.[0]?.ip;
    };
    expect(ip()).toBe(ip());
  });

  it('deletes the load balancer before letting a deleted Service go', () => {
    const { client, run, service, events } = setup();
    createService(client, 'web');
    run(10_000);
    client.delete(SERVICES, 'default', 'web');
    run(500);
    expect(service('web').metadata.deletionTimestamp).toBeDefined();
    expect(service('web').metadata.finalizers).toEqual([LB_CLEANUP_FINALIZER]);
    run(5000);
    expect(() => service('web')).toThrow(/not found/);
    expect(events('web').slice(2)).toEqual([
      'DeletingLoadBalancer: Deleting load balancer (service-controller)',
      'DeletedLoadBalancer: Deleted load balancer (service-controller)',
    ]);
  });

  it('tears the load balancer down when the type changes, and ignores other types', () => {
    const { client, run, service, events } = setup();
    createService(client, 'internal', 'ClusterIP');
    createService(client, 'web');
    run(10_000);
    expect(service('internal').metadata.finalizers).toBeUndefined();
    expect(events('internal')).toEqual([]);
    client.patch(SERVICES, 'default', 'web', 'merge', {
      spec: { type: 'ClusterIP', ports: [{ name: 'http', port: 80, targetPort: 8080, nodePort: null }] },
    });
    run(10_000);
    const svc = service('web');
    expect(svc.metadata.finalizers).toBeUndefined();
    expect(svc.status?.loadBalancer?.ingress ?? []).toEqual([]);
    expect(events('web').slice(2)).toEqual([
      'Type: LoadBalancer -> ClusterIP (service-controller)',
      'DeletingLoadBalancer: Deleting load balancer (service-controller)',
      'DeletedLoadBalancer: Deleted load balancer (service-controller)',
    ]);
  });
});
