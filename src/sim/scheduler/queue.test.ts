import { describe, expect, it } from 'vitest';
import { Kernel } from '../kernel/kernel';
import type { ClusterEvent } from './framework/interface';
import { Status } from './framework/status';
import { prioritySort } from './plugins/queuesort';
import { SchedulingQueue, type QueuedPodInfo } from './queue';
import { makePod } from './testing';

const NODE_ADD: ClusterEvent = { resource: 'Node', actions: ['Add'], label: 'NodeAdd' };
const POD_DELETE: ClusterEvent = { resource: 'Pod', actions: ['Delete'], label: 'AssignedPodDelete' };

function setup() {
  const kernel = new Kernel({ seed: 1, epoch: 0 });
  const less = prioritySort().less ?? (() => false);
  const queue = new SchedulingQueue({
    kernel,
    less,
    preEnqueue: (pod) =>
      (pod.spec?.schedulingGates ?? []).length > 0
        ? Status.unresolvable('gated').withPlugin('SchedulingGates')
        : Status.success(),
    // Only NodeResourcesFit is registered for anything: node adds and pod deletes.
    eventMayHelp: (event, rejectors) =>
      rejectors.size === 0 ||
      (rejectors.has('NodeResourcesFit') && (event === NODE_ADD || event === POD_DELETE)),
    onActive: () => {},
    // Every pod the tests add exists and is pending, as far as the nominator asks.
    getPod: (namespace, name) => makePod(name, { namespace }),
  });
  const fail = (info: QueuedPodInfo, plugins: string[] = ['NodeResourcesFit']) => {
    info.unschedulablePlugins = new Set(plugins);
    queue.addUnschedulableIfNotPresent(info, queue.schedulingCycle);
  };
  return { kernel, queue, fail, at: (ms: number) => kernel.runUntil(ms) };
}

describe('SchedulingQueue', () => {
  it('pops higher priority first, then the earlier arrival', () => {
    const { queue, at } = setup();
    queue.add(makePod('low'), null);
    at(10);
    queue.add(makePod('high', { priority: 100 }), null);
    queue.add(makePod('later'), null);
    expect([queue.pop(), queue.pop(), queue.pop()].map((i) => i?.pod.metadata?.name)).toEqual([
      'high',
      'low',
      'later',
    ]);
    expect(queue.schedulingCycle).toBe(3);
  });

  it('backs off 1s doubling up to 10s', () => {
    const { queue } = setup();
    expect([0, 1, 2, 3, 4, 5, 6].map((n) => queue.backoffDuration(n))).toEqual([
      0, 1000, 2000, 4000, 8000, 10000, 10000,
    ]);
  });

  it('keeps an unschedulable pod until an event that may help, then backs off before retrying', () => {
    const { queue, fail, at } = setup();
    queue.add(makePod('p'), 1);
    const info = queue.pop();
    if (info === undefined) throw new Error('no pod');
    fail(info);
    expect(queue.pending().unschedulable).toEqual(['default/p']);
    queue.moveAllToActiveOrBackoffQueue(
      { resource: 'Node', actions: ['UpdateNodeLabel'], label: 'NodeUpdate' },
      2,
    );
    expect(queue.pending().unschedulable).toEqual(['default/p']);
    // A node is added 500ms later: the pod is still backing off (1s), so it waits in backoffQ...
    at(500);
    queue.moveAllToActiveOrBackoffQueue(NODE_ADD, 3);
    expect(queue.pending()).toEqual({ active: [], backoff: ['default/p'], unschedulable: [] });
    // ...and moves to activeQ on the first 1s flush tick after the backoff expires.
    at(999);
    expect(queue.pending().backoff).toEqual(['default/p']);
    at(1000);
    expect(queue.pending().active).toEqual(['default/p']);
    expect(queue.pop()?.cause).toBe(3);
  });

  it('goes straight to activeQ when the backoff already expired', () => {
    const { queue, fail, at } = setup();
    queue.add(makePod('p'), null);
    fail(queue.pop() as QueuedPodInfo);
    at(5000);
    queue.moveAllToActiveOrBackoffQueue(POD_DELETE, null);
    expect(queue.pending().active).toEqual(['default/p']);
  });

  it('flushes pods unschedulable for more than 5 minutes on the 30s tick', () => {
    const { queue, fail, at } = setup();
    at(1200);
    queue.add(makePod('p'), null);
    fail(queue.pop() as QueuedPodInfo);
    at(300_000 + 1200);
    expect(queue.pending().unschedulable).toEqual(['default/p']);
    at(329_999);
    expect(queue.pending().unschedulable).toEqual(['default/p']);
    at(330_000);
    expect(queue.pending().active).toEqual(['default/p']);
  });

  it('sends pods that failed without a rejecting plugin (errors) to backoffQ', () => {
    const { queue, fail, at } = setup();
    queue.add(makePod('p'), null);
    fail(queue.pop() as QueuedPodInfo, []);
    expect(queue.pending().backoff).toEqual(['default/p']);
    at(1000);
    const second = queue.pop() as QueuedPodInfo;
    fail(second, []);
    at(2999);
    expect(queue.pending().backoff).toEqual(['default/p']);
    at(3000);
    expect(queue.pending().active).toEqual(['default/p']);
  });

  it('holds gated pods until an update removes the gates', () => {
    const { queue } = setup();
    const gated = makePod('g', { spec: { schedulingGates: [{ name: 'x' }] } });
    queue.add(gated, null);
    queue.moveAllToActiveOrBackoffQueue(NODE_ADD, null);
    expect(queue.pending().unschedulable).toEqual(['default/g']);
    const released = {
      ...gated,
      spec: { ...gated.spec, containers: gated.spec?.containers ?? [], schedulingGates: [] },
    };
    queue.update(gated, released, 7);
    expect(queue.pending().active).toEqual(['default/g']);
  });

  it('moves an unschedulable pod on an update that is not only its status', () => {
    const { queue, fail, at } = setup();
    const pod = makePod('p');
    queue.add(pod, null);
    fail(queue.pop() as QueuedPodInfo, []);
    at(2000);
    queue.delete(pod);
    queue.add(pod, null);
    fail(queue.pop() as QueuedPodInfo);
    queue.update(pod, { ...pod, status: { phase: 'Pending', conditions: [] } }, null);
    expect(queue.pending().unschedulable).toEqual(['default/p']);
    queue.update(pod, { ...pod, metadata: { ...pod.metadata, labels: { app: 'x' } } }, null);
    expect(queue.pending().unschedulable).toEqual(['default/p']);
    const noRejectors = setup();
    noRejectors.queue.add(pod, null);
    noRejectors.fail(noRejectors.queue.pop() as QueuedPodInfo, ['TaintToleration']);
    noRejectors.queue.update(pod, { ...pod, metadata: { ...pod.metadata, labels: { app: 'x' } } }, null);
    expect(noRejectors.queue.pending().unschedulable).toEqual(['default/p']);
  });

  it('forgets deleted pods', () => {
    const { queue, fail } = setup();
    const pod = makePod('p');
    queue.add(pod, null);
    fail(queue.pop() as QueuedPodInfo);
    queue.delete(pod);
    expect(queue.pending()).toEqual({ active: [], backoff: [], unschedulable: [] });
  });
});
