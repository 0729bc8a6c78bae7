import { describe, expect, it } from 'vitest';
import { makePod } from '../../testing';
import { schedulingGates } from '.';

describe('SchedulingGates PreEnqueue', () => {
  it('lets ungated pods in and holds gated ones with upstream message', () => {
    const plugin = schedulingGates();
    expect(plugin.preEnqueue?.(makePod('p'))).toBeNull();
    const gated = makePod('g', {
      spec: { schedulingGates: [{ name: 'example.com/a' }, { name: 'example.com/b' }] },
    });
    const s = plugin.preEnqueue?.(gated);
    expect([s?.code, s?.message()]).toEqual([
      'UnschedulableAndUnresolvable',
      'waiting for scheduling gates: [example.com/a example.com/b]',
    ]);
  });
});
