/**
 * The Container Runtime Interface as the kubelet sees it: the calls of CRI's RuntimeService
 * and ImageService (k8s.io/cri-api runtime/v1), shaped as TypeScript. Every call takes the
 * trace step that caused it and answers with the step it recorded, so the kubelet can carry
 * the causal chain on. Long calls (PullImage, StopContainer) answer through a callback when
 * the virtual time they take has passed.
 */

/** What a sandbox is asked to be (PodSandboxConfig, trimmed to what the simulation uses). */
export interface PodSandboxConfig {
  readonly name: string;
  readonly namespace: string;
  readonly uid: string;
  /** The pod's restart count of sandboxes (PodSandboxMetadata.attempt). */
  readonly attempt: number;
  /** Host network pods get no network namespace and no CNI call. */
  readonly hostNetwork: boolean;
}

export type SandboxState = 'SANDBOX_READY' | 'SANDBOX_NOTREADY';

/** PodSandboxStatus. */
export interface PodSandboxStatus {
  readonly id: string;
  readonly config: PodSandboxConfig;
  readonly state: SandboxState;
  /** The pod IP CNI gave the sandbox; null for host network pods. */
  readonly ip: string | null;
  /** Virtual ms. */
  readonly createdAt: number;
}

/** What a container is asked to be (ContainerConfig, trimmed). */
export interface ContainerConfig {
  readonly name: string;
  /** The image as the pod spec names it (`nginx`). */
  readonly image: string;
  readonly command: readonly string[];
  readonly args: readonly string[];
  /** How many times this container was restarted before (ContainerMetadata.attempt). */
  readonly attempt: number;
  /** Environment variables with literal values (the pod spec's `env[].value`). */
  readonly env?: Readonly<Record<string, string>>;
  /** The cgroup limits the runtime enforces; none when omitted. */
  readonly linux?: LinuxContainerResources;
}

/** LinuxContainerResources, trimmed: what the kubelet derives from the container's resources. */
export interface LinuxContainerResources {
  /** CFS period in µs (100000). */
  readonly cpuPeriod: number;
  /** CFS quota in µs per period; 0 means no CPU limit. */
  readonly cpuQuota: number;
  /** cpu.shares, the container's weight when CPUs are contended (2 at least). */
  readonly cpuShares: number;
  /** The memory limit in bytes; 0 means none. */
  readonly memoryLimitInBytes: number;
}

export type ContainerState =
  'CONTAINER_CREATED' | 'CONTAINER_RUNNING' | 'CONTAINER_EXITED' | 'CONTAINER_UNKNOWN';

/** ContainerStatus: times are virtual ms, 0 when they have not happened. */
export interface ContainerStatus {
  readonly id: string;
  readonly sandboxId: string;
  readonly name: string;
  readonly attempt: number;
  readonly state: ContainerState;
  readonly createdAt: number;
  readonly startedAt: number;
  readonly finishedAt: number;
  readonly exitCode: number;
  /** `Completed`, `Error` or `OOMKilled` once exited; '' before. */
  readonly reason: string;
  /** The normalized image name (`docker.io/library/nginx:latest`). */
  readonly image: string;
  /** The image by digest (`docker.io/library/nginx@sha256:...`). */
  readonly imageRef: string;
}

/** An image in the runtime's store (CRI Image). */
export interface ImageInfo {
  /** `sha256:...` */
  readonly id: string;
  readonly repoTags: readonly string[];
  readonly repoDigests: readonly string[];
  readonly size: number;
}

/** The answer to a successful PullImage. */
export interface PulledImage {
  readonly imageRef: string;
  readonly size: number;
  /** How long the pull itself took, in virtual ms. */
  readonly durationMs: number;
}

/** CPU usage as CRI reports it: cumulative core time at an instant. */
export interface CpuUsage {
  /** Virtual ms when it was measured. */
  readonly timestamp: number;
  /** Cumulative CPU time since the container started, in core-nanoseconds. */
  readonly usageCoreNanoSeconds: number;
}

/** Memory usage as CRI reports it. */
export interface MemoryUsage {
  /** Virtual ms when it was measured. */
  readonly timestamp: number;
  /** The working set: memory the kernel cannot reclaim without swapping, in bytes. */
  readonly workingSetBytes: number;
}

/** ContainerStats (ListContainerStats), for a running container. */
export interface ContainerStats {
  readonly id: string;
  readonly name: string;
  readonly sandboxId: string;
  /** Virtual ms when the container started. */
  readonly startedAt: number;
  readonly cpu: CpuUsage;
  readonly memory: MemoryUsage;
}

/** PodSandboxStats (ListPodSandboxStats): a ready sandbox's pod cgroup and its containers. */
export interface PodSandboxStats {
  readonly id: string;
  readonly config: PodSandboxConfig;
  readonly cpu: CpuUsage;
  readonly memory: MemoryUsage;
  readonly containers: readonly ContainerStats[];
}

/** A gRPC-style failure of a runtime call, as containerd reports it. */
export interface RuntimeError {
  readonly code: 'NotFound' | 'Unknown' | 'FailedPrecondition';
  /** The text after `desc = `. */
  readonly desc: string;
}

/** The text an error prints as: `rpc error: code = NotFound desc = ...`. */
export function rpcErrorText(error: RuntimeError): string {
  return `rpc error: code = ${error.code} desc = ${error.desc}`;
}

/** A call's answer plus the trace step that recorded it. */
export interface Traced<T> {
  readonly value: T;
  readonly step: number;
}

/** What GetContainerEvents streams (CRI ContainerEventResponse, trimmed). */
export interface ContainerEvent {
  readonly type:
    | 'CONTAINER_CREATED_EVENT'
    | 'CONTAINER_STARTED_EVENT'
    | 'CONTAINER_STOPPED_EVENT'
    | 'CONTAINER_DELETED_EVENT';
  /** A container's id, or a sandbox's for sandbox events. */
  readonly containerId: string;
  readonly sandboxId: string;
}

/** Receives runtime events with the trace step that delivered each. */
export type ContainerEventListener = (event: ContainerEvent, step: number) => void;

/** CRI's RuntimeService and ImageService, as one node's containerd serves them. */
export interface RuntimeService {
  runPodSandbox(config: PodSandboxConfig, causedBy: number | null): Traced<PodSandboxStatus>;
  stopPodSandbox(id: string, causedBy: number | null): Traced<void>;
  removePodSandbox(id: string, causedBy: number | null): Traced<void>;
  /** The image if the store has it (ImageStatus), else null. */
  imageStatus(image: string, causedBy: number | null): Traced<ImageInfo | null>;
  listImages(causedBy: number | null): Traced<readonly ImageInfo[]>;
  pullImage(
    image: string,
    causedBy: number | null,
    done: (result: PulledImage | RuntimeError, step: number) => void,
  ): number;
  createContainer(sandboxId: string, config: ContainerConfig, causedBy: number | null): Traced<string>;
  startContainer(id: string, causedBy: number | null): Traced<void>;
  /** Stops a container: its stop signal, then SIGKILL after `timeoutSeconds`. */
  stopContainer(
    id: string,
    timeoutSeconds: number,
    causedBy: number | null,
    done: (step: number) => void,
  ): number;
  removeContainer(id: string, causedBy: number | null): Traced<void>;
  containerStatus(id: string, causedBy: number | null): Traced<ContainerStatus | null>;
  listContainers(sandboxId: string | null, causedBy: number | null): Traced<readonly ContainerStatus[]>;
  /** GetContainerEvents: a stream of container and sandbox lifecycle events. */
  getContainerEvents(listener: ContainerEventListener): void;
  /** ListContainerStats: CPU and memory of every running container. */
  listContainerStats(causedBy: number | null): Traced<readonly ContainerStats[]>;
  /** ListPodSandboxStats: CPU and memory of every ready sandbox, with its running containers. */
  listPodSandboxStats(causedBy: number | null): Traced<readonly PodSandboxStats[]>;
}
