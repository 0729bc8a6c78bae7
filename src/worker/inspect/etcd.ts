/**
 * The inspector's etcd view: the key tree under /registry, the revisions of the selected key
 * with their values, and the last changes the store made (what a watch on every key would
 * have seen). It uses the store's untraced observer reads only (Etcd.peekRange,
 * peekVersions, peekChanges), so the trace is the same whether or not it is open.
 *
 * A cluster of 100 nodes holds thousands of keys, so the view never carries them all: the
 * tree is one open path (the directories down to the selection), each directory listed with
 * how many keys lie below its subdirectories and at most {@link MAX_KEYS_LISTED} key names.
 */
import type { Etcd, KeyValue } from '../../sim/store';

/** What the etcd view shows. */
export interface EtcdTarget {
  readonly kind: 'etcd';
  /**
   * What is selected in the tree: a key, or a directory (a prefix ending in '/', shown
   * open); null for the top, /registry/.
   */
  readonly key: string | null;
  /** Which version of the selected key to show the value of (its mod revision); the newest by default. */
  readonly revision?: number;
}

/** A directory in the key tree, and how many keys it holds, at any depth. */
export interface EtcdDirectory {
  /** Its name (`pods`, `default`). */
  readonly name: string;
  /** Its full prefix, ending in '/' (`/registry/pods/`). */
  readonly prefix: string;
  readonly count: number;
}

/** One directory of the tree as the view lists it. */
export interface EtcdListing {
  /** The directory, ending in '/' (`/registry/pods/default/`). */
  readonly prefix: string;
  readonly directories: readonly EtcdDirectory[];
  /** The names of the keys right in it (the part after `prefix`), a window of at most {@link MAX_KEYS_LISTED}. */
  readonly keys: readonly string[];
  /** How many keys right in it come before and after the window. */
  readonly keysBefore: number;
  readonly keysAfter: number;
}

/** One retained version of a key (etcd's mvccpb.KeyValue without the value). */
export interface EtcdVersion {
  readonly modRevision: number;
  readonly createRevision: number;
  /** 1 when created, +1 per update; 0 for a deletion (a tombstone). */
  readonly version: number;
  /** The value's length in characters. */
  readonly size: number;
}

/** The selected key: every version compaction kept, and one version's value. */
export interface EtcdKeyView {
  readonly key: string;
  /** Oldest first; empty when the store keeps nothing of it. */
  readonly versions: readonly EtcdVersion[];
  /** The mod revision of the version whose value is shown, or null if none can be. */
  readonly shownRevision: number | null;
  /** That value as stored (JSON text), cut at {@link MAX_VALUE_CHARS}. */
  readonly value: string | null;
  readonly valueTruncated: boolean;
}

/** One change the store made, as a watch reports it. */
export interface EtcdChange {
  readonly type: 'PUT' | 'DELETE';
  readonly key: string;
  readonly revision: number;
  /** The key's version after a PUT (1: created); 0 for a DELETE. */
  readonly version: number;
}

/** etcd, live. */
export interface EtcdView {
  readonly kind: 'etcd';
  readonly revision: number;
  readonly compactRevision: number;
  /** How many keys exist now. */
  readonly keyCount: number;
  /** The selection (as the target gave it), or null. */
  readonly selected: string | null;
  /** /registry/ first, then each directory down to the selection. */
  readonly listings: readonly EtcdListing[];
  /** The selected key, when a key (not a directory) is selected. */
  readonly key: EtcdKeyView | null;
  /** The last changes, oldest first, at most {@link MAX_CHANGES}. */
  readonly changes: readonly EtcdChange[];
}

/** The top of the tree: every key kube-apiserver writes is under it. */
export const ROOT = '/registry/';

/** The most key names one listing carries. */
export const MAX_KEYS_LISTED = 50;

/** The most characters of a value the view carries. */
export const MAX_VALUE_CHARS = 16_384;

/** The changes the watch stream keeps. */
export const MAX_CHANGES = 50;

/** The etcd view of `target`. */
export function etcdView(etcd: Etcd, target: EtcdTarget): EtcdView {
  const selected = target.key;
  const isKey = selected !== null && !selected.endsWith('/');
  const open =
    selected === null || !selected.startsWith(ROOT) ? ROOT : selected.slice(0, selected.lastIndexOf('/') + 1);
  const listings: EtcdListing[] = [];
  for (let prefix = ROOT; prefix.length <= open.length;) {
    listings.push(listing(etcd.peekRange(prefix), prefix, isKey ? selected : null));
    const next = open.indexOf('/', prefix.length);
    if (next < 0) break;
    prefix = open.slice(0, next + 1);
  }
  const from = Math.max(etcd.compactRevision + 1, etcd.revision - MAX_CHANGES + 1);
  const changes = etcd.peekChanges(from).map((event): EtcdChange => ({
    type: event.type,
    key: event.kv.key,
    revision: event.kv.modRevision,
    version: event.kv.version,
  }));
  return {
    kind: 'etcd',
    revision: etcd.revision,
    compactRevision: etcd.compactRevision,
    keyCount: etcd.keyCount,
    selected,
    listings,
    key: isKey ? keyView(etcd.peekVersions(selected), selected, target.revision) : null,
    changes,
  };
}

/** The directory `prefix`, given every key in it; the window of key names shows `selected`. */
function listing(kvs: readonly KeyValue[], prefix: string, selected: string | null): EtcdListing {
  const directories: EtcdDirectory[] = [];
  const keys: string[] = [];
  for (const { key } of kvs) {
    const rest = key.slice(prefix.length);
    const slash = rest.indexOf('/');
    if (slash < 0) {
      keys.push(rest);
      continue;
    }
    const name = rest.slice(0, slash);
    const last = directories.at(-1);
    // Keys come in byte order, so a directory's keys are next to each other.
    if (last?.name === name) directories[directories.length - 1] = { ...last, count: last.count + 1 };
    else directories.push({ name, prefix: `${prefix}${name}/`, count: 1 });
  }
  const at = selected === null ? -1 : keys.indexOf(selected.slice(prefix.length));
  const start = Math.max(0, Math.min(at - Math.floor(MAX_KEYS_LISTED / 2), keys.length - MAX_KEYS_LISTED));
  const shown = keys.slice(start, start + MAX_KEYS_LISTED);
  return {
    prefix,
    directories,
    keys: shown,
    keysBefore: start,
    keysAfter: keys.length - start - shown.length,
  };
}

/** The selected key's versions, and the value of the one at `revision` (else the newest). */
function keyView(versions: readonly KeyValue[], key: string, revision: number | undefined): EtcdKeyView {
  const live = versions.filter((kv) => kv.version > 0);
  const shown = live.find((kv) => kv.modRevision === revision) ?? live.at(-1) ?? null;
  const value = shown?.value ?? null;
  return {
    key,
    versions: versions.map((kv) => ({
      modRevision: kv.modRevision,
      createRevision: kv.createRevision,
      version: kv.version,
      size: kv.value.length,
    })),
    shownRevision: shown?.modRevision ?? null,
    value: value === null ? null : value.slice(0, MAX_VALUE_CHARS),
    valueTruncated: value !== null && value.length > MAX_VALUE_CHARS,
  };
}
