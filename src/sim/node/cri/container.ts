/**
 * A container as the runtime keeps it: its CRI status, what its main process does (images/)
 * and consumes (workloads.ts), its cgroup limits, and what the process sees of its sandbox.
 */
import type { TimerHandle } from '../../kernel/kernel';
import {
  effectiveArgv,
  isBusybox,
  processFor,
  serverFor,
  stopsGracefully,
  type Process,
} from '../images/process';
import type { ResolvedImage } from '../images/reference';
import type { ServerBehaviour } from '../images/server';
import type { Filesystem } from './fs';
import type { ShellContext } from './shell';
import type {
  ContainerConfig,
  ContainerStatus,
  LinuxContainerResources,
  PodNetwork,
  PodSandboxStatus,
} from './types';
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
  /** The image's own server, when the main process runs it (images/). */
  server: ServerBehaviour | null;
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
  fs: Filesystem,
  network?: PodNetwork,
): Container {
  const argv = effectiveArgv(image, config.command, config.args);
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
    process: processFor(image, argv),
    workload: workloadFor(image, argv, env),
    linux: config.linux,
    graceful: stopsGracefully(image, argv),
    exitTimer: null,
    onExit: [],
    server: serverFor(image, argv),
    argv,
    shell: {
      hostname: sandbox.config.hostname ?? name,
      podIP: sandbox.ip,
      env,
      busybox: isBusybox(image),
      now: wallClock,
      fs,
      tools: image.tools,
      ...(network === undefined ? {} : { network }),
    },
    logPath: `/var/log/pods/${namespace}_${name}_${uid}/${config.name}/${config.attempt}.log`,
  };
}
