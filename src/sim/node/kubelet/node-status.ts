/**
 * The kubelet's Node: registration (POST /api/v1/nodes with the labels, capacity, node info,
 * addresses and conditions the status setters compute) and status reports. Every 10 s
 * (nodeStatusUpdateFrequency) the kubelet recomputes the status and patches
 * `nodes/<node>/status` only if it changed or 5 min passed since the last report
 * (nodeStatusReportFrequency); the 10 s liveness signal is the Lease (lease.ts). The status
 * lists the volumes the kubelet's pods use (`volumesInUse`, which the volume manager waits
 * to see reported before it mounts an attached volume) and leaves `volumesAttached` to the
 * attach-detach controller.
 *
 * The Node is registered without a pod CIDR (node-ipam assigns it) and Ready only once the
 * runtime is (runtime-state.ts): until the CNI plugin's configuration is on the node it is
 * `Ready=False` (`KubeletNotReady`, `container runtime network not ready: ...`). While the node
 * is not ready the kubelet checks every 100 ms (fastStatusUpdateOnce, for up to 2 min) and
 * posts the status as soon as it would be Ready; a change of Ready is a `NodeReady` or
 * `NodeNotReady` event.
 */
import type { NodeCondition, Taint } from 'kubernetes-types/core/v1';
import { ApiError } from '../../apiserver/status';
import type { KubeObject } from '../../apiserver/types';
import type { EventRecorder } from '../../client/events';
import type { ApiClient } from '../../client/rest';
import type { Kernel } from '../../kernel/kernel';
import type { ImageInfo } from '../cri/types';
import { NODES } from './context';
import { jsonEqual, mergePatchBetween } from './format';
import { PRESSURE_CONDITIONS, pressureConditions, readyCondition, readyOf } from './node-conditions';

export const NODE_STATUS_UPDATE_FREQUENCY_MS = 10_000;
export const NODE_STATUS_REPORT_FREQUENCY_MS = 5 * 60_000;
/** fastStatusUpdateOnce's period, and how long it keeps trying (nodeReadyGracePeriod). */
export const FAST_STATUS_UPDATE_MS = 100;
export const NODE_READY_GRACE_PERIOD_MS = 120_000;

/** The machine a kubelet runs on. */
export interface NodeMachine {
  readonly name: string;
  readonly internalIP: string;
  readonly capacity: Readonly<Record<string, string>>;
  /** Labels the Node is registered with, besides the well-known ones. */
  readonly labels: Readonly<Record<string, string>>;
  /** Taints the Node is registered with. */
  readonly taints: readonly Taint[];
  readonly kubeletVersion: string;
  readonly containerRuntimeVersion: string;
  readonly kernelVersion: string;
  readonly osImage: string;
  readonly machineID: string;
  readonly systemUUID: string;
  readonly bootID: string;
}

const withoutHeartbeats = (status: Record<string, unknown>) => ({
  ...status,
  conditions: (status.conditions as NodeCondition[]).map((c) => ({ ...c, lastHeartbeatTime: null })),
});

/** The runtime's part in node status: what keeps it from being ready, asked afresh by `update`. */
export interface NodeRuntime {
  errors(): readonly string[];
  update(cause: number | null): void;
}

/** The volume manager's part in node status: volumesInUse, and hearing that it was reported. */
export interface NodeVolumes {
  volumesInUse(): string[];
  markReportedInUse(names: readonly string[], cause: number | null): void;
}

/** The kubelet's Node: registration, the 10 s status loop and the fast one until Ready. */
export class NodeStatusReporter {
  #node: KubeObject | null = null;
  #reported: Record<string, unknown> = {};
  #reportedAt = 0;
  #volumes: NodeVolumes | null = null;

  constructor(
    private readonly kernel: Kernel,
    private readonly client: ApiClient,
    private readonly recorder: EventRecorder,
    private readonly machine: NodeMachine,
    /** The images on the node (the kubelet's image cache). */
    private readonly images: () => readonly ImageInfo[],
    private readonly runtime: NodeRuntime,
    /** Whether status reports reach the apiserver (not while the kubelet is stopped or cut off). */
    private readonly active: () => boolean = () => true,
    /** Whether the eviction manager sees memory pressure. */
    private readonly memoryPressure: () => boolean = () => false,
  ) {}

  /** The Node as the kubelet last read or wrote it (null before registration). */
  get node(): KubeObject | null {
    return this.#node;
  }

  /** The registered Node's uid, once registered. */
  get uid(): string | undefined {
    return this.#node?.metadata.uid;
  }

  /** The object reference node events are about (upstream uses the node name as uid). */
  get ref(): KubeObject {
    return {
      apiVersion: undefined as unknown as string,
      kind: 'Node',
      metadata: { name: this.machine.name, uid: this.machine.name },
    };
  }

  /** registerWithAPIServer: creates the Node, or adopts the one that already exists. */
  register(cause: number | null): void {
    const status = this.#status();
    for (const [type, , , , event] of PRESSURE_CONDITIONS) {
      if (type !== 'Ready') this.#event(event, cause);
    }
    const m = this.machine;
    const labels = {
      'beta.kubernetes.io/arch': 'amd64',
      'beta.kubernetes.io/os': 'linux',
      'kubernetes.io/arch': 'amd64',
      'kubernetes.io/hostname': m.name,
      'kubernetes.io/os': 'linux',
      ...m.labels,
    };
    const node = {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: {
        name: m.name,
        labels,
        annotations: { 'volumes.kubernetes.io/controller-managed-attach-detach': 'true' },
      },
      spec: m.taints.length === 0 ? {} : { taints: m.taints.map((t) => ({ ...t })) },
      status,
    };
    try {
      this.#node = this.client.create(NODES, null, node, cause);
    } catch (error) {
      if (!(error instanceof ApiError) || error.status.reason !== 'AlreadyExists') throw error;
      this.#node = this.client.get(NODES, null, m.name, cause);
    }
    this.#reported = (this.#node.status as Record<string, unknown> | undefined) ?? {};
    this.#reportedAt = this.kernel.clock.now();
  }

  /**
   * After the kubelet was stopped or cut off: reads the Node as the apiserver has it now (the
   * node controller may have marked it Unknown meanwhile) and reports the status at once.
   */
  resume(cause: number | null): void {
    if (this.#node === null) return this.register(cause);
    try {
      this.#node = this.client.get(NODES, null, this.machine.name, cause);
      this.#reported = (this.#node.status as Record<string, unknown> | undefined) ?? {};
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      this.#node = null;
    }
    this.sync(cause);
  }

  /** Reports the volume manager's volumesInUse from now on. */
  trackVolumes(volumes: NodeVolumes): void {
    this.#volumes = volumes;
  }

  /** Starts the 10 s status loop, and the fast one while the node is not ready. */
  start(): void {
    const tick = () => {
      if (this.active()) this.sync(null);
      this.kernel.schedule(NODE_STATUS_UPDATE_FREQUENCY_MS, `${this.client.id}: node status`, tick);
    };
    this.kernel.schedule(NODE_STATUS_UPDATE_FREQUENCY_MS, `${this.client.id}: node status`, tick);
    const since = this.kernel.clock.now();
    const fast = () => {
      if (this.#fastNodeStatusUpdate(this.kernel.clock.now() - since >= NODE_READY_GRACE_PERIOD_MS)) return;
      this.kernel.schedule(FAST_STATUS_UPDATE_MS, `${this.client.id}: fast node status`, fast);
    };
    this.kernel.schedule(FAST_STATUS_UPDATE_MS, `${this.client.id}: fast node status`, fast);
  }

  /** fastNodeStatusUpdate: done once the node is Ready (posting it the moment it becomes so). */
  #fastNodeStatusUpdate(timeout: boolean): boolean {
    if (timeout) return true;
    if (this.#node === null) return false;
    const ready = readyOf(this.#reported);
    if (ready === undefined) return false;
    if (ready.status === 'True') return true;
    this.runtime.update(null);
    if (this.runtime.errors().length > 0) return false;
    this.sync(null);
    return true;
  }

  /** tryUpdateNodeStatus: patches the status if it changed or the report is due. */
  sync(cause: number | null): void {
    if (this.#node === null) return this.register(cause);
    const status = this.#status();
    const due = this.kernel.clock.now() - this.#reportedAt >= NODE_STATUS_REPORT_FREQUENCY_MS;
    const inUse = (status.volumesInUse as string[] | undefined) ?? [];
    if (!due && jsonEqual(withoutHeartbeats(status), withoutHeartbeats(this.#reported)))
      return this.#volumes?.markReportedInUse(inUse, cause);
    const patch = mergePatchBetween(this.#reported, status);
    if (patch === undefined) return this.#volumes?.markReportedInUse(inUse, cause);
    const [was, now] = [readyOf(this.#reported)?.status, readyOf(status)?.status];
    if (was !== undefined && was !== now) this.#event(now === 'True' ? 'NodeReady' : 'NodeNotReady', cause);
    const memory = (s: Record<string, unknown>) =>
      (s.conditions as NodeCondition[] | undefined)?.find((c) => c.type === 'MemoryPressure')?.status;
    const [hadPressure, hasPressure] = [memory(this.#reported), memory(status)];
    if (hadPressure !== undefined && hadPressure !== hasPressure)
      this.#event(hasPressure === 'True' ? 'NodeHasInsufficientMemory' : 'NodeHasSufficientMemory', cause);
    try {
      const node = this.client.patch(
        NODES,
        null,
        this.machine.name,
        'merge',
        { status: patch },
        cause,
        'status',
      );
      this.#node = node;
      this.#reported = (node.status as Record<string, unknown> | undefined) ?? status;
      this.#reportedAt = this.kernel.clock.now();
      this.#volumes?.markReportedInUse(inUse, cause);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      if (error.code === 404) this.#node = null; // deleted: register again next time
    }
  }

  #event(reason: string, cause: number | null): void {
    this.recorder.event(
      this.ref,
      'Normal',
      reason,
      `Node ${this.machine.name} status is now: ${reason}`,
      cause,
    );
  }

  /** What the status setters compute now; conditions keep their transition times. */
  #status(): Record<string, unknown> {
    const m = this.machine;
    const now = this.kernel.clock.timestamp();
    const old = (this.#reported.conditions as NodeCondition[] | undefined) ?? [];
    const conditions = [
      ...pressureConditions(this.memoryPressure()),
      readyCondition(this.runtime.errors()),
    ].map(([type, status, reason, message]) => {
      const before = old.find((c) => c.type === type);
      return {
        type,
        status,
        lastHeartbeatTime: now,
        lastTransitionTime: before?.status === status ? (before.lastTransitionTime ?? now) : now,
        reason,
        message,
      };
    });
    const inUse = this.#volumes?.volumesInUse() ?? [];
    const images = [...this.images()]
      .sort((a, b) => b.size - a.size)
      .slice(0, 50)
      .map((i) => ({ names: [...i.repoDigests, ...i.repoTags], sizeBytes: i.size }));
    return {
      capacity: { ...m.capacity },
      allocatable: { ...m.capacity },
      conditions,
      addresses: [
        { type: 'InternalIP', address: m.internalIP },
        { type: 'Hostname', address: m.name },
      ],
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
      nodeInfo: {
        machineID: m.machineID,
        systemUUID: m.systemUUID,
        bootID: m.bootID,
        kernelVersion: m.kernelVersion,
        osImage: m.osImage,
        containerRuntimeVersion: m.containerRuntimeVersion,
        kubeletVersion: m.kubeletVersion,
        operatingSystem: 'linux',
        architecture: 'amd64',
      },
      images,
      ...(inUse.length === 0 ? {} : { volumesInUse: inUse }),
      // The attach-detach controller's, kept as the API has it.
      ...(this.#reported.volumesAttached === undefined
        ? {}
        : { volumesAttached: this.#reported.volumesAttached }),
    };
  }
}
