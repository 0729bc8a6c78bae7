/**
 * The Container Runtime Interface as the kubelet sees it: the calls of CRI's RuntimeService
 * and ImageService (k8s.io/cri-api runtime/v1), shaped as TypeScript. Every call takes the
 * trace step that caused it and answers with the step it recorded, so the kubelet can carry
 * the causal chain on. Long calls (PullImage, StopContainer) answer through a callback when
 * the virtual time they take has passed.
 */
import type { HttpRequest, HttpResponse } from '../images/http';

export type { HttpRequest, HttpResponse } from '../images/http';

/** What a sandbox is asked to be (PodSandboxConfig, trimmed to what the simulation uses). */
export interface PodSandboxConfig {
  readonly name: string;
  readonly namespace: string;
  readonly uid: string;
  /** The pod's restart count of sandboxes (PodSandboxMetadata.attempt). */
  readonly attempt: number;
  /** Host network pods get no network namespace and no CNI call. */
  readonly hostNetwork: boolean;
  /** The runtime handler of the pod's RuntimeClass ('' for the default). */
  readonly runtimeHandler?: string;
  /** The sandbox's hostname (containerd writes it to the sandbox's hostname file). */
  readonly hostname?: string;
  /** What containerd writes to the sandbox's resolv.conf; the node's own when omitted. */
  readonly dnsConfig?: DnsConfig;
}

/** DNSConfig: the pod's resolver settings. */
export interface DnsConfig {
  readonly servers: readonly string[];
  readonly searches: readonly string[];
  readonly options: readonly string[];
}

/** A bind mount from the node into a container (CRI Mount). */
export interface Mount {
  readonly containerPath: string;
  readonly hostPath: string;
  readonly readonly: boolean;
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
  /** The environment, in order (the kubelet resolves references and sources). */
  readonly env?: Readonly<Record<string, string>>;
  /** Bind mounts from the node: volumes, the hosts file, the termination message file. */
  readonly mounts?: readonly Mount[];
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

/**
 * A connection to a port in a pod's network namespace (`RuntimeService.serve`): what the
 * kubelet's httpGet and tcpSocket probes and the cluster network's connections ask of the
 * node's runtime.
 */
export interface ServeRequest {
  /**
   * A container by id; or whichever running container listens in the sandbox holding this
   * pod IP; or, `hostNetwork`, in any host-network sandbox (the node's own network namespace).
   */
  readonly to: { readonly containerId: string } | { readonly podIP: string } | { readonly hostNetwork: true };
  readonly port: number;
  readonly protocol: 'TCP' | 'UDP';
  /** The address the server sees the connection come from (an access log's client address). */
  readonly clientIP: string;
  /** An HTTP request sent once connected; none for a bare connect (tcpSocket probe, `nc -z`). */
  readonly http?: HttpRequest;
}

/** What a connection found. */
export type ServeResult =
  /** Nothing listens on that port (yet): the kernel answers the SYN with RST, connection refused. */
  | { readonly listening: false }
  | {
      readonly listening: true;
      /** The container whose process accepted the connection. */
      readonly containerId: string;
      /** The server's HTTP response; null without a request, or when the server does not speak HTTP. */
      readonly response: HttpResponse | null;
      /** A non-HTTP server's reply to the request's bytes ('' when it closed the connection). */
      readonly raw: string;
    };

/** Why a connection failed, as the client's system calls report it. */
export type NetError = 'bad-address' | 'refused' | 'timeout' | 'no-route';

/** A connection a process in a pod opened (PodNetwork.connect). */
export interface PodConnection {
  readonly host: string;
  readonly port: number;
  /** The address the name resolved to (null when it did not resolve). */
  readonly address: string | null;
  /** No nameserver answered: the lookup took the resolver's whole timeout. */
  readonly dnsTimeout: boolean;
  readonly error: NetError | null;
  /** What answered at the far end, once connected. */
  readonly served: ServeResult | null;
  /** The last trace step of the exchange, to chain what follows. */
  readonly lastStep: number | null;
}

/** The DNS record types `nslookup -type=` accepts here. */
export type LookupType = 'A' | 'AAAA' | 'CNAME' | 'PTR' | 'SRV';

/**
 * The network as the processes of one pod reach it: the cluster wires each node's runtime to
 * its Service network (see {@link ContainerNetwork}). Each call happens at the current virtual
 * instant and records its packets as trace steps caused by `causedBy`; how long it takes is
 * the caller's (the client tool's) to model.
 */
export interface PodNetwork {
  /** The pod's /etc/resolv.conf. */
  resolvConf(): string;
  /** busybox `nslookup name [server]`: its output and exit status. */
  nslookup(
    name: string,
    causedBy: number | null,
    options?: { readonly server?: string; readonly type?: LookupType },
  ): {
    readonly output: string;
    readonly exitCode: number;
    /** No server answered any query (the output is the timeout message). */
    readonly timedOut: boolean;
    readonly lastStep: number | null;
  };
  /** Opens a connection to `host:port` (a name or an address) and sends `http` once connected. */
  connect(
    host: string,
    port: number,
    protocol: 'TCP' | 'UDP',
    causedBy: number | null,
    http?: HttpRequest,
  ): PodConnection;
  /** One ICMP echo request: whether a reply comes back, and its TTL. */
  ping(
    host: string,
    causedBy: number | null,
  ): { readonly address: string | null; readonly reply: boolean; readonly ttl: number };
}

/** Gives the processes of a sandbox their network (the pod, or the node on the host network). */
export type ContainerNetwork = (sandbox: PodSandboxStatus) => PodNetwork;

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
  /**
   * Not a CRI call: a connection to a port in a pod's network namespace, answered by what its
   * containers' processes listen on (images/), at this virtual instant. An HTTP request is
   * handled and logged by the server (its access log line goes to the container's log). No
   * trace step: the caller (the prober, the cluster network) records the exchange.
   */
  serve(request: ServeRequest): ServeResult;
}
