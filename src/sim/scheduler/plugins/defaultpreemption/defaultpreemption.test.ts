import { describe, expect, it } from 'vitest';
import { Status } from '../../framework/status';
import type { Pod } from '../../framework/types';
import { makeNode, makePod } from '../../testing';
import { calculateNumCandidates, podEligibleToPreemptOthers } from '.';
import { names, pdb, running, setup } from './testing';

const CONTROL_PLANE_TAINT = { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' as const };

describe('DefaultPreemption DryRunPreemption', () => {
  const nodes = ['n1', 'n2', 'n3', 'n4'].map((n) => makeNode(n, { cpu: '2' }));
  const pods = nodes.map((n, i) =>
    running(`low-${i + 1}`, n.metadata?.name ?? '', 0, '2', { labels: { app: 'low' } }),
  );
  const pod = makePod('p', { priority: 10, requests: { cpu: '2' } });

  it('stops after numCandidates from the offset, wrapping around', () => {
    const { evaluator, filter, infos } = setup(nodes, pods, { preemptor: pod });
    const run = evaluator.dryRunPreemption(filter(pod).state, pod, infos, [], 3, 2);
    expect(run.candidates.map((c) => [c.name, names(c.victims.pods)])).toEqual([
      ['n4', ['low-4']],
      ['n1', ['low-1']],
    ]);
  });

  it('keeps looking until a candidate breaks no budget, and lists those first', () => {
    const budgets = [pdb('low', 'low', 0)];
    const guarded = pods.map((p, i) => (i === 2 ? { ...p, metadata: { ...p.metadata, labels: {} } } : p));
    const { evaluator, filter, infos } = setup(nodes, guarded, { preemptor: pod, pdbs: budgets });
    const run = evaluator.dryRunPreemption(filter(pod).state, pod, infos, budgets, 0, 1);
    expect(run.candidates.map((c) => [c.name, c.victims.numPDBViolations])).toEqual([
      ['n3', 0],
      ['n1', 1],
    ]);
  });
});

describe('DefaultPreemption PostFilter', () => {
  const nodes = [
    makeNode('cp', { taints: [CONTROL_PLANE_TAINT] }),
    makeNode('w1', { cpu: '2' }),
    makeNode('w2', { cpu: '2' }),
  ];
  const post = (existingPriority: number, pod: Pod) => {
    const { fwk, filter } = setup(nodes, [running('busy1', 'w1', existingPriority, '2')], { preemptor: pod });
    const { state, statuses } = filter(pod);
    const out = fwk.runPostFilter(state, pod, statuses, null);
    return [out.status.code, out.status.message(), out.nominatedNodeName];
  };

  it.each([
    {
      name: 'explains why preemption would not help',
      existing: 0,
      pod: makePod('p', { requests: { cpu: '3' } }),
      want: [
        'Unschedulable',
        'preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.',
        '',
      ],
    },
    {
      name: 'reports the filter reasons left after removing lower-priority pods',
      existing: -1,
      pod: makePod('p', { requests: { cpu: '3' } }),
      want: [
        'Unschedulable',
        'preemption: 0/3 nodes are available: 1 Insufficient cpu, 1 No preemption victims found for incoming pod, 1 Preemption is not helpful for scheduling.',
        '',
      ],
    },
    {
      name: 'refuses for preemptionPolicy Never and leaves the nomination alone',
      existing: -1,
      pod: makePod('p', { requests: { cpu: '3' }, spec: { preemptionPolicy: 'Never' } }),
      want: ['Unschedulable', 'preemption: not eligible due to preemptionPolicy=Never.', undefined],
    },
  ])('$name', ({ existing, pod, want }) => {
    expect(post(existing, pod)).toEqual(want);
  });
});

describe('PodEligibleToPreemptOthers', () => {
  const node = makeNode('n1');
  const terminating = (p: Pod, reason = 'PreemptionByScheduler'): Pod => ({
    ...p,
    metadata: { ...p.metadata, deletionTimestamp: '2025-01-01T00:00:00Z' },
    status: { ...p.status, conditions: [{ type: 'DisruptionTarget', status: 'True', reason }] },
  });
  const preemptor = { ...makePod('p', { priority: 10 }), status: { nominatedNodeName: 'n1' } };
  it.each([
    {
      name: 'preemptionPolicy Never',
      pod: makePod('p', { spec: { preemptionPolicy: 'Never' } }),
      pods: [],
      status: Status.unschedulable(),
      want: 'not eligible due to preemptionPolicy=Never.',
    },
    {
      name: 'not nominated',
      pod: makePod('p', { priority: 10 }),
      pods: [terminating(running('v', 'n1', 1, '1'))],
      status: Status.unschedulable(),
      want: '',
    },
    {
      name: 'its victim still terminating on the nominated node',
      pod: preemptor,
      pods: [terminating(running('v', 'n1', 1, '1'))],
      status: Status.unschedulable(),
      want: 'not eligible due to a terminating pod on the nominated node.',
    },
    {
      name: 'the nominated node is now ruled out',
      pod: preemptor,
      pods: [terminating(running('v', 'n1', 1, '1'))],
      status: Status.unresolvable('x'),
      want: '',
    },
    {
      name: 'a pod terminating for another reason',
      pod: preemptor,
      pods: [terminating(running('v', 'n1', 1, '1'), 'EvictionByEvictionAPI')],
      status: Status.unschedulable(),
      want: '',
    },
    {
      name: 'a higher-priority pod terminating',
      pod: preemptor,
      pods: [terminating(running('v', 'n1', 20, '1'))],
      status: Status.unschedulable(),
      want: '',
    },
  ])('$name', ({ pod, pods, status, want }) => {
    const { fwk } = setup([node], pods);
    expect(podEligibleToPreemptOthers(fwk.handle, pod, status)).toBe(want);
  });
});

describe('calculateNumCandidates', () => {
  it.each([
    { nodes: 10, percentage: 10, absolute: 100, want: 10 },
    { nodes: 800, percentage: 10, absolute: 100, want: 100 },
    { nodes: 5000, percentage: 10, absolute: 100, want: 500 },
    { nodes: 50, percentage: 40, absolute: 10, want: 20 },
    { nodes: 8, percentage: 100, absolute: 1, want: 8 },
  ])(
    '$nodes nodes, $percentage% and at least $absolute -> $want',
    ({ nodes, percentage, absolute, want }) => {
      expect(
        calculateNumCandidates(
          { minCandidateNodesPercentage: percentage, minCandidateNodesAbsolute: absolute },
          nodes,
        ),
      ).toBe(want);
    },
  );
});
