import type { ContainerStatus, Probe } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../apiserver/types';
import { EVENTS, setupNode } from '../testing';

const BUSYBOX = { name: 'app', image: 'busybox', command: ['sleep', '3600'] };

function container(pod: { status?: { containerStatuses?: ContainerStatus[] } }): ContainerStatus {
  const status = pod.status?.containerStatuses?.[0];
  if (status === undefined) throw new Error('no container status');
  return status;
}

/** An exec probe running `sh -c <script>`. */
const exec = (script: string, probe: Partial<Probe> = {}): Probe => ({
  exec: { command: ['sh', '-c', script] },
  ...probe,
});

describe('probes: liveness', () => {
  it('restarts a container whose liveness probe fails failureThreshold times, with Unhealthy and Killing events', () => {
    const { run, createPod, getPod, eventsOf, client, steps } = setupNode();
    run(1000);
    createPod('live', {
      containers: [
        {
          ...BUSYBOX,
          livenessProbe: exec('echo not healthy; exit 1', {
            initialDelaySeconds: 5,
            periodSeconds: 5,
            failureThreshold: 3,
            terminationGracePeriodSeconds: 1,
          }),
        },
      ],
    });
    run(25_000);
    const c = container(getPod('live'));
    expect(c.restartCount).toBe(1);
    expect(c.lastState?.terminated).toMatchObject({ exitCode: 137, reason: 'Error' });
    expect(c.state?.running).toBeDefined();
    const events = eventsOf('live');
    expect(events).toContain('Warning Unhealthy: Liveness probe failed: not healthy\n');
    expect(events).toContain('Normal Killing: Container app failed liveness probe, will be restarted');
    const unhealthy = client
      .list<KubeObject>(EVENTS, 'default')
      .items.find((e) => e.reason === 'Unhealthy' && (e.involvedObject as { name: string }).name === 'live');
    expect(unhealthy?.count).toBe(3);
    // The probe's own terminationGracePeriodSeconds (1 s, at least 2 s) replaces the pod's 30 s.
    expect(steps.some((s) => /^StopContainer \w+ \(app\) timeout 2s$/.test(s.summary))).toBe(true);
  });

  it('runs the documentation example: healthy for 30 s, then restarted', () => {
    const { run, createPod, getPod, eventsOf } = setupNode();
    run(1000);
    createPod('liveness-exec', {
      containers: [
        {
          name: 'liveness',
          image: 'busybox',
          args: ['/bin/sh', '-c', 'touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600'],
          livenessProbe: {
            exec: { command: ['cat', '/tmp/healthy'] },
            initialDelaySeconds: 5,
            periodSeconds: 5,
          },
        },
      ],
    });
    run(30_000);
    expect(eventsOf('liveness-exec').filter((e) => e.startsWith('Warning'))).toEqual([]);
    run(60_000);
    expect(eventsOf('liveness-exec')).toContain(
      "Warning Unhealthy: Liveness probe failed: cat: can't open '/tmp/healthy': No such file or directory\n",
    );
    // sh ignores SIGTERM: the container is killed when its 30 s grace period ends, then restarted.
    expect(container(getPod('liveness-exec')).restartCount).toBe(1);
  });

  it('waits initialDelaySeconds and three failures before killing', () => {
    const { run, createPod, getPod, steps } = setupNode();
    run(1000);
    createPod('live', {
      containers: [
        { ...BUSYBOX, livenessProbe: exec('exit 1', { initialDelaySeconds: 10, periodSeconds: 3 }) },
      ],
    });
    run(60_000);
    const startedAt = Date.parse(container(getPod('live')).lastState?.terminated?.startedAt ?? '');
    const kill = steps.find((s) => s.summary.startsWith('StopContainer'));
    const probes = steps.filter(
      (s) => s.summary.startsWith('Exec') && (kill === undefined || s.time <= kill.time),
    );
    expect(probes).toHaveLength(3);
    expect((probes[0]?.time ?? 0) - (startedAt - Date.UTC(2025, 0, 1))).toBeGreaterThanOrEqual(10_000);
    expect((probes[2]?.time ?? 0) - (probes[0]?.time ?? 0)).toBe(6000);
  });

  it('reports an exec probe that runs past its timeout as a failure', () => {
    const { run, createPod, eventsOf } = setupNode();
    run(1000);
    createPod('slow', {
      containers: [{ ...BUSYBOX, livenessProbe: { exec: { command: ['sleep', '5'] }, timeoutSeconds: 1 } }],
    });
    run(20_000);
    expect(eventsOf('slow')).toContain(
      'Warning Unhealthy: Liveness probe failed: command timed out: "sleep 5" timed out after 1s',
    );
  });

  it('holds liveness back until the startup probe succeeds, and restarts on startup failure', () => {
    const { run, createPod, eventsOf } = setupNode();
    run(1000);
    createPod('boot', {
      containers: [
        {
          ...BUSYBOX,
          startupProbe: exec('exit 1', { periodSeconds: 2, failureThreshold: 2 }),
          livenessProbe: exec('exit 1', { periodSeconds: 1, failureThreshold: 1 }),
        },
      ],
    });
    run(15_000);
    const events = eventsOf('boot');
    expect(events).toContain('Warning Unhealthy: Startup probe failed: ');
    expect(events).toContain('Normal Killing: Container app failed startup probe, will be restarted');
    expect(events.some((e) => e.includes('Liveness'))).toBe(false);
  });
});
