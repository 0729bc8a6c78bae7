import { describe, expect, it } from 'vitest';
import { makePod } from '../../testing';
import { prioritySort } from '.';

describe('PrioritySort', () => {
  it('orders by priority, then by queue time', () => {
    const less = prioritySort().less ?? (() => false);
    const high = { pod: makePod('h', { priority: 10 }), timestamp: 5 };
    const early = { pod: makePod('e'), timestamp: 1 };
    const late = { pod: makePod('l'), timestamp: 2 };
    expect([less(high, early), less(early, high), less(early, late), less(late, early)]).toEqual([
      true,
      false,
      true,
      false,
    ]);
  });
});
