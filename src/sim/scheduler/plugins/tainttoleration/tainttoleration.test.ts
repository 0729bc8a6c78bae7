import { describe, expect, it } from 'vitest';
import type { Taint, Toleration } from 'kubernetes-types/core/v1';
import { makeNode, makePod, nodeInfos, runFilter, runScore } from '../../testing';
import { isSchedulableAfterNodeChange, taintToleration } from '.';

const taint = (key: string, value: string | undefined, effect: string): Taint => ({
  key,
  ...(value === undefined ? {} : { value }),
  effect,
});

describe('TaintToleration Filter', () => {
  const cases: { name: string; taints: Taint[]; tolerations?: Toleration[]; want: string }[] = [
    { name: 'no taints', taints: [], want: '' },
    {
      name: 'an untolerated NoSchedule taint without value',
      taints: [taint('node-role.kubernetes.io/control-plane', undefined, 'NoSchedule')],
      want: 'UnschedulableAndUnresolvable: node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }',
    },
    {
      name: 'an untolerated NoExecute taint with a value',
      taints: [taint('dedicated', 'gpu', 'NoExecute')],
      want: 'UnschedulableAndUnresolvable: node(s) had untolerated taint {dedicated: gpu}',
    },
    { name: 'PreferNoSchedule does not filter', taints: [taint('soft', 'x', 'PreferNoSchedule')], want: '' },
    {
      name: 'tolerated with Exists',
      taints: [taint('node-role.kubernetes.io/control-plane', undefined, 'NoSchedule')],
      tolerations: [
        { key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' },
      ],
      want: '',
    },
    {
      name: 'an empty key with Exists tolerates everything',
      taints: [taint('a', 'b', 'NoSchedule'), taint('c', 'd', 'NoExecute')],
      tolerations: [{ operator: 'Exists' }],
      want: '',
    },
    {
      name: 'Equal needs the same value',
      taints: [taint('dedicated', 'gpu', 'NoSchedule')],
      tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'cpu', effect: 'NoSchedule' }],
      want: 'UnschedulableAndUnresolvable: node(s) had untolerated taint {dedicated: gpu}',
    },
    {
      name: 'the toleration effect must match',
      taints: [taint('dedicated', 'gpu', 'NoSchedule')],
      tolerations: [{ key: 'dedicated', value: 'gpu', effect: 'NoExecute' }],
      want: 'UnschedulableAndUnresolvable: node(s) had untolerated taint {dedicated: gpu}',
    },
    {
      name: 'the first untolerated taint is reported',
      taints: [taint('a', '1', 'NoSchedule'), taint('b', '2', 'NoSchedule')],
      tolerations: [{ key: 'a', operator: 'Exists' }],
      want: 'UnschedulableAndUnresolvable: node(s) had untolerated taint {b: 2}',
    },
  ];
  it.each(cases)('$name', ({ taints, tolerations, want }) => {
    const pod = makePod('p', tolerations === undefined ? {} : { tolerations });
    expect(runFilter(taintToleration(), pod, nodeInfos([makeNode('n', { taints })]))).toEqual([want]);
  });
});

describe('TaintToleration Score', () => {
  it('prefers nodes with fewer untolerated PreferNoSchedule taints', () => {
    const nodes = nodeInfos([
      makeNode('none'),
      makeNode('one', { taints: [taint('a', 'x', 'PreferNoSchedule')] }),
      makeNode('two', { taints: [taint('a', 'x', 'PreferNoSchedule'), taint('b', 'y', 'PreferNoSchedule')] }),
      makeNode('tolerated', { taints: [taint('c', 'z', 'PreferNoSchedule')] }),
    ]);
    const pod = makePod('p', {
      tolerations: [{ key: 'c', operator: 'Equal', value: 'z', effect: 'PreferNoSchedule' }],
    });
    expect(runScore(taintToleration(), pod, nodes)).toEqual({
      raw: [0, 1, 2, 0],
      normalized: [100, 50, 0, 100],
    });
  });

  it('gives every node 100 when none has such taints', () => {
    expect(
      runScore(taintToleration(), makePod('p'), nodeInfos([makeNode('a'), makeNode('b')]))?.normalized,
    ).toEqual([100, 100]);
  });

  it('ignores tolerations for other effects', () => {
    const nodes = nodeInfos([
      makeNode('a', { taints: [taint('k', 'v', 'PreferNoSchedule')] }),
      makeNode('b'),
    ]);
    const pod = makePod('p', { tolerations: [{ key: 'k', operator: 'Exists', effect: 'NoSchedule' }] });
    expect(runScore(taintToleration(), pod, nodes)?.normalized).toEqual([0, 100]);
  });
});

describe('TaintToleration queueing hint', () => {
  const tainted = makeNode('n', { taints: [taint('k', 'v', 'NoSchedule')] });
  it.each([
    { name: 'an untainted node added', old: undefined, node: makeNode('n'), want: 'Queue' },
    { name: 'a tainted node added', old: undefined, node: tainted, want: 'QueueSkip' },
    { name: 'the taint removed', old: tainted, node: makeNode('n'), want: 'Queue' },
    {
      name: 'a PreferNoSchedule taint added',
      old: makeNode('n'),
      node: makeNode('n', { taints: [taint('a', 'b', 'PreferNoSchedule')] }),
      want: 'QueueSkip',
    },
  ])('$name: $want', ({ old, node, want }) => {
    expect(isSchedulableAfterNodeChange(makePod('p'), old, node)).toBe(want);
  });
});
