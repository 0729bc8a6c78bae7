import { useEffect, useRef } from 'react';
import type { EtcdKeyView, EtcdListing, EtcdView } from '../../worker/inspect/etcd';

/** Selects a key or a directory of the tree (null: the top), and a version of a key. */
type Select = (key: string | null, revision?: number) => void;

/** The parent directory of a directory (`/registry/pods/` for `/registry/pods/default/`). */
const parentOf = (prefix: string): string | null => {
  const parent = prefix.slice(0, prefix.lastIndexOf('/', prefix.length - 2) + 1);
  return parent.length <= '/registry/'.length ? null : parent;
};

/** A stored value, indented if it is JSON. */
function pretty(value: string, truncated: boolean): string {
  if (truncated) return `${value}…`;
  try {
    return JSON.stringify(JSON.parse(value), null, 2);
  } catch {
    return value;
  }
}

/** One directory of the tree: its subdirectories (the open one listed below it) and its keys. */
function Listing({
  listings,
  depth,
  view,
  select,
}: {
  listings: readonly EtcdListing[];
  depth: number;
  view: EtcdView;
  select: Select;
}) {
  const listing = listings[depth] as EtcdListing;
  const next = listings[depth + 1];
  return (
    <ul
      className="ins-tree"
      aria-label={depth === 0 ? 'Keys under /registry/' : `Keys under ${listing.prefix}`}
    >
      {listing.directories.map((dir) => {
        const open = next?.prefix === dir.prefix;
        return (
          <li key={dir.prefix}>
            <button
              type="button"
              className="ins-dir"
              aria-expanded={open}
              aria-label={`${dir.prefix}, ${dir.count} ${dir.count === 1 ? 'key' : 'keys'}`}
              onClick={() => select(open ? parentOf(dir.prefix) : dir.prefix)}
            >
              <span aria-hidden="true">{open ? '▾' : '▸'}</span> {dir.name}/{' '}
              <span className="ins-dim">{dir.count}</span>
            </button>
            {open && <Listing listings={listings} depth={depth + 1} view={view} select={select} />}
          </li>
        );
      })}
      {listing.keysBefore > 0 && <li className="ins-dim">… {listing.keysBefore} keys before</li>}
      {listing.keys.map((name) => {
        const key = listing.prefix + name;
        return (
          <li key={key}>
            <button
              type="button"
              className="ins-key"
              aria-pressed={view.selected === key}
              aria-label={key}
              onClick={() => select(key)}
            >
              {name}
            </button>
          </li>
        );
      })}
      {listing.keysAfter > 0 && <li className="ins-dim">… {listing.keysAfter} more keys</li>}
    </ul>
  );
}

/** The selected key: its versions (etcd keeps them until compaction) and one version's value. */
function KeyDetail({ detail, select }: { detail: EtcdKeyView; select: Select }) {
  const last = detail.versions.at(-1);
  return (
    <>
      <h4>Selected key</h4>
      <p className="ins-mono ins-wrap ins-key-name">{detail.key}</p>
      {last === undefined ? (
        <p className="ins-dim">The store keeps nothing of this key (deleted, then compacted).</p>
      ) : (
        <p className="ins-meta">
          created at rev {detail.versions.find((v) => v.version > 0)?.createRevision ?? '-'}
          {last.version === 0 ? `, deleted at rev ${last.modRevision}` : `, version ${last.version}`}
        </p>
      )}
      <table className="ins-table" aria-label={`Revisions of ${detail.key}`}>
        <thead>
          <tr>
            <th scope="col">mod rev</th>
            <th scope="col">version</th>
            <th scope="col">size</th>
            <th scope="col">value</th>
          </tr>
        </thead>
        <tbody>
          {detail.versions.map((v) => (
            <tr
              key={v.modRevision}
              aria-current={v.modRevision === detail.shownRevision ? 'true' : undefined}
            >
              <td className="ins-mono">{v.modRevision}</td>
              <td>{v.version === 0 ? 'deleted' : v.version}</td>
              <td>{v.size} B</td>
              <td>
                {v.version > 0 &&
                  (v.modRevision === detail.shownRevision ? (
                    <span className="ins-dim">shown</span>
                  ) : (
                    <button
                      type="button"
                      className="link"
                      onClick={() => select(detail.key, v.modRevision)}
                      aria-label={`Show the value at revision ${v.modRevision}`}
                    >
                      show
                    </button>
                  ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {detail.value !== null && (
        <pre
          className="ins-code"
          tabIndex={0}
          aria-label={`Value of ${detail.key} at revision ${detail.shownRevision}`}
        >
          {pretty(detail.value, detail.valueTruncated)}
        </pre>
      )}
    </>
  );
}

/**
 * etcd from the inside: the key tree under /registry (one path open at a time), the selected
 * key's revisions and values, and the watch stream of the store's last changes, newest first.
 */
export function EtcdInspector({ view, select }: { view: EtcdView; select: Select }) {
  const tree = useRef<HTMLDivElement>(null);
  // Keep the selection in sight inside the tree's scroll box.
  useEffect(() => {
    const box = tree.current;
    if (box === null) return;
    const chosen =
      box.querySelector('[aria-pressed="true"]') ??
      [...box.querySelectorAll('[aria-expanded="true"]')].at(-1);
    if (chosen === undefined || chosen === null) return;
    const inBox = box.getBoundingClientRect();
    const at = chosen.getBoundingClientRect();
    if (at.top < inBox.top || at.bottom > inBox.bottom)
      box.scrollTop += at.top - inBox.top - box.clientHeight / 3;
  }, [view.selected]);
  return (
    <section className="ins-etcd" aria-labelledby="ins-etcd-title">
      <h3 id="ins-etcd-title">Inside etcd</h3>
      <p className="ins-meta">
        revision <span className="ins-mono">{view.revision}</span> · compacted up to{' '}
        <span className="ins-mono">{view.compactRevision}</span> · {view.keyCount} keys
      </p>
      <h4>Keys</h4>
      <div className="ins-tree-box" ref={tree}>
        <Listing listings={view.listings} depth={0} view={view} select={select} />
      </div>
      {view.key !== null && <KeyDetail detail={view.key} select={select} />}
      <h4>Watch stream</h4>
      <ol className="ins-stream" aria-label="The store's last changes, newest first">
        {[...view.changes].reverse().map((change) => (
          <li key={change.revision}>
            <span className="ins-mono ins-dim">{change.revision}</span>{' '}
            <span className={change.type === 'DELETE' ? 'ins-delete' : 'ins-put'}>{change.type}</span>{' '}
            <button
              type="button"
              className="link ins-mono ins-wrap"
              onClick={() => select(change.key)}
              aria-label={`Select ${change.key} in the tree`}
            >
              {change.key}
            </button>
            {change.type === 'PUT' && change.version === 1 && <span className="ins-dim"> (created)</span>}
          </li>
        ))}
      </ol>
    </section>
  );
}
