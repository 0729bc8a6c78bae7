import { describe, expect, it } from 'vitest';
import { slowStartBatch } from './batch';

describe('slowStartBatch', () => {
  it.each([
    // [count, initial, calls that fail (1-based), batch sizes, successes, calls made]
    [0, 1, [], [], 0, 0],
    [1, 1, [], [1], 1, 1],
    [10, 1, [], [1, 2, 4, 3], 10, 10],
    [10, 5, [], [5, 5], 10, 10],
    [10, 1, [1], [1], 0, 1],
    [10, 1, [4], [1, 2, 4], 6, 7],
    [10, 1, [2, 3], [1, 2], 1, 3],
    [3, 10, [], [3], 3, 3],
  ] as const)(
    'count %i from %i, failing %j: batches %j',
    (count, initial, failing, sizes, successes, calls) => {
      const batches: number[] = [];
      let made = 0;
      const result = slowStartBatch(count, initial, (size) => {
        batches.push(size);
        return () => {
          made++;
          return (failing as readonly number[]).includes(made) ? new Error(`call ${made} failed`) : null;
        };
      });
      expect(batches).toEqual(sizes);
      expect(result.successes).toBe(successes);
      expect(made).toBe(calls);
      expect(result.error?.message).toBe(failing.length === 0 ? undefined : `call ${failing[0]} failed`);
    },
  );
});
