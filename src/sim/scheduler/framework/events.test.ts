import { describe, expect, it } from 'vitest';
import { makeNode, makePod } from '../testing';
import {
  isPodUpdated,
  isPodWorthRequeuing,
  podUpdateEvent,
  withNodeTaintWorkaround,
  type ClusterEvent,
  type EventRegistration,
} from './events';

const nodeAdd: ClusterEvent = { resource: 'Node', actions: ['Add'], label: 'NodeAdd', newObj: makeNode('n') };
const taintChange: ClusterEvent = {
  resource: 'Node',
  actions: ['UpdateNodeTaint'],
  label: 'NodeTaintChange',
};
const podDelete: ClusterEvent = { resource: 'Pod', actions: ['Delete'], label: 'AssignedPodDelete' };

describe('isPodWorthRequeuing', () => {
  const registrations = new Map<string, readonly EventRegistration[]>([
    ['Fit', withNodeTaintWorkaround([{ resource: 'Node', actions: ['Add'], hint: () => 'QueueSkip' }])],
    ['Ports', [{ resource: 'Pod', actions: ['Delete'] }]],
    ['Labels', [{ resource: 'Pod', actions: ['All'] }]],
  ]);
  const pod = makePod('p');
  it.each([
    { name: 'no rejecting plugin: any event', event: nodeAdd, rejectors: [], want: true },
    {
      name: 'wildcard (unschedulable timeout)',
      event: { resource: 'WildCard', actions: [], label: 'UnschedulableTimeout' } as ClusterEvent,
      rejectors: ['Fit'],
      want: true,
    },
    { name: 'a hint saying QueueSkip', event: nodeAdd, rejectors: ['Fit'], want: false },
    {
      name: 'Node/Add also registers UpdateNodeTaint, without a hint',
      event: taintChange,
      rejectors: ['Fit'],
      want: true,
    },
    { name: 'an event the plugin did not register', event: nodeAdd, rejectors: ['Ports'], want: false },
    { name: 'a registration without a hint', event: podDelete, rejectors: ['Fit', 'Ports'], want: true },
    {
      name: 'Pod/All sees the pending pod itself',
      event: podUpdateEvent(pod, { ...pod, metadata: { ...pod.metadata, labels: { a: 'b' } } }),
      rejectors: ['Labels'],
      want: true,
    },
  ])('$name', ({ event, rejectors, want }) => {
    expect(isPodWorthRequeuing(pod, event, new Set(rejectors), registrations)).toBe(want);
  });
});

describe('pod updates', () => {
  const pod = makePod('p', { labels: { app: 'a' } });
  it('ignore status and bookkeeping changes', () => {
    expect(
      isPodUpdated(pod, {
        ...pod,
        metadata: { ...pod.metadata, resourceVersion: '9' },
        status: { phase: 'Pending', conditions: [] },
      }),
    ).toBe(false);
    expect(isPodUpdated(pod, { ...pod, metadata: { ...pod.metadata, labels: { app: 'b' } } })).toBe(true);
  });

  it('name what changed', () => {
    const gated = makePod('g', { spec: { schedulingGates: [{ name: 'x' }] } });
    const spec = gated.spec ?? { containers: [] };
    expect(
      podUpdateEvent(gated, {
        ...gated,
        spec: { ...spec, schedulingGates: [], tolerations: [{ operator: 'Exists' }] },
      }).actions,
    ).toEqual(['UpdatePodTolerations', 'UpdatePodSchedulingGatesEliminated']);
    expect(podUpdateEvent(pod, pod).actions).toEqual(['UpdatePod']);
  });
});
