import type { ContainerStatus } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { findResource, type ResourceInfo } from '../../../apiserver/resources';
import type { KubeObject } from '../../../apiserver/types';
import { endpointSlice } from '../../../controllers/endpointslice';
import { setupNode } from '../testing';

const BUSYBOX = { name: 'app', image: 'busybox', command: ['sleep', '3600'] };

function container(pod: { status?: { containerStatuses?: ContainerStatus[] } }): ContainerStatus {
  const status = pod.status?.containerStatuses?.[0];
  if (status === undefined) throw new Error('no container status');
  return status;
}

describe('probes: readiness', () => {
  it('keeps a container unready until its readiness probe passes', () => {
    const { run, createPod, getPod, history, eventsOf } = setupNode();
    run(1000);
    createPod('slow', {
      containers: [
        {
          name: 'app',
          image: 'kubelab/slow-start',
          env: [{ name: 'STARTUP_DELAY', value: '15' }],
          readinessProbe: { httpGet: { path: '/ready', port: 8080 }, periodSeconds: 5 },
        },
      ],
    });
    run(10_000);
    const early = getPod('slow');
    expect(early.status?.phase).toBe('Running');
    expect(container(early)).toMatchObject({ ready: false, started: true });
    expect(early.status?.conditions?.find((c) => c.type === 'Ready')).toMatchObject({
      status: 'False',
      reason: 'ContainersNotReady',
      message: 'containers with unready status: [app]',
    });
    expect(eventsOf('slow')).toContain(
      'Warning Unhealthy: Readiness probe failed: Get "http://10.244.1.2:8080/ready": dial tcp 10.244.1.2:8080: connect: connection refused',
    );
    run(20_000);
    expect(container(getPod('slow')).ready).toBe(true);
    const readyFlips = (history.get('slow') ?? []).map(
      (p) => p?.status?.conditions?.find((c) => c.type === 'Ready')?.status,
    );
    expect(readyFlips.filter((s, i, all) => i === 0 || s !== all[i - 1])).toEqual([
      undefined,
      'False',
      'True',
    ]);
  });

  it('reports HTTP errors, probe errors and unsupported gRPC in upstream words', () => {
    const { run, createPod, eventsOf, getPod } = setupNode();
    run(1000);
    createPod('web', {
      containers: [
        {
          name: 'nginx',
          image: 'nginx',
          readinessProbe: { httpGet: { path: '/healthz', port: 'http' }, periodSeconds: 5 },
          livenessProbe: { tcpSocket: { port: 80 }, periodSeconds: 5 },
          ports: [{ name: 'http', containerPort: 80 }],
        },
        { name: 'grpc', image: 'nginx', readinessProbe: { grpc: { port: 9000 }, periodSeconds: 5 } },
        { ...BUSYBOX, readinessProbe: { exec: { command: ['healthcheck'] }, periodSeconds: 5 } },
      ],
    });
    run(30_000);
    const events = eventsOf('web');
    expect(events).toContain(
      'Warning Unhealthy: Readiness probe failed: HTTP probe failed with statuscode: 404',
    );
    expect(events).toContain(
      'Warning Unhealthy: Readiness probe failed: timeout: failed to connect service "10.244.1.2:9000" within 1s: context deadline exceeded',
    );
    expect(
      events.some((e) =>
        /^Warning Unhealthy: Readiness probe errored and resulted in unknown state: rpc error: code = Unknown desc = failed to exec in container: failed to start exec "[0-9a-f]{64}": OCI runtime exec failed: exec failed: unable to start container process: exec: "healthcheck": executable file not found in \$PATH: unknown$/.test(
          e,
        ),
      ),
    ).toBe(true);
    expect(events.some((e) => e.includes('Liveness'))).toBe(false);
    expect(getPod('web').status?.containerStatuses?.map((c) => [c.name, c.ready, c.restartCount])).toEqual([
      ['app', false, 0],
      ['grpc', false, 0],
      ['nginx', false, 0],
    ]);
  });

  it('puts a pod in its Service EndpointSlice as ready only once its readiness probe passes', () => {
    const SLICES = findResource('discovery.k8s.io', 'v1', 'endpointslices') as ResourceInfo;
    const SERVICES = findResource('', 'v1', 'services') as ResourceInfo;
    const { run, client } = setupNode(1, { controllers: [endpointSlice] });
    client.create(SERVICES, 'default', {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'web' },
      spec: { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 8080 }] },
    });
    run(1000);
    const probe = { httpGet: { path: '/ready', port: 8080 }, periodSeconds: 2 };
    for (const [name, delay] of [
      ['fast', '0'],
      ['slow', '20'],
    ] as const) {
      client.create(findResource('', 'v1', 'pods') as ResourceInfo, 'default', {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name, labels: { app: 'web' } },
        spec: {
          nodeName: 'node-1',
          containers: [
            {
              name: 'app',
              image: 'kubelab/slow-start',
              env: [{ name: 'STARTUP_DELAY', value: delay }],
              readinessProbe: probe,
            },
          ],
        },
      });
    }
    const readiness = () =>
      Object.fromEntries(
        client
          .list<
            KubeObject & { endpoints?: { targetRef?: { name: string }; conditions?: { ready?: boolean } }[] }
          >(SLICES, 'default')
          .items.filter((s) => s.metadata.labels?.['kubernetes.io/service-name'] === 'web')
          .flatMap((s) => s.endpoints ?? [])
          .map((e) => [e.targetRef?.name, e.conditions?.ready]),
      );
    run(15_000);
    expect(readiness()).toEqual({ fast: true, slow: false });
    run(20_000);
    expect(readiness()).toEqual({ fast: true, slow: true });
  });

  it('takes a pod whose readiness probe starts failing out of the ready endpoints, and back', () => {
    const SLICES = findResource('discovery.k8s.io', 'v1', 'endpointslices') as ResourceInfo;
    const SERVICES = findResource('', 'v1', 'services') as ResourceInfo;
    const { run, client, kubelet, getPod } = setupNode(1, { controllers: [endpointSlice] });
    client.create(SERVICES, 'default', {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'web' },
      spec: { selector: { app: 'web' }, ports: [{ port: 80 }] },
    });
    client.create(findResource('', 'v1', 'pods') as ResourceInfo, 'default', {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'web', labels: { app: 'web' } },
      spec: {
        nodeName: 'node-1',
        containers: [
          {
            ...BUSYBOX,
            command: ['sh', '-c', 'touch /tmp/ready; sleep 3600'],
            readinessProbe: { exec: { command: ['cat', '/tmp/ready'] }, periodSeconds: 2 },
          },
        ],
      },
    });
    const ready = () =>
      client
        .list<KubeObject & { endpoints?: { conditions?: { ready?: boolean } }[] }>(SLICES, 'default')
        .items.filter((s) => s.metadata.labels?.['kubernetes.io/service-name'] === 'web')
        .flatMap((s) => s.endpoints ?? [])
        .map((e) => e.conditions?.ready);
    const sh = (script: string) => {
      const id = (container(getPod('web')).containerID ?? '').replace('containerd://', '');
      kubelet.runtime.exec(id, ['sh', '-c', script], false, null).value?.start(
        () => {},
        () => {},
      );
    };
    run(10_000);
    expect(ready()).toEqual([true]);
    sh('rm /tmp/ready');
    run(3000);
    expect(ready()).toEqual([true]);
    run(5000);
    expect(ready()).toEqual([false]);
    sh('touch /tmp/ready');
    run(3000);
    expect(ready()).toEqual([true]);
  });
});
