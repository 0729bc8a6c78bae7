/**
 * A DaemonSet's ControllerRevisions (update.go constructHistory, snapshot, cleanupHistory):
 * the current revision is the one whose data equals the DaemonSet's template patch, created
 * as `<ds>-<hash>` (hash = the template's hash with status.collisionCount) when missing and
 * renumbered to the newest when an older one matches again. Its `controller-revision-hash`
 * label is the hash daemon pods carry.
 */
import type { ApiClient } from '../../client/rest';
import { computeHash, stableJson } from '../deployment/hash';
import {
  nextRevision,
  ownedRevisions,
  renumberRevision,
  revisionName,
  type Revision,
} from '../statefulset/history';
import { CONTROLLER_REVISIONS, controllerRef, hasCode } from '../statefulset/types';
import { DAEMONSETS, HASH_LABEL, type DaemonSet } from './types';

/** getPatch: the template, replacing on apply. */
function revisionData(ds: DaemonSet): unknown {
  return { spec: { template: { ...ds.spec.template, $patch: 'replace' } } };
}

/** The current revision and its hash, and the older ones (oldest first). */
export interface DaemonSetHistory {
  readonly current: Revision;
  readonly hash: string;
  readonly old: Revision[];
}

/** constructHistory. Throws after bumping status.collisionCount on a name collision. */
export function constructHistory(
  client: ApiClient,
  ds: DaemonSet,
  all: readonly Revision[],
  cause: number | null,
): DaemonSetHistory {
  const data = stableJson(revisionData(ds));
  const owned = ownedRevisions(ds, all);
  const matching = owned.filter((r) => stableJson(r.data ?? null) === data);
  const old = owned.filter((r) => !matching.includes(r));
  const number = nextRevision(old);
  let current = matching.at(-1);
  if (current === undefined) current = snapshot(client, ds, number, cause);
  else current = renumberRevision(client, current, Math.max(current.revision, number), cause);
  // dedupCurHistories: one current revision is enough.
  for (const extra of matching.slice(0, -1)) deleteRevision(client, extra, cause);
  return { current, hash: current.metadata.labels?.[HASH_LABEL] ?? current.metadata.name ?? '', old };
}

function snapshot(client: ApiClient, ds: DaemonSet, number: number, cause: number | null): Revision {
  const collisionCount = ds.status?.collisionCount ?? 0;
  const hash = computeHash(ds.spec.template, collisionCount === 0 ? undefined : collisionCount);
  const revision: Revision = {
    apiVersion: 'apps/v1',
    kind: 'ControllerRevision',
    metadata: {
      name: revisionName(ds.metadata.name ?? '', hash),
      namespace: ds.metadata.namespace ?? '',
      labels: { ...ds.spec.template.metadata?.labels, [HASH_LABEL]: hash },
      ...(ds.metadata.annotations === undefined ? {} : { annotations: ds.metadata.annotations }),
      ownerReferences: [controllerRef(ds, 'DaemonSet')],
    },
    data: revisionData(ds),
    revision: number,
  };
  const ns = ds.metadata.namespace ?? '';
  try {
    return client.create<Revision>(CONTROLLER_REVISIONS, ns, revision, cause);
  } catch (error) {
    if (!hasCode(error, 409)) throw error;
    const existing = client.get<Revision>(CONTROLLER_REVISIONS, ns, revision.metadata.name ?? '', cause);
    if (stableJson(existing.data ?? null) === stableJson(revision.data)) return existing;
    // A different revision has this name: try the next hash on the next sync.
    client.update(
      DAEMONSETS,
      { ...ds, status: { ...ds.status, collisionCount: collisionCount + 1 } },
      'status',
      cause,
    );
    throw new Error(
      `found a hash collision for DaemonSet "${ds.metadata.name ?? ''}" - bumping collisionCount to ${collisionCount + 1} to resolve it`,
      { cause: error },
    );
  }
}

function deleteRevision(client: ApiClient, revision: Revision, cause: number | null): void {
  try {
    client.delete(
      CONTROLLER_REVISIONS,
      revision.metadata.namespace ?? '',
      revision.metadata.name ?? '',
      {},
      cause,
    );
  } catch (error) {
    if (!hasCode(error, 404)) throw error;
  }
}
