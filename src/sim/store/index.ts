/** The simulated etcd: MVCC key-value store with revisions, watches, compaction and snapshots. */
export { DEFAULT_ETCD_ID, Etcd } from './etcd';
export { COMPACTED_MESSAGE, CompactedError, FUTURE_REVISION_MESSAGE, FutureRevisionError } from './errors';
export { compareKeys, registryKey } from './keys';
export type { EtcdSnapshot, SnapshotKey, SnapshotVersion } from './snapshot';
export type {
  EtcdOptions,
  GetResult,
  KeyValue,
  OpContext,
  RangeOptions,
  RangeResult,
  StoreEvent,
  TxnResult,
  WatchDelivery,
  WatchHandle,
  WatchListener,
} from './types';
