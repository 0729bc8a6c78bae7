import { describe, expect, it } from 'vitest';
import { InputLog } from './input-log';

const exec = (id: number) => ({ type: 'exec', id, line: `kubectl get pods # ${id}` }) as const;

/** A log: input 0 after 2 events, a yield after 5, input 1 after 7, a yield after 9. */
function sample(): InputLog {
  const log = new InputLog();
  log.input(2, 200, exec(1));
  log.yieldAt(5);
  log.yieldAt(5);
  log.input(7, 700, exec(2));
  log.yieldAt(7);
  log.yieldAt(9);
  return log;
}

describe('InputLog', () => {
  it('keeps one yield per point, none where an input already lets continuations run', () => {
    expect(sample().entries.map((e) => `${e.type}@${e.events}`)).toEqual([
      'input@2',
      'yield@5',
      'input@7',
      'yield@9',
    ]);
  });

  it.each([
    { to: { events: 0, inputs: 0, time: 0 }, kept: [] },
    { to: { events: 6, inputs: 1, time: 600 }, kept: ['input@2', 'yield@5'] },
    { to: { events: 7, inputs: 1, time: 700 }, kept: ['input@2', 'yield@5'] },
    { to: { events: 9, inputs: 2, time: 900 }, kept: ['input@2', 'yield@5', 'input@7', 'yield@9'] },
  ])('until $to.events events and $to.inputs inputs keeps $kept', ({ to, kept }) => {
    const log = sample().until(to);
    expect(log.entries.map((e) => `${e.type}@${e.events}`)).toEqual(kept);
    expect(log.inputCount).toBe(kept.filter((k) => k.startsWith('input')).length);
  });

  it('finds the action each step came from; steps after the last one are unknown', () => {
    const log = new InputLog();
    log.markStep(1, { events: 0, inputs: 0, time: 0 });
    log.markStep(2, { events: 0, inputs: 0, time: 0 });
    log.markStep(3, { events: 4, inputs: 0, time: 40 });
    log.markStep(4, { events: 4, inputs: 1, time: 45 });
    log.markStep(5, { events: 4, inputs: 1, time: 45 });
    expect(log.before(2)).toEqual({ firstStep: 1, position: { events: 0, inputs: 0, time: 0 } });
    expect(log.before(3)).toEqual({ firstStep: 3, position: { events: 4, inputs: 0, time: 40 } });
    expect(log.before(5)).toEqual({ firstStep: 4, position: { events: 4, inputs: 1, time: 45 } });
    expect(log.before(6)).toBeUndefined();
  });
});
