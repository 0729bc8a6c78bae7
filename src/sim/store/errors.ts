/** etcd's error text for a revision older than the compact revision. */
export const COMPACTED_MESSAGE = 'mvcc: required revision has been compacted';

/** etcd's error text for a revision newer than the current one. */
export const FUTURE_REVISION_MESSAGE = 'mvcc: required revision is a future revision';

/**
 * Thrown when a read, watch or compaction names a revision that compaction has already
 * discarded; etcd's `mvcc: required revision has been compacted`. kube-apiserver turns it
 * into `410 Gone` ("too old resource version"), which makes informers relist.
 */
export class CompactedError extends Error {
  /** The store's compact revision when the request failed. */
  readonly compactRevision: number;
  /** The revision the caller asked for. */
  readonly requestedRevision: number;
  /** The trace step recording the failed request, or null. */
  readonly step: number | null;

  constructor(compactRevision: number, requestedRevision: number, step: number | null = null) {
    super(COMPACTED_MESSAGE);
    this.name = 'CompactedError';
    this.compactRevision = compactRevision;
    this.requestedRevision = requestedRevision;
    this.step = step;
  }
}

/**
 * Thrown when a read or compaction names a revision the store has not reached yet; etcd's
 * `mvcc: required revision is a future revision`.
 */
export class FutureRevisionError extends Error {
  /** The store's revision when the request failed. */
  readonly currentRevision: number;
  /** The revision the caller asked for. */
  readonly requestedRevision: number;
  /** The trace step recording the failed request, or null. */
  readonly step: number | null;

  constructor(currentRevision: number, requestedRevision: number, step: number | null = null) {
    super(FUTURE_REVISION_MESSAGE);
    this.name = 'FutureRevisionError';
    this.currentRevision = currentRevision;
    this.requestedRevision = requestedRevision;
    this.step = step;
  }
}
