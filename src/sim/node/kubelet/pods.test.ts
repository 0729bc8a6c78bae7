import type { ContainerStatus, PodCondition } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { setupNode } from './testing';

const NGINX = { containers: [{ name: 'nginx', image: 'nginx' }] };

function container(pod: { status?: { containerStatuses?: ContainerStatus[] } }): ContainerStatus {
  const status = pod.status?.containerStatuses?.[0];
  if (status === undefined) throw new Error('no container status');
  return status;
}

describe('kubelet: running pods', () => {
  it('takes a pod from Pending through ContainerCreating to Running with a pod IP', () => {
    const { run, createPod, getPod, statuses } = setupNode();
    run(1000);
    createPod('web', NGINX);
    run(10_000);
    expect(statuses('web')).toEqual(['Pending', 'ContainerCreating', 'Running']);
    const pod = getPod('web');
    const status = pod.status ?? {};
    expect(status.phase).toBe('Running');
    expect(status.hostIP).toBe('172.18.0.3');
    expect(status.hostIPs).toEqual([{ ip: '172.18.0.3' }]);
    expect(status.podIP).toBe('10.244.1.2');
    expect(status.podIPs).toEqual([{ ip: '10.244.1.2' }]);
    expect(status.startTime).toBe('2025-01-01T00:00:01Z');
    expect(status.qosClass).toBe('BestEffort');
    expect((status.conditions ?? []).map((c: PodCondition) => [c.type, c.status])).toEqual([
      ['PodReadyToStartContainers', 'True'],
      ['Initialized', 'True'],
      ['Ready', 'True'],
      ['ContainersReady', 'True'],
      ['PodScheduled', 'True'],
    ]);
    const c = container(pod);
    expect(c).toMatchObject({
      name: 'nginx',
      ready: true,
      started: true,
      restartCount: 0,
      image: 'docker.io/library/nginx:latest',
      lastState: {},
    });
    expect(c.containerID).toMatch(/^containerd:\/\/[0-9a-f]{64}$/);
    expect(c.imageID).toMatch(/^docker\.io\/library\/nginx@sha256:[0-9a-f]{64}$/);
    expect(c.state?.running?.startedAt).toMatch(/^2025-01-01T00:00:0\dZ$/);
  });

  it('writes ContainerCreating while the image is pulled, with upstream condition reasons', () => {
    const { run, createPod, history } = setupNode();
    run(1000);
    createPod('web', NGINX);
    run(1000);
    const creating = (history.get('web') ?? []).at(-1)?.status ?? {};
    expect(container({ status: creating }).state).toEqual({ waiting: { reason: 'ContainerCreating' } });
    expect(container({ status: creating })).toMatchObject({
      image: 'nginx',
      imageID: '',
      started: false,
      ready: false,
    });
    const ready = (creating.conditions ?? []).find((c: PodCondition) => c.type === 'Ready');
    expect(ready).toMatchObject({
      status: 'False',
      reason: 'ContainersNotReady',
      message: 'containers with unready status: [nginx]',
    });
  });

  it('records Pulling, Pulled, Created and Started in order, with upstream messages', () => {
    const { run, createPod, eventsOf } = setupNode();
    run(1000);
    createPod('web', NGINX);
    run(10_000);
    const events = eventsOf('web');
    expect(events).toHaveLength(4);
    expect(events[0]).toBe('Normal Pulling: Pulling image "nginx"');
    expect(events[1]).toMatch(
      /^Normal Pulled: Successfully pulled image "nginx" in (\d\.\d+s|\ds) \(\1 including waiting\)\. Image size: 72099410 bytes\.$/,
    );
    expect(events.slice(2)).toEqual([
      'Normal Created: Created container nginx',
      'Normal Started: Started container nginx',
    ]);
  });

  it('pulls images in 2-5 s, one at a time, and gives pods consecutive IPs', () => {
    const { run, createPod, getPod, eventsOf } = setupNode();
    run(1000);
    createPod('a', NGINX);
    createPod('b', { containers: [{ name: 'redis', image: 'redis:7' }] });
    run(20_000);
    const seconds = (text: string | undefined) =>
      [...(text ?? '').matchAll(/([\d.]+)s/g)].map((m) => Number(m[1]));
    const [pullA] = seconds(eventsOf('a')[1]);
    const [pullB, totalB] = seconds(eventsOf('b')[1]);
    expect(pullA).toBeGreaterThanOrEqual(2);
    expect(pullA).toBeLessThanOrEqual(5);
    expect(totalB).toBeCloseTo((pullA ?? 0) + (pullB ?? 0), 2);
    expect([getPod('a').status?.podIP, getPod('b').status?.podIP]).toEqual(['10.244.1.2', '10.244.1.3']);
  });

  it('does not pull an IfNotPresent image that is already there', () => {
    const { run, createPod, eventsOf } = setupNode();
    run(1000);
    createPod('first', { containers: [{ name: 'web', image: 'nginx:1.27' }] });
    run(10_000);
    createPod('second', { containers: [{ name: 'web', image: 'nginx:1.27' }] });
    run(2000);
    expect(eventsOf('second')).toEqual([
      'Normal Pulled: Container image "nginx:1.27" already present on machine',
      'Normal Created: Created container web',
      'Normal Started: Started container web',
    ]);
  });
});

describe('kubelet: failing pods', () => {
  it('reports ErrImagePull, then ImagePullBackOff, for an image that does not exist', () => {
    const { run, createPod, getPod, statuses, eventsOf } = setupNode();
    run(1000);
    createPod('bad', { containers: [{ name: 'app', image: 'nginx:nonexistent' }] });
    run(60_000);
    expect(statuses('bad').slice(0, 4)).toEqual([
      'Pending',
      'ContainerCreating',
      'ErrImagePull',
      'ImagePullBackOff',
    ]);
    const waiting = container(getPod('bad')).state?.waiting;
    expect(['ErrImagePull', 'ImagePullBackOff']).toContain(waiting?.reason);
    const notFound =
      'rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:nonexistent": ' +
      'failed to resolve reference "docker.io/library/nginx:nonexistent": docker.io/library/nginx:nonexistent: not found';
    expect(eventsOf('bad').slice(0, 5)).toEqual([
      'Normal Pulling: Pulling image "nginx:nonexistent"',
      `Warning Failed: Failed to pull image "nginx:nonexistent": ${notFound}`,
      'Warning Failed: Error: ErrImagePull',
      'Normal BackOff: Back-off pulling image "nginx:nonexistent"',
      'Warning Failed: Error: ImagePullBackOff',
    ]);
    expect(getPod('bad').status?.phase).toBe('Pending');
  });

  it('puts a crashing container in CrashLoopBackOff with a growing back-off', () => {
    const { run, createPod, getPod, statuses, steps, history } = setupNode();
    run(1000);
    createPod('crash', { containers: [{ name: 'app', image: 'busybox', command: ['sh', '-c', 'exit 1'] }] });
    run(200_000);
    expect(statuses('crash').slice(0, 6)).toEqual([
      'Pending',
      'ContainerCreating',
      'Running',
      'Error',
      'Running',
      'Error',
    ]);
    expect(statuses('crash')).toContain('CrashLoopBackOff');
    const starts = steps.filter((s) => s.summary.startsWith('StartContainer')).map((s) => s.time);
    const gaps = starts.slice(1).map((t, i) => t - (starts[i] ?? 0));
    expect(gaps[0]).toBeLessThan(2000); // the first restart is immediate
    for (let i = 1; i < gaps.length - 1; i++) expect(gaps[i + 1]).toBeGreaterThan(gaps[i] ?? 0);
    const messages = (history.get('crash') ?? [])
      .map((p) => p?.status?.containerStatuses?.[0]?.state?.waiting?.message)
      .filter((m): m is string => m !== undefined)
      .map(
        (m) =>
          /^back-off (\S+) restarting failed container=app pod=crash_default\([0-9a-f-]+\)$/.exec(m)?.[1],
      );
    expect([...new Set(messages)].slice(0, 5)).toEqual(['10s', '20s', '40s', '1m20s', '2m40s']);
    const c = container(getPod('crash'));
    expect(c.restartCount).toBe(starts.length - 1);
    expect(c.lastState?.terminated).toMatchObject({ exitCode: 1, reason: 'Error' });
    expect(getPod('crash').status?.phase).toBe('Running');
  });

  it('ends a restartPolicy: Never pod whose container exits 0 as Succeeded and releases its IP', () => {
    const { kubelet, run, createPod, getPod, statuses } = setupNode();
    run(1000);
    createPod('job', {
      restartPolicy: 'Never',
      containers: [{ name: 'task', image: 'busybox', command: ['true'] }],
    });
    run(10_000);
    expect(statuses('job')).toEqual(['Pending', 'ContainerCreating', 'Running', 'Completed']);
    const status = getPod('job').status ?? {};
    expect(status.phase).toBe('Succeeded');
    expect(container(getPod('job')).state?.terminated).toMatchObject({ exitCode: 0, reason: 'Completed' });
    expect((status.conditions ?? []).map((c: PodCondition) => [c.type, c.status, c.reason])).toEqual([
      ['PodReadyToStartContainers', 'False', undefined],
      ['Initialized', 'True', 'PodCompleted'],
      ['Ready', 'False', 'PodCompleted'],
      ['ContainersReady', 'False', 'PodCompleted'],
      ['PodScheduled', 'True', undefined],
    ]);
    expect(status.podIP).toBe('10.244.1.2');
    expect(kubelet.cni.ipam?.allocations()).toEqual([]);
  });

  it('fails a restartPolicy: Never pod whose container exits 1', () => {
    const { run, createPod, getPod } = setupNode();
    run(1000);
    createPod('job', {
      restartPolicy: 'Never',
      containers: [{ name: 'task', image: 'busybox', command: ['false'] }],
    });
    run(10_000);
    expect(getPod('job').status?.phase).toBe('Failed');
    expect(container(getPod('job')).state?.terminated).toMatchObject({ exitCode: 1, reason: 'Error' });
  });

  it('runs init containers first', () => {
    const { run, createPod, getPod, statuses } = setupNode();
    run(1000);
    createPod('init', {
      initContainers: [{ name: 'setup', image: 'busybox', command: ['sh', '-c', 'sleep 3'] }],
      containers: [{ name: 'web', image: 'nginx:1.27' }],
    });
    run(20_000);
    expect(statuses('init')).toEqual(['Pending', 'Init:0/1', 'PodInitializing', 'Running']);
    expect(getPod('init').status?.initContainerStatuses?.[0]).toMatchObject({
      name: 'setup',
      ready: true,
      state: { terminated: { exitCode: 0, reason: 'Completed' } },
    });
  });
});
