import { describe, expect, it } from 'vitest';
import { makePod } from '../../testing';
import type { Pod } from '../types';
import { candidatesToVictimsMap, defaultScoreFuncs, pickOneNodeForPreemption } from './candidates';

/** A victim of `priority` that started at second `start` (now is 1000 s). */
const victim = (priority: number, start = 0): Pod => {
  const p = makePod(`v-${priority}-${start}`, { priority });
  return { ...p, status: { phase: 'Running', startTime: new Date(start * 1000).toISOString() } };
};

const NOW = 1_000_000;

describe('pickOneNodeForPreemption', () => {
  it.each([
    {
      name: 'the node with the fewest PDB violations, whatever its victims',
      nodes: { n1: { pods: [victim(1)], pdb: 1 }, n2: { pods: [victim(100), victim(100)], pdb: 0 } },
      want: 'n2',
    },
    {
      name: 'then the lowest highest-priority victim',
      nodes: { n1: { pods: [victim(10), victim(1)], pdb: 0 }, n2: { pods: [victim(5), victim(5)], pdb: 0 } },
      want: 'n2',
    },
    {
      name: 'then the smallest sum of priorities',
      nodes: { n1: { pods: [victim(10), victim(9)], pdb: 0 }, n2: { pods: [victim(10), victim(2)], pdb: 0 } },
      want: 'n2',
    },
    {
      name: 'sums count negative priorities from the bottom of int32, so fewer pods still win',
      nodes: {
        n1: { pods: [victim(-10), victim(-10), victim(-10)], pdb: 0 },
        n2: { pods: [victim(-10), victim(-10)], pdb: 0 },
      },
      want: 'n2',
    },
    {
      // Equal highest priority and equal offset sums (2^30 - 2^29 - 2^29 + 3 * 2^31 = 2 * 2^30 + 2 * 2^31).
      name: 'then the fewest victims',
      nodes: {
        n1: { pods: [victim(2 ** 30), victim(-(2 ** 29)), victim(-(2 ** 29))], pdb: 0 },
        n2: { pods: [victim(2 ** 30), victim(2 ** 30)], pdb: 0 },
      },
      want: 'n2',
    },
    {
      name: 'then the latest start among the highest-priority victims',
      nodes: { n1: { pods: [victim(10, 100)], pdb: 0 }, n2: { pods: [victim(10, 300)], pdb: 0 } },
      want: 'n2',
    },
    {
      name: 'only the highest-priority victims count for the start time',
      nodes: {
        n1: { pods: [victim(10, 200), victim(5, 900)], pdb: 0 },
        n2: { pods: [victim(10, 100), victim(5, 999)], pdb: 0 },
      },
      want: 'n1',
    },
    {
      name: 'a complete tie: the first candidate',
      nodes: { n1: { pods: [victim(10, 100)], pdb: 0 }, n2: { pods: [victim(10, 100)], pdb: 0 } },
      want: 'n1',
    },
  ])('$name', ({ nodes, want }) => {
    const candidates = Object.entries(nodes).map(([name, v]) => ({
      name,
      victims: { pods: v.pods, numPDBViolations: v.pdb },
    }));
    const map = candidatesToVictimsMap(candidates);
    expect(pickOneNodeForPreemption(map, defaultScoreFuncs(map, NOW))).toBe(want);
  });

  it('no candidates: no node', () => {
    expect(pickOneNodeForPreemption(new Map(), [])).toBe('');
  });
});
