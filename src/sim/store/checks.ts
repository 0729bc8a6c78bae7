/** Argument checks and wording shared by the store's operations. */
import type { KeyValue } from './types';

/** Throws a RangeError unless `revision` is an integer >= 0. */
export function checkRevisionArg(name: string, revision: number): void {
  if (!Number.isInteger(revision) || revision < 0) {
    throw new RangeError(`${name} must be an integer >= 0, got ${revision}`);
  }
}

/** Throws a RangeError unless `key` is a non-empty string. */
export function checkKey(key: string): void {
  if (typeof key !== 'string' || key === '') throw new RangeError('etcd key must be a non-empty string');
}

/** `1 key`, `3 keys`. */
export const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Why a transaction's compare failed: a one-line reason for the trace and a machine-readable code. */
export interface CompareFailure {
  readonly why: string;
  readonly reason: 'exists' | 'not-found' | 'mod-revision-mismatch';
}

/**
 * The compare of a conditional write of `key`, given its `current` version: a create needs the
 * key to be absent; an update or delete needs it present and, when `expectedModRevision` is
 * given, at that mod_revision. Returns why it fails, or null if the write may go ahead.
 */
export function compareFailure(
  op: 'create' | 'update' | 'delete',
  key: string,
  current: KeyValue | null,
  expectedModRevision?: number,
): CompareFailure | null {
  if (op === 'create') return current === null ? null : { why: `${key} already exists`, reason: 'exists' };
  if (current === null) return { why: `${key} not found`, reason: 'not-found' };
  if (expectedModRevision !== undefined && current.modRevision !== expectedModRevision) {
    const why = `${key} mod_revision ${current.modRevision} != ${expectedModRevision}`;
    return { why, reason: 'mod-revision-mismatch' };
  }
  return null;
}
