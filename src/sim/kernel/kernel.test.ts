import { describe, expect, it } from 'vitest';
import { Kernel } from './kernel';

const newKernel = () => new Kernel({ seed: 1, epoch: 0 });

describe('Kernel', () => {
  it('runs scheduled events at their virtual times, in order', () => {
    const k = newKernel();
    const log: string[] = [];
    k.schedule(300, 'c', () => log.push(`c@${k.clock.now()}`));
    k.schedule(100, 'a', () => {
      log.push(`a@${k.clock.now()}`);
      k.schedule(50, 'a2', () => log.push(`a2@${k.clock.now()}`));
    });
    k.schedule(100, 'b', () => log.push(`b@${k.clock.now()}`));
    expect(k.pending).toBe(3);
    expect(k.runUntilIdle()).toBe(4);
    expect(log).toEqual(['a@100', 'b@100', 'a2@150', 'c@300']);
  });

  it('steps one event at a time, jumping the clock to it', () => {
    const k = newKernel();
    k.schedule(1000, 'heartbeat', () => {});
    expect(k.nextEventLabel()).toBe('heartbeat');
    expect(k.step()).toBe(true);
    expect(k.clock.now()).toBe(1000);
    expect(k.step()).toBe(false);
  });

  it('runUntil runs what is due and leaves the clock at the target', () => {
    const k = newKernel();
    const ran: number[] = [];
    for (const t of [10, 20, 30]) k.schedule(t, `t${t}`, () => ran.push(t));
    expect(k.runUntil(25)).toBe(2);
    expect(ran).toEqual([10, 20]);
    expect(k.clock.now()).toBe(25);
    expect(k.nextEventTime()).toBe(30);
  });

  it('runUntil stops between events when the driver asks it to yield', () => {
    const k = newKernel();
    for (const t of [1, 2, 3, 4]) k.schedule(t, `t${t}`, () => {});
    let calls = 0;
    expect(k.runUntil(10, () => ++calls >= 2)).toBe(2);
    expect(k.clock.now()).toBe(2);
    expect(k.pending).toBe(2);
  });

  it('cancelled events never run', () => {
    const k = newKernel();
    let ran = false;
    const handle = k.schedule(5, 'x', () => (ran = true));
    k.cancel(handle);
    k.runUntilIdle();
    expect(ran).toBe(false);
  });

  it.each([-1, Number.NaN, Number.POSITIVE_INFINITY])('rejects a delay of %s', (delay) => {
    expect(() => newKernel().schedule(delay, 'bad', () => {})).toThrow(RangeError);
  });

  it('stamps trace steps with ids and virtual time', () => {
    const k = newKernel();
    const steps: unknown[] = [];
    k.trace.subscribe((s) => steps.push(s));
    k.schedule(42, 'emit', () => {
      const first = k.trace.emit({ from: 'a', to: 'b', kind: 'request', summary: 'GET /version' });
      k.trace.emit({ from: 'b', to: 'a', kind: 'response', summary: '200 OK', causedBy: first.id });
    });
    k.runUntilIdle();
    expect(steps).toEqual([
      {
        id: 1,
        time: 42,
        from: 'a',
        to: 'b',
        kind: 'request',
        summary: 'GET /version',
        detail: null,
        causedBy: null,
      },
      { id: 2, time: 42, from: 'b', to: 'a', kind: 'response', summary: '200 OK', detail: null, causedBy: 1 },
    ]);
  });

  it('counts the events run, and knows whether one is running', () => {
    const kernel = new Kernel({ seed: 1, epoch: 0 });
    const seen: boolean[] = [];
    kernel.schedule(5, 'a', () => seen.push(kernel.inEvent));
    kernel.schedule(9, 'b', () => {
      throw new Error('boom');
    });
    expect([kernel.eventsRun, kernel.inEvent]).toEqual([0, false]);
    kernel.step();
    expect(() => kernel.step()).toThrow('boom');
    expect(seen).toEqual([true]);
    expect([kernel.eventsRun, kernel.inEvent]).toEqual([2, false]);
  });
});
