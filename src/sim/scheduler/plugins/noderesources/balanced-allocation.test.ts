import { describe, expect, it } from 'vitest';
import { makeNode, makePod, nodeInfos, runScore } from '../../testing';
import { balancedResourceScorer, nodeResourcesBalancedAllocation } from '.';

describe('NodeResourcesBalancedAllocation Score', () => {
  it('prefers nodes where cpu and memory fractions are closest', () => {
    // Upstream's example: cpu 3/4 and memory 5000/10000 -> std 0.125 -> 87; 3/6 and 0.5 -> 100.
    const nodes = nodeInfos([
      makeNode('n1', { cpu: '4', memory: '10000' }),
      makeNode('n2', { cpu: '6', memory: '10000' }),
    ]);
    const pod = makePod('p', { requests: { cpu: '3', memory: '5000' } });
    expect(runScore(nodeResourcesBalancedAllocation(), pod, nodes)?.raw).toEqual([87, 100]);
  });

  it('counts requests as asked, so a best-effort pod on an empty node scores 100', () => {
    expect(
      runScore(nodeResourcesBalancedAllocation(), makePod('p'), nodeInfos([makeNode('n')]))?.raw,
    ).toEqual([100]);
  });

  it.each([
    { requested: [1, 1], allocatable: [2, 2], want: 100 },
    { requested: [2, 0], allocatable: [2, 2], want: 50 },
    { requested: [4, 0], allocatable: [2, 2], want: 50 },
    { requested: [1, 2, 3], allocatable: [4, 4, 4], want: 79 },
    { requested: [1, 5], allocatable: [2, 0], want: 100 },
  ])('scorer($requested, $allocatable) = $want', ({ requested, allocatable, want }) => {
    expect(balancedResourceScorer(requested, allocatable)).toBe(want);
  });
});
