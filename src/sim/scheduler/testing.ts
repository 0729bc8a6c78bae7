/**
 * Test helpers (in the spirit of upstream's testing/wrappers.go): pod and node builders and
 * a handle over a fixed set of nodes, for plugin unit tests.
 */
import type { Container, Node, Pod, Taint, Toleration } from 'kubernetes-types/core/v1';
import type { ResourceInfo } from '../apiserver/resources';
import type { EventRecorder } from '../client/events';
import type { InformerFactory } from '../client/factory';
import type { ApiClient } from '../client/rest';
import type { Kernel } from '../kernel/kernel';
import { CycleState } from './framework/cycle-state';
import type { KubeObject } from '../apiserver/types';
import type { Handle, Plugin, WorkloadPlural } from './framework/interface';
import { NodeInfo } from './framework/node-info';
import { Status } from './framework/status';

/** What makeNode sets. */
export interface NodeOptions {
  readonly cpu?: string;
  readonly memory?: string;
  readonly pods?: string;
  readonly extra?: Readonly<Record<string, string>>;
  readonly labels?: Readonly<Record<string, string>>;
  readonly taints?: readonly Taint[];
  readonly unschedulable?: boolean;
  readonly images?: readonly { names: string[]; sizeBytes: number }[];
}

/** A node with allocatable cpu/memory/pods (4 cpu, 8Gi, 110 pods by default). */
export function makeNode(name: string, o: NodeOptions = {}): Node {
  const allocatable = { cpu: o.cpu ?? '4', memory: o.memory ?? '8Gi', pods: o.pods ?? '110', ...o.extra };
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, uid: `uid-${name}`, labels: { 'kubernetes.io/hostname': name, ...o.labels } },
    spec: {
      ...(o.taints === undefined ? {} : { taints: [...o.taints] }),
      ...(o.unschedulable === undefined ? {} : { unschedulable: o.unschedulable }),
    },
    status: {
      capacity: allocatable,
      allocatable,
      conditions: [{ type: 'Ready', status: 'True' }],
      ...(o.images === undefined ? {} : { images: o.images.map((i) => ({ ...i, names: [...i.names] })) }),
    },
  };
}

/** What makePod sets. */
export interface PodOptions {
  readonly namespace?: string;
  /** cpu/memory requests of a single container. */
  readonly requests?: Readonly<Record<string, string>>;
  readonly containers?: readonly Container[];
  readonly initContainers?: readonly Container[];
  readonly nodeName?: string;
  readonly priority?: number;
  readonly labels?: Readonly<Record<string, string>>;
  readonly tolerations?: readonly Toleration[];
  readonly nodeSelector?: Readonly<Record<string, string>>;
  readonly affinity?: NonNullable<Pod['spec']>['affinity'];
  readonly hostPorts?: readonly number[];
  readonly image?: string;
  readonly spec?: Partial<NonNullable<Pod['spec']>>;
}

/** A pod with one container (or the given containers). */
export function makePod(name: string, o: PodOptions = {}): Pod {
  const container: Container = {
    name: 'c',
    image: o.image ?? 'nginx',
    ...(o.requests === undefined ? {} : { resources: { requests: { ...o.requests } } }),
    ...(o.hostPorts === undefined
      ? {}
      : { ports: o.hostPorts.map((p) => ({ containerPort: p, hostPort: p, protocol: 'TCP' })) }),
  };
  const namespace = o.namespace ?? 'default';
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace, uid: `uid-${namespace}-${name}`, labels: { ...o.labels } },
    spec: {
      containers: o.containers === undefined ? [container] : [...o.containers],
      ...(o.initContainers === undefined ? {} : { initContainers: [...o.initContainers] }),
      ...(o.nodeName === undefined ? {} : { nodeName: o.nodeName }),
      ...(o.priority === undefined ? {} : { priority: o.priority }),
      ...(o.tolerations === undefined ? {} : { tolerations: [...o.tolerations] }),
      ...(o.nodeSelector === undefined ? {} : { nodeSelector: { ...o.nodeSelector } }),
      ...(o.affinity === undefined ? {} : { affinity: o.affinity }),
      schedulerName: 'default-scheduler',
      ...o.spec,
    },
    status: { phase: 'Pending' },
  };
}

/** NodeInfos for nodes, with the pods assigned to them (by spec.nodeName). */
export function nodeInfos(nodes: readonly Node[], pods: readonly Pod[] = []): NodeInfo[] {
  return nodes.map(
    (n) =>
      new NodeInfo(
        n,
        pods.filter((p) => p.spec?.nodeName === n.metadata?.name),
      ),
  );
}

/**
 * A handle over fixed nodes; no API client, recorder or kernel (plugins that need them get
 * their own), no PodDisruptionBudgets and no nominated pods; informers only from `informers`.
 */
export function fakeHandle(
  nodes: readonly NodeInfo[],
  namespaces: Record<string, Record<string, string>> = {},
  objects: Partial<Record<WorkloadPlural, KubeObject[]>> = {},
  informers?: InformerFactory,
): Handle {
  return {
    listObjects: (plural, ns) => (objects[plural] ?? []).filter((o) => o.metadata.namespace === ns),
    kernel: undefined as unknown as Kernel,
    client: undefined as unknown as ApiClient,
    recorder: undefined as unknown as EventRecorder,
    snapshot: () => ({ list: () => nodes, get: (name) => nodes.find((n) => n.name === name) }),
    namespaceLabels: (ns) => namespaces[ns],
    getPod: (ns, name) =>
      nodes.flatMap((n) => n.pods).find((p) => p.metadata?.namespace === ns && p.metadata?.name === name),
    podDisruptionBudgets: () => [],
    nominatedPodsForNode: () => [],
    runFilterPlugins: () => Status.success(),
    runFilterPluginsWithNominatedPods: () => Status.success(),
    runPreFilterAddPod: () => Status.success(),
    runPreFilterRemovePod: () => Status.success(),
    informerFor: <T extends KubeObject>(resource: ResourceInfo) => {
      if (informers === undefined) throw new Error(`fakeHandle: no informer of ${resource.plural} given`);
      return informers.informerFor<T>(resource);
    },
  };
}

/** Runs PreFilter then Filter of one plugin on each node; returns each node's message ('' when it fits). */
export function runFilter(plugin: Plugin, pod: Pod, nodes: readonly NodeInfo[]): string[] {
  const state = new CycleState();
  const pre = plugin.preFilter?.(state, pod, nodes);
  const preStatus = pre?.status;
  if (preStatus && preStatus.isSkip()) return nodes.map(() => '');
  if (preStatus && !preStatus.isSuccess()) return nodes.map(() => `prefilter: ${preStatus.message()}`);
  return nodes.map((n) => {
    if (pre?.result !== undefined && !pre.result.nodeNames.has(n.name)) return 'not in PreFilterResult';
    const s = plugin.filter?.(state, pod, n);
    return s === null || s === undefined || s.isSuccess() ? '' : `${s.code}: ${s.message()}`;
  });
}

/** Runs PreScore, Score and NormalizeScore of one plugin; returns [raw, normalized] per node (null if skipped). */
export function runScore(
  plugin: Plugin,
  pod: Pod,
  nodes: readonly NodeInfo[],
): { raw: number[]; normalized: number[] } | null {
  const state = new CycleState();
  plugin.preFilter?.(state, pod, nodes);
  const pre = plugin.preScore?.(state, pod, nodes);
  if (pre && pre.isSkip()) return null;
  const scores = nodes.map((n) => ({ name: n.name, score: plugin.score?.(state, pod, n) ?? 0 }));
  const raw = scores.map((s) => s.score);
  plugin.normalizeScore?.(state, pod, scores);
  return { raw, normalized: scores.map((s) => s.score) };
}
