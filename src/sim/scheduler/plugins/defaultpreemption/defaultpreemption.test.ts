import { describe, expect, it } from 'vitest';
import { NodeToStatus } from '../../framework/diagnosis';
import { CycleState } from '../../framework/cycle-state';
import { Status } from '../../framework/status';
import { fakeHandle, makeNode, makePod, nodeInfos } from '../../testing';
import { nodeResourcesFit } from '../noderesources';
import { defaultPreemption } from '.';

function setup(existingPriority: number) {
  const nodes = nodeInfos(
    [makeNode('cp'), makeNode('w1', { cpu: '2' }), makeNode('w2', { cpu: '2' })],
    [makePod('busy1', { nodeName: 'w1', requests: { cpu: '2' }, priority: existingPriority })],
  );
  const fit = nodeResourcesFit();
  const handle = fakeHandle(nodes);
  handle.runFilterPlugins = (state, pod, node) => fit.filter?.(state, pod, node) ?? Status.success();
  const statuses = new NodeToStatus();
  statuses.set(
    'cp',
    Status.unresolvable('node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }'),
  );
  statuses.set('w1', Status.unschedulable('Insufficient cpu'));
  statuses.set('w2', Status.unschedulable('Insufficient cpu'));
  return { plugin: defaultPreemption(handle), fit, statuses };
}

function run(existingPriority: number, pod: ReturnType<typeof makePod>) {
  const { plugin, fit, statuses } = setup(existingPriority);
  const state = new CycleState();
  fit.preFilter?.(state, pod, []);
  const out = plugin.postFilter?.(state, pod, statuses);
  return [out?.status?.code, out?.status?.message()];
}

describe('DefaultPreemption PostFilter', () => {
  it('explains why preemption would not help', () => {
    expect(run(0, makePod('p', { requests: { cpu: '3' } }))).toEqual([
      'Unschedulable',
      'preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.',
    ]);
  });

  it('reports the filter reasons left after removing lower-priority pods', () => {
    expect(run(-1, makePod('p', { requests: { cpu: '3' } }))).toEqual([
      'Unschedulable',
      'preemption: 0/3 nodes are available: 1 Insufficient cpu, 1 No preemption victims found for incoming pod, 1 Preemption is not helpful for scheduling.',
    ]);
  });

  it('succeeds without a message when evicting victims would make room (eviction itself is not simulated)', () => {
    expect(run(-1, makePod('p', { requests: { cpu: '1' } }))).toEqual(['Success', '']);
  });

  it('refuses for preemptionPolicy Never', () => {
    expect(run(0, makePod('p', { spec: { preemptionPolicy: 'Never' } }))).toEqual([
      'Unschedulable',
      'preemption: not eligible due to preemptionPolicy=Never.',
    ]);
  });
});
