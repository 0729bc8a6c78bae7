/**
 * kube-apiserver compacts etcd's history on a timer (`--etcd-compaction-interval`, 5 minutes
 * by default): each tick compacts up to the revision the previous tick saw, so watchers get a
 * full interval to catch up before their starting revision disappears (then they get 410 Gone
 * and relist).
 */
import type { Kernel } from '../kernel/kernel';
import type { Etcd } from '../store';

export const COMPACTION_INTERVAL_MS = 5 * 60_000;

/** Starts the periodic compaction of `etcd`, done on behalf of `client` (the apiserver). */
export function startCompaction(kernel: Kernel, etcd: Etcd, client: string): void {
  // The first tick only notes the revision; each later tick compacts to the previous one's.
  let seen = 0;
  const tick = () => {
    const step = kernel.trace.emit({
      from: client,
      to: client,
      kind: 'decision',
      summary:
        seen > etcd.compactRevision
          ? `compaction: drop history up to revision ${seen}, keep revision ${etcd.revision} for the next tick`
          : `compaction: remember revision ${etcd.revision} for the next tick`,
      detail: { compact: seen > etcd.compactRevision ? seen : null, next: etcd.revision },
    });
    if (seen > etcd.compactRevision) etcd.compact(seen, { client, causedBy: step.id });
    seen = etcd.revision;
    kernel.schedule(COMPACTION_INTERVAL_MS, 'kube-apiserver: compact etcd', tick);
  };
  kernel.schedule(COMPACTION_INTERVAL_MS, 'kube-apiserver: compact etcd', tick);
}
