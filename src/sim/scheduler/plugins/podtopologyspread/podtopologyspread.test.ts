import { describe, expect, it } from 'vitest';
import type { TopologySpreadConstraint } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../../../apiserver/types';
import { CycleState } from '../../framework/cycle-state';
import { fakeHandle, makeNode, makePod, nodeInfos, runFilter } from '../../testing';
import { ERR_REASON_CONSTRAINTS_NOT_MATCH, ERR_REASON_NODE_LABEL_NOT_MATCH, podTopologySpread } from '.';

const zoneNodes = () => [
  makeNode('a1', { labels: { zone: 'a' } }),
  makeNode('a2', { labels: { zone: 'a' } }),
  makeNode('b1', { labels: { zone: 'b' } }),
  makeNode('nozone'),
];
const spread = (maxSkew: number, whenUnsatisfiable = 'DoNotSchedule'): TopologySpreadConstraint[] => [
  { maxSkew, topologyKey: 'zone', whenUnsatisfiable, labelSelector: { matchLabels: { app: 'web' } } },
];
const web = (name: string, nodeName?: string) =>
  makePod(name, { labels: { app: 'web' }, ...(nodeName ? { nodeName } : {}) });

describe('PodTopologySpread Filter', () => {
  it('keeps the skew across zones within maxSkew', () => {
    // zone a holds 2 matching pods, zone b none: placing in a gives skew 3, in b skew 1.
    const nodes = nodeInfos(zoneNodes(), [
      web('w1', 'a1'),
      web('w2', 'a2'),
      makePod('other', { nodeName: 'b1' }),
    ]);
    const pod = makePod('new', { labels: { app: 'web' }, spec: { topologySpreadConstraints: spread(1) } });
    const NO = `Unschedulable: ${ERR_REASON_CONSTRAINTS_NOT_MATCH}`;
    expect(runFilter(podTopologySpread(fakeHandle(nodes)), pod, nodes)).toEqual([
      NO,
      NO,
      '',
      `UnschedulableAndUnresolvable: ${ERR_REASON_NODE_LABEL_NOT_MATCH}`,
    ]);
  });

  it('allows any zone while the skew stays within a larger maxSkew', () => {
    const nodes = nodeInfos(zoneNodes().slice(0, 3), [web('w1', 'a1'), web('w2', 'a2')]);
    const pod = makePod('new', { labels: { app: 'web' }, spec: { topologySpreadConstraints: spread(3) } });
    expect(runFilter(podTopologySpread(fakeHandle(nodes)), pod, nodes)).toEqual(['', '', '']);
  });

  it('is skipped without DoNotSchedule constraints', () => {
    const nodes = nodeInfos(zoneNodes());
    expect(runFilter(podTopologySpread(fakeHandle(nodes)), makePod('p'), nodes)).toEqual(['', '', '', '']);
  });
});

describe('PodTopologySpread Score', () => {
  function score(
    pod: ReturnType<typeof makePod>,
    nodes: ReturnType<typeof nodeInfos>,
    objects: Record<string, KubeObject[]> = {},
  ) {
    const plugin = podTopologySpread(fakeHandle(nodes, {}, objects));
    const state = new CycleState();
    const pre = plugin.preScore?.(state, pod, nodes);
    if (pre?.isSkip()) return null;
    const scores = nodes.map((n) => ({ name: n.name, score: plugin.score?.(state, pod, n) ?? 0 }));
    plugin.normalizeScore?.(state, pod, scores);
    return scores.map((s) => s.score);
  }

  it('prefers zones with fewer matching pods (ScheduleAnyway)', () => {
    const nodes = nodeInfos(zoneNodes().slice(0, 3), [web('w1', 'a1'), web('w2', 'a2')]);
    const pod = makePod('new', {
      labels: { app: 'web' },
      spec: { topologySpreadConstraints: spread(1, 'ScheduleAnyway') },
    });
    // zone a: 2 * ln(2 + 2) = 2.77 -> 3, zone b: 0; normalized 100 * (3 + 0 - s) / 3.
    expect(score(pod, nodes)).toEqual([0, 0, 100]);
  });

  it('spreads a ReplicaSet pods by hostname by default', () => {
    const rs = {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: { name: 'web-abc', namespace: 'default' },
      spec: { selector: { matchLabels: { app: 'web' } } },
    };
    const owned = (name: string, nodeName?: string) => {
      const p = web(name, nodeName);
      p.metadata = {
        ...p.metadata,
        ownerReferences: [
          { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-abc', uid: 'u', controller: true },
        ],
      };
      return p;
    };
    const nodes = nodeInfos(
      [makeNode('n1'), makeNode('n2'), makeNode('n3')],
      [owned('w1', 'n1'), owned('w2', 'n1'), owned('w3', 'n2')],
    );
    // hostname weight ln(3 + 2): n1 2*1.61+2 = 5.2 -> 5, n2 3.6 -> 4, n3 2; normalized 100*(5+2-s)/5.
    expect(score(owned('new'), nodes, { replicasets: [rs] })).toEqual([40, 60, 100]);
    expect(score(web('bare'), nodes, { replicasets: [rs] })).toBeNull();
  });
});

describe('PodTopologySpread queueing hints', () => {
  const nodes = nodeInfos(zoneNodes());
  const handle = fakeHandle(nodes);
  const pod = makePod('new', { labels: { app: 'web' }, spec: { topologySpreadConstraints: spread(1) } });
  const hint = podTopologySpread(handle).events?.find((e) => e.resource === 'Pod')?.hint;
  const nodeHint = podTopologySpread(handle).events?.find((e) => e.resource === 'Node')?.hint;
  it.each([
    { name: 'a matching pod deleted', old: web('w', 'a1'), changed: undefined, want: 'Queue' },
    {
      name: 'another app deleted',
      old: makePod('x', { nodeName: 'a1' }),
      changed: undefined,
      want: 'QueueSkip',
    },
    {
      name: 'a pod relabelled into the selector',
      old: makePod('x', { nodeName: 'a1' }),
      changed: web('x', 'a1'),
      want: 'Queue',
    },
    { name: 'a status-only update', old: web('w', 'a1'), changed: web('w', 'a1'), want: 'QueueSkip' },
  ])('$name: $want', ({ old, changed, want }) => {
    expect(hint?.(pod, old, changed)).toBe(want);
  });

  it('queues on nodes with the topology key only', () => {
    expect([
      nodeHint?.(pod, undefined, makeNode('z', { labels: { zone: 'c' } })),
      nodeHint?.(pod, undefined, makeNode('z')),
    ]).toEqual(['Queue', 'QueueSkip']);
  });
});
