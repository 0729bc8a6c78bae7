import { describe, expect, it } from 'vitest';
import { EventCorrelator, Lru, type CorrelatedEvent } from './event-correlator';

const base: CorrelatedEvent = {
  source: 'kubelet',
  host: 'node-1',
  object: ['Pod', 'default', 'web', 'uid-1', 'v1'],
  type: 'Warning',
  reason: 'BackOff',
  message: 'Back-off restarting failed container app in pod web_default(uid-1)',
};

/** Records `events` in order, `stepMs` apart, answering each with its decision's action/message. */
function run(events: readonly CorrelatedEvent[], stepMs = 1000) {
  const c = new EventCorrelator();
  return events.map((e, i) => {
    const d = c.correlate(e, i * stepMs);
    if (d.action === 'create') c.created(d.key, `e${i}`, 'default');
    return d.action === 'skip'
      ? 'skip'
      : d.action === 'create'
        ? `create ${d.message}`
        : `patch ${d.name} x${d.count}`;
  });
}

describe('EventCorrelator', () => {
  it.each([
    {
      name: 'an identical event patches the first one with a growing count',
      events: [base, base, base],
      want: [`create ${base.message}`, 'patch e0 x2', 'patch e0 x3'],
    },
    {
      name: 'another reason is another event',
      events: [base, { ...base, reason: 'Failed' }],
      want: [`create ${base.message}`, `create ${base.message}`],
    },
    {
      name: 'another object is another event',
      events: [base, { ...base, object: ['Pod', 'default', 'api', 'uid-2', 'v1'] }],
      want: [`create ${base.message}`, `create ${base.message}`],
    },
    {
      name: 'the tenth different message of one reason starts a combined event',
      events: Array.from({ length: 12 }, (_, i) => ({ ...base, reason: 'Created', message: `pod ${i}` })),
      want: [
        ...Array.from({ length: 9 }, (_, i) => `create pod ${i}`),
        'create (combined from similar events): pod 9',
        'patch e9 x2',
        'patch e9 x3',
      ],
    },
  ])('$name', ({ events, want }) => {
    expect(run(events)).toEqual(want);
  });

  it('counts repeats however far apart they are', () => {
    expect(run([base, base], 3_600_000)).toEqual([`create ${base.message}`, 'patch e0 x2']);
  });

  it('lets a source burst 25 events about an object, then one every five minutes', () => {
    const c = new EventCorrelator();
    const actions: string[] = [];
    for (let i = 0; i < 30; i++) {
      const d = c.correlate({ ...base, message: `m${i % 5}` }, i);
      if (d.action === 'create') c.created(d.key, `e${i}`, 'default');
      actions.push(d.action);
    }
    expect(actions.filter((a) => a !== 'skip')).toHaveLength(25);
    expect(actions.slice(25)).toEqual(['skip', 'skip', 'skip', 'skip', 'skip']);
    // Five minutes later one more token has refilled; the skipped repeats still counted.
    const later = c.correlate({ ...base, message: 'm0' }, 300_030);
    expect(later).toMatchObject({ action: 'patch', count: 7 });
    expect(c.correlate({ ...base, message: 'm0' }, 300_031).action).toBe('skip');
  });

  it('forgets a combined group after ten quiet minutes', () => {
    const c = new EventCorrelator();
    for (let i = 0; i < 10; i++) c.correlate({ ...base, message: `m${i}` }, 0);
    const d = c.correlate({ ...base, message: 'fresh' }, 600_001);
    expect(d).toMatchObject({ action: 'create', message: 'fresh' });
  });
});

describe('Lru', () => {
  it('drops the least recently used key beyond its capacity', () => {
    const lru = new Lru<number>(2);
    lru.set('a', 1);
    lru.set('b', 2);
    lru.get('a');
    lru.set('c', 3);
    expect([lru.get('a'), lru.get('b'), lru.get('c'), lru.size]).toEqual([1, undefined, 3, 2]);
  });
});
