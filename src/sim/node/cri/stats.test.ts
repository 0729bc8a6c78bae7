import { describe, expect, it } from 'vitest';
import { Kernel } from '../../kernel/kernel';
import { CniPlugin } from '../cni/plugin';
import { ContainerRuntime } from './runtime';
import { PAUSE_WORKING_SET } from './stats';
import type { ContainerEvent, LinuxContainerResources } from './types';

const MI = 1024 * 1024;

function setup() {
  const kernel = new Kernel({ seed: 1, epoch: Date.UTC(2025, 0, 1) });
  const cni = new CniPlugin(kernel, 'node-1/kubelet', 'node-1/container-runtime');
  cni.setPodCIDR('10.244.1.0/24');
  const runtime = new ContainerRuntime(kernel, 'node-1', cni);
  const events: ContainerEvent[] = [];
  runtime.getContainerEvents((e) => events.push(e));
  const run = (ms: number) => kernel.runUntil(kernel.clock.now() + ms);
  const start = (name: string, image: string, args: string[], linux?: LinuxContainerResources) => {
    runtime.pullImage(image, null, () => {});
    run(10_000);
    const box = runtime.runPodSandbox(
      { name, namespace: 'default', uid: name, attempt: 0, hostNetwork: false },
      null,
    );
    const id = runtime.createContainer(
      box.value.id,
      { name, image, command: [], args, attempt: 0, ...(linux === undefined ? {} : { linux }) },
      null,
    ).value;
    runtime.startContainer(id, null);
    return { id, sandbox: box.value.id };
  };
  return { runtime, events, run, start };
}

describe('container runtime stats', () => {
  it('ListContainerStats and ListPodSandboxStats report the running containers cgroups', () => {
    const { runtime, run, start } = setup();
    const web = start('web', 'nginx', []);
    run(30_000);
    const [stats] = runtime.listContainerStats(null).value;
    expect(stats).toMatchObject({
      id: web.id,
      name: 'web',
      sandboxId: web.sandbox,
      memory: { workingSetBytes: 3_563_520 },
    });
    expect(stats?.cpu.usageCoreNanoSeconds).toBeGreaterThan(0);
    const [pod] = runtime.listPodSandboxStats(null).value;
    expect(pod).toMatchObject({
      id: web.sandbox,
      config: { name: 'web', namespace: 'default' },
      memory: { workingSetBytes: 3_563_520 + PAUSE_WORKING_SET },
      cpu: { usageCoreNanoSeconds: stats?.cpu.usageCoreNanoSeconds },
    });
  });

  it('adds request load to a server, and OOM-kills past the memory limit with exit 137', () => {
    const { runtime, events, run, start } = setup();
    const php = start('php', 'registry.k8s.io/hpa-example', []);
    const cpu = () =>
      runtime.listContainerStats(null).value.find((s) => s.id === php.id)?.cpu.usageCoreNanoSeconds ?? 0;
    run(10_000);
    const idle = cpu();
    runtime.setLoad(php.id, 20);
    run(10_000);
    expect((cpu() - idle) / 1e9 / 10).toBeCloseTo(0.4, 1);
    const leak = start('leaky', 'kubelab/leaky', [], {
      cpuPeriod: 100_000,
      cpuQuota: 0,
      cpuShares: 2,
      memoryLimitInBytes: 20 * MI,
    });
    run(9_000);
    expect(runtime.containerStatus(leak.id, null).value?.state).toBe('CONTAINER_RUNNING');
    run(2_000);
    expect(runtime.containerStatus(leak.id, null).value).toMatchObject({
      state: 'CONTAINER_EXITED',
      exitCode: 137,
      reason: 'OOMKilled',
    });
    expect(events.at(-1)).toMatchObject({ type: 'CONTAINER_STOPPED_EVENT', containerId: leak.id });
    expect(runtime.listContainerStats(null).value.map((s) => s.name)).toEqual(['php']);
  });
});
