import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../types';
import { eventPrinter } from './events';

const NOW = Date.parse('2025-01-01T00:00:00Z');
const ago = (ms: number) => new Date(NOW - ms).toISOString();
const SEC = 1000;
const MIN = 60 * SEC;
const cells = (obj: object) => eventPrinter.print(obj as KubeObject, NOW).cells;

describe('event columns', () => {
  it('put LAST SEEN first and the name last, in wide only', () => {
    expect(eventPrinter.columns.map((c) => `${c.name}:${c.format}:${c.priority}`)).toEqual([
      'Last Seen::0',
      'Type::0',
      'Reason::0',
      'Object::0',
      'Subobject::1',
      'Source::1',
      'Message::0',
      'First Seen::1',
      'Count::1',
      'Name:name:1',
    ]);
  });
});

describe('core/v1 events', () => {
  it.each<[string, object, unknown[]]>([
    [
      'a repeated kubelet event',
      {
        apiVersion: 'v1',
        kind: 'Event',
        metadata: { name: 'web-1.181a', namespace: 'default' },
        involvedObject: { kind: 'Pod', name: 'web-1', fieldPath: 'spec.containers{nginx}' },
        reason: 'BackOff',
        message: 'Back-off restarting failed container nginx in pod web-1_default(uid)\n',
        source: { component: 'kubelet', host: 'node-1' },
        firstTimestamp: ago(10 * MIN),
        lastTimestamp: ago(30 * SEC),
        count: 12,
        type: 'Warning',
      },
      [
        '30s',
        'Warning',
        'BackOff',
        'pod/web-1',
        'spec.containers{nginx}',
        'kubelet, node-1',
        'Back-off restarting failed container nginx in pod web-1_default(uid)',
        '10m',
        12,
        'web-1.181a',
      ],
    ],
    [
      'a new-style event: eventTime, reporting controller, no count',
      {
        apiVersion: 'v1',
        kind: 'Event',
        metadata: { name: 'web-1.181b' },
        involvedObject: { kind: 'Pod', name: 'web-1' },
        reason: 'Scheduled',
        message: 'Successfully assigned default/web-1 to node-1',
        source: {},
        eventTime: ago(2 * MIN).replace('Z', '000Z'),
        reportingComponent: 'default-scheduler',
        reportingInstance: 'default-scheduler-control-plane',
        type: 'Normal',
      },
      [
        '2m',
        'Normal',
        'Scheduled',
        'pod/web-1',
        '',
        'default-scheduler, default-scheduler-control-plane',
        'Successfully assigned default/web-1 to node-1',
        '2m',
        1,
        'web-1.181b',
      ],
    ],
    [
      'a series overrides last seen and count',
      {
        apiVersion: 'v1',
        kind: 'Event',
        metadata: { name: 'e' },
        involvedObject: { kind: 'Node', name: 'node-1' },
        reason: 'NodeNotReady',
        message: 'Node node-1 status is now: NodeNotReady',
        source: { component: 'node-controller' },
        eventTime: ago(20 * MIN),
        series: { count: 4, lastObservedTime: ago(3 * MIN) },
        count: 1,
        type: 'Normal',
      },
      [
        '3m',
        'Normal',
        'NodeNotReady',
        'node/node-1',
        '',
        'node-controller',
        'Node node-1 status is now: NodeNotReady',
        '20m',
        4,
        'e',
      ],
    ],
    [
      'no object name, no timestamps',
      {
        apiVersion: 'v1',
        kind: 'Event',
        metadata: { name: 'e2' },
        involvedObject: { kind: 'Namespace' },
        reason: 'Something',
        message: '  padded  ',
        type: 'Normal',
      },
      ['<unknown>', 'Normal', 'Something', 'namespace', '', '', 'padded', '<unknown>', 1, 'e2'],
    ],
  ])('%s', (_name, obj, expected) => {
    expect(cells(obj)).toEqual(expected);
  });
});

describe('events.k8s.io/v1 events', () => {
  it('print like core events', () => {
    const event = {
      apiVersion: 'events.k8s.io/v1',
      kind: 'Event',
      metadata: { name: 'web-1.181c' },
      regarding: { kind: 'Pod', name: 'web-1', fieldPath: 'spec.containers{app}' },
      reason: 'Pulled',
      note: 'Container image "nginx" already present on machine',
      action: 'Pulling',
      reportingController: 'kubelet',
      reportingInstance: 'node-2',
      eventTime: ago(90 * SEC),
      deprecatedFirstTimestamp: ago(5 * MIN),
      deprecatedLastTimestamp: ago(90 * SEC),
      deprecatedCount: 3,
      type: 'Normal',
    };
    expect(cells(event)).toEqual([
      '90s',
      'Normal',
      'Pulled',
      'pod/web-1',
      'spec.containers{app}',
      'kubelet, node-2',
      'Container image "nginx" already present on machine',
      '5m',
      3,
      'web-1.181c',
    ]);
    const { apiVersion: _drop, ...withoutVersion } = event;
    expect(cells(withoutVersion)).toEqual(cells(event));
  });
});
