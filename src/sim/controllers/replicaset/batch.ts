/**
 * Upstream's slowStartBatch (pkg/controller/replicaset/replica_set.go): make `count` calls in
 * batches that start small and double while every call succeeds, so that a ReplicaSet whose
 * pods all fail to create (no quota, a rejecting webhook) makes a few failing requests, not
 * hundreds.
 */

/** controller.SlowStartInitialBatchSize. */
export const SLOW_START_INITIAL_BATCH_SIZE = 1;

/**
 * Calls a batch's function `size` times per batch (batches of `initial`, then twice the last
 * size, capped by what remains), stopping after a batch in which any call failed.
 * `batch(size, remaining)` is asked once per batch for the call to make (so the caller can
 * record the batch); a call returns null or its error. Returns the number of successful calls
 * and the batch's first error.
 */
export function slowStartBatch(
  count: number,
  initial: number,
  batch: (size: number, remaining: number) => () => Error | null,
): { successes: number; error: Error | null } {
  let remaining = count;
  let successes = 0;
  for (let size = Math.min(remaining, initial); size > 0; size = Math.min(2 * size, remaining)) {
    const call = batch(size, remaining);
    const errors: Error[] = [];
    for (let i = 0; i < size; i++) {
      const error = call();
      if (error !== null) errors.push(error);
    }
    successes += size - errors.length;
    if (errors.length > 0) return { successes, error: errors[0] ?? null };
    remaining -= size;
  }
  return { successes, error: null };
}
