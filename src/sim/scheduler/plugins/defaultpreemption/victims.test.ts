import type { PodDisruptionBudget } from 'kubernetes-types/policy/v1';
import { describe, expect, it } from 'vitest';
import type { Pod } from '../../framework/types';
import { makeNode, makePod, nodeInfos } from '../../testing';
import { names, nominated, pdb, running, setup } from './testing';
import { filterPodsWithPDBViolation } from './victims';

describe('DefaultPreemption SelectVictimsOnNode', () => {
  const node = makeNode('n1', { cpu: '4' });
  it.each([
    {
      name: 'reprieves the most important pods first and evicts only what is needed',
      pods: [running('a', 'n1', 1, '2'), running('b', 'n1', 2, '1'), running('c', 'n1', 3, '1')],
      pod: makePod('p', { priority: 10, requests: { cpu: '2' } }),
      want: { victims: ['a'], violations: 0, status: 'Success' },
    },
    {
      name: 'evicts several, highest priority first in the list',
      pods: [running('a', 'n1', 1, '2'), running('b', 'n1', 2, '2')],
      pod: makePod('p', { priority: 10, requests: { cpu: '4' } }),
      want: { victims: ['b', 'a'], violations: 0, status: 'Success' },
    },
    {
      name: 'never evicts pods of equal or higher priority',
      pods: [running('same', 'n1', 10, '2'), running('low', 'n1', 1, '2')],
      pod: makePod('p', { priority: 10, requests: { cpu: '3' } }),
      want: { victims: [], violations: 0, status: 'Unschedulable: Insufficient cpu' },
    },
    {
      name: 'no lower-priority pods: unresolvable',
      pods: [running('high', 'n1', 100, '4')],
      pod: makePod('p', { priority: 10, requests: { cpu: '1' } }),
      want: {
        victims: [],
        violations: 0,
        status: 'UnschedulableAndUnresolvable: No preemption victims found for incoming pod',
      },
    },
    {
      name: 'equal priority pods keep their place by start time: the one running longer is kept',
      pods: [running('newer', 'n1', 1, '2', { start: 50 }), running('older', 'n1', 1, '2', { start: 10 })],
      pod: makePod('p', { priority: 10, requests: { cpu: '2' } }),
      want: { victims: ['newer'], violations: 0, status: 'Success' },
    },
  ])('$name', ({ pods, pod, want }) => {
    const { evaluator, filter } = setup([node], pods, { preemptor: pod });
    const { state } = filter(pod);
    const info = nodeInfos([node], pods)[0];
    if (info === undefined) throw new Error('no node');
    const out = evaluator.plugin.selectVictimsOnNode(state.clone(), pod, info, []);
    const status = out.status.isSuccess() ? 'Success' : `${out.status.code}: ${out.status.message()}`;
    expect({ victims: names(out.pods), violations: out.numPDBViolations, status }).toEqual(want);
  });

  it('reprieves PDB-protected pods first, and counts the violations it cannot avoid', () => {
    const pods = [running('db', 'n1', 1, '2', { labels: { app: 'db' } }), running('web', 'n1', 2, '2')];
    const victims = (pdbs: PodDisruptionBudget[], cpu = '2') => {
      const p = makePod('p', { priority: 10, requests: { cpu } });
      const { evaluator, filter } = setup([node], pods, { pdbs, preemptor: p });
      const info = nodeInfos([node], pods)[0];
      if (info === undefined) throw new Error('no node');
      const out = evaluator.plugin.selectVictimsOnNode(filter(p).state, p, info, pdbs);
      return [names(out.pods), out.numPDBViolations];
    };
    // Without a budget the lower-priority db pod goes.
    expect(victims([])).toEqual([['db'], 0]);
    // A budget that allows no disruption keeps db: web goes instead.
    expect(victims([pdb('db', 'db', 0)])).toEqual([['web'], 0]);
    // When both must go, the budget is violated once.
    expect(victims([pdb('db', 'db', 0)], '4')).toEqual([['web', 'db'], 1]);
  });

  it('counts higher-priority pods nominated to the node as already there', () => {
    const pods = [running('low', 'n1', 0, '4')];
    const pod = makePod('p', { priority: 50, requests: { cpu: '3' } });
    const run = (nominatedPods: Pod[]) => {
      const { evaluator, filter } = setup([node], pods, { nominated: nominatedPods, preemptor: pod });
      const info = nodeInfos([node], pods)[0];
      if (info === undefined) throw new Error('no node');
      const out = evaluator.plugin.selectVictimsOnNode(filter(pod).state, pod, info, []);
      return out.status.isSuccess() ? names(out.pods) : out.status.message();
    };
    expect(run([])).toEqual(['low']);
    expect(run([nominated('first', 'n1', 100, '2')])).toBe('Insufficient cpu');
    // A lower-priority nominee does not hold the room.
    expect(run([nominated('later', 'n1', 10, '2')])).toEqual(['low']);
  });
});

describe('filterPodsWithPDBViolation', () => {
  const pod = (name: string, app?: string, namespace = 'default') =>
    makePod(name, { namespace, ...(app ? { labels: { app } } : {}) });
  it.each([
    {
      name: 'spends the budget pod by pod',
      pods: [pod('a', 'x'), pod('b', 'x')],
      pdbs: [pdb('x', 'x', 1)],
      want: [['b'], ['a']],
    },
    {
      name: 'pods already disrupted do not spend it',
      pods: [pod('a', 'x'), pod('b', 'x')],
      pdbs: [pdb('x', 'x', 1, { a: '2025-01-01T00:00:00Z' })],
      want: [[], ['a', 'b']],
    },
    {
      name: 'other namespaces do not match',
      pods: [pod('a', 'x', 'other')],
      pdbs: [pdb('x', 'x', 0)],
      want: [[], ['a']],
    },
    { name: 'unlabeled pods never match', pods: [pod('a')], pdbs: [pdb('x', 'x', 0)], want: [[], ['a']] },
    {
      name: 'an empty selector matches nothing',
      pods: [pod('a', 'x')],
      pdbs: [{ ...pdb('x', 'x', 0), spec: { selector: {} } }],
      want: [[], ['a']],
    },
  ])('$name', ({ pods, pdbs, want }) => {
    const { violating, nonViolating } = filterPodsWithPDBViolation(pods, pdbs);
    expect([names(violating), names(nonViolating)]).toEqual(want);
  });
});
