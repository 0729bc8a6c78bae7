import type { ContainerStatus } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../apiserver/status';
import { PODS } from '../context';
import { setupNode } from '../testing';

const BUSYBOX = { name: 'app', image: 'busybox', command: ['sleep', '3600'] };

function container(pod: { status?: { containerStatuses?: ContainerStatus[] } }): ContainerStatus {
  const status = pod.status?.containerStatuses?.[0];
  if (status === undefined) throw new Error('no container status');
  return status;
}

describe('lifecycle hooks: postStart', () => {
  it('keeps the container out of Running until its postStart hook returns', () => {
    const { run, createPod, getPod, steps } = setupNode();
    run(1000);
    createPod('hook', {
      containers: [{ ...BUSYBOX, lifecycle: { postStart: { exec: { command: ['sh', '-c', 'sleep 5'] } } } }],
    });
    run(5000);
    const started = steps.find((s) => s.summary.startsWith('StartContainer'));
    expect(started).toBeDefined();
    expect(container(getPod('hook')).state).toEqual({ waiting: { reason: 'ContainerCreating' } });
    run(10_000);
    const running = container(getPod('hook'));
    expect(running.state?.running).toBeDefined();
    expect(getPod('hook').status?.phase).toBe('Running');
    const hookRun = steps.find((s) => s.summary.startsWith('Exec') && s.summary.includes('sleep 5'));
    expect(hookRun?.time).toBe(started?.time);
  });

  it('kills a container whose postStart hook fails and says why in its waiting state', () => {
    const { run, createPod, history, eventsOf } = setupNode();
    run(1000);
    const pod = createPod('hook', {
      terminationGracePeriodSeconds: 2,
      containers: [
        {
          ...BUSYBOX,
          lifecycle: { postStart: { exec: { command: ['sh', '-c', 'echo oops >&2; exit 3'] } } },
        },
      ],
    });
    run(30_000);
    const events = eventsOf('hook');
    expect(events).toContain('Warning FailedPostStartHook: PostStartHook failed');
    expect(events).toContain('Normal Killing: FailedPostStartHook');
    const states = (history.get('hook') ?? []).map((p) => p?.status?.containerStatuses?.[0]);
    const hookError = states.find((c) => c?.state?.waiting?.reason === 'PostStartHookError');
    expect(hookError?.state?.waiting?.message).toBe(
      `Exec lifecycle hook ([sh -c echo oops >&2; exit 3]) for Container "app" in Pod "hook_default(${pod.metadata.uid ?? ''})" failed - error: command 'sh -c echo oops >&2; exit 3' exited with 3: oops\n, message: "oops\\n"`,
    );
    expect(hookError?.lastState?.terminated).toMatchObject({ exitCode: 137, reason: 'Error' });
    expect(states.some((c) => c?.state?.waiting?.reason === 'CrashLoopBackOff')).toBe(true);
    expect(states.some((c) => c?.state?.running !== undefined)).toBe(false);
  });

  it('fails an httpGet hook only when the request cannot be made', () => {
    const { run, createPod, history, eventsOf } = setupNode();
    run(1000);
    const pod = createPod('web', {
      containers: [
        { name: 'ok', image: 'nginx', lifecycle: { postStart: { httpGet: { path: '/missing', port: 80 } } } },
        { name: 'closed', image: 'nginx', lifecycle: { postStart: { httpGet: { path: '/', port: 81 } } } },
      ],
    });
    run(15_000);
    const states = (history.get('web') ?? []).flatMap((p) => p?.status?.containerStatuses ?? []);
    expect(states.some((c) => c.name === 'ok' && c.state?.running !== undefined)).toBe(true);
    const closed = states.find(
      (c) => c.name === 'closed' && c.state?.waiting?.reason === 'PostStartHookError',
    );
    expect(closed?.state?.waiting?.message).toBe(
      `HTTP lifecycle hook (/) for Container "closed" in Pod "web_default(${pod.metadata.uid ?? ''})" failed - error: Get "http://10.244.1.2:81/": dial tcp 10.244.1.2:81: connect: connection refused`,
    );
    expect(eventsOf('web').filter((e) => e.startsWith('Warning FailedPostStartHook'))).toHaveLength(1);
  });
});

describe('lifecycle hooks: preStop', () => {
  const deleteAndTime = (setup: ReturnType<typeof setupNode>, name: string) => {
    const { client, kernel, run, getPod } = setup;
    const from = kernel.clock.now();
    client.delete(PODS, 'default', name);
    for (let t = 0; t < 60_000; t += 100) {
      run(100);
      try {
        getPod(name);
      } catch (error) {
        if (error instanceof ApiError) return kernel.clock.now() - from;
        throw error;
      }
    }
    return Infinity;
  };

  it('runs before the stop signal and takes its time out of the grace period', () => {
    const setup = setupNode();
    const { run, createPod, steps, eventsOf } = setup;
    run(1000);
    createPod('web', {
      containers: [{ name: 'nginx', image: 'nginx', lifecycle: { preStop: { sleep: { seconds: 5 } } } }],
    });
    run(10_000);
    const took = deleteAndTime(setup, 'web');
    expect(took).toBeGreaterThanOrEqual(5000);
    expect(took).toBeLessThan(6000);
    expect(eventsOf('web').at(-1)).toBe('Normal Killing: Stopping container nginx');
    expect(steps.some((s) => /^StopContainer \w+ \(nginx\) timeout 25s$/.test(s.summary))).toBe(true);
  });

  it('stops the container when the grace period runs out during the hook, and reports a failed hook', () => {
    const setup = setupNode();
    const { run, createPod, steps, eventsOf } = setup;
    run(1000);
    createPod('app', {
      terminationGracePeriodSeconds: 10,
      containers: [
        { ...BUSYBOX, lifecycle: { preStop: { exec: { command: ['sh', '-c', 'sleep 100'] } } } },
        { ...BUSYBOX, name: 'bad', lifecycle: { preStop: { exec: { command: ['sh', '-c', 'exit 1'] } } } },
      ],
    });
    run(10_000);
    const took = deleteAndTime(setup, 'app');
    // 10 s of hook, then the minimum 2 s for SIGTERM before SIGKILL (sleep ignores SIGTERM).
    expect(took).toBeGreaterThanOrEqual(12_000);
    expect(took).toBeLessThan(13_000);
    expect(steps.some((s) => /^StopContainer \w+ \(app\) timeout 2s$/.test(s.summary))).toBe(true);
    expect(steps.some((s) => /^StopContainer \w+ \(bad\) timeout 10s$/.test(s.summary))).toBe(true);
    expect(eventsOf('app')).toContain('Warning FailedPreStopHook: PreStopHook failed');
  });
});
