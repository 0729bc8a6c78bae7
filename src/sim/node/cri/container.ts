/**
 * A container as the runtime keeps it: its CRI status, what its main process does (images.ts)
 * and consumes (workloads.ts), its cgroup limits, and what the process sees of its sandbox.
 */
import type { TimerHandle } from '../../kernel/kernel';
import { isBusybox, processFor, stopsGracefully, type Process, type ResolvedImage } from './images';
import type { ShellContext } from './shell';
import type { ContainerConfig, ContainerStatus, LinuxContainerResources, PodSandboxStatus } from './types';
import { workloadFor, type Workload } from './workloads';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

export interface Container {
  status: Mutable<ContainerStatus>;
  process: Process;
  workload: Workload;
  linux: LinuxContainerResources | undefined;
  graceful: boolean;
  exitTimer: TimerHandle | null;
  onExit: (() => void)[];
  /** What the main process runs, and what it sees of its container. */
  argv: readonly string[];
  shell: ShellContext;
  logPath: string;
}

/** CreateContainer's record of a new container in `sandbox`, created at virtual time `now`. */
export function newContainer(
  id: string,
  sandbox: PodSandboxStatus,
  config: ContainerConfig,
  image: ResolvedImage,
  now: number,
  wallClock: () => number,
): Container {
  const argv = [...config.command, ...config.args];
  const env = config.env ?? {};
  const { namespace, name, uid } = sandbox.config;
  return {
    status: {
      id,
      sandboxId: sandbox.id,
      name: config.name,
      attempt: config.attempt,
      state: 'CONTAINER_CREATED',
      createdAt: now,
      startedAt: 0,
      finishedAt: 0,
      exitCode: 0,
      reason: '',
      image: image.ref,
      imageRef: `${image.repository}@${image.digest}`,
    },
    process: processFor(image, config.command, config.args),
    workload: workloadFor(image, argv, env),
    linux: config.linux,
    graceful: stopsGracefully(config.command, config.args),
    exitTimer: null,
    onExit: [],
    argv,
    shell: { hostname: name, podIP: sandbox.ip, env, busybox: isBusybox(image), now: wallClock },
    logPath: `/var/log/pods/${namespace}_${name}_${uid}/${config.name}/${config.attempt}.log`,
  };
}
