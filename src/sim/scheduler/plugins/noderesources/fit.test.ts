import { describe, expect, it } from 'vitest';
import type { Container } from 'kubernetes-types/core/v1';
import { makeNode, makePod, nodeInfos, runFilter, runScore } from '../../testing';
import { isSchedulableAfterNodeChange, isSchedulableAfterPodDeleted } from './fit';
import { nodeResourcesFit } from '.';

const container = (name: string, requests: Record<string, string>, restartPolicy?: string): Container => ({
  name,
  image: 'busybox',
  resources: { requests },
  ...(restartPolicy === undefined ? {} : { restartPolicy }),
});

describe('NodeResourcesFit Filter', () => {
  // The node: 4 cpu, 8Gi, 3 pods; one pod already uses 3 cpu and 6Gi.
  const node = makeNode('n', { cpu: '4', memory: '8Gi', pods: '3', extra: { 'example.com/gpu': '1' } });
  const existing = makePod('existing', { nodeName: 'n', requests: { cpu: '3', memory: '6Gi' } });
  const cases: { name: string; pod: ReturnType<typeof makePod>; existing?: number; want: string }[] = [
    { name: 'fits', pod: makePod('p', { requests: { cpu: '1', memory: '2Gi' } }), want: '' },
    { name: 'a pod without requests fits', pod: makePod('p'), want: '' },
    {
      name: 'too much cpu',
      pod: makePod('p', { requests: { cpu: '1100m' } }),
      want: 'Unschedulable: Insufficient cpu',
    },
    {
      name: 'too much memory',
      pod: makePod('p', { requests: { memory: '3Gi' } }),
      want: 'Unschedulable: Insufficient memory',
    },
    {
      name: 'too much of both, reported in upstream order',
      pod: makePod('p', { requests: { memory: '3Gi', cpu: '2' } }),
      want: 'Unschedulable: Insufficient cpu, Insufficient memory',
    },
    {
      name: 'an extended resource',
      pod: makePod('p', { requests: { 'example.com/gpu': '2' } }),
      want: 'Unschedulable: Insufficient example.com/gpu',
    },
    {
      name: 'the largest init container counts if bigger than the containers',
      pod: makePod('p', { requests: { cpu: '500m' }, initContainers: [container('init', { cpu: '2' })] }),
      want: 'Unschedulable: Insufficient cpu',
    },
    {
      name: 'sidecars add to the containers',
      pod: makePod('p', {
        requests: { cpu: '600m' },
        initContainers: [container('sidecar', { cpu: '500m' }, 'Always')],
      }),
      want: 'Unschedulable: Insufficient cpu',
    },
    {
      name: 'the node is full of pods',
      pod: makePod('p'),
      existing: 3,
      want: 'Unschedulable: Too many pods',
    },
  ];
  it.each(cases)('$name', ({ pod, existing: count, want }) => {
    const pods =
      count === undefined
        ? [existing]
        : Array.from({ length: count }, (_, i) => makePod(`e${i}`, { nodeName: 'n' }));
    expect(runFilter(nodeResourcesFit(), pod, nodeInfos([node], pods))).toEqual([want]);
  });
});

describe('NodeResourcesFit Score (LeastAllocated)', () => {
  it('scores unused capacity after placing the pod, cpu and memory averaged', () => {
    // Upstream's "nothing scheduled, resources requested, differently sized nodes".
    const nodes = nodeInfos([
      makeNode('n1', { cpu: '4', memory: '10000' }),
      makeNode('n2', { cpu: '6', memory: '10000' }),
    ]);
    const pod = makePod('p', { requests: { cpu: '3', memory: '5000' } });
    expect(runScore(nodeResourcesFit(), pod, nodes)?.raw).toEqual([37, 50]);
  });

  it('counts 100m cpu and 200Mi memory for containers that request nothing', () => {
    const nodes = nodeInfos([makeNode('n1', { cpu: '1', memory: '1000Mi' })]);
    // cpu (1000-100)/1000 = 90, memory (1000-200)/1000 = 80.
    expect(runScore(nodeResourcesFit(), makePod('p'), nodes)?.raw).toEqual([85]);
  });

  it('counts existing pods, a full node scores 0', () => {
    const nodes = nodeInfos(
      [makeNode('n1', { cpu: '2', memory: '2Gi' })],
      [makePod('e', { nodeName: 'n1', requests: { cpu: '2', memory: '2Gi' } })],
    );
    expect(
      runScore(nodeResourcesFit(), makePod('p', { requests: { cpu: '1', memory: '1Gi' } }), nodes)?.raw,
    ).toEqual([0]);
  });
});

describe('NodeResourcesFit queueing hints', () => {
  const pod = makePod('p', { requests: { cpu: '3' } });
  it.each([
    {
      name: 'a node too small even when empty',
      old: undefined,
      node: makeNode('n', { cpu: '2' }),
      want: 'QueueSkip',
    },
    { name: 'a node big enough', old: undefined, node: makeNode('n', { cpu: '4' }), want: 'Queue' },
    {
      name: 'a node whose cpu grew',
      old: makeNode('n', { cpu: '3' }),
      node: makeNode('n', { cpu: '4' }),
      want: 'Queue',
    },
    {
      name: 'a node whose memory grew',
      old: makeNode('n', { cpu: '4' }),
      node: makeNode('n', { cpu: '4', memory: '16Gi' }),
      want: 'QueueSkip',
    },
  ])('$name: $want', ({ old, node, want }) => {
    expect(isSchedulableAfterNodeChange(pod, old, node)).toBe(want);
  });

  it('queues on the deletion of assigned pods only', () => {
    expect(isSchedulableAfterPodDeleted(pod, makePod('gone', { nodeName: 'n' }), undefined)).toBe('Queue');
    expect(isSchedulableAfterPodDeleted(pod, makePod('gone'), undefined)).toBe('QueueSkip');
  });
});
