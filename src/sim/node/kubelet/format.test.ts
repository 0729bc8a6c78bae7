import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../kernel/clock';
import { Backoff } from './backoff';
import { goDuration, mergePatchBetween, microTime } from './format';

describe('kubelet formatting', () => {
  it('prints durations as Go does', () => {
    expect([0, 412, 2500, 3177, 10_000, 80_000, 160_000, 300_000, 3_600_000].map(goDuration)).toEqual([
      '0s',
      '412ms',
      '2.5s',
      '3.177s',
      '10s',
      '1m20s',
      '2m40s',
      '5m0s',
      '1h0m0s',
    ]);
  });

  it('prints MicroTime with six fractional digits', () => {
    const clock = new VirtualClock(Date.UTC(2025, 0, 1));
    expect(microTime(clock, 10_250)).toBe('2025-01-01T00:00:10.250000Z');
  });

  it('computes two-way merge patches', () => {
    expect(mergePatchBetween({ a: 1, b: { c: 2, d: 3 } }, { a: 1, b: { c: 2 } })).toEqual({ b: { d: null } });
    expect(mergePatchBetween({ l: [1, 2] }, { l: [1, 2] })).toBeUndefined();
    expect(mergePatchBetween({ l: [{ x: 1 }] }, { l: [{ x: 2 }] })).toEqual({ l: [{ x: 2 }] });
    expect(mergePatchBetween({}, { lastProbeTime: null })).toBeUndefined();
  });
});

describe('flowcontrol back-off', () => {
  it('starts at 10 s, doubles to 5 min and forgets after twice the maximum', () => {
    const clock = new VirtualClock(0);
    const backoff = new Backoff(clock);
    const seen: number[] = [];
    for (let i = 0; i < 7; i++) {
      backoff.next('k', clock.now());
      seen.push(backoff.get('k'));
    }
    expect(seen).toEqual([10_000, 20_000, 40_000, 80_000, 160_000, 300_000, 300_000]);
    expect(backoff.isInBackOffSince('k', clock.now())).toBe(true);
    clock.advanceTo(300_000);
    expect(backoff.isInBackOffSince('k', 0)).toBe(false);
    clock.advanceTo(700_000);
    backoff.next('k', clock.now());
    expect(backoff.get('k')).toBe(10_000);
  });
});
