import { describe, expect, it } from 'vitest';
import { Rng } from '../kernel/rng';
import { numFeasibleNodesToFind, selectHost } from './algorithm';
import { NodeToStatus, fitErrorMessage, newDiagnosis } from './framework/diagnosis';
import { Status } from './framework/status';

describe('numFeasibleNodesToFind', () => {
  it.each([
    { nodes: 3, percentage: 0, want: 3 },
    { nodes: 99, percentage: 0, want: 99 },
    { nodes: 100, percentage: 0, want: 100 },
    { nodes: 1000, percentage: 0, want: 420 },
    { nodes: 5000, percentage: 0, want: 500 },
    { nodes: 6000, percentage: 0, want: 300 },
    { nodes: 1000, percentage: 5, want: 100 },
    { nodes: 1000, percentage: 40, want: 400 },
  ])('$nodes nodes at $percentage% -> $want', ({ nodes, percentage, want }) => {
    expect(numFeasibleNodesToFind(percentage, nodes)).toBe(want);
  });
});

describe('selectHost', () => {
  const scores = (totals: number[]) => totals.map((total, i) => ({ name: `n${i}`, scores: [], total }));

  it('takes the highest total', () => {
    expect(selectHost(scores([10, 30, 20]), new Rng(1))).toBe('n1');
  });

  it('breaks ties with the seeded RNG, the same way for the same seed, roughly evenly', () => {
    const picks = (seed: number) => {
      const rng = new Rng(seed);
      return Array.from({ length: 300 }, () => selectHost(scores([50, 20, 50, 50]), rng));
    };
    expect(picks(7)).toEqual(picks(7));
    const counts = picks(7).reduce<Record<string, number>>((c, n) => ({ ...c, [n]: (c[n] ?? 0) + 1 }), {});
    expect(Object.keys(counts).sort()).toEqual(['n0', 'n2', 'n3']);
    for (const n of ['n0', 'n2', 'n3']) expect(counts[n]).toBeGreaterThan(60);
  });
});

describe('fitErrorMessage', () => {
  it('counts reasons per node and sorts them as strings', () => {
    const d = newDiagnosis();
    for (let i = 0; i < 10; i++) d.nodeToStatus.set(`cpu-${i}`, Status.unschedulable('Insufficient cpu'));
    d.nodeToStatus.set('both', Status.unschedulable('Insufficient cpu', 'Insufficient memory'));
    d.nodeToStatus.set('t1', Status.unresolvable('node(s) had untolerated taint {a: b}'));
    d.nodeToStatus.set('t2', Status.unresolvable('node(s) had untolerated taint {a: b}'));
    expect(fitErrorMessage(13, d)).toBe(
      '0/13 nodes are available: 1 Insufficient memory, 11 Insufficient cpu, 2 node(s) had untolerated taint {a: b}.',
    );
  });

  it('uses the PreFilter message instead of node reasons, and appends the PostFilter message', () => {
    const d = newDiagnosis();
    d.nodeToStatus.setAbsentNodesStatus(Status.unresolvable('pod affinity terms conflict'));
    d.preFilterMsg = 'pod affinity terms conflict';
    d.postFilterMsg = 'preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.';
    expect(fitErrorMessage(2, d)).toBe(
      '0/2 nodes are available: pod affinity terms conflict. preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.',
    );
  });

  it('counts nodes without a status of their own with the absent status', () => {
    const statuses = new NodeToStatus();
    statuses.set('a', Status.unschedulable('Insufficient cpu'));
    statuses.setAbsentNodesStatus(Status.unresolvable("node(s) didn't satisfy plugin(s) [NodeAffinity]"));
    expect(fitErrorMessage(3, { ...newDiagnosis(), nodeToStatus: statuses })).toBe(
      "0/3 nodes are available: 1 Insufficient cpu, 2 node(s) didn't satisfy plugin(s) [NodeAffinity].",
    );
  });
});
