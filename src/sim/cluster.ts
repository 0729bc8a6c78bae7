import { AggregatedServers } from './apiserver/aggregator/servers';
import { ApiServer } from './apiserver/apiserver';
import { APISERVER_ADDRESS } from './apiserver/bootstrap';
import { startCloudControllerManager } from './cloud-controller-manager';
import { startIngressNginx } from './ingress-nginx';
import type { UserInfo } from './apiserver/types';
import { attachDetach } from './controllers/attach-detach';
import { cronJob } from './controllers/cronjob';
import { daemonSet } from './controllers/daemonset';
import { deployment } from './controllers/deployment';
import { disruption } from './controllers/disruption';
import { ephemeralVolume } from './controllers/ephemeral';
import { endpoints } from './controllers/endpoints';
import { endpointSlice } from './controllers/endpointslice';
import { garbageCollector } from './controllers/garbage-collector';
import { horizontalPodAutoscaler } from './controllers/hpa';
import { job } from './controllers/job';
import { createControllerManager, type ControllerDescriptor } from './controllers/manager';
import { namespace } from './controllers/namespace';
import { nodeLifecycle } from './controllers/node-lifecycle';
import { persistentVolumeBinder } from './controllers/pv-binder';
import { pvProtection } from './controllers/pv-protection';
import { pvcProtection } from './controllers/pvc-protection';
import { nodeIpam } from './controllers/nodeipam';
import { replicaSet, replicationController } from './controllers/replicaset';
import { resourceQuota } from './controllers/resourcequota';
import { rootCaCertPublisher } from './controllers/root-ca-cert-publisher';
import { serviceAccount } from './controllers/serviceaccount';
import { statefulSet } from './controllers/statefulset';
import { Kernel } from './kernel/kernel';
import { startChaosController } from './faults/controller';
import { startMetricsServer, type MetricsServer } from './metrics-server';
import { Etcd } from './store';
import { startHostpathDriver } from './node/csi';
import type { ContainerRuntimeName } from './node/cri/flavour';
import { startKubelet, type Kubelet } from './node/kubelet';
import { connectNodes } from './network/nodes';
import type { ClusterNetwork } from './network/network';
import { KubeletDirectory } from './node/kubelet/server';
import { createScheduler, type Scheduler } from './scheduler';
import { controlPlaneManifests } from './installer/control-plane';
import {
  CONTROL_PLANE_TAINT,
  install,
  type CniPluginName,
  type IngressControllerName,
  type ProxyMode,
} from './installer';
import { INGRESS_READY_LABEL } from './installer/ingress-nginx';
import { buildTopology, CONTROL_PLANE_NODE, workerNodeName, type Topology } from './topology';

/** What a cluster is built from. The same options and inputs always give the same trace. */
export interface ClusterOptions {
  /** Seed for the cluster's random number generator. */
  readonly seed: number;
  /** Number of worker nodes; defaults to 3. */
  readonly workerNodes?: number;
  /** Wall-clock ms that virtual time 0 maps to; defaults to {@link DEFAULT_EPOCH}. */
  readonly epoch?: number;
  /** Bearer tokens kube-apiserver accepts (e.g. the one in a kubeconfig), and who each is. */
  readonly tokens?: Readonly<Record<string, UserInfo>>;
  /**
   * The controllers kube-controller-manager runs; all of {@link CONTROLLERS} by default.
   * Without node-ipam, nodes get no pod CIDR, so their pods get no IP (as on a real cluster).
   */
  readonly controllers?: readonly ControllerDescriptor[];
  /** Whether each worker node runs its kubelet (true by default). */
  readonly kubelets?: boolean;
  /** Whether kube-scheduler runs (true by default). */
  readonly scheduler?: boolean;
  /**
   * Whether the cluster runs in a (simulated) cloud with cloud-controller-manager (true by
   * default). On "bare metal" (false), LoadBalancer Services keep an external IP of `<pending>`.
   */
  readonly cloudProvider?: boolean;
  /**
   * Whether the installer sets up storage as kind does (true by default): the CSI driver
   * `hostpath.csi.k8s.io` (its external provisioner, and its node plugin on every node with
   * a kubelet) and the default StorageClass `standard`. Without it, claims bind only to
   * volumes someone creates.
   */
  readonly storage?: boolean;
  /**
   * Whether metrics-server is installed (in kube-system, serving metrics.k8s.io through the
   * APIService v1beta1.metrics.k8s.io); by default whenever the kubelets it scrapes run.
   */
  readonly metricsServer?: boolean;
  /**
   * Whether the installer applies the cluster addons (kube-proxy, CoreDNS with the kube-dns
   * Service, the CNI plugin's agents, metrics-server's Deployment) and runs a kubelet on the
   * control-plane node for them; by default whenever the kubelets run. As on kind, a node is
   * NotReady until the CNI agent running on it has written its CNI configuration; without the
   * addons, the nodes' runtimes render one themselves (a node image with its own CNI
   * configuration) once node-ipam has given the node its pod CIDR.
   */
  readonly addons?: boolean;
  /** The CNI plugin (kind's `kindnet` by default; `flannel`, `calico`, `cilium`). */
  readonly cni?: CniPluginName;
  /** kube-proxy's mode: `iptables` (kind's default), `ipvs` or `nftables`. */
  readonly kubeProxyMode?: ProxyMode;
  /**
   * The Ingress controller, set up as kind's ingress guide does (the control-plane node
   * labelled `ingress-ready=true`, ingress-nginx's kind manifest applied): `ingress-nginx` by
   * default whenever the addons are installed, like metrics-server, so Ingresses work; `none`
   * leaves Ingresses without a controller. Always `none` without the addons.
   */
  readonly ingressController?: IngressControllerName;
  /** Every node's CRI runtime: `containerd` (kind's, with runc) or `cri-o` (with crun). */
  readonly containerRuntime?: ContainerRuntimeName;
  /**
   * What the worker nodes differ in, node-1 first: capacity (cpu, memory, pods) and labels
   * (e.g. `topology.kubernetes.io/zone` on bare metal; in the cloud, the cloud sets zones).
   */
  readonly workers?: readonly WorkerSpec[];
  /**
   * OpenAPI v3 component schemas kube-apiserver serves and patches with (see
   * `ApiServerOptions.openapiSchemas`); the host generates them, the simulation only carries
   * them.
   */
  readonly openapiSchemas?: Readonly<Record<string, object>>;
}

/** How one worker node differs from the defaults (2 cpu, about 8 GiB, 110 pods). */
export interface WorkerSpec {
  readonly capacity?: Readonly<Record<string, string>>;
  readonly labels?: Readonly<Record<string, string>>;
}

/** 2025-01-01T00:00:00Z: the start instant when the host does not pass one. */
export const DEFAULT_EPOCH = Date.UTC(2025, 0, 1);

/** The controllers kube-controller-manager runs, in upstream's start order. */
export const CONTROLLERS: readonly ControllerDescriptor[] = [
  serviceAccount,
  namespace,
  garbageCollector,
  rootCaCertPublisher,
  replicationController,
  replicaSet,
  resourceQuota,
  deployment,
  endpoints,
  endpointSlice,
  nodeIpam,
  nodeLifecycle,
  job,
  cronJob,
  statefulSet,
  daemonSet,
  horizontalPodAutoscaler,
  disruption,
  persistentVolumeBinder,
  attachDetach,
  pvcProtection,
  pvProtection,
  ephemeralVolume,
];

/** Cluster options with every default filled in. */
export type ResolvedClusterOptions = Required<
  Omit<
    ClusterOptions,
    | 'tokens'
    | 'openapiSchemas'
    | 'controllers'
    | 'kubelets'
    | 'scheduler'
    | 'cloudProvider'
    | 'storage'
    | 'metricsServer'
    | 'addons'
    | 'workers'
  >
>;

/** A simulated cluster: the kernel it runs on and the shape of its machines and components. */
export interface Cluster {
  readonly options: ResolvedClusterOptions;
  readonly kernel: Kernel;
  readonly topology: Topology;
  readonly etcd: Etcd;
  readonly apiserver: ApiServer;
  /** The kubelets' servers by node name, as kube-apiserver reaches them (logs, exec, attach). */
  readonly kubelets: KubeletDirectory;
  /** The extension API servers behind Services, as kube-apiserver's aggregator reaches them. */
  readonly aggregated: AggregatedServers;
  /** metrics-server, if installed. */
  readonly metricsServer: MetricsServer | null;
  /**
   * The Service network (kube-proxy and the CNI agent on every node with a kubelet, CoreDNS)
   * that the containers' processes use; null without kubelets.
   */
  readonly network: ClusterNetwork | null;
  /** The started kubelets by node name (their runtime and CNI plugin), for read-only views. */
  readonly nodes: ReadonlyMap<string, Kubelet>;
  /** kube-scheduler, if it runs, for read-only views of its queue, cache and cycles. */
  readonly scheduler: Scheduler | null;
}

/** The composition root: builds a cluster and wires its components to one kernel. */
export function createCluster(options: ClusterOptions): Cluster {
  const resolved: ResolvedClusterOptions = {
    seed: options.seed,
    workerNodes: options.workerNodes ?? 3,
    epoch: options.epoch ?? DEFAULT_EPOCH,
    cni: options.cni ?? 'kindnet',
    kubeProxyMode: options.kubeProxyMode ?? 'iptables',
    ingressController:
      (options.addons ?? options.kubelets !== false)
        ? (options.ingressController ?? 'ingress-nginx')
        : 'none',
    containerRuntime: options.containerRuntime ?? 'containerd',
  };
  const kernel = new Kernel({ seed: resolved.seed, epoch: resolved.epoch });
  const etcd = new Etcd(kernel);
  const kubelets = new KubeletDirectory();
  const aggregated = new AggregatedServers();
  const apiserver = new ApiServer({
    kernel,
    etcd,
    nodes: kubelets,
    aggregated,
    ...(options.tokens === undefined ? {} : { tokens: options.tokens }),
    ...(options.openapiSchemas === undefined ? {} : { openapiSchemas: options.openapiSchemas }),
  });
  apiserver.bootstrap();
  const controllerManager = createControllerManager(kernel, apiserver, options.controllers ?? CONTROLLERS);
  controllerManager.start();
  const scheduler = options.scheduler === false ? null : createScheduler(kernel, apiserver);
  scheduler?.start();
  if (options.cloudProvider !== false) startCloudControllerManager(kernel, apiserver);
  const addons = options.addons ?? options.kubelets !== false;
  const started: Kubelet[] = [];
  if (options.kubelets !== false) {
    if (addons) {
      const controlPlane = startKubelet(kernel, apiserver, CONTROL_PLANE_NODE, {
        directory: kubelets,
        internalIP: APISERVER_ADDRESS,
        cniConfig: 'addon',
        registerWithTaints: [CONTROL_PLANE_TAINT],
        ...(resolved.ingressController === 'none' ? {} : { labels: INGRESS_READY_LABEL }),
        staticPods: controlPlaneManifests({ nodeName: CONTROL_PLANE_NODE, address: APISERVER_ADDRESS }),
        cni: resolved.cni,
        containerRuntime: resolved.containerRuntime,
      });
      started.push(controlPlane);
    }
    for (let n = 1; n <= resolved.workerNodes; n++) {
      const spec = options.workers?.[n - 1];
      const worker = startKubelet(kernel, apiserver, workerNodeName(n), {
        directory: kubelets,
        cni: resolved.cni,
        // kind's nodes get their CNI configuration from the CNI addon; without the addons, a
        // node image with a CNI configuration (its runtime's template) stands in for it.
        cniConfig: addons ? 'addon' : 'node-image',
        containerRuntime: resolved.containerRuntime,
        ...(spec?.capacity === undefined ? {} : { capacity: spec.capacity }),
        ...(spec?.labels === undefined ? {} : { labels: spec.labels }),
      });
      started.push(worker);
    }
  }
  if (addons) {
    install(kernel, apiserver, {
      controlPlaneNode: CONTROL_PLANE_NODE,
      cni: resolved.cni,
      proxyMode: resolved.kubeProxyMode,
      metricsServer: options.metricsServer ?? options.kubelets !== false,
      ingressController: resolved.ingressController,
    });
  }
  if (options.storage !== false) {
    const nodes =
      options.kubelets === false
        ? []
        : Array.from({ length: resolved.workerNodes }, (_, i) => workerNodeName(i + 1));
    startHostpathDriver(kernel, apiserver, nodes);
  }
  const metricsServer =
    (options.metricsServer ?? options.kubelets !== false)
      ? startMetricsServer(kernel, apiserver, kubelets, aggregated)
      : null;
  const network =
    started.length === 0
      ? null
      : connectNodes(kernel, apiserver, started, { cni: resolved.cni, proxyMode: resolved.kubeProxyMode });
  if (network !== null && resolved.ingressController === 'ingress-nginx')
    startIngressNginx(kernel, apiserver, network, started);
  const nodes = new Map(started.map((k) => [k.nodeName, k]));
  startChaosController(kernel, apiserver, { kubelets: nodes, scheduler, controllerManager, network });
  const topology = buildTopology(
    resolved.workerNodes,
    addons && options.kubelets !== false,
    resolved.containerRuntime,
  );
  return {
    options: resolved,
    kernel,
    topology,
    etcd,
    apiserver,
    kubelets,
    aggregated,
    metricsServer,
    network,
    nodes,
    scheduler,
  };
}
