import { describe, expect, it } from 'vitest';
import { EventQueue } from './queue';

function drain(queue: EventQueue): string[] {
  const out: string[] = [];
  for (let e = queue.pop(); e !== undefined; e = queue.pop()) out.push(e.label);
  return out;
}

describe('EventQueue', () => {
  it('pops events in time order', () => {
    const q = new EventQueue();
    for (const [time, label] of [
      [30, 'c'],
      [10, 'a'],
      [20, 'b'],
      [5, 'first'],
    ] as const) {
      q.push(time, label, () => {});
    }
    expect(drain(q)).toEqual(['first', 'a', 'b', 'c']);
  });

  it('keeps insertion order for events at the same time', () => {
    const q = new EventQueue();
    const labels = Array.from({ length: 50 }, (_, i) => `e${i}`);
    for (const label of labels) q.push(100, label, () => {});
    q.push(50, 'early', () => {});
    expect(drain(q)).toEqual(['early', ...labels]);
  });

  it('skips cancelled events and counts only live ones', () => {
    const q = new EventQueue();
    const a = q.push(1, 'a', () => {});
    q.push(2, 'b', () => {});
    const c = q.push(3, 'c', () => {});
    q.cancel(a);
    q.cancel(c);
    q.cancel(c);
    expect(q.size).toBe(1);
    expect(q.peek()?.label).toBe('b');
    expect(drain(q)).toEqual(['b']);
    expect(q.size).toBe(0);
  });

  it('ignores cancelling an event that already ran', () => {
    const q = new EventQueue();
    const a = q.push(1, 'a', () => {});
    q.push(2, 'b', () => {});
    expect(q.pop()).toBe(a);
    q.cancel(a);
    expect(q.size).toBe(1);
    expect(a.status).toBe('done');
  });

  it('orders a large random workload like a stable sort', () => {
    const q = new EventQueue();
    const input: { time: number; label: string }[] = [];
    let x = 12345;
    for (let i = 0; i < 2000; i++) {
      x = (x * 1103515245 + 12345) % 2147483648;
      input.push({ time: x % 97, label: `e${i}` });
    }
    for (const { time, label } of input) q.push(time, label, () => {});
    const expected = [...input].sort((p, q2) => p.time - q2.time).map((e) => e.label);
    expect(drain(q)).toEqual(expected);
  });
});
