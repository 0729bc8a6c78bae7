/** The kinds of component drawn on the cluster view. */
export type ComponentKind =
  | 'kubectl'
  | 'kube-apiserver'
  | 'etcd'
  | 'kube-scheduler'
  | 'kube-controller-manager'
  | 'cloud-controller-manager'
  | 'kubelet'
  | 'container-runtime'
  | 'kube-proxy';

/** One component: a control-plane process, a node agent, or a client outside the cluster. */
export interface TopologyComponent {
  /** Unique id, `<machine>/<kind>` for components on a machine, e.g. `node-1/kubelet`. */
  readonly id: string;
  readonly kind: ComponentKind;
  /** The machine it runs on, or null for a client outside the cluster. */
  readonly machine: string | null;
  /** Which implementation it is, where the cluster has a choice (the runtime: containerd or cri-o). */
  readonly implementation?: string;
}

/** A machine in the cluster: the control-plane node or a worker node. */
export interface TopologyMachine {
  readonly name: string;
  readonly role: 'control-plane' | 'worker';
}

/** How two components talk: over the Kubernetes API, etcd's gRPC API, or the CRI. */
export interface TopologyLink {
  readonly from: string;
  readonly to: string;
  readonly protocol: 'kubernetes-api' | 'etcd' | 'cri';
}

/** The shape of the cluster: what runs where and who talks to whom. */
export interface Topology {
  readonly machines: readonly TopologyMachine[];
  readonly components: readonly TopologyComponent[];
  readonly links: readonly TopologyLink[];
}

export const CONTROL_PLANE_NODE = 'control-plane';
const CONTROL_PLANE_KINDS = [
  'kube-apiserver',
  'etcd',
  'kube-scheduler',
  'kube-controller-manager',
  'cloud-controller-manager',
] as const satisfies readonly ComponentKind[];
const WORKER_KINDS = [
  'kubelet',
  'container-runtime',
  'kube-proxy',
] as const satisfies readonly ComponentKind[];

/** The name of the n-th worker node (1-based). */
export function workerNodeName(n: number): string {
  return `node-${n}`;
}

/**
 * Builds the topology of a cluster with one control-plane node and `workerNodes` workers.
 * Every component talks only to kube-apiserver, except kube-apiserver itself (to etcd)
 * and kubelet (to its node's container runtime, through the CRI). With `controlPlaneAgents`
 * the control-plane node also runs a kubelet, a container runtime and kube-proxy, as a
 * kubeadm control plane does. `containerRuntime` names the nodes' runtime.
 */
export function buildTopology(
  workerNodes: number,
  controlPlaneAgents = false,
  containerRuntime = 'containerd',
): Topology {
  if (!Number.isInteger(workerNodes) || workerNodes < 0) {
    throw new RangeError(`worker node count must be a whole number >= 0, got ${workerNodes}`);
  }
  const apiserver = `${CONTROL_PLANE_NODE}/kube-apiserver`;
  const machines: TopologyMachine[] = [{ name: CONTROL_PLANE_NODE, role: 'control-plane' }];
  const components: TopologyComponent[] = [{ id: 'kubectl', kind: 'kubectl', machine: null }];
  const links: TopologyLink[] = [{ from: 'kubectl', to: apiserver, protocol: 'kubernetes-api' }];

  for (const kind of CONTROL_PLANE_KINDS) {
    const id = `${CONTROL_PLANE_NODE}/${kind}`;
    components.push({ id, kind, machine: CONTROL_PLANE_NODE });
    if (kind === 'etcd') links.push({ from: apiserver, to: id, protocol: 'etcd' });
    else if (kind !== 'kube-apiserver') links.push({ from: id, to: apiserver, protocol: 'kubernetes-api' });
  }
  const agents = (name: string) => {
    for (const kind of WORKER_KINDS) {
      const id = `${name}/${kind}`;
      components.push(
        kind === 'container-runtime'
          ? { id, kind, machine: name, implementation: containerRuntime }
          : { id, kind, machine: name },
      );
      if (kind === 'container-runtime') links.push({ from: `${name}/kubelet`, to: id, protocol: 'cri' });
      else links.push({ from: id, to: apiserver, protocol: 'kubernetes-api' });
    }
  };
  if (controlPlaneAgents) agents(CONTROL_PLANE_NODE);
  for (let n = 1; n <= workerNodes; n++) {
    const name = workerNodeName(n);
    machines.push({ name, role: 'worker' });
    agents(name);
  }
  return { machines, components, links };
}
