import type { Container, Pod } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { printPod } from '../../../apiserver/printers/pods';
import { PODS } from '../context';
import { setupNode } from '../testing';

const sidecar = (name: string, extra: Partial<Container> = {}): Container => ({
  name,
  image: 'busybox',
  command: ['sleep', '3600'],
  restartPolicy: 'Always',
  ...extra,
});
const MAIN = { name: 'app', image: 'busybox', command: ['sleep', '3600'] };

/** The time of the last step so far. */
const setupNodeTime = (steps: readonly { time: number }[]) => steps.at(-1)?.time ?? 0;

/** The time each container got its StartContainer (or StopContainer) call, by name. */
function callTimes(
  steps: readonly { summary: string; time: number }[],
  call: string,
): Record<string, number[]> {
  const times: Record<string, number[]> = {};
  for (const s of steps) {
    const m = new RegExp(`^${call} \\w+ \\(([\\w-]+)\\)`).exec(s.summary);
    if (m?.[1] !== undefined) (times[m[1]] ??= []).push(s.time);
  }
  return times;
}

describe('sidecar containers', () => {
  it('start in order, the next init container once the sidecar started per its startup probe', () => {
    const { run, createPod, getPod, steps } = setupNode();
    run(1000);
    createPod('pod', {
      initContainers: [
        sidecar('proxy', {
          image: 'kubelab/slow-start',
          command: undefined,
          env: [{ name: 'STARTUP_DELAY', value: '6' }],
          startupProbe: { tcpSocket: { port: 8080 }, periodSeconds: 1, failureThreshold: 30 },
        }),
        { name: 'setup', image: 'busybox', command: ['sh', '-c', 'echo ready'] },
      ],
      containers: [MAIN],
    });
    run(30_000);
    const started = callTimes(steps, 'StartContainer');
    const proxy = started['proxy']?.[0] ?? 0;
    expect(started['setup']?.[0]).toBeGreaterThanOrEqual(proxy + 6000);
    expect(started['app']?.[0]).toBeGreaterThan(started['setup']?.[0] ?? 0);
    const pod = getPod('pod');
    expect(pod.status?.phase).toBe('Running');
    expect(pod.status?.initContainerStatuses?.map((c) => [c.name, c.ready, c.started])).toEqual([
      ['proxy', true, true],
      ['setup', true, false],
    ]);
    expect(printPod(pod as Pod, 0).cells.slice(1, 4)).toEqual(['2/2', 'Running', '0']);
  });

  it('keep the pod Pending (Init:0/1) until the sidecar started', () => {
    const { run, createPod, getPod } = setupNode();
    run(1000);
    createPod('pod', {
      initContainers: [
        sidecar('proxy', { startupProbe: { exec: { command: ['false'] }, periodSeconds: 1 } }),
      ],
      containers: [MAIN],
    });
    run(2500);
    const pod = getPod('pod');
    expect(pod.status?.phase).toBe('Pending');
    expect(pod.status?.conditions?.find((c) => c.type === 'Initialized')).toMatchObject({
      status: 'False',
      reason: 'ContainersNotInitialized',
      message: 'containers with incomplete status: [proxy]',
    });
    expect(printPod(pod as Pod, 0).cells.slice(1, 3)).toEqual(['0/2', 'Init:0/1']);
  });

  it('are restarted when they exit, and their restarts count', () => {
    const { run, createPod, getPod } = setupNode();
    run(1000);
    createPod('pod', {
      initContainers: [sidecar('logger', { command: ['sh', '-c', 'sleep 3; exit 1'] })],
      containers: [MAIN],
    });
    run(30_000);
    const pod = getPod('pod');
    const logger = pod.status?.initContainerStatuses?.[0];
    expect(logger?.restartCount).toBeGreaterThanOrEqual(2);
    expect(pod.status?.containerStatuses?.[0]?.restartCount).toBe(0);
    expect(pod.status?.phase).toBe('Running');
    expect(printPod(pod as Pod, 0).cells[3]).toMatch(new RegExp(`^${String(logger?.restartCount)} \\(`));
  });

  it('stop after the main containers, in reverse order, when the pod is deleted', () => {
    const { run, createPod, client, steps, eventsOf } = setupNode();
    run(1000);
    createPod('pod', {
      terminationGracePeriodSeconds: 20,
      initContainers: [sidecar('first'), sidecar('second', { image: 'nginx', command: undefined })],
      containers: [{ name: 'web', image: 'nginx' }],
    });
    run(15_000);
    const from = steps.length;
    const deletedAt = setupNodeTime(steps);
    client.delete(PODS, 'default', 'pod');
    run(25_000);
    const stops = callTimes(steps.slice(from), 'StopContainer');
    const [web, second, first] = [
      stops['web']?.[0] ?? 0,
      stops['second']?.[0] ?? 0,
      stops['first']?.[0] ?? 0,
    ];
    // nginx stops within a second of SIGQUIT: each sidecar gets its signal once the ones it waits for stopped.
    expect(web).toBeGreaterThanOrEqual(deletedAt);
    expect(second).toBeGreaterThan(web);
    expect(first).toBeGreaterThan(second);
    expect(first - web).toBeLessThan(1000);
    expect(steps.some((s) => /^StopContainer \w+ \(first\) timeout 20s$/.test(s.summary))).toBe(true);
    expect(eventsOf('pod').filter((e) => e.startsWith('Normal Killing'))).toEqual([
      'Normal Killing: Stopping container first',
      'Normal Killing: Stopping container second',
      'Normal Killing: Stopping container web',
    ]);
  });

  it('are stopped once the main containers of a pod that does not restart them are done', () => {
    const { run, createPod, getPod, statuses } = setupNode();
    run(1000);
    createPod('job', {
      restartPolicy: 'Never',
      initContainers: [sidecar('proxy', { image: 'nginx', command: undefined })],
      containers: [{ name: 'task', image: 'busybox', command: ['sh', '-c', 'sleep 2; echo done'] }],
    });
    run(30_000);
    const pod = getPod('job');
    expect(pod.status?.phase).toBe('Succeeded');
    expect(pod.status?.initContainerStatuses?.[0]?.state?.terminated).toBeDefined();
    expect(statuses('job')).toEqual(['Pending', 'Init:0/1', 'PodInitializing', 'Running', 'Completed']);
  });
});
