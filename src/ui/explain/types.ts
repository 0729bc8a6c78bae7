/** What the explainers produce, and how they name the actors of a step. */
import type { TraceStep } from '../../sim/kernel/trace';

/** A step in plain language: what happened, and why it happens in Kubernetes. */
export interface Explanation {
  readonly what: string;
  readonly why: string;
  /** True when no specific rule knew the step and the sentence is the generic one for its kind. */
  readonly generic?: boolean;
}

/** One table-driven rule: a pattern on the step's summary, and the explanation it gives. */
export interface Rule {
  readonly match: RegExp;
  /** Optional extra condition on the whole step. */
  readonly when?: (step: TraceStep) => boolean;
  readonly explain: (m: RegExpMatchArray, step: TraceStep) => Explanation;
}

/** The first rule whose pattern (and condition) matches the step's summary. */
export function applyRules(rules: readonly Rule[], step: TraceStep): Explanation | null {
  for (const rule of rules) {
    const m = step.summary.match(rule.match);
    if (m !== null && (rule.when === undefined || rule.when(step))) return rule.explain(m, step);
  }
  return null;
}

const NAMES: Readonly<Record<string, string>> = {
  kubectl: 'kubectl',
  'control-plane/kube-apiserver': 'kube-apiserver',
  'control-plane/etcd': 'etcd',
  'control-plane/kube-scheduler': 'kube-scheduler',
  'control-plane/kube-controller-manager': 'kube-controller-manager',
  'control-plane/cloud-controller-manager': 'cloud-controller-manager',
  'control-plane/coredns': 'CoreDNS',
  'control-plane/csi-provisioner': 'the CSI external provisioner',
  'control-plane/csi-attacher': 'the CSI external attacher',
  'metrics-server': 'metrics-server',
  'ingress-nginx-controller': 'the ingress-nginx controller',
  'upstream-dns': 'the upstream DNS server',
};

const ON_NODE: Readonly<Record<string, string>> = {
  kubelet: 'the kubelet',
  'container-runtime': 'the container runtime',
  'kube-proxy': 'kube-proxy',
  runc: 'runc',
  crun: 'crun',
  cni: 'the CNI plugin',
  csi: 'the CSI node plugin',
  host: 'the host network',
};

/** A step endpoint as a sentence names it: `the kubelet on node-1`, `pod default/web-1`, `etcd`. */
export function actorName(id: string): string {
  const known = NAMES[id];
  if (known !== undefined) return known;
  const slash = id.indexOf('/');
  if (slash < 0) return id;
  const node = id.slice(0, slash);
  const rest = id.slice(slash + 1);
  if (rest.startsWith('pod/')) return `pod ${rest.slice(4)}`;
  return `${ON_NODE[rest] ?? rest} on ${node}`;
}

/** The node an endpoint id lives on, if it names one. */
export function nodeOf(id: string): string | null {
  const slash = id.indexOf('/');
  return slash < 0 ? null : id.slice(0, slash);
}

/** What kind of actor an endpoint is, for explanations that depend on who acts. */
export type Role =
  | 'kubectl'
  | 'apiserver'
  | 'etcd'
  | 'scheduler'
  | 'controller-manager'
  | 'cloud'
  | 'kubelet'
  | 'runtime'
  | 'kube-proxy'
  | 'cni'
  | 'pod'
  | 'dns'
  | 'addon'
  | 'other';

/** The role of a step endpoint. */
export function roleOf(id: string): Role {
  if (id === 'kubectl') return 'kubectl';
  if (id.endsWith('/kube-apiserver')) return 'apiserver';
  if (id.endsWith('/etcd')) return 'etcd';
  if (id.endsWith('/kube-scheduler')) return 'scheduler';
  if (id.endsWith('/kube-controller-manager')) return 'controller-manager';
  if (id.endsWith('/cloud-controller-manager')) return 'cloud';
  if (id.endsWith('/kubelet')) return 'kubelet';
  if (id.endsWith('/container-runtime')) return 'runtime';
  if (id.endsWith('/kube-proxy')) return 'kube-proxy';
  if (id.endsWith('/cni')) return 'cni';
  if (id.includes('/pod/')) return 'pod';
  if (id.endsWith('/coredns') || id === 'upstream-dns') return 'dns';
  if (id in NAMES) return 'addon';
  return 'other';
}

/** `1 pod`, `3 pods`. */
export const plural = (n: number, word: string, many = `${word}s`): string => `${n} ${n === 1 ? word : many}`;
