/**
 * CRI's stats calls (ListContainerStats, ListPodSandboxStats): what the node's cgroups say each
 * running container and each ready pod sandbox use, as the kubelet's stats provider reads them.
 */
import type { Cgroups } from './cgroups';
import type { Container } from './container';
import type { ContainerStats, PodSandboxStats, PodSandboxStatus } from './types';

/** The pause container's working set, part of every pod sandbox's cgroup. */
export const PAUSE_WORKING_SET = 229_376;

/** ContainerStats of every running container, measured at virtual time `now`. */
export function containerStats(
  cgroups: Cgroups,
  containers: Iterable<Container>,
  now: number,
): ContainerStats[] {
  return [...containers].flatMap((c) => {
    const usage = cgroups.container(c.status.id);
    if (usage === undefined) return [];
    const { id, name, sandboxId, startedAt } = c.status;
    return [
      {
        id,
        name,
        sandboxId,
        startedAt,
        cpu: { timestamp: now, usageCoreNanoSeconds: Math.round(usage.cpuSeconds * 1e9) },
        memory: { timestamp: now, workingSetBytes: usage.workingSetBytes },
      },
    ];
  });
}

/** PodSandboxStats of every ready sandbox: its containers' usage plus the pause container's. */
export function sandboxStats(
  sandboxes: Iterable<PodSandboxStatus>,
  containers: readonly ContainerStats[],
  now: number,
): PodSandboxStats[] {
  return [...sandboxes]
    .filter((s) => s.state === 'SANDBOX_READY')
    .map((s) => {
      const own = containers.filter((c) => c.sandboxId === s.id);
      const sum = (f: (c: ContainerStats) => number) => own.reduce((a, c) => a + f(c), 0);
      return {
        id: s.id,
        config: s.config,
        cpu: { timestamp: now, usageCoreNanoSeconds: sum((c) => c.cpu.usageCoreNanoSeconds) },
        memory: { timestamp: now, workingSetBytes: PAUSE_WORKING_SET + sum((c) => c.memory.workingSetBytes) },
        containers: own,
      };
    });
}
