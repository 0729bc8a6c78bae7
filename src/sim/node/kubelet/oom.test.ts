import type { ContainerStatus } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { setupNode } from './testing';

/** The Kubernetes docs' memory-request-limit-2 example: 250M in a 100Mi limit. */
const OVER_LIMIT = {
  containers: [
    {
      name: 'memory-demo-2-ctr',
      image: 'polinux/stress',
      resources: { requests: { memory: '50Mi' }, limits: { memory: '100Mi' } },
      command: ['stress'],
      args: ['--vm', '1', '--vm-bytes', '250M', '--vm-hang', '1'],
    },
  ],
};

const statusOf = (pod: { status?: { containerStatuses?: ContainerStatus[] } }) =>
  pod.status?.containerStatuses?.[0];

describe('kubelet: containers over their memory limit', () => {
  it('are OOMKilled with exit code 137, restarted, then left in CrashLoopBackOff', () => {
    const { run, createPod, getPod, statuses, eventsOf, steps } = setupNode();
    run(1000);
    createPod('memory-demo-2', OVER_LIMIT);
    run(5000);
    const first = statusOf(getPod('memory-demo-2'));
    const terminated = first?.state?.terminated ?? first?.lastState?.terminated;
    expect(terminated).toMatchObject({ reason: 'OOMKilled', exitCode: 137 });
    expect(steps.some((s) => s.from === 'node-1/container-runtime' && s.summary.startsWith('TaskOOM'))).toBe(
      true,
    );
    run(60_000);
    const later = statusOf(getPod('memory-demo-2'));
    expect(later?.restartCount).toBeGreaterThanOrEqual(2);
    expect(later?.lastState?.terminated).toMatchObject({ reason: 'OOMKilled', exitCode: 137 });
    expect(statuses('memory-demo-2')).toEqual(
      expect.arrayContaining(['ContainerCreating', 'OOMKilled', 'CrashLoopBackOff']),
    );
    expect(eventsOf('memory-demo-2')).toContain(
      'Warning BackOff: Back-off restarting failed container memory-demo-2-ctr in pod memory-demo-2_default(' +
        (getPod('memory-demo-2').metadata.uid ?? '') +
        ')',
    );
  });

  it('keeps a container under its limit running', () => {
    const { run, createPod, getPod } = setupNode();
    run(1000);
    createPod('memory-demo', {
      containers: [
        {
          name: 'memory-demo-ctr',
          image: 'polinux/stress',
          resources: { requests: { memory: '100Mi' }, limits: { memory: '200Mi' } },
          command: ['stress'],
          args: ['--vm', '1', '--vm-bytes', '150M', '--vm-hang', '1'],
        },
      ],
    });
    run(60_000);
    expect(statusOf(getPod('memory-demo'))).toMatchObject({ restartCount: 0, ready: true });
  });
});
