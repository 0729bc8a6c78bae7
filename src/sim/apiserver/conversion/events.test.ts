import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../types';
import { coreEventToEventsV1, eventsV1EventToCore } from './events';
import { convert } from './index';

const metadata = { name: 'web.17f', namespace: 'default', uid: 'u-1', resourceVersion: '42' };
const pod = {
  kind: 'Pod',
  namespace: 'default',
  name: 'web',
  uid: 'p-1',
  apiVersion: 'v1',
  fieldPath: 'spec',
};
const node = { kind: 'Node', name: 'node-1', uid: 'n-1', apiVersion: 'v1' };

/** A core v1 Event with every field set. */
const core: KubeObject = {
  apiVersion: 'v1',
  kind: 'Event',
  metadata,
  involvedObject: pod,
  reason: 'Pulled',
  message: 'Successfully pulled image "nginx"',
  source: { component: 'kubelet', host: 'node-1' },
  firstTimestamp: '2025-01-01T00:00:00Z',
  lastTimestamp: '2025-01-01T00:05:00Z',
  count: 3,
  type: 'Normal',
  eventTime: '2025-01-01T00:00:00.000000Z',
  series: { count: 2, lastObservedTime: '2025-01-01T00:05:00.000000Z' },
  action: 'Pulling',
  related: node,
  reportingComponent: 'kubelet',
  reportingInstance: 'node-1',
};

/** The same Event as events.k8s.io/v1 has it. */
const events: KubeObject = {
  apiVersion: 'events.k8s.io/v1',
  kind: 'Event',
  metadata,
  eventTime: '2025-01-01T00:00:00.000000Z',
  series: { count: 2, lastObservedTime: '2025-01-01T00:05:00.000000Z' },
  reportingController: 'kubelet',
  reportingInstance: 'node-1',
  action: 'Pulling',
  reason: 'Pulled',
  regarding: pod,
  related: node,
  note: 'Successfully pulled image "nginx"',
  type: 'Normal',
  deprecatedSource: { component: 'kubelet', host: 'node-1' },
  deprecatedFirstTimestamp: '2025-01-01T00:00:00Z',
  deprecatedLastTimestamp: '2025-01-01T00:05:00Z',
  deprecatedCount: 3,
};

/** Each core field and the events.k8s.io field it becomes. */
const FIELDS: [string, string][] = [
  ['involvedObject', 'regarding'],
  ['reason', 'reason'],
  ['message', 'note'],
  ['source', 'deprecatedSource'],
  ['firstTimestamp', 'deprecatedFirstTimestamp'],
  ['lastTimestamp', 'deprecatedLastTimestamp'],
  ['count', 'deprecatedCount'],
  ['type', 'type'],
  ['eventTime', 'eventTime'],
  ['series', 'series'],
  ['action', 'action'],
  ['related', 'related'],
  ['reportingComponent', 'reportingController'],
  ['reportingInstance', 'reportingInstance'],
];

describe('core v1 Event -> events.k8s.io/v1', () => {
  const out = coreEventToEventsV1(core);

  it.each(FIELDS)('%s becomes %s', (from, to) => {
    expect(out[to]).toEqual(core[from]);
  });

  it('keeps the metadata and names the new version', () => {
    expect(out.apiVersion).toBe('events.k8s.io/v1');
    expect(out.kind).toBe('Event');
    expect(out.metadata).toEqual(metadata);
  });

  it("gives the whole object in events.k8s.io/v1's field order, and no core field", () => {
    expect(JSON.stringify(out)).toBe(JSON.stringify(events));
  });
});

describe('events.k8s.io/v1 Event -> core v1', () => {
  const out = eventsV1EventToCore(events);

  it.each(FIELDS)('%s comes from %s', (to, from) => {
    expect(out[to]).toEqual(events[from]);
  });

  it("gives the whole object in core v1's field order", () => {
    expect(JSON.stringify(out)).toBe(JSON.stringify(core));
  });
});

describe('what the conversion does not do', () => {
  it.each([
    ['events.k8s.io/v1', { reportingController: 'ctrl', reportingInstance: 'ctrl-1', note: 'n' }],
    ['v1', { source: { component: 'kubelet' }, message: 'm' }],
  ])('derives no field from another (from %s)', (apiVersion, fields) => {
    const out = convert(
      { apiVersion, kind: 'Event', metadata: { name: 'e' }, ...fields },
      apiVersion === 'v1' ? 'events.k8s.io/v1' : 'v1',
    );
    const keys = Object.keys(out).filter((k) => !['apiVersion', 'kind', 'metadata'].includes(k));
    expect(keys).toHaveLength(Object.keys(fields).length);
  });

  it('leaves absent fields absent, and copies explicit nulls', () => {
    const out = coreEventToEventsV1({
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name: 'e' },
      involvedObject: pod,
      firstTimestamp: null,
    });
    expect(out).toEqual({
      apiVersion: 'events.k8s.io/v1',
      kind: 'Event',
      metadata: { name: 'e' },
      regarding: pod,
      deprecatedFirstTimestamp: null,
    });
  });

  it("keeps only a series' count and lastObservedTime (core v1's removed `state` goes)", () => {
    const out = coreEventToEventsV1({ ...core, series: { count: 5, state: 'Ongoing' } });
    expect(out['series']).toEqual({ count: 5 });
  });

  it('returns new objects and leaves the input alone', () => {
    const input = structuredClone(core);
    const out = coreEventToEventsV1(input);
    expect(input).toEqual(core);
    expect(out.metadata).not.toBe(input.metadata);
    expect(out['regarding']).not.toBe(input['involvedObject']);
  });
});

describe('round trips', () => {
  it.each([
    ['a full core Event', core],
    [
      'a minimal core Event',
      { apiVersion: 'v1', kind: 'Event', metadata, involvedObject: pod, message: 'x' },
    ],
  ])('core -> events.k8s.io -> core is lossless: %s', (_name, obj) => {
    expect(convert(convert(obj, 'events.k8s.io/v1'), 'v1')).toEqual(obj);
  });

  it.each([
    ['a full events.k8s.io Event', events],
    [
      'an Event as client-go/tools/events writes it',
      {
        apiVersion: 'events.k8s.io/v1',
        kind: 'Event',
        metadata,
        eventTime: '2025-01-01T00:00:00.000000Z',
        reportingController: 'default-scheduler',
        reportingInstance: 'default-scheduler-node-1',
        action: 'Binding',
        reason: 'Scheduled',
        regarding: pod,
        note: 'Successfully assigned default/web to node-1',
        type: 'Normal',
      },
    ],
  ])('events.k8s.io -> core -> events.k8s.io is lossless: %s', (_name, obj) => {
    expect(convert(convert(obj, 'v1'), 'events.k8s.io/v1')).toEqual(obj);
  });
});
