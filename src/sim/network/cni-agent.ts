/**
 * The CNI plugin's node agent (kindnet, flannel's flanneld, calico-node, cilium-agent), one
 * per node: an API client (`<node>/cni`) that watches Nodes (each node's podCIDR and address,
 * for routes to other nodes) and Pods (which address lives on which veth) and, for plugins
 * that implement NetworkPolicy, Namespaces and NetworkPolicies too. Flannel programs no
 * policy at all; kindnet (kube-network-policies), Calico and Cilium enforce it. Once its
 * DaemonSet pod runs on the node, it writes the node's CNI configuration (cni-install.ts).
 */
import type { NodeSpec, NodeStatus, PodSpec, PodStatus } from 'kubernetes-types/core/v1';
import type { ApiServer } from '../apiserver/apiserver';
import { findResource, type ResourceInfo } from '../apiserver/resources';
import type { KubeObject } from '../apiserver/types';
import { Informer } from '../client/informer';
import { ApiClient } from '../client/rest';
import type { Kernel } from '../kernel/kernel';
import { installCniConfig } from './cni-install';
import { cidrContains } from './ip';
import {
  evaluateDirection,
  type DirectionVerdict,
  type PolicyConnection,
  type PolicyObject,
  type PolicyPod,
} from './policy/evaluate';

const resource = (group: string, version: string, plural: string) =>
  findResource(group, version, plural) as ResourceInfo;
const PODS = resource('', 'v1', 'pods');
const NODES = resource('', 'v1', 'nodes');
const NAMESPACES = resource('', 'v1', 'namespaces');
const NETWORK_POLICIES = resource('networking.k8s.io', 'v1', 'networkpolicies');

/** The CNI plugins the simulation knows. kind installs kindnet unless told otherwise. */
export type CniPluginName = 'kindnet' | 'flannel' | 'calico' | 'cilium';

/** Whether a plugin implements NetworkPolicy. */
export function enforcesNetworkPolicy(plugin: CniPluginName): boolean {
  return plugin !== 'flannel';
}

export type PodObject = KubeObject & { spec?: PodSpec; status?: PodStatus };
type NodeObject = KubeObject & { spec?: NodeSpec; status?: NodeStatus };

/** A pod as the dataplane sees it: where it runs and what policies select it by. */
export interface NetworkPod extends PolicyPod {
  readonly node: string;
  readonly object: PodObject;
}

/** A node's addresses as the agent learned them from its Node object. */
export interface NetworkNode {
  readonly name: string;
  readonly ip: string;
  readonly podCIDR: string;
}

/** A running CNI agent. */
export interface CniAgent {
  /** `<node>/cni`. */
  readonly id: string;
  readonly nodeName: string;
  readonly plugin: CniPluginName;
  readonly enforcesPolicy: boolean;
  /** The pod holding `ip` (a running pod's status.podIP), if any. */
  podByIP(ip: string): NetworkPod | undefined;
  podByName(namespace: string, name: string): NetworkPod | undefined;
  nodes(): readonly NetworkNode[];
  /** The node whose podCIDR contains `ip`, or whose address is `ip`. */
  nodeFor(ip: string): { node: NetworkNode; host: boolean } | undefined;
  /**
   * The pod on `node` (address `nodeIP`) whose container maps `hostPort`/`protocol`, and the
   * container port it maps to: what the CNI's portmap rules DNAT a connection to, if any.
   */
  hostPort(
    node: string,
    nodeIP: string,
    hostPort: number,
    protocol: 'TCP' | 'UDP',
  ): HostPortMapping | undefined;
  /**
   * Checks one direction at `pod` (on this node), traced as a step from `from` to the agent;
   * non-enforcing plugins allow everything without a step.
   */
  checkPolicy(
    direction: 'Ingress' | 'Egress',
    pod: PolicyPod,
    conn: PolicyConnection,
    from: string,
    causedBy: number | null,
  ): { verdict: DirectionVerdict; step: number | null };
}

/** A hostPort a pod's container maps on its node (a container port with `hostPort`). */
export interface HostPortMapping {
  readonly pod: NetworkPod;
  readonly containerPort: number;
}

/** The mapping of `hostPort`/`protocol` on `nodeIP` among a pod's container ports, if any. */
export function hostPortOf(
  pod: NetworkPod,
  nodeIP: string,
  hostPort: number,
  protocol: 'TCP' | 'UDP',
): HostPortMapping | undefined {
  const port = pod.ports.find(
    (p) =>
      p.hostPort === hostPort &&
      (p.protocol ?? 'TCP') === protocol &&
      [undefined, '', '0.0.0.0', nodeIP].includes(p.hostIP),
  );
  return port === undefined ? undefined : { pod, containerPort: port.containerPort };
}

/** The pod as policies see it, or undefined if it has no address yet. */
export function networkPod(pod: PodObject): NetworkPod | undefined {
  const ip = pod.status?.podIP;
  if (ip === undefined || ip === '') return undefined;
  return {
    namespace: pod.metadata.namespace ?? '',
    name: pod.metadata.name ?? '',
    labels: pod.metadata.labels ?? {},
    ip,
    ports: (pod.spec?.containers ?? []).flatMap((c) => c.ports ?? []),
    node: pod.spec?.nodeName ?? '',
    object: pod,
  };
}

/** Starts the CNI agent of `nodeName`. */
export function startCniAgent(
  kernel: Kernel,
  apiserver: ApiServer,
  nodeName: string,
  plugin: CniPluginName,
): CniAgent {
  const id = `${nodeName}/cni`;
  const client = new ApiClient(apiserver, id, plugin);
  const enforces = enforcesNetworkPolicy(plugin);
  const pods = new Informer<PodObject>(kernel, client, PODS);
  const nodes = new Informer<NodeObject>(kernel, client, NODES);
  const namespaces = enforces ? new Informer(kernel, client, NAMESPACES) : null;
  const policies = enforces ? new Informer<PolicyObject>(kernel, client, NETWORK_POLICIES) : null;
  installCniConfig(kernel, id, nodeName, plugin, pods, nodes);
  kernel.schedule(0, `${id}: start`, () => {
    for (const informer of [nodes, pods, namespaces, policies]) informer?.start();
  });

  const known = () =>
    nodes.lister.list().map((n) => ({
      name: n.metadata.name ?? '',
      ip: n.status?.addresses?.find((a) => a.type === 'InternalIP')?.address ?? '',
      podCIDR: n.spec?.podCIDR ?? '',
    }));
  const live = (p: PodObject) => p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed';

  return {
    id,
    nodeName,
    plugin,
    enforcesPolicy: enforces,
    podByIP: (ip) => {
      const pod = pods.lister
        .list()
        .find((p) => p.status?.podIP === ip && live(p) && p.spec?.hostNetwork !== true);
      return pod === undefined ? undefined : networkPod(pod);
    },
    podByName: (namespace, name) => {
      const pod = pods.lister.get(`${namespace}/${name}`);
      return pod === undefined ? undefined : networkPod(pod);
    },
    nodes: known,
    nodeFor: (ip) => {
      for (const node of known()) {
        if (node.ip === ip) return { node, host: true };
        if (node.podCIDR !== '' && cidrContains(node.podCIDR, ip)) return { node, host: false };
      }
      return undefined;
    },
    hostPort: (node, nodeIP, hostPort, protocol) => {
      for (const p of pods.lister.list()) {
        if (p.spec?.nodeName !== node || p.spec.hostNetwork === true || !live(p)) continue;
        const pod = networkPod(p);
        const mapping = pod === undefined ? undefined : hostPortOf(pod, nodeIP, hostPort, protocol);
        if (mapping !== undefined) return mapping;
      }
      return undefined;
    },
    checkPolicy: (direction, pod, conn, from, causedBy) => {
      if (policies === null || namespaces === null) {
        return { verdict: { policies: [], allowedBy: [], allowed: true }, step: null };
      }
      const labelsOf = (ns: string) => namespaces.lister.get(ns)?.metadata.labels ?? undefined;
      const verdict = evaluateDirection(direction, pod, conn, policies.lister.list(), labelsOf);
      const peer = direction === 'Egress' ? conn.dst : conn.src;
      const peerText = peer.kind === 'pod' ? `${peer.pod.namespace}/${peer.pod.name}` : peer.ip;
      const what = `${direction.toLowerCase()} ${pod.namespace}/${pod.name} ${direction === 'Egress' ? '->' : '<-'} ${peerText}:${conn.port}/${conn.protocol}`;
      const why =
        verdict.policies.length === 0
          ? 'no NetworkPolicy isolates the pod'
          : verdict.allowed
            ? `allowed by ${verdict.allowedBy.join(', ')}`
            : `denied: isolated by ${verdict.policies.join(', ')} and no rule allows it`;
      const step = kernel.trace.emit({
        from,
        to: id,
        kind: 'decision',
        summary: `${plugin}: ${what}: ${verdict.allowed ? 'allow' : 'drop'} (${why})`,
        detail: {
          plugin,
          direction,
          pod: `${pod.namespace}/${pod.name}`,
          peer: peerText,
          port: conn.port,
          protocol: conn.protocol,
          policies: [...verdict.policies],
          allowedBy: [...verdict.allowedBy],
          allowed: verdict.allowed,
        },
        causedBy,
      });
      return { verdict, step: step.id };
    },
  };
}
