import { describe, expect, it } from 'vitest';
import type { Affinity } from 'kubernetes-types/core/v1';
import { CycleState } from '../../framework/cycle-state';
import { fakeHandle, makeNode, makePod, nodeInfos, runFilter } from '../../testing';
import {
  ERR_REASON_AFFINITY,
  ERR_REASON_ANTI_AFFINITY,
  ERR_REASON_EXISTING_ANTI_AFFINITY,
  interPodAffinity,
} from '.';

const HOST = 'kubernetes.io/hostname';
const term = (app: string, topologyKey = HOST) => ({ labelSelector: { matchLabels: { app } }, topologyKey });
const nodes3 = () => [
  makeNode('n1', { labels: { zone: 'a' } }),
  makeNode('n2', { labels: { zone: 'a' } }),
  makeNode('n3', { labels: { zone: 'b' } }),
];

describe('InterPodAffinity Filter', () => {
  it('required anti-affinity keeps the pod off nodes with matching pods', () => {
    const nodes = nodeInfos(nodes3(), [makePod('db', { labels: { app: 'db' }, nodeName: 'n1' })]);
    const pod = makePod('p', {
      affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term('db')] } },
    });
    expect(runFilter(interPodAffinity(fakeHandle(nodes)), pod, nodes)).toEqual([
      `Unschedulable: ${ERR_REASON_ANTI_AFFINITY}`,
      '',
      '',
    ]);
  });

  it('required affinity needs a matching pod in the same zone', () => {
    const nodes = nodeInfos(nodes3(), [makePod('db', { labels: { app: 'db' }, nodeName: 'n1' })]);
    const pod = makePod('p', {
      affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term('db', 'zone')] } },
    });
    expect(runFilter(interPodAffinity(fakeHandle(nodes)), pod, nodes)).toEqual([
      '',
      '',
      `UnschedulableAndUnresolvable: ${ERR_REASON_AFFINITY}`,
    ]);
  });

  it('lets the first pod of a group with affinity to itself in', () => {
    const nodes = nodeInfos(nodes3());
    const affinity: Affinity = {
      podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term('web', 'zone')] },
    };
    expect(
      runFilter(
        interPodAffinity(fakeHandle(nodes)),
        makePod('p', { labels: { app: 'web' }, affinity }),
        nodes,
      ),
    ).toEqual(['', '', '']);
    expect(
      runFilter(interPodAffinity(fakeHandle(nodes)), makePod('q', { labels: { app: 'x' }, affinity }), nodes),
    ).toEqual(Array(3).fill(`UnschedulableAndUnresolvable: ${ERR_REASON_AFFINITY}`));
  });

  it("respects existing pods' anti-affinity", () => {
    const guard = makePod('guard', {
      nodeName: 'n3',
      affinity: {
        podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term('web', 'zone')] },
      },
    });
    const nodes = nodeInfos(nodes3(), [guard]);
    expect(
      runFilter(interPodAffinity(fakeHandle(nodes)), makePod('p', { labels: { app: 'web' } }), nodes),
    ).toEqual(['', '', `Unschedulable: ${ERR_REASON_EXISTING_ANTI_AFFINITY}`]);
  });
});

describe('InterPodAffinity Score', () => {
  it('scores preferred affinity per topology domain, normalized between min and max', () => {
    const nodes = nodeInfos(nodes3(), [makePod('db', { labels: { app: 'db' }, nodeName: 'n3' })]);
    const pod = makePod('p', {
      affinity: {
        podAffinity: {
          preferredDuringSchedulingIgnoredDuringExecution: [
            { weight: 5, podAffinityTerm: term('db', 'zone') },
          ],
        },
      },
    });
    const plugin = interPodAffinity(fakeHandle(nodes));
    const state = new CycleState();
    expect(plugin.preScore?.(state, pod, nodes)).toBeNull();
    const scores = nodes.map((n) => ({ name: n.name, score: plugin.score?.(state, pod, n) ?? 0 }));
    expect(scores.map((s) => s.score)).toEqual([0, 0, 5]);
    plugin.normalizeScore?.(state, pod, scores);
    expect(scores.map((s) => s.score)).toEqual([0, 0, 100]);
  });

  it('is skipped when nobody has affinity', () => {
    const nodes = nodeInfos(nodes3(), [makePod('x', { nodeName: 'n1' })]);
    expect(
      interPodAffinity(fakeHandle(nodes)).preScore?.(new CycleState(), makePod('p'), nodes)?.isSkip(),
    ).toBe(true);
  });
});

describe('InterPodAffinity queueing hint', () => {
  const nodes = nodeInfos(nodes3());
  const hint = interPodAffinity(fakeHandle(nodes)).events?.find((e) => e.resource === 'Pod')?.hint;
  const wantsDb = makePod('p', {
    affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term('db')] } },
  });
  const avoidsDb = makePod('q', {
    affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term('db')] } },
  });
  const db = makePod('db', { labels: { app: 'db' }, nodeName: 'n1' });
  it.each([
    { name: 'a matching pod added', pod: wantsDb, old: undefined, changed: db, want: 'Queue' },
    {
      name: 'another pod added',
      pod: wantsDb,
      old: undefined,
      changed: makePod('x', { nodeName: 'n1' }),
      want: 'QueueSkip',
    },
    {
      name: 'an unscheduled pod',
      pod: wantsDb,
      old: undefined,
      changed: makePod('db2', { labels: { app: 'db' } }),
      want: 'QueueSkip',
    },
    { name: 'an avoided pod deleted', pod: avoidsDb, old: db, changed: undefined, want: 'Queue' },
    {
      name: 'another pod deleted',
      pod: avoidsDb,
      old: makePod('x', { nodeName: 'n1' }),
      changed: undefined,
      want: 'QueueSkip',
    },
  ])('$name: $want', ({ pod, old, changed, want }) => {
    expect(hint?.(pod, old, changed)).toBe(want);
  });
});
