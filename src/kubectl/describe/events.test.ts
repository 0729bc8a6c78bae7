import type { Event } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../sim/apiserver/types';
import { describeEvents, eventsFor, searchEvents } from './events';
import type { DescribeContext } from './index';
import { DescribeWriter } from './writer';

const NOW = Date.parse('2025-03-01T12:00:00Z');

function ctxWith(
  events: Event[],
  calls: [string, Record<string, string> | undefined][] = [],
): DescribeContext {
  return {
    now: NOW,
    list: async (path, query) => {
      calls.push([path, query]);
      return events as unknown as KubeObject[];
    },
    get: async () => null,
  };
}

const event = (fields: Partial<Event>): Event => ({ metadata: {}, involvedObject: {}, ...fields });

describe('searchEvents', () => {
  it('selects by kind, name, namespace and uid, in sorted field order and escaped', async () => {
    const calls: [string, Record<string, string> | undefined][] = [];
    await searchEvents(ctxWith([], calls), { kind: 'Deployment', name: 'a,b', namespace: 'ns', uid: 'u1' });
    expect(calls).toEqual([
      [
        '/api/v1/namespaces/ns/events',
        {
          fieldSelector:
            'involvedObject.kind=Deployment,involvedObject.name=a\\,b,involvedObject.namespace=ns,involvedObject.uid=u1',
        },
      ],
    ]);
  });

  it('searches every namespace for cluster-scoped objects and leaves out a missing kind', async () => {
    const calls: [string, Record<string, string> | undefined][] = [];
    await searchEvents(ctxWith([], calls), { name: 'node-1', namespace: '', uid: 'node-1' });
    expect(calls[0]).toEqual([
      '/api/v1/events',
      { fieldSelector: 'involvedObject.name=node-1,involvedObject.namespace=,involvedObject.uid=node-1' },
    ]);
  });

  it('gives no section when events are turned off, and no events when the search fails', async () => {
    const off = { ...ctxWith([]), showEvents: false };
    expect(await eventsFor(off, { name: 'x', namespace: 'default' })).toBeNull();
    const failing: DescribeContext = { ...ctxWith([]), list: () => Promise.reject(new Error('boom')) };
    expect(await eventsFor(failing, { name: 'x', namespace: 'default' })).toEqual([]);
  });
});

describe('describeEvents', () => {
  const render = (events: Event[]) => {
    const w = new DescribeWriter();
    w.write(0, 'Name:\tlong-enough-name\n');
    describeEvents(events, w, NOW);
    return w.toString();
  };

  it('writes <none> aligned with the fields above when there are no events', () => {
    expect(render([])).toBe('Name:    long-enough-name\nEvents:  <none>\n');
  });

  it('orders by last timestamp, counts repeats, and aligns the table on its own', () => {
    const text = render([
      event({
        type: 'Warning',
        reason: 'BackOff',
        message: 'Back-off restarting failed container  \n',
        source: { component: 'kubelet' },
        firstTimestamp: '2025-03-01T11:50:00Z',
        lastTimestamp: '2025-03-01T11:59:30Z',
        count: 4,
      }),
      event({
        type: 'Normal',
        reason: 'Scheduled',
        message: 'Successfully assigned default/web to node-1',
        reportingComponent: 'default-scheduler',
        eventTime: '2025-03-01T11:45:00.123456Z',
      }),
      event({
        type: 'Normal',
        reason: 'Pulled',
        message: 'pulled',
        series: { count: 3, lastObservedTime: '2025-03-01T11:59:58.000000Z' },
        eventTime: '2025-03-01T11:58:00.000000Z',
        lastTimestamp: '2025-03-01T11:40:00Z',
        source: { component: 'kubelet' },
      }),
      event({
        type: 'Normal',
        reason: 'Future',
        lastTimestamp: '2025-03-01T12:00:05Z',
        firstTimestamp: '2025-03-01T12:00:05Z',
      }),
    ]);
    expect(text).toBe(
      [
        'Name:  long-enough-name',
        'Events:',
        '  Type     Reason     Age                From               Message',
        '  ----     ------     ----               ----               -------',
        '  Normal   Scheduled  14m                default-scheduler  Successfully assigned default/web to node-1',
        '  Normal   Pulled     2s (x3 over 2m)    kubelet            pulled',
        '  Warning  BackOff    30s (x4 over 10m)  kubelet            Back-off restarting failed container',
        '  Normal   Future     <invalid>                             ',
        '',
      ].join('\n'),
    );
  });
});
