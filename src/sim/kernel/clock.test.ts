import { describe, expect, it } from 'vitest';
import { VirtualClock } from './clock';

describe('VirtualClock', () => {
  it('starts at zero and only moves forward', () => {
    const clock = new VirtualClock(0);
    expect(clock.now()).toBe(0);
    clock.advanceTo(1500);
    expect(clock.now()).toBe(1500);
    expect(() => clock.advanceTo(1000)).toThrow(/cannot go back/);
    expect(() => clock.advanceTo(Number.NaN)).toThrow(RangeError);
  });

  it('renders timestamps as Kubernetes does: RFC 3339, whole seconds, UTC', () => {
    const clock = new VirtualClock(Date.UTC(2025, 0, 1));
    expect(clock.timestamp()).toBe('2025-01-01T00:00:00Z');
    clock.advanceTo(61_999);
    expect(clock.timestamp()).toBe('2025-01-01T00:01:01Z');
  });

  it('keeps whole seconds when the epoch itself has milliseconds', () => {
    const clock = new VirtualClock(Date.UTC(2025, 0, 1, 0, 0, 0, 750));
    expect(clock.timestamp()).toBe('2025-01-01T00:00:00Z');
    clock.advanceTo(300);
    expect(clock.timestamp()).toBe('2025-01-01T00:00:01Z');
  });
});
