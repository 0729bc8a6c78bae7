import { describe, expect, it } from 'vitest';
import { Kernel } from '../../kernel/kernel';
import type { TraceStep } from '../../kernel/trace';
import { CniPlugin } from '../cni/plugin';
import { ContainerRuntime } from './runtime';
import type { ContainerEvent, PulledImage, RuntimeError } from './types';

function setup(seed = 1) {
  const kernel = new Kernel({ seed, epoch: Date.UTC(2025, 0, 1) });
  const steps: TraceStep[] = [];
  kernel.trace.subscribe((s) => steps.push(s));
  const cni = new CniPlugin(kernel, 'node-1/kubelet', 'node-1/container-runtime');
  cni.setPodCIDR('10.244.1.0/24');
  const runtime = new ContainerRuntime(kernel, 'node-1', cni);
  const events: ContainerEvent[] = [];
  runtime.getContainerEvents((e) => events.push(e));
  const pull = (image: string) => {
    let result: PulledImage | RuntimeError | undefined;
    runtime.pullImage(image, null, (r) => (result = r));
    kernel.runUntil(kernel.clock.now() + 10_000);
    return result;
  };
  const sandbox = () =>
    runtime.runPodSandbox(
      { name: 'web', namespace: 'default', uid: 'u1', attempt: 0, hostNetwork: false },
      null,
    ).value;
  const start = (image: string, command: string[] = [], args: string[] = []) => {
    const box = sandbox();
    const id = runtime.createContainer(box.id, { name: 'c', image, command, args, attempt: 0 }, null).value;
    runtime.startContainer(id, null);
    return id;
  };
  return { kernel, steps, runtime, events, pull, sandbox, start };
}

describe('container runtime', () => {
  it('records every CRI call as a runtime step from the kubelet to the runtime, and runc below it', () => {
    const { runtime, steps, sandbox, pull, kernel } = setup();
    const box = sandbox();
    expect(box.id).toMatch(/^[0-9a-f]{64}$/);
    expect(box.ip).toBe('10.244.1.2');
    runtime.listContainers(null, null);
    const line = (s: TraceStep) =>
      `${s.from} -> ${s.to} [${s.kind}] ${(s.summary.split(':')[0] ?? '').replace(/\b[0-9a-f]{13}\b/, '<id>')}`;
    expect(steps.map(line)).toEqual([
      'node-1/kubelet -> node-1/container-runtime [runtime] RunPodSandbox default/web',
      'node-1/kubelet -> node-1/container-runtime [runtime] CNI ADD default/web',
      'node-1/container-runtime -> node-1/runc [runtime] runc create <id> (pause)',
      'node-1/container-runtime -> node-1/runc [runtime] runc start <id> (pause)',
      'node-1/kubelet -> node-1/container-runtime [runtime] ListContainers',
    ]);
    pull('busybox');
    const from = steps.length;
    const created = runtime.createContainer(
      box.id,
      { name: 'c', image: 'busybox', command: ['sleep', '60'], args: [], attempt: 0 },
      null,
    );
    const started = runtime.startContainer(created.value, created.step);
    kernel.runUntil(kernel.clock.now() + 10);
    const byId = new Map(steps.map((s) => [s.id, s]));
    const oci = steps.slice(from).filter((s) => s.to === 'node-1/runc');
    expect(
      oci.map((s) => [
        s.summary.replace(/[0-9a-f]{13}/, '<id>'),
        byId.get(s.causedBy ?? 0)?.summary.split(' ')[0],
      ]),
    ).toEqual([
      [
        'OCI bundle <id> (c): config.json, overlayfs rootfs from docker.io/library/busybox:latest',
        'CreateContainer',
      ],
      [
        "runc create <id> (c): namespaces pid,mnt,cgroup + sandbox's net,ipc,uts, cgroup under podu1, mounts, pivot_root",
        'StartContainer',
      ],
      ['runc start <id> (c): exec sleep 60 as PID 1', 'runc'],
    ]);
    expect(oci[1]?.causedBy).toBe(started.step);
  });

  it('pulls images in the time their profile gives, deterministically, and fast once cached', () => {
    const times = (seed: number) => {
      const { kernel, runtime } = setup(seed);
      const took: number[] = [];
      for (let i = 0; i < 2; i++) {
        const started = kernel.clock.now();
        runtime.pullImage('nginx', null, () => took.push(kernel.clock.now() - started));
        kernel.runUntil(kernel.clock.now() + 10_000);
      }
      return took;
    };
    const [first, cached] = times(1);
    expect(first).toBeGreaterThanOrEqual(2000);
    expect(first).toBeLessThanOrEqual(5000);
    expect(cached).toBeLessThanOrEqual(800);
    expect(times(1)).toEqual([first, cached]);
  });

  it('fails pulls of images that do not exist the way containerd reports them', () => {
    const { pull } = setup();
    expect(pull('nginx:nonexistent')).toEqual({
      code: 'NotFound',
      desc:
        'failed to pull and unpack image "docker.io/library/nginx:nonexistent": failed to resolve reference ' +
        '"docker.io/library/nginx:nonexistent": docker.io/library/nginx:nonexistent: not found',
    });
    expect(pull('doesnotexist/app')).toMatchObject({ code: 'Unknown' });
    expect((pull('doesnotexist/app') as RuntimeError).desc).toContain('pull access denied');
  });

  it('runs containers as their command says: false exits 1, true exits 0, servers keep running', () => {
    const { kernel, runtime, pull, start, events } = setup();
    pull('busybox');
    pull('nginx');
    const failing = start('busybox', ['false']);
    const succeeding = start('busybox', ['true']);
    const server = start('nginx');
    kernel.runUntil(kernel.clock.now() + 60_000);
    const state = (id: string) => runtime.containerStatus(id, null).value;
    expect(state(failing)).toMatchObject({ state: 'CONTAINER_EXITED', exitCode: 1, reason: 'Error' });
    expect(state(succeeding)).toMatchObject({ state: 'CONTAINER_EXITED', exitCode: 0, reason: 'Completed' });
    expect(state(server)).toMatchObject({
      state: 'CONTAINER_RUNNING',
      image: 'docker.io/library/nginx:latest',
    });
    expect(events.filter((e) => e.type === 'CONTAINER_STOPPED_EVENT').map((e) => e.containerId)).toEqual([
      failing,
      succeeding,
    ]);
  });

  it('stops servers on their stop signal and SIGKILLs commands that ignore SIGTERM at the deadline', () => {
    const { kernel, runtime, pull, start } = setup();
    pull('busybox');
    pull('nginx');
    const server = start('nginx');
    const sleeper = start('busybox', ['sleep', '3600']);
    const stopped: Record<string, number> = {};
    const from = kernel.clock.now();
    runtime.stopContainer(server, 30, null, () => (stopped.server = kernel.clock.now() - from));
    runtime.stopContainer(sleeper, 30, null, () => (stopped.sleeper = kernel.clock.now() - from));
    kernel.runUntil(from + 60_000);
    expect(stopped.server).toBeLessThan(1000);
    expect(stopped.sleeper).toBe(30_000);
    expect(runtime.containerStatus(server, null).value?.exitCode).toBe(0);
    expect(runtime.containerStatus(sleeper, null).value?.exitCode).toBe(137);
  });

  it('releases the sandbox IP when the sandbox stops and forgets it when removed', () => {
    const { runtime, sandbox } = setup();
    const box = sandbox();
    runtime.stopPodSandbox(box.id, null);
    runtime.removePodSandbox(box.id, null);
    expect(sandbox().ip).toBe('10.244.1.3');
    expect(runtime.listContainers(box.id, null).value).toEqual([]);
  });

  it('refuses to create a container whose image is not in the store', () => {
    const { runtime, sandbox } = setup();
    const box = sandbox();
    expect(() =>
      runtime.createContainer(box.id, { name: 'c', image: 'redis', command: [], args: [], attempt: 0 }, null),
    ).toThrow('failed to get image "docker.io/library/redis:latest": not found');
  });
});
