/**
 * Job status as upstream writes it: conditions (Suspended, SuccessCriteriaMet, Complete,
 * FailureTarget, Failed) with their reasons and messages, and the status fields in the Go
 * struct's order with its omitempty rules.
 */
import { ApiError } from '../../apiserver/status';
import type { ApiClient } from '../../client/rest';
import { JOBS, type JobCondition, type JobObject, type JobStatus, type JobView } from './types';

export const BACKOFF_LIMIT_EXCEEDED = 'BackoffLimitExceeded';
export const DEADLINE_EXCEEDED = 'DeadlineExceeded';
export const COMPLETIONS_REACHED = 'CompletionsReached';
export const BACKOFF_LIMIT_MESSAGE = 'Job has reached the specified backoff limit';
export const DEADLINE_MESSAGE = 'Job was active longer than specified deadline';
export const COMPLETIONS_MESSAGE = 'Reached expected number of succeeded pods';

/** A condition as the controller adds it (probe and transition time now). */
export function newCondition(type: string, reason: string, message: string, stamp: string): JobCondition {
  return { type, status: 'True', lastProbeTime: stamp, lastTransitionTime: stamp, reason, message };
}

/** The condition of `type` with status True, if any. */
export function trueCondition(status: JobStatus, type: string): JobCondition | undefined {
  return status.conditions?.find((c) => c.type === type && c.status === 'True');
}

/** IsJobFinished: Complete or Failed is True. */
export function isFinished(status: JobStatus): boolean {
  return trueCondition(status, 'Complete') !== undefined || trueCondition(status, 'Failed') !== undefined;
}

/**
 * ensureJobConditionStatus: sets the condition's status (adding it only when True); returns
 * the conditions and whether they changed.
 */
export function ensureConditionStatus(
  conditions: readonly JobCondition[],
  type: string,
  status: 'True' | 'False',
  reason: string,
  message: string,
  stamp: string,
): { conditions: JobCondition[]; changed: boolean } {
  const existing = conditions.find((c) => c.type === type);
  if (existing === undefined) {
    if (status === 'False') return { conditions: [...conditions], changed: false };
    return { conditions: [...conditions, newCondition(type, reason, message, stamp)], changed: true };
  }
  if (existing.status === status) return { conditions: [...conditions], changed: false };
  const updated = { ...existing, status, reason, message, lastProbeTime: stamp, lastTransitionTime: stamp };
  return { conditions: conditions.map((c) => (c === existing ? updated : c)), changed: true };
}

/** The status in JobStatus's field order, zero counts omitted as Go omits them. */
export function ordered(s: JobStatus): JobStatus {
  const uncounted = s.uncountedTerminatedPods ?? {};
  return {
    ...(s.conditions === undefined || s.conditions.length === 0 ? {} : { conditions: s.conditions }),
    ...(s.startTime === undefined ? {} : { startTime: s.startTime }),
    ...(s.completionTime === undefined ? {} : { completionTime: s.completionTime }),
    ...(s.active === undefined || s.active === 0 ? {} : { active: s.active }),
    ...(s.succeeded === undefined || s.succeeded === 0 ? {} : { succeeded: s.succeeded }),
    ...(s.failed === undefined || s.failed === 0 ? {} : { failed: s.failed }),
    ...(s.terminating === undefined ? {} : { terminating: s.terminating }),
    ...(s.completedIndexes === undefined || s.completedIndexes === ''
      ? {}
      : { completedIndexes: s.completedIndexes }),
    uncountedTerminatedPods: {
      ...((uncounted.succeeded ?? []).length === 0 ? {} : { succeeded: uncounted.succeeded }),
      ...((uncounted.failed ?? []).length === 0 ? {} : { failed: uncounted.failed }),
    },
    ...(s.ready === undefined ? {} : { ready: s.ready }),
  };
}

/**
 * Writes the status through /status unless it is unchanged; after a conflict, GETs the Job
 * and retries once. Returns the Job as written.
 */
export function writeStatus(
  client: ApiClient,
  job: JobView,
  obj: JobObject,
  status: JobStatus,
  cause: number | null,
): JobObject {
  const next = ordered(status);
  if (JSON.stringify(ordered(obj.status ?? {})) === JSON.stringify(next) && obj.status !== undefined)
    return obj;
  let current = obj;
  for (let attempt = 0; ; attempt++) {
    try {
      return client.update<JobObject>(JOBS, { ...current, status: next }, 'status', cause);
    } catch (error) {
      if (attempt >= 1 || !(error instanceof ApiError) || error.code !== 409) throw error;
      current = client.get<JobObject>(JOBS, job.namespace, job.name, cause);
    }
  }
}
