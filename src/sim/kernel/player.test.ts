import { describe, expect, it } from 'vitest';
import { Kernel } from './kernel';
import { MAX_TICK_MS, Player, isSpeed } from './player';

function setup(eventTimes: number[] = []) {
  const kernel = new Kernel({ seed: 1, epoch: 0 });
  for (const t of eventTimes) kernel.schedule(t, `at ${t}`, () => {});
  return { kernel, player: new Player(kernel) };
}

describe('Player', () => {
  it('does nothing while paused', () => {
    const { kernel, player } = setup([10]);
    expect(player.tick(1000)).toBe(0);
    expect(kernel.clock.now()).toBe(0);
  });

  it.each([
    [0.25, 100, 25],
    [1, 100, 100],
    [2, 100, 200],
    [100, 100, 10_000],
  ])('at %sx, %s real ms advance the clock %s virtual ms', (speed, real, virtual) => {
    const { kernel, player } = setup();
    player.setSpeed(speed);
    player.play();
    player.tick(real);
    expect(kernel.clock.now()).toBe(virtual);
  });

  it('runs the events that fall inside the elapsed virtual time', () => {
    const { kernel, player } = setup([50, 150, 250]);
    player.play();
    expect(player.tick(200)).toBe(2);
    expect(kernel.clock.now()).toBe(200);
  });

  it(`caps one tick at ${MAX_TICK_MS} real ms so time never leaps after a stall`, () => {
    const { kernel, player } = setup();
    player.play();
    player.tick(60_000);
    expect(kernel.clock.now()).toBe(MAX_TICK_MS);
  });

  it('at max speed runs events back to back, jumping the clock between them', () => {
    const { kernel, player } = setup([1000, 60_000, 3_600_000]);
    player.setSpeed('max');
    player.play();
    expect(player.tick(1)).toBe(3);
    expect(kernel.clock.now()).toBe(3_600_000);
  });

  it('step runs exactly one event and pauses', () => {
    const { kernel, player } = setup([5000, 9000]);
    player.play();
    expect(player.step()).toBe(true);
    expect(kernel.clock.now()).toBe(5000);
    expect(player.state()).toEqual({ time: 5000, playing: false, speed: 1, pending: 1, next: 'at 9000' });
  });

  it.each([0, 0.1, 101, Number.NaN, 'fast', null])('rejects speed %s', (speed) => {
    expect(isSpeed(speed)).toBe(false);
    expect(() => setup().player.setSpeed(speed as never)).toThrow(/speed must be between 0.25x and 100x/);
  });
});
