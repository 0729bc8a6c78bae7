/**
 * A node's container runtime behind the CRI (see types.ts): containerd or CRI-O, which differ
 * in names, paths and error texts (flavour.ts), not in behaviour. A pod
 * sandbox is a pause container with its own network namespace, set up by the node's CNI
 * plugin (sandboxes.ts, which also answers Status and UpdateRuntimeConfig); containers run in a sandbox and do what images/ says their command does. Every
 * call from the kubelet is a trace step `<node>/kubelet -> <node>/container-runtime` (kind
 * `runtime`); what the runtime reports back later (a finished pull, a container that
 * exited) is a step the other way. Ids come from the kernel's RNG, times from its clock.
 * Running containers are accounted in the node's cgroups (cgroups.ts): CPU time and memory for
 * the stats calls, and an OOM kill (exit 137, reason OOMKilled) past a memory limit. Below the
 * CRI, the OCI runtime's steps (oci.ts); beside it, `serve` answers connections to the pods' ports
 * (serving.ts) and the cluster wires the containers' network in (`connectNetwork`).
 */
import { CONTAINERD, type RuntimeFlavour } from './flavour';
import type { Kernel } from '../../kernel/kernel';
import type { CniPlugin } from '../cni/plugin';
import type { CniPluginName } from '../../network/cni-agent';
import { nodeHost, type NodeHost } from '../host';
import { Cgroups } from './cgroups';
import { newContainer, type Container } from './container';
import { containerFilesystem, runtimeDirs } from './container-fs';
import { ContainerIo, type StreamingProcess } from './container-io';
import { QUICK_EXIT_MS } from '../images/process';
import { resolveImage } from '../images/reference';
import { ImageService } from './image-service';
import type { RuntimeStatus } from './network-config';
import { PodSandboxes } from './sandboxes';
import { ociBundle, ociRun } from './oci';
import { ContainerServers } from './serving';
import { containerStats, sandboxStats } from './stats';
import { ContainerStreams, shortId, type ContainerLogFile } from './streams';
import { RuntimeTracer } from './tracer';
import type {
  ContainerConfig,
  ContainerNetwork,
  ContainerEvent,
  ContainerEventListener,
  ContainerStats,
  ContainerStatus,
  ImageInfo,
  PodSandboxConfig,
  PodSandboxStats,
  PodSandboxStatus,
  PulledImage,
  RuntimeError,
  RuntimeService,
  ServeRequest,
  ServeResult,
  Traced,
} from './types';

export { shortId, type ContainerLogFile } from './streams';

export class ContainerRuntime implements RuntimeService {
  /** The runtime's component id, `<node>/container-runtime`. */
  readonly id: string;
  /** The runtime's image store (CRI ImageService). */
  readonly imageService: ImageService;
  /** The node's cgroups: what its containers and the node itself use (cadvisor reads the root). */
  readonly cgroups: Cgroups;
  readonly #tracer: RuntimeTracer;
  readonly #sandboxes: PodSandboxes;
  readonly #containers = new Map<string, Container>();
  readonly #listeners: ContainerEventListener[] = [];
  readonly #io: ContainerIo;
  readonly #streams: ContainerStreams;
  readonly #servers: ContainerServers;
  #network: ContainerNetwork | null = null;
  /** The node's machine: its filesystem holds sandbox files and what containers mount. */
  readonly #host: NodeHost;

  constructor(
    private readonly kernel: Kernel,
    readonly nodeName: string,
    private readonly cni: CniPlugin,
    /** Which runtime this is: containerd (kind's) unless the cluster asks for CRI-O. */
    readonly flavour: RuntimeFlavour = CONTAINERD,
    /** The CNI plugin whose configuration the runtime renders from a template, if any (network-config.ts). */
    cniTemplate: CniPluginName | null = null,
  ) {
    this.id = `${nodeName}/container-runtime`;
    this.#host = nodeHost(kernel, nodeName);
    runtimeDirs(this.#host.fs, flavour, kernel.clock.epoch + kernel.clock.now());
    this.#tracer = new RuntimeTracer(kernel, nodeName, flavour);
    this.imageService = new ImageService(kernel, this.#tracer, flavour);
    this.cgroups = new Cgroups(kernel, this.id);
    this.#io = new ContainerIo(kernel, this.id);
    this.#streams = new ContainerStreams(
      this.#tracer,
      this.#io,
      (id) => this.#containers.get(id),
      () => this.#newId(),
    );
    this.#servers = new ContainerServers(kernel, this.id, this.#io.logs, (id, rps) => this.setLoad(id, rps));
    this.#sandboxes = new PodSandboxes(kernel, this.#host, this.#tracer, cni, flavour, cniTemplate);
  }

  /** CRI Status: whether the runtime and its network are ready (not traced: the kubelet polls it). */
  status(): RuntimeStatus {
    return this.#sandboxes.network.status();
  }

  /**
   * The sandboxes and containers as they are now, as copies and without a trace step: what
   * `crictl pods` and `crictl ps -a` would print, for read-only views (never the kubelet,
   * whose calls are traced).
   */
  inspect(): { sandboxes: PodSandboxStatus[]; containers: ContainerStatus[] } {
    return {
      sandboxes: [...this.#sandboxes.values()].map((s) => ({ ...s })),
      containers: [...this.#containers.values()].map((c) => ({ ...c.status })),
    };
  }

  /** CRI UpdateRuntimeConfig: the node's pod CIDR (see network-config.ts). */
  updateRuntimeConfig(podCIDR: string, causedBy: number | null): Traced<void> {
    return this.#sandboxes.network.update(podCIDR, causedBy);
  }

  /** The cluster wires the node's containers to its network (their wget, curl, nslookup...). */
  connectNetwork(network: ContainerNetwork): void {
    this.#network = network;
  }

  runPodSandbox(config: PodSandboxConfig, causedBy: number | null): Traced<PodSandboxStatus> {
    const id = this.#newId();
    const run = this.#sandboxes.run(id, config, causedBy);
    this.#event('CONTAINER_STARTED_EVENT', id, id, run.step);
    return run;
  }

  stopPodSandbox(id: string, causedBy: number | null): Traced<void> {
    return this.#sandboxes.stop(id, causedBy, (step) => {
      for (const c of this.#containers.values()) {
        if (c.status.sandboxId === id && c.status.state === 'CONTAINER_RUNNING') this.#exit(c, 137, step);
      }
    });
  }

  removePodSandbox(id: string, causedBy: number | null): Traced<void> {
    return this.#sandboxes.remove(id, causedBy, () => {
      for (const [cid, c] of this.#containers) {
        if (c.status.sandboxId !== id) continue;
        if (c.exitTimer !== null) this.kernel.cancel(c.exitTimer);
        this.cgroups.stop(cid);
        this.#servers.stopped(cid);
        this.#io.removed(cid);
        this.#containers.delete(cid);
      }
    });
  }

  imageStatus(image: string, causedBy: number | null): Traced<ImageInfo | null> {
    return this.imageService.imageStatus(image, causedBy);
  }

  listImages(causedBy: number | null): Traced<readonly ImageInfo[]> {
    return this.imageService.listImages(causedBy);
  }

  pullImage(
    image: string,
    causedBy: number | null,
    done: (result: PulledImage | RuntimeError, step: number) => void,
  ): number {
    return this.imageService.pullImage(image, causedBy, done);
  }

  createContainer(sandboxId: string, config: ContainerConfig, causedBy: number | null): Traced<string> {
    const resolved = resolveImage(config.image);
    const id = this.#newId();
    const step = this.#tracer.call(
      `CreateContainer ${config.name} in sandbox ${shortId(sandboxId)}`,
      { containerId: id, sandboxId, name: config.name, image: resolved.ref, attempt: config.attempt },
      causedBy,
    );
    const sandbox = this.#sandboxes.get(sandboxId);
    if (sandbox === undefined)
      throw new Error(`rpc error: code = NotFound desc = failed to get sandbox "${sandboxId}": not found`);
    if (!this.imageService.has(resolved.ref))
      throw new Error(`rpc error: code = NotFound desc = failed to get image "${resolved.ref}": not found`);
    const wallClock = () => this.kernel.clock.epoch + this.kernel.clock.now();
    const fs = containerFilesystem(
      this.#host.fs,
      this.flavour.sandboxDir(sandboxId),
      resolved,
      config.mounts ?? [],
      wallClock,
    );
    const c = newContainer(
      id,
      sandbox,
      config,
      resolved,
      this.kernel.clock.now(),
      wallClock,
      fs,
      this.#network?.(sandbox),
    );
    ociBundle(this.#tracer, id, config.name, resolved.ref, step);
    this.#containers.set(id, c);
    return { value: id, step };
  }

  startContainer(id: string, causedBy: number | null): Traced<void> {
    const c = this.#containers.get(id);
    const step = this.#tracer.call(
      `StartContainer ${shortId(id)} (${c?.status.name ?? '?'})`,
      { containerId: id },
      causedBy,
    );
    if (c === undefined || c.status.state !== 'CONTAINER_CREATED')
      throw new Error(`rpc error: code = NotFound desc = container "${id}" not found`);
    c.status.state = 'CONTAINER_RUNNING';
    c.status.startedAt = this.kernel.clock.now();
    const uid = this.#sandboxes.get(c.status.sandboxId)?.config.uid ?? '';
    c.shell = { ...c.shell, cause: ociRun(this.#tracer, c.status, c.argv, uid, step) };
    this.cgroups.start(id, c.workload, c.linux, () => {
      const killed = this.#tracer.reply(
        `TaskOOM ${shortId(id)} (${c.status.name}): memory limit ${c.linux?.memoryLimitInBytes ?? 0} bytes reached`,
        { containerId: id, memoryLimitInBytes: c.linux?.memoryLimitInBytes ?? 0 },
        step,
      );
      this.#exit(c, 137, killed, 'OOMKilled');
    });
    // The shell runs what it knows (its exit code and time are the script's, at least
    // QUICK_EXIT_MS); an image's own server plays its part (serving.ts); anything else
    // follows the process model of images/process.ts.
    const interpreted = this.#io.startMain(id, c.logPath, c.argv, c.shell, (code) => {
      const wait = Math.max(0, QUICK_EXIT_MS - (this.kernel.clock.now() - c.status.startedAt));
      c.exitTimer = this.kernel.schedule(wait, `${this.id}: ${c.status.name} exits ${code}`, () =>
        this.#exit(c, code, step),
      );
    });
    if (!interpreted) this.#servers.start(c, (code) => this.#exit(c, code, step));
    const process = c.process;
    if (!interpreted && process.kind === 'exit') {
      c.exitTimer = this.kernel.schedule(
        process.afterMs,
        `${this.id}: ${c.status.name} exits ${process.code}`,
        () => this.#exit(c, process.code, step),
      );
    }
    this.#event('CONTAINER_STARTED_EVENT', id, c.status.sandboxId, step);
    return { value: undefined, step };
  }

  stopContainer(
    id: string,
    timeoutSeconds: number,
    causedBy: number | null,
    done: (step: number) => void,
  ): number {
    const c = this.#containers.get(id);
    const signal = c?.graceful === true ? 'SIGQUIT/SIGTERM' : 'SIGTERM';
    const step = this.#tracer.call(
      `StopContainer ${shortId(id)} (${c?.status.name ?? '?'}) timeout ${timeoutSeconds}s`,
      { containerId: id, timeoutSeconds, signal },
      causedBy,
    );
    if (c === undefined || c.status.state !== 'CONTAINER_RUNNING') {
      this.kernel.schedule(0, `${this.id}: stopped ${shortId(id)}`, () => done(step));
      return step;
    }
    let kill: ReturnType<Kernel['schedule']> | null = null;
    c.onExit.push(() => {
      if (kill !== null) this.kernel.cancel(kill);
      done(step);
    });
    if (c.graceful) {
      const after = this.kernel.rng.int(100, 400);
      this.kernel.schedule(after, `${this.id}: ${c.status.name} stops`, () => this.#exit(c, 0, step));
    } else {
      kill = this.kernel.schedule(timeoutSeconds * 1000, `${this.id}: SIGKILL ${c.status.name}`, () => {
        const killed = this.#tracer.reply(
          `${c.status.name} ignored SIGTERM: SIGKILL after ${timeoutSeconds}s`,
          { containerId: id, signal: 'SIGKILL' },
          step,
        );
        this.#exit(c, 137, killed);
      });
    }
    return step;
  }

  removeContainer(id: string, causedBy: number | null): Traced<void> {
    const step = this.#tracer.call(`RemoveContainer ${shortId(id)}`, { containerId: id }, causedBy);
    const c = this.#containers.get(id);
    if (c?.exitTimer !== undefined && c.exitTimer !== null) this.kernel.cancel(c.exitTimer);
    this.cgroups.stop(id);
    this.#servers.stopped(id);
    this.#io.removed(id);
    this.#containers.delete(id);
    return { value: undefined, step };
  }

  containerStatus(id: string, causedBy: number | null): Traced<ContainerStatus | null> {
    const c = this.#containers.get(id);
    const state = c?.status.state ?? 'not found';
    const step = this.#tracer.call(
      `ContainerStatus ${shortId(id)}${c === undefined ? '' : ` (${c.status.name})`}: ${state}`,
      { containerId: id, state },
      causedBy,
    );
    return { value: c === undefined ? null : { ...c.status }, step };
  }

  listContainers(sandboxId: string | null, causedBy: number | null): Traced<readonly ContainerStatus[]> {
    const all = [...this.#containers.values()].map((c) => ({ ...c.status }));
    const value = sandboxId === null ? all : all.filter((s) => s.sandboxId === sandboxId);
    const step = this.#tracer.call('ListContainers', { sandboxId, count: value.length }, causedBy);
    return { value, step };
  }

  /** The kubelet reads a container's log (see streams.ts). */
  containerLog(id: string, causedBy: number | null): Traced<ContainerLogFile | null> {
    return this.#streams.containerLog(id, causedBy);
  }

  /** CRI Exec, through the streaming server (see streams.ts). */
  exec(
    id: string,
    argv: readonly string[],
    tty: boolean,
    causedBy: number | null,
  ): Traced<StreamingProcess | null> {
    return this.#streams.exec(id, argv, tty, causedBy);
  }

  /** CRI Attach to the main process's output (see streams.ts). */
  attach(id: string, causedBy: number | null): Traced<StreamingProcess | null> {
    return this.#streams.attach(id, causedBy);
  }

  serve(request: ServeRequest): ServeResult {
    return this.#servers.serve(request, this.#sandboxes.values());
  }

  getContainerEvents(listener: ContainerEventListener): void {
    this.#listeners.push(listener);
  }

  listContainerStats(causedBy: number | null): Traced<readonly ContainerStats[]> {
    const value = containerStats(this.cgroups, this.#containers.values(), this.kernel.clock.now());
    return { value, step: this.#tracer.call('ListContainerStats', { count: value.length }, causedBy) };
  }

  listPodSandboxStats(causedBy: number | null): Traced<readonly PodSandboxStats[]> {
    const now = this.kernel.clock.now();
    const containers = containerStats(this.cgroups, this.#containers.values(), now);
    const value = sandboxStats(this.#sandboxes.values(), containers, now);
    return { value, step: this.#tracer.call('ListPodSandboxStats', { count: value.length }, causedBy) };
  }

  /**
   * The request load reaching a running container, in requests per second: a server's CPU
   * grows by what each request costs (its image's `cpuPerRequest`, see workloads.ts). The
   * hook a network simulation drives; 0 removes the load.
   */
  setLoad(containerId: string, requestsPerSecond: number): void {
    this.cgroups.setLoad(containerId, requestsPerSecond);
  }

  /**
   * Kills a running container's process from outside the CRI (a chaos fault; `kill -9` on
   * the node): it exits 137 with reason Error, as the runtime reports a SIGKILL that was not
   * an OOM kill, and the kubelet hears of it through the event stream. False when the
   * container is not running.
   */
  killProcess(id: string, causedBy: number): boolean {
    const c = this.#containers.get(id);
    if (c === undefined || c.status.state !== 'CONTAINER_RUNNING') return false;
    this.#exit(c, 137, causedBy);
    return true;
  }

  #exit(c: Container, code: number, causedBy: number, reason = code === 0 ? 'Completed' : 'Error'): void {
    if (c.status.state !== 'CONTAINER_RUNNING') return;
    if (c.exitTimer !== null) this.kernel.cancel(c.exitTimer);
    c.exitTimer = null;
    this.cgroups.stop(c.status.id);
    this.#servers.stopped(c.status.id);
    c.status.state = 'CONTAINER_EXITED';
    c.status.exitCode = code;
    c.status.reason = reason;
    c.status.finishedAt = this.kernel.clock.now();
    this.#io.exited(c.status.id);
    const callbacks = c.onExit.splice(0);
    this.#event('CONTAINER_STOPPED_EVENT', c.status.id, c.status.sandboxId, causedBy, code);
    for (const callback of callbacks) callback();
  }

  #newId(): string {
    let id = '';
    for (let i = 0; i < 64; i++) id += this.kernel.rng.int(0, 15).toString(16);
    return id;
  }

  #event(
    type: ContainerEvent['type'],
    containerId: string,
    sandboxId: string,
    causedBy: number,
    exitCode?: number,
  ): void {
    this.kernel.schedule(0, `${this.id}: ${type}`, () => {
      const name =
        containerId === sandboxId ? 'sandbox' : (this.#containers.get(containerId)?.status.name ?? '?');
      const step = this.#tracer.reply(
        `${type} ${shortId(containerId)} (${name})${exitCode === undefined ? '' : ` exit ${exitCode}`}`,
        { type, containerId, sandboxId },
        causedBy,
      );
      for (const listener of this.#listeners) listener({ type, containerId, sandboxId }, step);
    });
  }
}
