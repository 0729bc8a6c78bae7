import { describe, expect, it } from 'vitest';
import type { Affinity, NodeSelectorRequirement } from 'kubernetes-types/core/v1';
import { makeNode, makePod, nodeInfos, runFilter, runScore } from '../../testing';
import { ERR_REASON_POD, isSchedulableAfterNodeChange, nodeAffinity } from '.';

const NO = `UnschedulableAndUnresolvable: ${ERR_REASON_POD}`;
const required = (
  ...terms: { matchExpressions?: NodeSelectorRequirement[]; matchFields?: NodeSelectorRequirement[] }[]
): Affinity => ({
  nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: terms } },
});

describe('NodeAffinity Filter', () => {
  const node = makeNode('node-1', { labels: { disk: 'ssd', zone: 'a', cores: '8' } });
  const cases: { name: string; nodeSelector?: Record<string, string>; affinity?: Affinity; want: string }[] =
    [
      { name: 'no selector or affinity (skipped)', want: '' },
      { name: 'nodeSelector matches', nodeSelector: { disk: 'ssd' }, want: '' },
      { name: 'nodeSelector value differs', nodeSelector: { disk: 'hdd' }, want: NO },
      { name: 'nodeSelector label missing', nodeSelector: { gpu: 'true' }, want: NO },
      {
        name: 'In',
        affinity: required({ matchExpressions: [{ key: 'zone', operator: 'In', values: ['a', 'b'] }] }),
        want: '',
      },
      {
        name: 'NotIn',
        affinity: required({ matchExpressions: [{ key: 'zone', operator: 'NotIn', values: ['a'] }] }),
        want: NO,
      },
      {
        name: 'Exists',
        affinity: required({ matchExpressions: [{ key: 'disk', operator: 'Exists' }] }),
        want: '',
      },
      {
        name: 'DoesNotExist',
        affinity: required({ matchExpressions: [{ key: 'disk', operator: 'DoesNotExist' }] }),
        want: NO,
      },
      {
        name: 'Gt',
        affinity: required({ matchExpressions: [{ key: 'cores', operator: 'Gt', values: ['4'] }] }),
        want: '',
      },
      {
        name: 'Lt',
        affinity: required({ matchExpressions: [{ key: 'cores', operator: 'Lt', values: ['4'] }] }),
        want: NO,
      },
      {
        name: 'In without values matches nothing',
        affinity: required({ matchExpressions: [{ key: 'zone', operator: 'In', values: [] }] }),
        want: NO,
      },
      {
        name: 'terms are ORed',
        affinity: required(
          { matchExpressions: [{ key: 'zone', operator: 'In', values: ['b'] }] },
          { matchExpressions: [{ key: 'disk', operator: 'In', values: ['ssd'] }] },
        ),
        want: '',
      },
      {
        name: 'requirements of a term are ANDed',
        affinity: required({
          matchExpressions: [
            { key: 'zone', operator: 'In', values: ['a'] },
            { key: 'disk', operator: 'In', values: ['hdd'] },
          ],
        }),
        want: NO,
      },
      { name: 'an empty term matches nothing', affinity: required({}), want: NO },
      {
        name: 'nodeSelector and affinity must both match',
        nodeSelector: { disk: 'ssd' },
        affinity: required({ matchExpressions: [{ key: 'zone', operator: 'In', values: ['b'] }] }),
        want: NO,
      },
      {
        name: 'matchFields on the node name',
        affinity: required({ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['node-1'] }] }),
        want: '',
      },
    ];
  it.each(cases)('$name', ({ nodeSelector, affinity, want }) => {
    const pod = makePod('p', {
      ...(nodeSelector ? { nodeSelector } : {}),
      ...(affinity ? { affinity } : {}),
    });
    expect(runFilter(nodeAffinity(), pod, nodeInfos([node]))).toEqual([want]);
  });

  it('narrows the nodes to those named by metadata.name terms (PreFilterResult)', () => {
    const pod = makePod('p', {
      affinity: required({ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['b'] }] }),
    });
    expect(runFilter(nodeAffinity(), pod, nodeInfos([makeNode('a'), makeNode('b')]))).toEqual([
      'not in PreFilterResult',
      '',
    ]);
  });

  it('reports conflicting node name terms at PreFilter', () => {
    const pod = makePod('p', {
      affinity: required({
        matchFields: [
          { key: 'metadata.name', operator: 'In', values: ['a'] },
          { key: 'metadata.name', operator: 'In', values: ['b'] },
        ],
      }),
    });
    expect(runFilter(nodeAffinity(), pod, nodeInfos([makeNode('a')]))).toEqual([
      'prefilter: pod affinity terms conflict',
    ]);
  });
});

describe('NodeAffinity Score', () => {
  it('sums the weights of matching preferred terms, normalized to 100', () => {
    const pod = makePod('p', {
      affinity: {
        nodeAffinity: {
          preferredDuringSchedulingIgnoredDuringExecution: [
            {
              weight: 2,
              preference: { matchExpressions: [{ key: 'foo', operator: 'In', values: ['bar'] }] },
            },
            {
              weight: 4,
              preference: { matchExpressions: [{ key: 'key', operator: 'In', values: ['value'] }] },
            },
            { weight: 5, preference: { matchExpressions: [{ key: 'az', operator: 'In', values: ['az1'] }] } },
          ],
        },
      },
    });
    const nodes = nodeInfos([
      makeNode('n1', { labels: { foo: 'bar' } }),
      makeNode('n2', { labels: { foo: 'bar', key: 'value' } }),
      makeNode('n3', { labels: { foo: 'bar', key: 'value', az: 'az1' } }),
      makeNode('n4'),
    ]);
    expect(runScore(nodeAffinity(), pod, nodes)).toEqual({
      raw: [2, 6, 11, 0],
      normalized: [18, 54, 100, 0],
    });
  });

  it('is skipped for pods without preferences', () => {
    expect(runScore(nodeAffinity(), makePod('p'), nodeInfos([makeNode('a')]))).toBeNull();
  });
});

describe('NodeAffinity queueing hint', () => {
  const pod = makePod('p', { nodeSelector: { disk: 'ssd' } });
  const ssd = makeNode('n', { labels: { disk: 'ssd' } });
  it.each([
    { name: 'a matching node added', old: undefined, node: ssd, want: 'Queue' },
    { name: 'a node labelled to match', old: makeNode('n'), node: ssd, want: 'Queue' },
    { name: 'a node that already matched', old: ssd, node: ssd, want: 'QueueSkip' },
    { name: 'a node that does not match', old: undefined, node: makeNode('n'), want: 'QueueSkip' },
  ])('$name: $want', ({ old, node, want }) => {
    expect(isSchedulableAfterNodeChange(pod, old, node)).toBe(want);
  });
});
