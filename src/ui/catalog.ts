import type { ComponentKind, TopologyComponent } from '../sim/topology';

/** How the UI names and explains each kind of component. */
export interface ComponentInfo {
  /** The name Kubernetes documentation uses. */
  readonly title: string;
  /** A few words on its job, shown under the name. */
  readonly role: string;
  /** A plain-language explanation for the inspector. */
  readonly description: string;
  /** Where it lives: shapes the colour of its card. */
  readonly tier: 'client' | 'control-plane' | 'store' | 'node';
}

export const CATALOG: Readonly<Record<ComponentKind, ComponentInfo>> = {
  kubectl: {
    title: 'kubectl',
    role: 'your terminal',
    tier: 'client',
    description:
      'The command-line client. Every kubectl command becomes HTTP requests to kube-apiserver: it never talks to nodes or to etcd directly.',
  },
  'kube-apiserver': {
    title: 'kube-apiserver',
    role: 'front door of the cluster',
    tier: 'control-plane',
    description:
      'The only component that reads and writes cluster state. Each request is authenticated, authorized, passed through admission and validated before it is stored in etcd. Every other component watches it for changes.',
  },
  etcd: {
    title: 'etcd',
    role: 'key-value store',
    tier: 'store',
    description:
      'A consistent, versioned key-value store holding every object under /registry/…. Each write gets a new revision, and watchers are told about changes in revision order.',
  },
  'kube-scheduler': {
    title: 'kube-scheduler',
    role: 'picks a node for each pod',
    tier: 'control-plane',
    description:
      'Watches for pods that have no node yet. For each one it filters out nodes that cannot run it, scores the rest, and binds the pod to the best node through the API.',
  },
  'kube-controller-manager': {
    title: 'kube-controller-manager',
    role: 'runs the controllers',
    tier: 'control-plane',
    description:
      'Runs the control loops — Deployment, ReplicaSet, Job, Node lifecycle, EndpointSlice and more. Each one watches objects, compares what is wanted with what exists, and makes API calls to close the gap.',
  },
  'cloud-controller-manager': {
    title: 'cloud-controller-manager',
    role: 'talks to the cloud provider',
    tier: 'control-plane',
    description:
      'Runs the controllers that depend on a cloud: it gives LoadBalancer Services an external address, sets up routes between nodes, and notices when a node’s machine is gone.',
  },
  kubelet: {
    title: 'kubelet',
    role: 'node agent',
    tier: 'node',
    description:
      'Watches for pods bound to its node and makes them real: asks the container runtime for a sandbox and containers, sets up networking (CNI) and volumes (CSI), runs probes, and reports pod and node status back to the API.',
  },
  'container-runtime': {
    title: 'container runtime',
    role: 'containerd, via CRI',
    tier: 'node',
    description:
      'Pulls images and starts containers when kubelet asks through the Container Runtime Interface. Each pod gets a sandbox (the pause container) that holds its network namespace.',
  },
  'kube-proxy': {
    title: 'kube-proxy',
    role: 'Service networking',
    tier: 'node',
    description:
      'Watches Services and EndpointSlices and programs the node’s packet rules, so traffic sent to a Service’s virtual IP reaches one of its ready pods.',
  },
};

const RUNTIME_NAMES: Readonly<Record<string, string>> = { containerd: 'containerd', 'cri-o': 'CRI-O' };

/** How the UI names and explains one component: its kind's entry, with the runtime it really runs. */
export function infoFor(component: TopologyComponent): ComponentInfo {
  const info = CATALOG[component.kind];
  const implementation = component.implementation;
  if (component.kind !== 'container-runtime' || implementation === undefined) return info;
  return { ...info, role: `${RUNTIME_NAMES[implementation] ?? implementation}, via CRI` };
}
