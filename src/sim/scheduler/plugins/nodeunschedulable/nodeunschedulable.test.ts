import { describe, expect, it } from 'vitest';
import type { Toleration } from 'kubernetes-types/core/v1';
import { makeNode, makePod, nodeInfos, runFilter } from '../../testing';
import { nodeUnschedulable } from '.';

describe('NodeUnschedulable Filter', () => {
  const cases: { name: string; unschedulable?: boolean; tolerations?: Toleration[]; want: string }[] = [
    { name: 'schedulable node', want: '' },
    {
      name: 'cordoned node',
      unschedulable: true,
      want: 'UnschedulableAndUnresolvable: node(s) were unschedulable',
    },
    {
      name: 'cordoned node, pod tolerates node.kubernetes.io/unschedulable',
      unschedulable: true,
      tolerations: [{ key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' }],
      want: '',
    },
  ];
  it.each(cases)('$name', ({ unschedulable, tolerations, want }) => {
    const node = makeNode('n', unschedulable === undefined ? {} : { unschedulable });
    expect(
      runFilter(nodeUnschedulable(), makePod('p', tolerations ? { tolerations } : {}), nodeInfos([node])),
    ).toEqual([want]);
  });
});
