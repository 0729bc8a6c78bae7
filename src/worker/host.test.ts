import { describe, expect, it } from 'vitest';
import { createInProcessHost } from './in-process-host';
import type { HostEvent } from './protocol';

describe('in-process host', () => {
  it('speaks the protocol asynchronously, like a worker', async () => {
    const frames: (() => void)[] = [];
    let now = 0;
    const host = createInProcessHost({ seed: 3 }, { now: () => now, requestFrame: (cb) => frames.push(cb) });
    const events: HostEvent[] = [];
    host.subscribe((e) => events.push(e));
    expect(events).toEqual([]);
    await Promise.resolve();
    await Promise.resolve();
    expect(events.map((e) => e.type)).toEqual(['init']);

    host.send({ type: 'setSpeed', speed: 2 });
    host.send({ type: 'play' });
    await new Promise((r) => setTimeout(r, 0));
    now += 100;
    frames.splice(0).forEach((cb) => cb());
    await new Promise((r) => setTimeout(r, 0));
    expect(events.findLast((e) => e.type === 'batch')).toMatchObject({
      clock: { time: 200, playing: true, speed: 2 },
    });
    // The first frame also brings the Nodes' health, after its batch.
    expect(events.at(-1)?.type).toBe('nodes');

    host.dispose();
    frames.splice(0).forEach((cb) => cb());
    await new Promise((r) => setTimeout(r, 0));
    const count = events.length;
    host.send({ type: 'play' });
    await new Promise((r) => setTimeout(r, 0));
    expect(events).toHaveLength(count);
  });
});
