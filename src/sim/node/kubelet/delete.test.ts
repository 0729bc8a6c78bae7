import { describe, expect, it } from 'vitest';
import { ApiError } from '../../apiserver/status';
import type { TraceStep } from '../../kernel/trace';
import { PODS } from './context';
import { causalChain, setupNode } from './testing';

const NGINX = { containers: [{ name: 'nginx', image: 'nginx' }] };

describe('kubelet: deleting pods', () => {
  const runtimeCalls = (steps: readonly TraceStep[], from: number) =>
    steps
      .filter((s) => s.time >= from && s.from === 'node-1/kubelet' && s.kind === 'runtime')
      .map(
        (s) => s.summary.split(' ')[0] + (s.summary.startsWith('CNI') ? ` ${s.summary.split(' ')[1]}` : ''),
      );

  it('stops the containers, tears the sandbox down and deletes the pod', () => {
    const { kubelet, client, run, createPod, getPod, statuses, eventsOf, steps, kernel } = setupNode();
    run(1000);
    createPod('web', NGINX);
    run(10_000);
    const deletedAt = kernel.clock.now();
    client.delete(PODS, 'default', 'web');
    expect(getPod('web').metadata.deletionTimestamp).toBe('2025-01-01T00:00:41Z');
    run(1000);
    expect(() => getPod('web')).toThrow(ApiError);
    // nginx stops on SIGQUIT with exit 0: the last status before the DELETE is Succeeded.
    expect(statuses('web').slice(-4)).toEqual(['Running', 'Terminating', 'Completed', '<deleted>']);
    expect(eventsOf('web').at(-1)).toBe('Normal Killing: Stopping container nginx');
    expect(runtimeCalls(steps, deletedAt)).toEqual([
      'StopContainer',
      'ContainerStatus',
      'StopPodSandbox',
      'CNI DEL',
      'RemoveContainer',
      'RemovePodSandbox',
    ]);
    const writes = steps
      .filter((s) => s.time >= deletedAt && s.from === 'node-1/kubelet' && s.kind === 'request')
      .map((s) => s.summary)
      .filter((s) => !s.includes('/events'));
    expect(writes).toEqual([
      'PATCH /api/v1/namespaces/default/pods/web/status?fieldManager=kubelet',
      'DELETE /api/v1/namespaces/default/pods/web',
    ]);
    expect(kubelet.cni.ipam?.allocations()).toEqual([]);
    expect(kubelet.runtime.listContainers(null, null).value).toEqual([]);
  });

  it('kills a container that ignores SIGTERM when the grace period ends', () => {
    const { client, run, createPod, getPod, history } = setupNode();
    run(1000);
    createPod('sleeper', {
      terminationGracePeriodSeconds: 5,
      containers: [{ name: 'app', image: 'busybox', command: ['sleep', '3600'] }],
    });
    run(10_000);
    client.delete(PODS, 'default', 'sleeper');
    run(4900);
    expect(getPod('sleeper').metadata.deletionTimestamp).toBeDefined();
    run(200);
    expect(() => getPod('sleeper')).toThrow(ApiError);
    const last = (history.get('sleeper') ?? []).at(-2);
    expect(last?.status?.phase).toBe('Failed');
    expect(last?.status?.containerStatuses?.[0]?.state?.terminated).toMatchObject({
      exitCode: 137,
      reason: 'Error',
    });
  });
});

describe('kubelet: causality', () => {
  it('links the runtime calls and the status update back to the pod create', () => {
    const { run, createPod, steps } = setupNode();
    run(1000);
    createPod('web', NGINX);
    run(10_000);
    const create = steps.find(
      (s) => s.summary.startsWith('POST /api/v1/namespaces/default/pods') && s.from === 'kubectl',
    );
    const running = steps
      .filter((s) => s.summary.startsWith('PATCH /api/v1/namespaces/default/pods/web/status'))
      .at(-1);
    expect(create).toBeDefined();
    expect(running).toBeDefined();
    const chain = causalChain(steps, running as TraceStep).map(
      (s) => `${s.from} -> ${s.to}: ${s.summary.split('?')[0] ?? ''}`,
    );
    expect(chain[0]).toBe('kubectl -> control-plane/kube-apiserver: POST /api/v1/namespaces/default/pods');
    const kinds = causalChain(steps, running as TraceStep)
      .filter((s) => s.from.startsWith('node-1') || s.to.startsWith('node-1'))
      .map((s) => (s.kind === 'watch' ? 'watch' : (s.summary.split(' ')[0] ?? '')));
    expect(kinds).toEqual([
      'watch',
      'RunPodSandbox',
      'PullImage',
      'PullImage',
      'CreateContainer',
      'StartContainer',
      'CONTAINER_STARTED_EVENT',
      'ContainerStatus',
      'PATCH',
    ]);
  });
});

describe('kubelet: determinism', () => {
  it('gives the same trace for the same seed and inputs', () => {
    const trace = () => {
      const { run, createPod, client, steps } = setupNode(7);
      run(1000);
      createPod('web', NGINX);
      createPod('crash', { containers: [{ name: 'app', image: 'busybox', command: ['false'] }] });
      run(30_000);
      client.delete(PODS, 'default', 'web');
      run(30_000);
      return steps.map((s) => `${s.time} ${s.from} ${s.to} ${s.summary} ${s.causedBy ?? '-'}`);
    };
    expect(trace()).toEqual(trace());
  });
});
