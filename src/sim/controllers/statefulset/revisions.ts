/**
 * getStatefulSetRevisions (stateful_set_control.go): the set's current and update
 * ControllerRevisions. The update revision snapshots the set's template; an equal revision
 * already stored is reused (renumbered if it is not the latest, as a rollback does), else a
 * new one is created. The current revision is the one status.currentRevision names, or the
 * update revision when there is none.
 */
import type { ApiClient } from '../../client/rest';
import {
  createRevision,
  equalRevisions,
  newRevision,
  nextRevision,
  renumberRevision,
  type Revision,
} from './history';
import type { StatefulSet } from './types';

/** getPatch: the part of the set a revision records (the template, replacing on apply). */
export function revisionData(set: StatefulSet): unknown {
  return { spec: { template: { ...set.spec.template, $patch: 'replace' } } };
}

/** The result of resolving a set's revisions. */
export interface SetRevisions {
  readonly current: Revision;
  readonly update: Revision;
  readonly collisionCount: number;
  /** Every revision the set controls, oldest first, including any created now. */
  readonly all: Revision[];
}

/** Resolves (creating if needed) the current and update revisions of `set`. */
export function setRevisions(
  client: ApiClient,
  set: StatefulSet,
  revisions: readonly Revision[],
  cause: number | null,
): SetRevisions {
  const all = [...revisions];
  const collisionCount = set.status?.collisionCount ?? 0;
  const labels = set.spec.template.metadata?.labels ?? {};
  const number = nextRevision(all);
  const build = (count: number) => newRevision(set, 'StatefulSet', revisionData(set), number, labels, count);
  const wanted = build(collisionCount);
  const equal = all.filter((r) => equalRevisions(r, wanted));
  let update: Revision;
  let count = collisionCount;
  const last = equal.at(-1);
  if (last !== undefined && all.at(-1) === last) {
    update = last;
  } else if (last !== undefined) {
    update = renumberRevision(client, last, number, cause);
    all.splice(all.indexOf(last), 1, update);
  } else {
    ({ revision: update, collisionCount: count } = createRevision(
      client,
      wanted,
      build,
      collisionCount,
      cause,
    ));
    all.push(update);
  }
  const currentName = set.status?.currentRevision ?? '';
  const current = all.find((r) => r.metadata.name === currentName) ?? update;
  return { current, update, collisionCount: count, all };
}
