/**
 * The inspector's node view: what a person logged in on one node would see with `crictl pods`,
 * `crictl ps -a`, `ip addr`, `ip route`, `mount` and `iptables-save -t nat` (or `ipvsadm -Ln`).
 * It is an observer: it reads the kubelet's runtime, CNI plugin, volume manager and host
 * filesystem and the node's kube-proxy through their read-only accessors, without a trace
 * step, a state change or the kernel's RNG, so the trace is the same with the panel open.
 */
import type { Cluster } from '../../sim/cluster';
import type { ContainerStatus, PodSandboxStatus } from '../../sim/node/cri/types';
import { nodeHost } from '../../sim/node/host';
import { sha256 } from '../../sim/node/kube-proxy/hash';
import { KUBELET_VERSION, type Kubelet } from '../../sim/node/kubelet';
import { hostInterface } from '../../sim/network/routing';
import { nodeNetwork, type NodeNetworkView } from './node-network';
import { proxyRules, type ProxyRulesView } from './node-proxy';

export type { InterfaceView, NodeNetworkView } from './node-network';
export type { ProxyEndpointView, ProxyRulesView, ProxyServiceView } from './node-proxy';

/** A container as `crictl ps -a` lists it. */
export interface ContainerView {
  /** The container id as crictl shortens it (13 hex digits). */
  readonly id: string;
  readonly name: string;
  /** The normalized image (`docker.io/library/nginx:1.27`). */
  readonly image: string;
  readonly state: 'CREATED' | 'RUNNING' | 'EXITED' | 'UNKNOWN';
  /** ContainerMetadata.attempt: 0 for the first run, +1 per restart. */
  readonly attempt: number;
  /** The exit code and reason (`Completed`, `Error`, `OOMKilled`) once exited, else null. */
  readonly exitCode: number | null;
  readonly reason: string | null;
  /** The pod status's restartCount: the attempt of the newest container of that name. */
  readonly restartCount: number;
}

/** A volume the kubelet mounted for a pod (`mount | grep /var/lib/kubelet/pods/<uid>`). */
export interface VolumeView {
  readonly name: string;
  /** The volume plugin directory (`kubernetes.io~configmap`, `kubernetes.io~csi`); `host-path` for hostPath. */
  readonly plugin: string;
  /** Where it is on the node: `/var/lib/kubelet/pods/<uid>/volumes/<plugin>/<name>`, a hostPath, a CSI publish path. */
  readonly hostPath: string;
  readonly readOnly: boolean;
  /** Whether the path is a mount point (a CSI NodePublishVolume bind mount). */
  readonly mountPoint: boolean;
}

/** A pod sandbox (its pause container) as `crictl pods` and `crictl inspectp` show it. */
export interface SandboxView {
  /** The sandbox id as crictl shortens it (13 hex digits). */
  readonly id: string;
  /** crictl's STATE column. */
  readonly state: 'Ready' | 'NotReady';
  readonly namespace: string;
  readonly name: string;
  readonly uid: string;
  /** PodSandboxMetadata.attempt (a new sandbox after the old one died gets +1). */
  readonly attempt: number;
  /** Virtual ms. */
  readonly createdAt: number;
  readonly hostNetwork: boolean;
  /** The pod IP CNI gave the sandbox; null on the host network. */
  readonly ip: string | null;
  /** The sandbox's network namespace, or null on the host network. */
  readonly netns: string | null;
  /** The veth pair: host side (`veth1a2b3c4d`, `cali…`, `lxc…`) and pod side (`eth0`). */
  readonly veth: { readonly host: string; readonly pod: 'eth0' } | null;
  readonly containers: readonly ContainerView[];
  readonly volumes: readonly VolumeView[];
}

/** One node as seen from its own shell. */
export interface NodeView {
  readonly kind: 'node';
  /** The node's name (`node-1`, `kind-control-plane`). */
  readonly name: string;
  readonly internalIP: string;
  /** The pod CIDR the runtime was given (UpdateRuntimeConfig), or null before node-ipam set it. */
  readonly podCIDR: string | null;
  /** The CRI runtime (`crictl version`) and its Status conditions (RuntimeReady, NetworkReady). */
  readonly runtime: {
    readonly name: string;
    readonly version: string;
    readonly conditions: readonly {
      readonly type: string;
      readonly status: boolean;
      readonly reason: string;
      readonly message: string;
    }[];
  };
  /**
   * The kubelet's version and state: `starting` until its server (:10250) is up, `running`,
   * `stopped` (the process is down; containers keep running) or `partitioned` (running, but
   * cut off from kube-apiserver).
   */
  readonly kubelet: {
    readonly version: string;
    readonly state: 'starting' | 'running' | 'stopped' | 'partitioned';
  };
  /** Pod sandboxes, newest first, as `crictl pods` lists them. */
  readonly sandboxes: readonly SandboxView[];
  readonly network: NodeNetworkView;
  /** CSI volumes staged on the node (NodeStageVolume's `globalmount` directories). */
  readonly csiStaging: readonly string[];
  /** kube-proxy's Service rules on the node; null where kube-proxy does not run. */
  readonly proxy: ProxyRulesView | null;
}

const CSI_PLUGINS_DIR = '/var/lib/kubelet/plugins/kubernetes.io/csi';

/**
 * The sandbox's network namespace path as the runtime names it (containerd `cni-<uuid>`,
 * CRI-O `<uuid>`). The simulation keeps no namespaces, so the UUID is derived from the
 * sandbox id: stable, and drawn from no RNG.
 */
function netnsPath(runtime: string, sandboxId: string): string {
  const h = [...sha256(sandboxId)].map((b) => b.toString(16).padStart(2, '0')).join('');
  const uuid = `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
  return `/var/run/netns/${runtime === 'containerd' ? 'cni-' : ''}${uuid}`;
}

function containerViews(containers: readonly ContainerStatus[]): ContainerView[] {
  const newest = new Map<string, number>();
  for (const c of containers) newest.set(c.name, Math.max(newest.get(c.name) ?? 0, c.attempt));
  return [...containers]
    .sort((a, b) => a.name.localeCompare(b.name) || b.attempt - a.attempt)
    .map((c) => {
      const exited = c.state === 'CONTAINER_EXITED';
      return {
        id: c.id.slice(0, 13),
        name: c.name,
        image: c.image,
        state: c.state.slice('CONTAINER_'.length) as ContainerView['state'],
        attempt: c.attempt,
        exitCode: exited ? c.exitCode : null,
        reason: exited && c.reason !== '' ? c.reason : null,
        restartCount: newest.get(c.name) ?? c.attempt,
      };
    });
}

function volumeViews(kubelet: Kubelet, uid: string, mounts: ReadonlyMap<string, unknown>): VolumeView[] {
  return [...kubelet.podVolumes(uid)]
    .map(([name, v]) => ({
      name,
      plugin: /\/volumes\/([^/]+)\//.exec(v.hostPath)?.[1] ?? 'host-path',
      hostPath: v.hostPath,
      readOnly: v.readOnly,
      mountPoint: mounts.has(v.hostPath),
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

function sandboxView(
  cluster: Cluster,
  kubelet: Kubelet,
  sandbox: PodSandboxStatus,
  containers: readonly ContainerStatus[],
  mounts: ReadonlyMap<string, unknown>,
): SandboxView {
  const { config } = sandbox;
  const networked = !config.hostNetwork;
  return {
    id: sandbox.id.slice(0, 13),
    state: sandbox.state === 'SANDBOX_READY' ? 'Ready' : 'NotReady',
    namespace: config.namespace,
    name: config.name,
    uid: config.uid,
    attempt: config.attempt,
    createdAt: sandbox.createdAt,
    hostNetwork: config.hostNetwork,
    ip: sandbox.ip,
    netns: networked ? netnsPath(kubelet.runtime.flavour.name, sandbox.id) : null,
    veth:
      networked && sandbox.ip !== null && sandbox.state === 'SANDBOX_READY'
        ? { host: hostInterface(cluster.options.cni, config.namespace, config.name), pod: 'eth0' }
        : null,
    containers: containerViews(containers.filter((c) => c.sandboxId === sandbox.id)),
    volumes: volumeViews(kubelet, config.uid, mounts),
  };
}

function kubeletState(cluster: Cluster, kubelet: Kubelet): NodeView['kubelet']['state'] {
  if (!kubelet.process.running) return 'stopped';
  if (!kubelet.process.connected) return 'partitioned';
  return cluster.kubelets.kubelet(kubelet.nodeName) === undefined ? 'starting' : 'running';
}

/** `<driver>/<hash>/globalmount` directories under the kubelet's CSI plugin directory. */
function csiStaging(cluster: Cluster, name: string): string[] {
  const fs = nodeHost(cluster.kernel, name).fs;
  if (!fs.exists(CSI_PLUGINS_DIR)) return [];
  const out: string[] = [];
  for (const [driver, d] of fs.readDir(CSI_PLUGINS_DIR)) {
    if (d.type !== 'dir') continue;
    for (const [volume, v] of fs.readDir(`${CSI_PLUGINS_DIR}/${driver}`)) {
      const path = `${CSI_PLUGINS_DIR}/${driver}/${volume}/globalmount`;
      if (v.type === 'dir' && fs.exists(path)) out.push(path);
    }
  }
  return out;
}

/** The node view of `name`, or null when the cluster runs no kubelet by that name. */
export function nodeView(cluster: Cluster, name: string): NodeView | null {
  const kubelet = cluster.nodes.get(name);
  if (kubelet === undefined) return null;
  const { runtime } = kubelet;
  const host = nodeHost(cluster.kernel, name);
  const { sandboxes, containers } = runtime.inspect();
  const mounts = host.fs.mountPoints();
  const proxy = cluster.network?.proxies.get(name);
  return {
    kind: 'node',
    name,
    internalIP: kubelet.internalIP,
    podCIDR: kubelet.cni.ipam?.subnet ?? null,
    runtime: {
      name: runtime.flavour.version.runtimeName,
      version: runtime.flavour.version.runtimeVersion,
      conditions: runtime.status().conditions.map((c) => ({ ...c })),
    },
    kubelet: { version: KUBELET_VERSION, state: kubeletState(cluster, kubelet) },
    sandboxes: sandboxes
      .sort((a, b) => b.createdAt - a.createdAt || a.id.localeCompare(b.id))
      .map((s) => sandboxView(cluster, kubelet, s, containers, mounts)),
    network: nodeNetwork({
      plugin: cluster.options.cni,
      cni: kubelet.cni,
      fs: host.fs,
      nodeName: name,
      internalIP: kubelet.internalIP,
      sandboxes: sandboxes.filter((s) => !s.config.hostNetwork && s.state === 'SANDBOX_READY'),
      nodes: cluster.network?.agents.get(name)?.nodes() ?? [],
    }),
    csiStaging: csiStaging(cluster, name),
    proxy: proxy === undefined ? null : proxyRules(proxy),
  };
}
