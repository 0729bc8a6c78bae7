/**
 * Upstream's pod-failure backoff (backoff_utils.go): after the n-th consecutive pod failure
 * (failures since the last success), the Job waits 10 s × 2^(n-1), at most 6 minutes,
 * measured from when the last failed pod finished, before it creates replacement pods.
 */

/** DefaultJobPodFailureBackOff. */
export const POD_FAILURE_BACKOFF_MS = 10_000;
/** MaxJobPodFailureBackOff. */
export const MAX_POD_FAILURE_BACKOFF_MS = 6 * 60_000;

/** One Job's failures since its last success. */
export interface BackoffRecord {
  readonly failuresAfterLastSuccess: number;
  /** Wall-clock ms the latest failure happened, or null. */
  readonly lastFailureTime: number | null;
}

export const NO_BACKOFF: BackoffRecord = { failuresAfterLastSuccess: 0, lastFailureTime: null };

/**
 * newBackoffRecord: the record after newly finished pods (`succeeded` and `failed` are their
 * finish times): a success newer than every failure resets the count.
 */
export function nextRecord(
  record: BackoffRecord,
  succeeded: readonly number[],
  failed: readonly number[],
): BackoffRecord {
  const lastFailure = failed.length === 0 ? record.lastFailureTime : Math.max(...failed);
  if (succeeded.length === 0)
    return {
      failuresAfterLastSuccess: record.failuresAfterLastSuccess + failed.length,
      lastFailureTime: lastFailure,
    };
  const lastSuccess = Math.max(...succeeded);
  const after = failed.filter((t) => t > lastSuccess).length;
  return { failuresAfterLastSuccess: after, lastFailureTime: lastFailure };
}

/** getRemainingTime: ms left before new pods may be created (0 when none). */
export function remainingBackoff(record: BackoffRecord, now: number): number {
  if (record.failuresAfterLastSuccess === 0 || record.lastFailureTime === null) return 0;
  const exp = Math.min(record.failuresAfterLastSuccess - 1, 30);
  const backoff = Math.min(POD_FAILURE_BACKOFF_MS * 2 ** exp, MAX_POD_FAILURE_BACKOFF_MS);
  return Math.max(0, backoff - (now - record.lastFailureTime));
}
