import type { Node, NodeCondition, Pod } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { findResource, type ResourceInfo } from './apiserver/resources';
import type { KubeObject } from './apiserver/types';
import { ApiClient } from './client/rest';
import { createCluster, type ClusterOptions } from './cluster';
import type { TraceStep } from './kernel/trace';

const NODES = findResource('', 'v1', 'nodes') as ResourceInfo;
const PODS = findResource('', 'v1', 'pods') as ResourceInfo;
const EVENTS = findResource('', 'v1', 'events') as ResourceInfo;

type Event = KubeObject & {
  type?: string;
  reason?: string;
  message?: string;
  involvedObject?: { name?: string };
};

const NOT_READY_MESSAGE =
  'container runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized';

/**
 * A cluster as `kind create cluster` makes it. kind runs no cloud-controller-manager, and
 * without one no route controller touches the nodes' conditions.
 */
function start(options: Partial<ClusterOptions> = {}) {
  const cluster = createCluster({ seed: 1, cloudProvider: false, ...options });
  const steps: TraceStep[] = [];
  cluster.kernel.trace.subscribe((s) => steps.push(s));
  const kubectl = new ApiClient(cluster.apiserver, 'kubectl', 'kubectl');
  const runTo = (ms: number) => cluster.kernel.runUntil(ms);
  const nodes = () => kubectl.list<KubeObject & Node>(NODES, null).items;
  const ready = (n: Node) => n.status?.conditions?.find((c: NodeCondition) => c.type === 'Ready');
  const events = (ns: string) => kubectl.list<Event>(EVENTS, ns).items;
  const pods = (ns: string) => kubectl.list<KubeObject & Pod>(PODS, ns).items;
  return { cluster, steps, kubectl, runTo, nodes, ready, events, pods };
}

describe('cluster start-up, as on kind', () => {
  it('registers NotReady nodes that node-ipam gives pod CIDRs; kindnet makes them Ready, then CoreDNS is scheduled', () => {
    const t = start();
    t.runTo(1000);
    expect(t.nodes().map((n) => [n.metadata.name, n.spec?.podCIDR])).toEqual([
      ['control-plane', '10.244.0.0/24'],
      ['node-1', '10.244.1.0/24'],
      ['node-2', '10.244.2.0/24'],
      ['node-3', '10.244.3.0/24'],
    ]);
    for (const node of t.nodes()) {
      expect(t.ready(node), node.metadata.name).toMatchObject({
        status: 'False',
        reason: 'KubeletNotReady',
        message: NOT_READY_MESSAGE,
      });
      expect(node.spec?.taints, node.metadata.name).toContainEqual(
        expect.objectContaining({ key: 'node.kubernetes.io/not-ready', effect: 'NoSchedule' }),
      );
    }

    t.runTo(30_000);
    for (const node of t.nodes()) {
      expect(t.ready(node), node.metadata.name).toMatchObject({
        status: 'True',
        reason: 'KubeletReady',
        message: 'kubelet is posting ready status',
      });
      expect(node.spec?.taints ?? [], node.metadata.name).not.toContainEqual(
        expect.objectContaining({ key: 'node.kubernetes.io/not-ready' }),
      );
    }
    // Each node's story, as `kubectl describe node` lists it.
    const nodeEvents = t
      .events('default')
      .filter((e) => e.involvedObject?.name === 'node-1')
      .map((e) => e.reason);
    expect(nodeEvents).toEqual([
      'Starting',
      'NodeAllocatableEnforced',
      'NodeHasSufficientMemory',
      'NodeHasNoDiskPressure',
      'NodeHasSufficientPID',
      'NodeReady',
      'RegisteredNode',
    ]);
    // The CNI agent wrote its configuration, the runtime reported its network ready, and the
    // kubelet posted Ready within the fast status loop's 100 ms.
    const wrote = t.steps.find((s) => s.from === 'node-1/cni' && s.summary.includes('10-kindnet.conflist'));
    const networkReady = t.steps.find(
      (s) => s.from === 'node-1/kubelet' && s.summary === 'Status: RuntimeReady=true, NetworkReady=true',
    );
    expect(wrote).toBeDefined();
    expect((networkReady?.time ?? 0) - (wrote?.time ?? 0)).toBeLessThanOrEqual(100);
    // CoreDNS waited for Ready nodes: its bindings come after every node's Ready.
    const readyAt = Math.max(...t.nodes().map((n) => Date.parse(t.ready(n)?.lastTransitionTime ?? '')));
    const bindings = t.steps.filter((s) => s.summary.startsWith('binding: coredns-'));
    expect(bindings).toHaveLength(2);
    for (const b of bindings) expect(t.cluster.options.epoch + b.time).toBeGreaterThanOrEqual(readyAt);
    // Everything in kube-system runs, in a virtual time comparable to kind's.
    const system = t.pods('kube-system');
    expect(system.filter((p) => p.status?.phase !== 'Running').map((p) => p.metadata.name)).toEqual([]);
    const readyTimes = system.map((p) =>
      Date.parse(p.status?.conditions?.find((c) => c.type === 'Ready')?.lastTransitionTime ?? ''),
    );
    expect(Math.max(...readyTimes) - t.cluster.options.epoch).toBeLessThan(30_000);
  });

  it('emits no warnings but the scheduler waiting for Ready nodes (no endpoints conflicts)', () => {
    const t = start({ cloudProvider: true });
    t.runTo(60_000);
    const warnings = ['default', 'kube-system', 'ingress-nginx']
      .flatMap((ns) => t.events(ns))
      .filter((e) => e.type === 'Warning')
      .map((e) => `${e.reason ?? ''}: ${e.message ?? ''}`);
    expect(warnings.length).toBeGreaterThan(0);
    for (const w of warnings)
      expect(w).toMatch(/^FailedScheduling: .*untolerated taint \{node\.kubernetes\.io\/not-ready: \}/);
  });

  it.each(['flannel', 'calico', 'cilium'] as const)('gets Ready nodes from the %s agents', (cni) => {
    const t = start({ cni });
    t.runTo(60_000);
    expect(t.nodes().map((n) => t.ready(n)?.status)).toEqual(['True', 'True', 'True', 'True']);
    const coredns = t.pods('kube-system').filter((p) => p.metadata.name?.startsWith('coredns-'));
    expect(coredns.map((p) => p.status?.phase)).toEqual(['Running', 'Running']);
  });

  it('without the addons, the nodes bring their own CNI configuration and are Ready at once', () => {
    const t = start({ addons: false });
    t.runTo(1000);
    expect(t.nodes().map((n) => [n.metadata.name, n.spec?.podCIDR, t.ready(n)?.status])).toEqual([
      ['node-1', '10.244.0.0/24', 'True'],
      ['node-2', '10.244.1.0/24', 'True'],
      ['node-3', '10.244.2.0/24', 'True'],
    ]);
  });
});
