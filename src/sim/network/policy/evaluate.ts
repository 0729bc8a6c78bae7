/**
 * networking.k8s.io/v1 NetworkPolicy semantics for one connection. A pod is isolated for a
 * direction when some policy in its namespace selects it and lists that direction in
 * policyTypes (default: Ingress, plus Egress when the policy has egress rules); an isolated
 * pod accepts only what at least one of those policies allows (policies are additive). A
 * connection needs the source's egress and the destination's ingress to allow it.
 *
 * Peers: `podSelector` alone selects pods of the policy's namespace, `namespaceSelector`
 * alone every pod of the selected namespaces, both together the selected pods of the
 * selected namespaces; `ipBlock` matches addresses in the CIDR but not in `except`. Ports:
 * protocol (TCP by default), a number (up to `endPort`), or a name resolved on the
 * destination pod's container ports; no ports or no peers means all.
 */
import type { ContainerPort } from 'kubernetes-types/core/v1';
import type { LabelSelector } from 'kubernetes-types/meta/v1';
import type { NetworkPolicyPeer, NetworkPolicyPort, NetworkPolicySpec } from 'kubernetes-types/networking/v1';
import type { KubeObject } from '../../apiserver/types';
import { selectorMatches } from '../../apiserver/validation/meta';
import { cidrContains } from '../ip';

/** A NetworkPolicy as an informer delivers it. */
export type PolicyObject = KubeObject & { spec?: NetworkPolicySpec };

/** What policies need to know about a pod. */
export interface PolicyPod {
  readonly namespace: string;
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly ip: string;
  /** Container ports, to resolve named ports. */
  readonly ports: readonly ContainerPort[];
}

/** One end of a connection: a pod, or an address outside the pod network (a node, the Internet). */
export type PolicyPeer =
  { readonly kind: 'pod'; readonly pod: PolicyPod } | { readonly kind: 'ip'; readonly ip: string };

/** A connection after DNAT: the destination is the endpoint, the port its target port. */
export interface PolicyConnection {
  readonly src: PolicyPeer;
  readonly dst: PolicyPeer;
  readonly port: number;
  readonly protocol: 'TCP' | 'UDP' | 'SCTP';
}

/** The outcome for one direction at one pod. */
export interface DirectionVerdict {
  /** `ns/name` of every policy isolating the pod in this direction (empty: not isolated). */
  readonly policies: readonly string[];
  /** The isolating policies with a rule that allows the connection. */
  readonly allowedBy: readonly string[];
  readonly allowed: boolean;
}

/** Labels of a namespace, or undefined if it does not exist. */
export type NamespaceLabels = (namespace: string) => Readonly<Record<string, string>> | undefined;

/** The policy types in effect (with upstream's defaulting when the field is empty). */
export function policyTypes(spec: NetworkPolicySpec | undefined): ('Ingress' | 'Egress')[] {
  const types = spec?.policyTypes ?? [];
  if (types.length > 0) return types as ('Ingress' | 'Egress')[];
  return (spec?.egress ?? []).length > 0 ? ['Ingress', 'Egress'] : ['Ingress'];
}

const matches = (selector: LabelSelector | undefined, labels: Readonly<Record<string, string>>) =>
  selectorMatches(selector, labels);

function peerMatches(
  peer: NetworkPolicyPeer,
  policyNamespace: string,
  other: PolicyPeer,
  namespaceLabels: NamespaceLabels,
): boolean {
  const ip = other.kind === 'pod' ? other.pod.ip : other.ip;
  if (peer.ipBlock !== undefined) {
    return (
      cidrContains(peer.ipBlock.cidr, ip) && !(peer.ipBlock.except ?? []).some((e) => cidrContains(e, ip))
    );
  }
  if (other.kind !== 'pod') return false;
  const pod = other.pod;
  if (peer.namespaceSelector !== undefined) {
    const labels = namespaceLabels(pod.namespace);
    if (labels === undefined || !matches(peer.namespaceSelector, labels)) return false;
    return peer.podSelector === undefined || matches(peer.podSelector, pod.labels);
  }
  if (peer.podSelector !== undefined)
    return pod.namespace === policyNamespace && matches(peer.podSelector, pod.labels);
  return false;
}

function portMatches(rule: NetworkPolicyPort, conn: PolicyConnection): boolean {
  if ((rule.protocol ?? 'TCP') !== conn.protocol) return false;
  if (rule.port === undefined) return true;
  if (typeof rule.port === 'number') {
    return rule.endPort === undefined
      ? conn.port === rule.port
      : conn.port >= rule.port && conn.port <= rule.endPort;
  }
  if (conn.dst.kind !== 'pod') return false;
  return conn.dst.pod.ports.some(
    (p) => p.name === rule.port && p.containerPort === conn.port && (p.protocol ?? 'TCP') === conn.protocol,
  );
}

const key = (p: PolicyObject) => `${p.metadata.namespace ?? ''}/${p.metadata.name ?? ''}`;

/**
 * Whether `pod`'s policies allow the connection in one direction: Egress for the source pod
 * (peers are the destination), Ingress for the destination pod (peers are the source).
 */
export function evaluateDirection(
  direction: 'Ingress' | 'Egress',
  pod: PolicyPod,
  conn: PolicyConnection,
  policies: readonly PolicyObject[],
  namespaceLabels: NamespaceLabels,
): DirectionVerdict {
  const other = direction === 'Ingress' ? conn.src : conn.dst;
  const isolating = policies.filter(
    (p) =>
      p.metadata.namespace === pod.namespace &&
      matches(p.spec?.podSelector ?? {}, pod.labels) &&
      policyTypes(p.spec).includes(direction),
  );
  const allowedBy = isolating.filter((p) => {
    const ns = p.metadata.namespace ?? '';
    const rules = direction === 'Ingress' ? (p.spec?.ingress ?? []) : (p.spec?.egress ?? []);
    return rules.some((rule) => {
      const peers = ('from' in rule ? rule.from : 'to' in rule ? rule.to : undefined) ?? [];
      const ports = rule.ports ?? [];
      const peerOk =
        peers.length === 0 || peers.some((peer) => peerMatches(peer, ns, other, namespaceLabels));
      return peerOk && (ports.length === 0 || ports.some((port) => portMatches(port, conn)));
    });
  });
  return {
    policies: isolating.map(key).sort(),
    allowedBy: allowedBy.map(key).sort(),
    allowed: isolating.length === 0 || allowedBy.length > 0,
  };
}

/** The whole verdict: egress at the source pod, ingress at the destination pod. */
export function evaluateConnection(
  conn: PolicyConnection,
  policies: readonly PolicyObject[],
  namespaceLabels: NamespaceLabels,
): { allowed: boolean; egress: DirectionVerdict | null; ingress: DirectionVerdict | null } {
  const egress =
    conn.src.kind === 'pod'
      ? evaluateDirection('Egress', conn.src.pod, conn, policies, namespaceLabels)
      : null;
  const ingress =
    conn.dst.kind === 'pod'
      ? evaluateDirection('Ingress', conn.dst.pod, conn, policies, namespaceLabels)
      : null;
  return { allowed: (egress?.allowed ?? true) && (ingress?.allowed ?? true), egress, ingress };
}
