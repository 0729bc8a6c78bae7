/**
 * The PV controller's volume index (persistentVolumeOrderedIndex): volumes grouped by their
 * set of access modes, searched from the groups with the fewest modes that still offer
 * everything the claim asks for, so a claim for RWO gets an RWO volume before an RWO,RWX one.
 */
import { findMatchingVolume } from './helpers';
import type { Claim, Volume } from './types';

const MODES: readonly [string, string][] = [
  ['ReadWriteOnce', 'RWO'],
  ['ReadOnlyMany', 'ROX'],
  ['ReadWriteMany', 'RWX'],
  ['ReadWriteOncePod', 'RWOP'],
];

/** `RWO,ROX,...` in the fixed order, duplicates dropped (GetAccessModesAsString). */
export function accessModesKey(modes: readonly string[] | undefined): string {
  const set = new Set(modes ?? []);
  return MODES.filter(([mode]) => set.has(mode))
    .map(([, short]) => short)
    .join(',');
}

/**
 * The access-mode groups that can serve `requested`, fewest modes first (ties in index
 * order), each with its volumes (allPossibleMatchingAccessModes + listByAccessModes).
 */
export function matchingGroups(requested: readonly string[], volumes: readonly Volume[]): Volume[][] {
  const wanted = accessModesKey(requested)
    .split(',')
    .filter((m) => m !== '');
  const groups = new Map<string, Volume[]>();
  for (const v of volumes) {
    const key = accessModesKey(v.spec?.accessModes);
    groups.set(key, [...(groups.get(key) ?? []), v]);
  }
  return [...groups.entries()]
    .map(([key, members]) => ({ modes: key === '' ? [] : key.split(','), members }))
    .filter((g) => wanted.every((m) => g.modes.includes(m)))
    .sort((a, b) => a.modes.length - b.modes.length)
    .map((g) => g.members);
}

/**
 * The volume the PV controller binds a claim to (findBestMatchForClaim): the first match in
 * the access-mode groups, fewest modes first.
 */
export function findBestMatchForClaim(
  claim: Claim,
  volumes: readonly Volume[],
  delayBinding: boolean,
): Volume | undefined {
  for (const group of matchingGroups(claim.spec?.accessModes ?? [], volumes)) {
    const match = findMatchingVolume(claim, group, { delayBinding });
    if (match !== undefined) return match;
  }
  return undefined;
}
