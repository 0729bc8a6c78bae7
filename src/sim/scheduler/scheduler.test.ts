import { describe, expect, it } from 'vitest';
import type { Pod } from 'kubernetes-types/core/v1';
import { findResource, type ResourceInfo } from '../apiserver/resources';
import type { KubeObject } from '../apiserver/types';
import { ApiClient } from '../client/rest';
import { createCluster } from '../cluster';
import type { TraceStep } from '../kernel/trace';
import { SCHEDULER_ID, startScheduler } from './scheduler';
import { makeNode, makePod } from './testing';

const NODES = findResource('', 'v1', 'nodes') as ResourceInfo;
const PODS = findResource('', 'v1', 'pods') as ResourceInfo;
const EVENTS = findResource('', 'v1', 'events') as ResourceInfo;

const CONTROL_PLANE_TAINT = { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' };

/** A cluster with kube-scheduler, a tainted control-plane node and three 2-cpu workers. */
function setup(seed = 1, controlPlane = true) {
  const cluster = createCluster({
    seed,
    controllers: [],
    kubelets: false,
    scheduler: false,
    cloudProvider: false,
  });
  startScheduler(cluster.kernel, cluster.apiserver);
  const client = new ApiClient(cluster.apiserver, 'kubectl', 'kubectl');
  const steps: TraceStep[] = [];
  cluster.kernel.trace.subscribe((s) => steps.push(s));
  const run = (ms: number) => cluster.kernel.runUntil(cluster.kernel.clock.now() + ms);
  const node = (name: string, o: Parameters<typeof makeNode>[1] = {}) => {
    const n = makeNode(name, o);
    delete (n.metadata as { uid?: string }).uid;
    client.create(NODES, null, n);
  };
  if (controlPlane) {
    node('control-plane', {
      labels: { 'node-role.kubernetes.io/control-plane': '' },
      taints: [CONTROL_PLANE_TAINT],
    });
  }
  for (const n of ['node-1', 'node-2', 'node-3']) node(n, { cpu: '2', memory: '4Gi' });
  const pod = (name: string, o: Parameters<typeof makePod>[1] = {}) => {
    const p = makePod(name, o);
    delete (p.metadata as { uid?: string }).uid;
    delete (p as { status?: unknown }).status;
    client.create(PODS, p.metadata?.namespace ?? 'default', p);
  };
  const get = (name: string) => client.get(PODS, 'default', name) as unknown as Pod;
  const events = (name: string) =>
    client
      .list(EVENTS, 'default')
      .items.filter((e) => (e.involvedObject as { name?: string }).name === name)
      .map((e: KubeObject) => ({ type: e.type, reason: e.reason, message: e.message, count: e.count }));
  return { cluster, client, steps, run, node, pod, get, events };
}

const condition = (pod: Pod) => pod.status?.conditions?.find((c) => c.type === 'PodScheduled');

describe('kube-scheduler', () => {
  it('binds a pending pod to a worker and records the Scheduled event', () => {
    const { run, pod, get, events, steps } = setup();
    pod('web-1', { requests: { cpu: '500m', memory: '256Mi' } });
    run(1000);
    const bound = get('web-1');
    expect(bound.spec?.nodeName).toMatch(/^node-[123]$/);
    expect(events('web-1')).toEqual([
      {
        type: 'Normal',
        reason: 'Scheduled',
        message: `Successfully assigned default/web-1 to ${bound.spec?.nodeName}`,
        count: 1,
      },
    ]);
    const decision = steps.find((s) => s.kind === 'decision' && s.from === SCHEDULER_ID);
    expect(decision?.detail).toMatchObject({
      pod: 'default/web-1',
      filtered: {
        'control-plane': 'node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }',
      },
      chosen: bound.spec?.nodeName,
    });
    const scores = (decision?.detail as { scores: Record<string, Record<string, [number, number]>> }).scores;
    expect(Object.keys(scores).sort()).toEqual(['node-1', 'node-2', 'node-3']);
    expect(scores['node-1']).toMatchObject({ NodeResourcesFit: [expect.any(Number), expect.any(Number)] });
    // The decision was caused by the watch event that delivered the pod to the scheduler.
    const cause = steps.find((s) => s.id === decision?.causedBy);
    expect(cause).toMatchObject({ kind: 'watch', to: SCHEDULER_ID, summary: 'watch ADDED pods/web-1' });
    // And the binding request by the decision.
    const binding = steps.find((s) => s.kind === 'request' && s.summary.includes('/pods/web-1/binding'));
    expect(binding?.causedBy).toBe(decision?.id);
  });

  it('reports insufficient cpu with upstream message, condition and event', () => {
    const { run, pod, get, events } = setup();
    pod('huge', { requests: { cpu: '3' } });
    run(1000);
    const p = get('huge');
    expect(p.spec?.nodeName).toBeUndefined();
    const message =
      '0/4 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 3 Insufficient cpu. ' +
      'preemption: 0/4 nodes are available: 1 Preemption is not helpful for scheduling, 3 No preemption victims found for incoming pod.';
    expect(condition(p)).toMatchObject({
      type: 'PodScheduled',
      status: 'False',
      reason: 'Unschedulable',
      message,
    });
    expect(events('huge')).toEqual([{ type: 'Warning', reason: 'FailedScheduling', message, count: 1 }]);
  });

  it('reports nodes that do not match the node selector, and preemption cannot help', () => {
    const { run, pod, get, events } = setup();
    pod('picky', { nodeSelector: { disktype: 'ssd' } });
    run(1000);
    const message =
      "0/4 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 3 node(s) didn't match Pod's node affinity/selector. " +
      'preemption: 0/4 nodes are available: 4 Preemption is not helpful for scheduling.';
    expect(condition(get('picky'))?.message).toBe(message);
    expect(events('picky').map((e) => e.message)).toEqual([message]);
  });

  it('reports insufficient memory and too many pods', () => {
    const { run, pod, get, node } = setup();
    pod('hungry', { requests: { memory: '5Gi' } });
    run(1000);
    expect(condition(get('hungry'))?.message).toBe(
      '0/4 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 3 Insufficient memory. ' +
        'preemption: 0/4 nodes are available: 1 Preemption is not helpful for scheduling, 3 No preemption victims found for incoming pod.',
    );
    node('tiny', { pods: '0', labels: { tiny: 'yes' } });
    pod('crowded', { nodeSelector: { tiny: 'yes' } });
    run(1000);
    expect(condition(get('crowded'))?.message).toBe(
      "0/5 nodes are available: 1 Too many pods, 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 3 node(s) didn't match Pod's node affinity/selector. " +
        'preemption: 0/5 nodes are available: 1 No preemption victims found for incoming pod, 4 Preemption is not helpful for scheduling.',
    );
  });

  it('places a pod that tolerates the control-plane taint and selects the control plane there', () => {
    const { run, pod, get } = setup();
    pod('admin', {
      nodeSelector: { 'node-role.kubernetes.io/control-plane': '' },
      tolerations: [
        { key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' },
      ],
    });
    run(1000);
    expect(get('admin').spec?.nodeName).toBe('control-plane');
  });

  it('spreads best-effort pods over the workers and never double-books a node', () => {
    const { run, pod, get } = setup();
    for (let i = 1; i <= 6; i++) pod(`web-${i}`);
    for (let i = 1; i <= 3; i++) pod(`big-${i}`, { requests: { cpu: '1500m' } });
    pod('big-4', { requests: { cpu: '1500m' } });
    run(1000);
    const count: Record<string, number> = {};
    for (let i = 1; i <= 6; i++) {
      const n = get(`web-${i}`).spec?.nodeName ?? 'none';
      count[n] = (count[n] ?? 0) + 1;
    }
    expect(count).toEqual({ 'node-1': 2, 'node-2': 2, 'node-3': 2 });
    const big = [1, 2, 3].map((i) => get(`big-${i}`).spec?.nodeName).sort();
    expect(big).toEqual(['node-1', 'node-2', 'node-3']);
    expect(get('big-4').spec?.nodeName).toBeUndefined();
  });

  it('places the same pods on the same nodes for the same seed', () => {
    const placements = (seed: number) => {
      const { run, pod, get } = setup(seed);
      for (let i = 1; i <= 5; i++) pod(`p-${i}`, { requests: { cpu: '100m', memory: '64Mi' } });
      run(1000);
      return [1, 2, 3, 4, 5].map((i) => get(`p-${i}`).spec?.nodeName);
    };
    expect(placements(7)).toEqual(placements(7));
    expect(placements(1)).toEqual(placements(1));
  });

  it('ignores pods that name another scheduler', () => {
    const { run, pod, get, events, steps } = setup();
    pod('custom', { spec: { schedulerName: 'my-scheduler' } });
    run(5000);
    expect(get('custom').spec?.nodeName).toBeUndefined();
    expect(events('custom')).toEqual([]);
    expect(steps.some((s) => s.kind === 'decision' && s.from === SCHEDULER_ID)).toBe(false);
  });

  it('schedules a waiting pod when a node that fits is added, caused by that node event', () => {
    const { run, pod, get, node, steps } = setup();
    pod('big', { requests: { cpu: '3' } });
    run(2000);
    expect(get('big').spec?.nodeName).toBeUndefined();
    node('node-4', { cpu: '8' });
    run(1000);
    expect(get('big').spec?.nodeName).toBe('node-4');
    const decision = steps.filter((s) => s.kind === 'decision' && s.from === SCHEDULER_ID).at(-1);
    expect(steps.find((s) => s.id === decision?.causedBy)?.summary).toBe('watch ADDED nodes/node-4');
  });

  it('retries when a bound pod is deleted and frees room', () => {
    const { run, pod, get, client } = setup();
    for (let i = 1; i <= 3; i++) pod(`full-${i}`, { requests: { cpu: '2' } });
    run(1000);
    pod('next', { requests: { cpu: '2' } });
    run(1000);
    expect(get('next').spec?.nodeName).toBeUndefined();
    const freed = get('full-2').spec?.nodeName;
    // A graceful deletion leaves the pod terminating (and counted) until its kubelet confirms.
    client.delete(PODS, 'default', 'full-2', {});
    run(1000);
    expect(get('next').spec?.nodeName).toBeUndefined();
    client.request('DELETE', '/api/v1/namespaces/default/pods/full-2', {
      body: { kind: 'DeleteOptions', apiVersion: 'v1', gracePeriodSeconds: 0 },
    });
    run(1000);
    expect(get('next').spec?.nodeName).toBe(freed);
  });

  it('counts repeated failures on one event and leaves the condition as it was', () => {
    const { run, pod, get, events, node } = setup();
    pod('huge', { requests: { cpu: '16' } });
    run(1000);
    const first = condition(get('huge'));
    // Every node added moves the pod back; it fails again with a new count.
    node('node-4');
    run(2000);
    const again = condition(get('huge'));
    expect(again?.lastTransitionTime).toBe(first?.lastTransitionTime);
    const failed = events('huge');
    expect(failed).toHaveLength(2);
    expect(failed[1]?.message).toMatch(/^0\/5 nodes are available: /);
  });

  it('retries pods that stay unschedulable every 5 minutes', () => {
    const { run, pod, steps } = setup();
    pod('huge', { requests: { cpu: '16' } });
    run(11 * 60_000);
    const decisions = steps
      .filter((s) => s.kind === 'decision' && s.from === SCHEDULER_ID)
      .map((s) => s.time);
    expect(decisions).toEqual([0, 330_000, 660_000]);
  });

  it('forgets a pending pod that is deleted', () => {
    const { run, pod, client, steps } = setup();
    pod('huge', { requests: { cpu: '16' } });
    run(1000);
    client.delete(PODS, 'default', 'huge', {});
    run(11 * 60_000);
    expect(steps.filter((s) => s.kind === 'decision' && s.from === SCHEDULER_ID)).toHaveLength(1);
  });

  it('asks the rejecting plugins whether an event may help before retrying (queueing hints)', () => {
    const { run, pod, node, events, get } = setup(1, false);
    pod('big', { requests: { cpu: '3' } });
    run(1000);
    expect(events('big')).toHaveLength(1);
    // Only NodeResourcesFit rejected it: a node too small even when empty does not help...
    node('small', { cpu: '2' });
    run(15_000);
    expect(events('big')).toHaveLength(1);
    // ...one that could hold it does.
    node('large', { cpu: '4' });
    run(1000);
    expect(get('big').spec?.nodeName).toBe('large');
  });
});
