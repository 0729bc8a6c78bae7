import { describe, expect, it } from 'vitest';
import { deleteBefore, deletionCost, isPodActive, isPodAvailable, podsToDelete } from './pods';
import type { PodObject } from './types';

const NOW = Date.UTC(2025, 0, 1, 1, 0, 0);
const at = (secondsAgo: number) => new Date(NOW - secondsAgo * 1000).toISOString().replace('.000Z', 'Z');

interface Shape {
  node?: string;
  phase?: string;
  ready?: number;
  restarts?: number;
  created?: number;
  cost?: string;
  uid?: string;
  deleting?: boolean;
}

/** A pod: `ready` and `created` are seconds before NOW. */
function pod(name: string, s: Shape = {}): PodObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: 'default',
      uid: s.uid ?? name,
      ...(s.created === undefined ? {} : { creationTimestamp: at(s.created) }),
      ...(s.cost === undefined
        ? {}
        : { annotations: { 'controller.kubernetes.io/pod-deletion-cost': s.cost } }),
      ...(s.deleting === true ? { deletionTimestamp: at(0) } : {}),
    },
    spec: { containers: [], ...(s.node === undefined ? {} : { nodeName: s.node }) },
    status: {
      ...(s.phase === undefined ? {} : { phase: s.phase }),
      ...(s.ready === undefined
        ? {}
        : { conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: at(s.ready) }] }),
      containerStatuses: [
        { name: 'c', image: 'i', imageID: '', ready: s.ready !== undefined, restartCount: s.restarts ?? 0 },
      ],
    },
  };
}

const running = (extra: Shape = {}): Shape => ({
  node: 'n1',
  phase: 'Running',
  ready: 100,
  created: 200,
  ...extra,
});

describe('deletion ranking (ActivePodsWithRanks)', () => {
  it.each([
    ['unassigned before assigned', { phase: 'Running' }, { node: 'n1', phase: 'Pending' }],
    ['Pending before Unknown', { node: 'n1', phase: 'Pending' }, { node: 'n1', phase: 'Unknown' }],
    ['Unknown before Running', { node: 'n1', phase: 'Unknown' }, { node: 'n1', phase: 'Running' }],
    ['not ready before ready', { node: 'n1', phase: 'Running' }, running()],
    ['lower deletion cost first', running({ cost: '-5' }), running({ cost: '10' })],
    ['an invalid deletion cost counts as 0', running({ cost: '+10' }), running({ cost: '1' })],
    ['ready for less time first', running({ ready: 10 }), running({ ready: 1000 })],
    ['more restarts first', running({ restarts: 4 }), running({ restarts: 1 })],
    ['newer before older', running({ created: 10 }), running({ created: 5000 })],
    ['no creation time before any', running({ created: undefined }), running({ created: 10 })],
    [
      'same log2 bucket: lower uid first',
      running({ created: 70, uid: 'a' }),
      running({ created: 80, uid: 'b' }),
    ],
    [
      'same log2 bucket of ready time: lower uid',
      running({ ready: 70, uid: 'a' }),
      running({ ready: 80, uid: 'b' }),
    ],
  ] as const)('%s', (_name, first, second) => {
    const a = { pod: pod('a', first), rank: 0 };
    const b = { pod: pod('b', second), rank: 0 };
    expect(deleteBefore(a, b, NOW)).toBe(true);
    expect(deleteBefore(b, a, NOW)).toBe(false);
  });

  it('prefers pods doubled up on a node with more related pods', () => {
    const a = { pod: pod('a', running()), rank: 3 };
    const b = { pod: pod('b', running()), rank: 1 };
    expect(deleteBefore(a, b, NOW)).toBe(true);
    expect(deleteBefore(b, a, NOW)).toBe(false);
  });

  it('picks victims by rank, counting active related pods per node', () => {
    const pods = [
      pod('x', running({ node: 'n1' })),
      pod('y', running({ node: 'n2' })),
      pod('z', running({ node: 'n3' })),
    ];
    const related = [
      ...pods,
      pod('r1', running({ node: 'n2' })),
      pod('r2', running({ node: 'n3', deleting: true })),
    ];
    expect(podsToDelete(pods, related, 1, NOW).map((p) => p.metadata.name)).toEqual(['y']);
    expect(podsToDelete(pods, related, 3, NOW)).toHaveLength(3);
  });
});

describe('pod predicates', () => {
  it.each([
    ['pending', { phase: 'Pending' }, true],
    ['running', { phase: 'Running' }, true],
    ['succeeded', { phase: 'Succeeded' }, false],
    ['failed', { phase: 'Failed' }, false],
    ['being deleted', { phase: 'Running', deleting: true }, false],
  ] as const)('a %s pod is active: %s', (_name, shape, active) => {
    expect(isPodActive(pod('p', shape))).toBe(active);
  });

  it.each([
    ['not ready', {}, 0, false],
    ['ready, no minReadySeconds', { ready: 0 }, 0, true],
    ['ready for less than minReadySeconds', { ready: 5 }, 10, false],
    ['ready for exactly minReadySeconds', { ready: 10 }, 10, false],
    ['ready for longer than minReadySeconds', { ready: 11 }, 10, true],
  ] as const)('%s: available %s', (_name, shape, minReadySeconds, available) => {
    expect(isPodAvailable(pod('p', shape), minReadySeconds, NOW)).toBe(available);
  });

  it.each([
    [undefined, 0],
    ['7', 7],
    ['-3', -3],
    ['0', 0],
    ['007', 0],
    ['+1', 0],
    ['x', 0],
    ['2147483648', 0],
    ['-2147483648', -2147483648],
  ] as const)('pod-deletion-cost %s reads as %d', (value, cost) => {
    expect(deletionCost(pod('p', value === undefined ? {} : { cost: value }))).toBe(cost);
  });
});
