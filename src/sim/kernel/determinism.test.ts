import { describe, expect, it } from 'vitest';
import { Kernel } from './kernel';
import { Player } from './player';
import type { TraceStep } from './trace';

/**
 * A stand-in workload that leans on everything that could break determinism: random
 * delays, events at equal times, cancellation and causal links between steps.
 */
function runWorkload(seed: number, drive: (player: Player) => void): TraceStep[] {
  const kernel = new Kernel({ seed, epoch: 0 });
  const steps: TraceStep[] = [];
  kernel.trace.subscribe((s) => steps.push(s));
  const actors = ['kubelet', 'scheduler', 'controller'];
  for (const actor of actors) {
    let cause: number | null = null;
    const tick = () => {
      const step = kernel.trace.emit({
        from: actor,
        to: 'apiserver',
        kind: 'request',
        summary: `${actor} -> ${kernel.rng.int(1, 100)}`,
        causedBy: cause,
      });
      cause = step.id;
      const delay = kernel.rng.pick([0, 10, 10, 250, 1000]);
      const timer = kernel.schedule(delay, `${actor} tick`, tick);
      if (kernel.rng.float() < 0.1) kernel.cancel(timer);
      if (kernel.rng.float() < 0.1 || kernel.pending === 0)
        kernel.schedule(delay + 1, `${actor} retry`, tick);
    };
    kernel.schedule(0, `${actor} start`, tick);
  }
  const player = new Player(kernel);
  drive(player);
  return steps;
}

const playFor = (frameMs: number, totalMs: number) => (player: Player) => {
  player.play();
  for (let t = 0; t < totalMs; t += frameMs) player.tick(frameMs);
};

describe('determinism', () => {
  it('the same seed and inputs give the same trace, byte for byte', () => {
    const a = runWorkload(2024, playFor(16, 20_000));
    const b = runWorkload(2024, playFor(16, 20_000));
    expect(a.length).toBeGreaterThan(100);
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });

  it('a different seed gives a different trace', () => {
    const a = runWorkload(1, playFor(16, 5000));
    const b = runWorkload(2, playFor(16, 5000));
    expect(JSON.stringify(a)).not.toBe(JSON.stringify(b));
  });

  it('how fast the clock is driven does not change what happens', () => {
    const smooth = runWorkload(7, playFor(16, 8000));
    const choppy = runWorkload(7, playFor(200, 8000));
    const stepped = runWorkload(7, (player) => {
      while (player.state().next !== null && player.state().time < 8000) player.step();
    });
    const upTo = (steps: TraceStep[], t: number) => JSON.stringify(steps.filter((s) => s.time < t));
    expect(upTo(choppy, 7000)).toBe(upTo(smooth, 7000));
    expect(upTo(stepped, 7000)).toBe(upTo(smooth, 7000));
  });
});
