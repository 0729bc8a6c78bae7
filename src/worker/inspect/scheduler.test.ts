import { describe, expect, it } from 'vitest';
import type { TraceStep } from '../../sim/kernel/trace';
import { nodeView } from './node';
import { schedulerView } from './scheduler';
import {
  DEPLOYMENTS,
  NODES,
  PODS,
  SERVICES,
  deployment,
  podsOf,
  service,
  testCluster,
  type PodObject,
} from './testing';

const NO_FIT =
  '0/4 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 3 Insufficient cpu. ' +
  'preemption: 0/4 nodes are available: 1 Preemption is not helpful for scheduling, 3 No preemption victims found for incoming pod.';

describe('the scheduler view', () => {
  it("shows the default profile's plugins per extension point, with Score weights", () => {
    const { cluster } = testCluster();
    const view = schedulerView(cluster);
    expect(view).toMatchObject({ kind: 'scheduler', running: true, percentageOfNodesToScore: 0 });
    const [profile] = view.profiles;
    expect(profile?.schedulerName).toBe('default-scheduler');
    const point = (name: string) => profile?.extensionPoints.find((e) => e.name === name)?.plugins;
    expect(point('QueueSort')).toEqual([{ name: 'PrioritySort' }]);
    expect(point('Bind')).toEqual([{ name: 'DefaultBinder' }]);
    expect(point('PostFilter')).toEqual([{ name: 'DefaultPreemption' }]);
    expect(point('Score')).toEqual([
      { name: 'TaintToleration', weight: 3 },
      { name: 'NodeAffinity', weight: 2 },
      { name: 'NodeResourcesFit', weight: 1 },
      { name: 'PodTopologySpread', weight: 2 },
      { name: 'InterPodAffinity', weight: 2 },
      { name: 'NodeResourcesBalancedAllocation', weight: 1 },
      { name: 'ImageLocality', weight: 1 },
    ]);
    expect(point('Filter')?.map((p) => p.name)).toContain('NodeResourcesFit');
  });

  it('lists a pod that fits nowhere as unschedulable with its FailedScheduling message, and the nodes chosen for the others', () => {
    const { cluster, kubectl } = testCluster();
    cluster.kernel.runUntil(30_000);
    kubectl.create(DEPLOYMENTS, 'default', deployment('web', 3));
    kubectl.create(DEPLOYMENTS, 'default', deployment('big', 1, { cpu: '100' }));
    cluster.kernel.runUntil(60_000);
    const view = schedulerView(cluster);

    const [big] = podsOf(kubectl, 'big');
    const bigKey = `default/${big?.metadata.name}`;
    const condition = big?.status?.conditions?.find((c) => c.type === 'PodScheduled');
    expect(condition).toMatchObject({ status: 'False', reason: 'Unschedulable', message: NO_FIT });
    expect(view.queue.unschedulable).toEqual([
      expect.objectContaining({
        pod: bigKey,
        attempts: 1,
        lastFailure: NO_FIT,
        unschedulablePlugins: ['NodeResourcesFit', 'TaintToleration'],
        gated: false,
      }),
    ]);
    expect(view.queue.active).toEqual([]);
    expect(view.cycles[0]).toMatchObject({ pod: bigKey, node: null, message: NO_FIT, time: 30_000 });

    // The newest cycles placed the web pods where the API says they run.
    for (const pod of podsOf(kubectl, 'web')) {
      const cycle = view.cycles.find((c) => c.pod === `default/${pod.metadata.name}`);
      expect(cycle).toMatchObject({ node: pod.spec?.nodeName, message: null, feasible: 3, evaluated: 4 });
    }

    // The cache counts each node's pods and their requests against its allocatable.
    const pods = kubectl.list<PodObject>(PODS, null).items.filter((p) => p.spec?.nodeName === 'node-1');
    expect(view.nodes.find((n) => n.name === 'node-1')).toMatchObject({
      pods: pods.length,
      allowedPods: 110,
      allocatable: { milliCPU: 2000 },
      unschedulable: false,
    });
    expect(view.nodes.map((n) => n.name).sort()).toEqual(['control-plane', 'node-1', 'node-2', 'node-3']);
  });

  it('shows a pod moved forward within its backoff in backoffQ, with when the backoff expires', () => {
    const { cluster, kubectl } = testCluster({ workerNodes: 1 });
    cluster.kernel.runUntil(30_000);
    kubectl.create(DEPLOYMENTS, 'default', deployment('big', 1, { cpu: '100' }));
    cluster.kernel.runUntil(30_000);
    const failed = schedulerView(cluster).queue.unschedulable;
    expect(failed.map((p) => [p.since, p.attempts])).toEqual([[30_000, 1]]);
    // More allocatable cpu on a node is a cluster event NodeResourcesFit cares about: the pod
    // moves forward, to backoffQ since its first backoff (1 s) has not expired yet.
    const more = { status: { allocatable: { cpu: '200' } } };
    kubectl.patch(NODES, null, 'node-1', 'merge', more, null, 'status');
    cluster.kernel.runUntil(30_500);
    const { queue } = schedulerView(cluster);
    expect(queue.unschedulable).toEqual([]);
    expect(queue.backoff).toEqual([
      expect.objectContaining({ pod: failed[0]?.pod, attempts: 1, since: 30_000, backoffExpiry: 31_000 }),
    ]);
    expect(queue.backoff[0]?.lastFailure).toMatch(/^0\/2 nodes are available: 1 Insufficient cpu, /);
  });
});

describe('the views are observers', () => {
  /** A fixed script; with `look`, the node and scheduler views are computed all along. */
  function trace(look: boolean): string {
    const { cluster, kubectl } = testCluster();
    const steps: TraceStep[] = [];
    cluster.kernel.trace.subscribe((s) => steps.push(s));
    const views = () => {
      if (!look) return;
      for (const name of cluster.nodes.keys()) nodeView(cluster, name);
      schedulerView(cluster);
    };
    for (let t = 0; t <= 30_000; t += 500) {
      cluster.kernel.runUntil(t);
      views();
    }
    kubectl.create(DEPLOYMENTS, 'default', deployment('web', 3));
    kubectl.create(DEPLOYMENTS, 'default', deployment('big', 1, { cpu: '100' }));
    kubectl.create(SERVICES, 'default', service('web'));
    for (let t = 30_000; t <= 90_000; t += 250) {
      cluster.kernel.runUntil(t);
      views();
    }
    return JSON.stringify(steps);
  }

  it('leaves the trace step for step the same', () => {
    const without = trace(false);
    expect(without.length).toBeGreaterThan(10_000);
    expect(trace(true)).toBe(without);
  });
});
