/** The errors server-side apply answers with, worded as kube-apiserver v1.32 words them. */

import { pathString } from './fieldpath';
import { describeManager, parseManagerId } from './managed';
import { ApiError } from '../status';
import type { Status } from '../types';
import { compareStrings } from './values';
import type { FieldSet } from './fieldpath';

interface Conflict {
  /** The manager identity (upstream's JSON key). */
  readonly id: string;
  readonly field: string;
}

/**
 * An apply that would change fields other managers own. Upstream answers 409 Conflict with one
 * `FieldManagerConflict` cause per field; kubectl prints the message and its advice.
 */
export class ApplyConflictError extends Error {
  /** Each conflicting field with the name of the manager that owns it. */
  readonly conflicts: readonly { manager: string; field: string }[];
  private readonly detailed: readonly Conflict[];

  constructor(sets: ReadonlyMap<string, FieldSet>) {
    const detailed: Conflict[] = [];
    for (const id of [...sets.keys()].sort(compareStrings)) {
      for (const path of sets.get(id)?.paths() ?? []) detailed.push({ id, field: pathString(path) });
    }
    super(conflictMessage(detailed));
    this.name = 'ApplyConflictError';
    this.detailed = detailed;
    this.conflicts = detailed.map((c) => ({ manager: parseManagerId(c.id).manager, field: c.field }));
  }

  /**
   * The 409 Status as kube-apiserver sends it. Upstream's apply conflict carries no name or
   * kind in its details (only the causes), so `name` and `qualifiedResource` go unused; they
   * are accepted so callers can treat this like the other conflict errors.
   */
  status(_name?: string, _qualifiedResource?: string): Status {
    return {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: this.message,
      reason: 'Conflict',
      details: {
        causes: this.detailed.map((c) => ({
          reason: 'FieldManagerConflict',
          message: `conflict with ${describeManager(c.id)}`,
          field: c.field,
        })),
      },
      code: 409,
    };
  }

  /** The same Status wrapped as the ApiError the handlers throw. */
  toApiError(): ApiError {
    return new ApiError(this.status());
  }
}

function conflictMessage(conflicts: readonly Conflict[]): string {
  const [only] = conflicts;
  if (conflicts.length === 1 && only !== undefined) {
    return `Apply failed with 1 conflict: conflict with ${describeManager(only.id)}: ${only.field}`;
  }
  const lines: string[] = [];
  let current: string | undefined;
  for (const c of conflicts) {
    if (c.id !== current) lines.push(`conflicts with ${describeManager(c.id)}:`);
    current = c.id;
    lines.push(`- ${c.field}`);
  }
  return `Apply failed with ${conflicts.length} conflicts: ${lines.join('\n')}`;
}

/** A plain Go error reaching the handler: 500 with the error text and no reason. */
export function unknownError(message: string): ApiError {
  return new ApiError({
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message,
    code: 500,
  });
}
