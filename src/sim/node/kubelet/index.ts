/**
 * The kubelet of one node: an API client of kube-apiserver (`<node>/kubelet`, field manager
 * `kubelet`) and the only caller of the node's container runtime (CRI) and CNI plugin. It
 * registers its Node, heartbeats through its Lease, reports node status, and runs the pods
 * bound to its node: it watches them (`fieldSelector=spec.nodeName=<node>`), starts their
 * sandboxes and containers, writes their status, and stops and deletes them when they are
 * deleted. It also watches its own Node (`fieldSelector=metadata.name=<node>`) for the pod
 * CIDR node-ipam assigns, which it hands to the runtime. Every API and runtime call carries
 * the trace step that caused it.
 *
 * How the node's CNI configuration arrives decides when the node is Ready (see
 * {@link KubeletOptions.cniConfig}): on kind, the CNI addon's agent writes it once it runs on
 * the node; a node without a CNI addon renders it from its runtime's template as soon as the
 * runtime knows the pod CIDR.
 */
import type { Node, NodeSpec, Pod, Taint } from 'kubernetes-types/core/v1';
import type { ApiServer } from '../../apiserver/apiserver';
import type { KubeObject } from '../../apiserver/types';
import { EventRecorder } from '../../client/events';
import { Informer } from '../../client/informer';
import { ApiClient } from '../../client/rest';
import type { Kernel } from '../../kernel/kernel';
import type { CniPluginName } from '../../network/cni-agent';
import { CniPlugin } from '../cni/plugin';
import { nodeHost } from '../host';
import { runtimeFlavour, type ContainerRuntimeName } from '../cri/flavour';
import { ContainerRuntime } from '../cri/runtime';
import { admitPod, type Admission } from './admission';
import { Backoff } from './backoff';
import { MirrorClient } from './config/mirror';
import { staticPod, type StaticPodManifest } from './config/static-pods';
import { ContainerConfigs } from './container-config';
import { NODES, PODS, type KubeletContext, type PodObject, type PodRecord } from './context';
import { RuntimeState } from './runtime-state';
import type { PodPlacement } from './env/field-ref';
import { ImageManager } from './image-manager';
import { NodeLease } from './lease';
import { NodeStatusReporter, type NodeMachine } from './node-status';
import { PodObjects } from './objects';
import { startPleg } from './pleg';
import { PodWorkers } from './pod-workers';
import { KubeletProcess } from './process';
import { EvictionManager, quantityBytes } from './eviction';
import { ProbeManager } from './prober/manager';
import { StatusManager } from './status-manager';
import { KubeletServer, type KubeletDirectory } from './server';
import { PodSyncer } from './sync';
import { VolumeManager, type MountedVolume } from './volumemanager';

export const KUBELET_VERSION = 'v1.32.4';

type NodeObject = KubeObject & { spec?: NodeSpec };

export { STATIC_POD_PATH, type StaticPodManifest } from './config/static-pods';

/** How a node differs from the defaults (derived from its name `node-<n>`). */
export interface KubeletOptions {
  /**
   * A pod CIDR assigned by hand (the kubelet's `--pod-cidr`): the runtime gets it at start
   * instead of waiting for node-ipam to set `spec.podCIDR` on the Node (which a Node from
   * node-ipam still gets, and which then wins). For nodes in a cluster without node-ipam.
   */
  readonly podCIDR?: string;
  /**
   * Where the node's CNI configuration (`/etc/cni/net.d`) comes from: `addon` (kind's way:
   * the CNI plugin's DaemonSet agent writes it once it runs on the node; the node is NotReady
   * until then) or `node-image` (the default: the node image's runtime renders it from its
   * template as soon as it knows the node's pod CIDR, for clusters without a CNI addon).
   */
  readonly cniConfig?: 'addon' | 'node-image';
  /** The node's InternalIP; `172.18.0.<n+2>` by default (the control plane is .2). */
  readonly internalIP?: string;
  /** The CNI plugin the node runs (kind's kindnet by default). */
  readonly cni?: CniPluginName;
  /** The node's CRI runtime (containerd, as on kind, by default). */
  readonly containerRuntime?: ContainerRuntimeName;
  /** Labels the Node is registered with besides the well-known ones (`--node-labels`). */
  readonly labels?: Readonly<Record<string, string>>;
  /** Taints the Node is registered with (`--register-with-taints`). */
  readonly registerWithTaints?: readonly Taint[];
  /** Capacity (= allocatable) overrides: cpu, memory, pods, ephemeral-storage. */
  readonly capacity?: Readonly<Record<string, string>>;
  /**
   * The pod manifests in the kubelet's manifest directory (`staticPodPath`): the static pods
   * it runs on its own, each shown in the API as a mirror pod `<name>-<node>`.
   */
  readonly staticPods?: readonly StaticPodManifest[];
  /** The manifest directory; kubeadm's `/etc/kubernetes/manifests` by default. */
  readonly staticPodPath?: string;
  /** Where the kubelet registers its server (:10250) when it starts, for kube-apiserver. */
  readonly directory?: KubeletDirectory;
}

/** A started kubelet: its node's runtime and CNI plugin, for views and tests. */
export interface Kubelet {
  readonly nodeName: string;
  readonly runtime: ContainerRuntime;
  readonly cni: CniPlugin;
  /** The kubelet's server: container logs, exec and attach. */
  readonly server: KubeletServer;
  /** The node's InternalIP. */
  readonly internalIP: string;
  /** A pod's mounted volumes by name, as the volume manager holds them (read-only, untraced). */
  podVolumes(podUid: string): ReadonlyMap<string, MountedVolume>;
  /** The process switches faults flip: stop/restart the kubelet, cut it off from the apiserver. */
  readonly process: KubeletProcess;
  /** The eviction manager: memory pressure and the pods it evicts. */
  readonly eviction: EvictionManager;
}

const DEFAULT_CAPACITY: Readonly<Record<string, string>> = {
  cpu: '2',
  'ephemeral-storage': '102625208Ki',
  'hugepages-1Gi': '0',
  'hugepages-2Mi': '0',
  memory: '8039232Ki',
  pods: '110',
};

function hex(kernel: Kernel, n: number): string {
  let out = '';
  for (let i = 0; i < n; i++) out += kernel.rng.int(0, 15).toString(16);
  return out;
}

function uuid(kernel: Kernel): string {
  const h = hex(kernel, 32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

function machineFor(kernel: Kernel, nodeName: string, options: KubeletOptions): NodeMachine {
  const n = Number(/(\d+)$/.exec(nodeName)?.[1] ?? 1);
  return {
    name: nodeName,
    internalIP: options.internalIP ?? `172.18.0.${n + 2}`,
    capacity: { ...DEFAULT_CAPACITY, ...options.capacity },
    taints: options.registerWithTaints ?? [],
    labels: options.labels ?? {},
    kubeletVersion: KUBELET_VERSION,
    containerRuntimeVersion: runtimeFlavour(options.containerRuntime ?? 'containerd').nodeRuntimeVersion,
    kernelVersion: '6.8.0-51-generic',
    osImage: 'Debian GNU/Linux 12 (bookworm)',
    machineID: hex(kernel, 32),
    systemUUID: uuid(kernel),
    bootID: uuid(kernel),
  };
}

/** Starts the kubelet of `nodeName` (and its node's container runtime and CNI plugin). */
export function startKubelet(
  kernel: Kernel,
  apiserver: ApiServer,
  nodeName: string,
  options: KubeletOptions = {},
): Kubelet {
  const id = `${nodeName}/kubelet`;
  const client = new ApiClient(apiserver, id, 'kubelet');
  const recorder = new EventRecorder(kernel, client, 'kubelet', nodeName);
  const machine = machineFor(kernel, nodeName, options);
  const plugin = options.cni ?? 'kindnet';
  const cni = new CniPlugin(kernel, id, `${nodeName}/container-runtime`, plugin);
  const runtime = new ContainerRuntime(
    kernel,
    nodeName,
    cni,
    runtimeFlavour(options.containerRuntime ?? 'containerd'),
    options.cniConfig === 'addon' ? null : plugin,
  );
  const runtimeState = new RuntimeState(kernel, id, runtime);
  const proc = new KubeletProcess();
  const base = {
    kernel,
    nodeName,
    id,
    client,
    recorder,
    runtime,
    hostIP: machine.internalIP,
    crashBackoff: new Backoff(kernel.clock),
    networkError: () => runtimeState.networkError,
  };
  const ctx: KubeletContext = { ...base, requestSync: (record, cause) => workers.requestSync(record, cause) };
  const status = new StatusManager(ctx, () => proc.connected);
  const probes = new ProbeManager(ctx, (uid) => status.cached(uid));
  const mirrors = new MirrorClient(
    ctx,
    () => nodeStatus.uid,
    (record, mirror) => workers.mirrorCreated(record, mirror),
  );
  const host = nodeHost(kernel, nodeName);
  const objects = new PodObjects(client);
  const placement = (record: PodRecord): PodPlacement => {
    const podIP = record.pod.spec?.hostNetwork === true ? machine.internalIP : record.sandbox?.ip;
    return {
      podIPs: podIP === undefined || podIP === null ? [] : [podIP],
      hostIP: machine.internalIP,
      allocatable: machine.capacity,
    };
  };
  const requestSync = ctx.requestSync;
  const volumes = new VolumeManager({ ...base, host, objects, placement, requestSync });
  const configs = new ContainerConfigs({ kernel, client, recorder, host, volumes, objects, placement });
  const admission = (record: PodRecord): Admission => {
    const node = nodeStatus.node as Node | null;
    if (node === null)
      return { admit: false, reason: 'InvalidNodeInfo', message: 'Kubelet cannot get node info.' };
    const active = [...workers.records()]
      .filter((r) => r !== record && r.admitted && !r.terminal && !r.deleted)
      .map((r) => r.pod as Pod);
    const verdict = admitPod(record.pod as Pod, node, active);
    if (verdict.admit || verdict.reason !== 'NodeAffinity') return verdict;
    // Like upstream's generalFilter: when only node affinity fails, the cached Node may miss a
    // label just added (`kubectl label node`), so read the Node again and check once more.
    try {
      return admitPod(record.pod as Pod, client.get(NODES, null, nodeName) as unknown as Node, active);
    } catch {
      return verdict;
    }
  };
  const syncer = new PodSyncer(
    ctx,
    new ImageManager(ctx),
    status,
    probes,
    mirrors,
    volumes,
    configs,
    admission,
  );
  const workers = new PodWorkers(
    base,
    status,
    (record, cause, done) => syncer.sync(record, cause, done),
    () => proc.running,
  );
  startPleg(ctx, () => (proc.running ? workers.records() : []));
  const server = new KubeletServer(kernel, runtime, () => workers.records());

  const nodeStatus = new NodeStatusReporter(
    kernel,
    client,
    recorder,
    machine,
    () => runtime.imageService.images(),
    runtimeState,
    () => proc.connected,
    (): boolean => eviction.underPressure,
  );
  nodeStatus.trackVolumes(volumes);
  const eviction: EvictionManager = new EvictionManager(ctx, {
    capacityBytes: quantityBytes(machine.capacity.memory),
    node: nodeStatus.ref,
    nodeWorkingSet: () => runtime.cgroups.node().workingSetBytes,
    containerWorkingSet: (containerId) => runtime.cgroups.container(containerId)?.workingSetBytes,
    records: () => workers.records(),
    evict: (record, message, cause) => {
      record.evicted = message;
      workers.requestSync(record, cause);
    },
    pressure: (_on, cause) => {
      if (proc.connected) nodeStatus.sync(cause);
    },
  });
  kernel.schedule(0, `${id}: start`, () => {
    recorder.event(nodeStatus.ref, 'Normal', 'Starting', 'Starting kubelet.');
    recorder.event(
      nodeStatus.ref,
      'Normal',
      'NodeAllocatableEnforced',
      'Updated Node Allocatable limit across pods',
    );
    options.directory?.register(nodeName, server);
    // NewMainKubelet hands --pod-cidr to the runtime; Run checks the runtime before registering.
    if (options.podCIDR !== undefined) runtimeState.updatePodCIDR(options.podCIDR, null);
    runtimeState.update(null);
    nodeStatus.register(null);
    nodeStatus.start();
    runtimeState.start();
    const ownNode = new Informer<NodeObject>(kernel, client, NODES, {
      fieldSelector: `metadata.name=${nodeName}`,
    });
    const learnPodCIDR = (node: NodeObject, cause: number | null) =>
      runtimeState.updatePodCIDR(node.spec?.podCIDRs?.[0] ?? node.spec?.podCIDR ?? '', cause);
    ownNode.addHandlers({ add: learnPodCIDR, update: (_old, node, cause) => learnPodCIDR(node, cause) });
    ownNode.start();
    volumes.start();
    eviction.start(() => proc.running);
    configs.start();
    new NodeLease(
      kernel,
      client,
      nodeName,
      () => nodeStatus.uid,
      () => proc.connected,
    ).start(null);
    for (const manifest of options.staticPods ?? []) {
      workers.addStatic(staticPod(manifest, nodeName, kernel.clock, options.staticPodPath), null);
    }
    const pods = new Informer<PodObject>(kernel, client, PODS, {
      fieldSelector: `spec.nodeName=${nodeName}`,
    });
    workers.watch(pods);
    pods.start();
    // A stopped or cut-off kubelet's watches end and its server is unreachable; once back, it
    // reports its node, relists its pods and syncs every one, as a restarted kubelet does.
    let [wasRunning, wasConnected] = [true, true];
    proc.onChange((cause) => {
      if (wasConnected && !proc.connected) {
        ownNode.stop();
        pods.stop();
        options.directory?.unregister(nodeName);
      }
      if (!wasConnected && proc.connected) {
        options.directory?.register(nodeName, server);
        if (!wasRunning) recorder.event(nodeStatus.ref, 'Normal', 'Starting', 'Starting kubelet.', cause);
        nodeStatus.resume(cause);
        ownNode.start();
        pods.start();
      }
      if ((!wasRunning || !wasConnected) && proc.running) workers.resyncAll(cause);
      [wasRunning, wasConnected] = [proc.running, proc.connected];
    });
  });
  return {
    nodeName,
    runtime,
    cni,
    server,
    internalIP: machine.internalIP,
    podVolumes: (uid) => volumes.podVolumes(uid),
    process: proc,
    eviction,
  };
}
