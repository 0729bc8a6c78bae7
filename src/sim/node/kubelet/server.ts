/**
 * The kubelet's server (upstream pkg/kubelet/server, HTTPS :10250), the part kube-apiserver
 * calls: `/containerLogs/<ns>/<pod>/<container>` reads the container's log file (the runtime
 * tells it where, through ContainerStatus), and `/exec`, `/attach` open a CRI Exec or Attach
 * stream. Containers are found from the pod status the kubelet last wrote, with upstream's
 * messages for containers that have no logs yet. `/metrics/resource` serves the node's and its
 * containers' CPU and memory (resource-metrics.ts) to metrics-server.
 */
import type {
  KubeletConnection,
  KubeletLogOptions,
  KubeletProcess,
  KubeletResult,
  NodeConnections,
} from '../../apiserver/handlers/kubelet-connection';
import type { TextStream } from '../../apiserver/types';
import type { Kernel } from '../../kernel/kernel';
import type { ContainerRuntime } from '../cri/runtime';
import { formatEntry, formatLogs } from '../cri/logs';
import type { PodRecord } from './context';
import { runtimeId } from './prober/worker';
import { resourceMetrics } from './resource-metrics';

type Fail = { readonly ok: false; readonly code: number; readonly message: string };
const fail = (code: number, message: string): Fail => ({ ok: false, code, message });

/** The kubelets' servers by node name: the cluster fills it, kube-apiserver dials through it. */
export class KubeletDirectory implements NodeConnections {
  readonly #servers = new Map<string, KubeletConnection>();

  register(nodeName: string, server: KubeletConnection): void {
    this.#servers.set(nodeName, server);
  }

  /** The kubelet's server is gone (stopped, or cut off from kube-apiserver). */
  unregister(nodeName: string): void {
    this.#servers.delete(nodeName);
  }

  kubelet(nodeName: string): KubeletConnection | undefined {
    return this.#servers.get(nodeName);
  }
}

export class KubeletServer implements KubeletConnection {
  constructor(
    private readonly kernel: Kernel,
    private readonly runtime: ContainerRuntime,
    private readonly records: () => Iterable<PodRecord>,
  ) {}

  #pod(namespace: string, name: string): PodRecord | undefined {
    for (const r of this.records()) {
      const meta = r.pod.metadata;
      if (!r.deleted && meta.name === name && (meta.namespace ?? 'default') === namespace) return r;
    }
    return undefined;
  }

  containerLogs(
    namespace: string,
    pod: string,
    container: string,
    options: KubeletLogOptions,
    causedBy: number,
  ): KubeletResult<string | TextStream> {
    const record = this.#pod(namespace, pod);
    if (record === undefined) return fail(404, `pod "${pod}" does not exist`);
    const specs = [...(record.pod.spec?.containers ?? []), ...(record.pod.spec?.initContainers ?? [])];
    if (!specs.some((c) => c.name === container))
      return fail(404, `container "${container}" not found in pod "${pod}"`);
    const id = this.#logContainerId(record, pod, container, options.previous);
    if (typeof id !== 'string') return id;
    const file = this.runtime.containerLog(id, causedBy).value;
    if (file === null) return fail(400, `container "${container}" in pod "${pod}" is not available`);
    const clock = this.kernel.clock;
    const text = formatLogs(clock, file.entries, options);
    if (!options.follow) return { ok: true, value: text };
    let unfollow: () => void = () => {};
    let closed = false;
    const stream: TextStream = {
      start: (onChunk, onEnd) => {
        if (text !== '') onChunk(text);
        unfollow = file.follow((entry) => {
          if (closed) return;
          if (entry !== null) return onChunk(formatEntry(clock, entry, options.timestamps));
          closed = true;
          onEnd();
        });
      },
      close: () => {
        closed = true;
        unfollow();
      },
    };
    return { ok: true, value: stream };
  }

  /** upstream validateContainerLogStatus: which container instance's log to read. */
  #logContainerId(record: PodRecord, pod: string, container: string, previous: boolean): string | Fail {
    const status = record.apiStatus;
    const all = [...(status.containerStatuses ?? []), ...(status.initContainerStatuses ?? [])];
    const s = all.find((c) => c.name === container);
    const who = `container "${container}" in pod "${pod}"`;
    if (s === undefined) return fail(400, `${who} is not available`);
    const last = s.lastState?.terminated;
    const { waiting, running, terminated } = s.state ?? {};
    if (previous) {
      if (last?.containerID === undefined || last.containerID === '')
        return fail(400, `previous terminated container "${container}" in pod "${pod}" not found`);
      return runtimeId(last.containerID);
    }
    if (running !== undefined) return runtimeId(s.containerID);
    if (terminated !== undefined) {
      const id = terminated.containerID ?? last?.containerID ?? '';
      return id === '' ? fail(400, `${who} is terminated`) : runtimeId(id);
    }
    if (last !== undefined)
      return (last.containerID ?? '') === ''
        ? fail(400, `${who} is terminated`)
        : runtimeId(last.containerID);
    if (waiting !== undefined) {
      if (waiting.reason === 'ErrImagePull')
        return fail(400, `${who} is waiting to start: image can't be pulled`);
      if (waiting.reason === 'ImagePullBackOff')
        return fail(400, `${who} is waiting to start: trying and failing to pull image`);
      return fail(400, `${who} is waiting to start: ${waiting.reason ?? ''}`);
    }
    return fail(400, `${who} is waiting to start - no logs yet`);
  }

  /** upstream findContainer: the running container of that name in the runtime's pod. */
  #running(namespace: string, pod: string, container: string): string | Fail {
    const record = this.#pod(namespace, pod);
    if (record === undefined) return fail(404, 'pod does not exist');
    const current = record.containers.get(container)?.[0];
    if (current === undefined || current.state !== 'CONTAINER_RUNNING')
      return fail(500, `container not found ("${container}")`);
    return current.id;
  }

  exec(
    namespace: string,
    pod: string,
    container: string,
    command: readonly string[],
    tty: boolean,
    causedBy: number,
  ): KubeletResult<KubeletProcess> {
    const id = this.#running(namespace, pod, container);
    if (typeof id !== 'string') return id;
    const process = this.runtime.exec(id, command, tty, causedBy).value;
    return process === null
      ? fail(500, `container not found ("${container}")`)
      : { ok: true, value: process };
  }

  resourceMetrics(causedBy: number): KubeletResult<string> {
    return { ok: true, value: resourceMetrics(this.runtime, this.kernel.clock, causedBy) };
  }

  attach(namespace: string, pod: string, container: string, causedBy: number): KubeletResult<KubeletProcess> {
    const id = this.#running(namespace, pod, container);
    if (typeof id !== 'string') return id;
    const process = this.runtime.attach(id, causedBy).value;
    return process === null
      ? fail(500, `container not found ("${container}")`)
      : { ok: true, value: process };
  }
}
