import type { Pod } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { findResource, type ResourceInfo } from '../apiserver/resources';
import type { KubeObject } from '../apiserver/types';
import { ApiClient } from '../client/rest';
import { createCluster } from '../cluster';
import type { TraceStep } from '../kernel/trace';
import { SCHEDULER_ID } from './scheduler';

const PODS = findResource('', 'v1', 'pods') as ResourceInfo;
const EVENTS = findResource('', 'v1', 'events') as ResourceInfo;
const CLASSES = findResource('scheduling.k8s.io', 'v1', 'priorityclasses') as ResourceInfo;
const PDBS = findResource('policy', 'v1', 'poddisruptionbudgets') as ResourceInfo;

/** A whole cluster (three 2-cpu workers with kubelets) and a kubectl-like client. */
function setup() {
  const cluster = createCluster({ seed: 1, cloudProvider: false, addons: false });
  const client = new ApiClient(cluster.apiserver, 'kubectl', 'kubectl');
  const steps: TraceStep[] = [];
  cluster.kernel.trace.subscribe((s) => steps.push(s));
  const run = (ms: number) => cluster.kernel.runUntil(cluster.kernel.clock.now() + ms);
  const priorityClass = (name: string, value: number, extra: Record<string, unknown> = {}) =>
    client.create(CLASSES, null, {
      apiVersion: 'scheduling.k8s.io/v1',
      kind: 'PriorityClass',
      metadata: { name },
      value,
      ...extra,
    });
  const pod = (
    name: string,
    cpu: string,
    spec: Record<string, unknown> = {},
    labels: Record<string, string> = {},
  ) =>
    client.create(PODS, 'default', {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name, labels },
      spec: { containers: [{ name: 'app', image: 'nginx:1.27', resources: { requests: { cpu } } }], ...spec },
    });
  const get = (name: string) => client.get(PODS, 'default', name) as unknown as Pod;
  const exists = (name: string) => client.list(PODS, 'default').items.some((p) => p.metadata.name === name);
  const events = (name: string) =>
    client
      .list(EVENTS, 'default')
      .items.filter((e) => (e.involvedObject as { name?: string }).name === name)
      .map((e: KubeObject) => ({
        type: String(e.type),
        reason: String(e.reason),
        message: String(e.message),
      }));
  return { cluster, client, steps, run, priorityClass, pod, get, exists, events };
}

const pinned = (node: string) => ({ nodeSelector: { 'kubernetes.io/hostname': node } });

describe('kube-scheduler preemption', () => {
  it('evicts low-priority pods from one node and binds the high-priority pod there', () => {
    const { run, priorityClass, pod, get, exists, events, steps, client } = setup();
    priorityClass('low', 100);
    priorityClass('high', 1000);
    for (let i = 1; i <= 6; i++) pod(`low-${i}`, '1', { priorityClassName: 'low' });
    run(30_000);
    const lows = [1, 2, 3, 4, 5, 6].map((i) => get(`low-${i}`));
    expect(lows.every((p) => p.status?.phase === 'Running')).toBe(true);
    expect(lows.map((p) => p.spec?.priority)).toEqual([100, 100, 100, 100, 100, 100]);

    pod('high', '2', { priorityClassName: 'high' });
    run(100);
    const high = get('high');
    const node = high.status?.nominatedNodeName ?? '';
    expect(node).toMatch(/^node-[123]$/);
    expect(high.spec?.nodeName).toBeUndefined();
    // The attempt failed, as upstream reports it when preemption succeeded: no preemption part.
    expect(events('high')).toEqual([
      {
        type: 'Warning',
        reason: 'FailedScheduling',
        message: '0/3 nodes are available: 3 Insufficient cpu.',
      },
    ]);

    const victims = lows.filter((p) => p.spec?.nodeName === node).map((p) => p.metadata?.name ?? '');
    expect(victims).toHaveLength(2);
    for (const name of victims) {
      const v = get(name);
      expect(v.metadata?.deletionTimestamp).toBeDefined();
      expect(v.status?.conditions?.find((c) => c.type === 'DisruptionTarget')).toMatchObject({
        status: 'True',
        reason: 'PreemptionByScheduler',
        message: 'default-scheduler: preempting to accommodate a higher priority pod',
      });
      expect(events(name)).toContainEqual({
        type: 'Normal',
        reason: 'Preempted',
        message: `Preempted by pod ${high.metadata?.uid ?? ''} on node ${node}`,
      });
    }
    // The others were left alone.
    for (const p of lows.filter((x) => x.spec?.nodeName !== node))
      expect(get(p.metadata?.name ?? '').metadata?.deletionTimestamp).toBeUndefined();

    // The preemption is a decision step; the victims' requests follow from it.
    const decision = steps.find((s) => s.kind === 'decision' && s.summary.startsWith('preempt default/high'));
    expect(decision).toMatchObject({
      from: SCHEDULER_ID,
      summary: `preempt default/high on ${node}: victims ${victims.map((v) => `default/${v}`).join(', ')}`,
      detail: { node, victims: victims.map((v) => `default/${v}`), pdbViolations: 0 },
    });
    const attempt = steps.find((s) => s.kind === 'decision' && s.summary.startsWith('schedule default/high'));
    expect(attempt?.detail).toMatchObject({ nominatedNodeName: node });
    const deletes = steps.filter(
      (s) => s.kind === 'request' && s.summary.startsWith('DELETE') && s.causedBy === decision?.id,
    );
    expect(deletes.map((s) => s.summary)).toEqual(
      victims.map((v) => `DELETE /api/v1/namespaces/default/pods/${v}`),
    );

    // Once the kubelet has stopped the victims, the pod is bound to the nominated node.
    run(60_000);
    for (const name of victims) expect(exists(name)).toBe(false);
    expect(get('high').spec?.nodeName).toBe(node);
    const scheduling = events('high').filter((e) => ['FailedScheduling', 'Scheduled'].includes(e.reason));
    expect(scheduling).toEqual([
      {
        type: 'Warning',
        reason: 'FailedScheduling',
        message: '0/3 nodes are available: 3 Insufficient cpu.',
      },
      { type: 'Normal', reason: 'Scheduled', message: `Successfully assigned default/high to ${node}` },
    ]);
    expect(client.list(PODS, 'default').items).toHaveLength(5);
  });

  it('prefers the node whose victims no PodDisruptionBudget protects', () => {
    const { client, run, priorityClass, pod, get, events } = setup();
    priorityClass('low', 100);
    priorityClass('high', 1000);
    // batch pods start first: without the budget, the later-started db pods would be preferred.
    pod('batch-1', '1', { priorityClassName: 'low', ...pinned('node-3') });
    pod('batch-2', '1', { priorityClassName: 'low', ...pinned('node-3') });
    run(20_000);
    for (const [name, node] of [
      ['db-1', 'node-1'],
      ['db-2', 'node-1'],
      ['db-3', 'node-2'],
      ['db-4', 'node-2'],
    ] as const)
      pod(name, '1', { priorityClassName: 'low', ...pinned(node) }, { app: 'db' });
    client.create(PDBS, 'default', {
      apiVersion: 'policy/v1',
      kind: 'PodDisruptionBudget',
      metadata: { name: 'db' },
      spec: { minAvailable: 4, selector: { matchLabels: { app: 'db' } } },
    });
    run(30_000);
    pod('high', '2', { priorityClassName: 'high' });
    run(100);
    expect(get('high').status?.nominatedNodeName).toBe('node-3');
    expect(events('batch-1').map((e) => e.reason)).toContain('Preempted');
    expect(get('db-1').metadata?.deletionTimestamp).toBeUndefined();
  });

  it('counts a pod nominated to a node as already there when filtering others', () => {
    const { client, run, pod, events, get } = setup();
    pod('big', '3');
    run(1000);
    // As if a preemption had nominated it: its status names node-1.
    client.patch(
      PODS,
      'default',
      'big',
      'merge',
      { status: { nominatedNodeName: 'node-1' } },
      null,
      'status',
    );
    run(1000);
    pod('small', '1', pinned('node-1'));
    run(1000);
    expect(events('small')).toEqual([
      {
        type: 'Warning',
        reason: 'FailedScheduling',
        message:
          "0/3 nodes are available: 1 Insufficient cpu, 2 node(s) didn't match Pod's node affinity/selector. " +
          'preemption: 0/3 nodes are available: 1 No preemption victims found for incoming pod, 2 Preemption is not helpful for scheduling.',
      },
    ]);
    // big's next attempt finds that preemption cannot help it anywhere: its nomination is
    // cleared, and small gets node-1 when the unschedulable pods are next retried.
    run(6 * 60_000);
    expect(get('big').status?.nominatedNodeName).toBeUndefined();
    expect(get('small').spec?.nodeName).toBe('node-1');
  });

  it.each([
    {
      name: 'preemptionPolicy Never',
      classes: [{ name: 'patient', value: 1000, extra: { preemptionPolicy: 'Never' } }],
      spec: { priorityClassName: 'patient' },
      message:
        '0/3 nodes are available: 3 Insufficient cpu. preemption: not eligible due to preemptionPolicy=Never.',
    },
    {
      name: 'nothing of lower priority to evict',
      classes: [],
      spec: {},
      message:
        '0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.',
    },
  ])('reports upstream FailedScheduling when preemption cannot help: $name', ({ classes, spec, message }) => {
    const { run, priorityClass, pod, get, events, exists } = setup();
    for (const c of classes) priorityClass(c.name, c.value, c.extra);
    for (let i = 1; i <= 3; i++) pod(`full-${i}`, '2');
    run(20_000);
    pod('late', '1', spec);
    run(100);
    expect(events('late')).toEqual([{ type: 'Warning', reason: 'FailedScheduling', message }]);
    expect(get('late').status?.nominatedNodeName).toBeUndefined();
    expect(
      [1, 2, 3].every(
        (i) => exists(`full-${i}`) && get(`full-${i}`).metadata?.deletionTimestamp === undefined,
      ),
    ).toBe(true);
  });
});
