import type { ObjectLink, ObjectView } from '../../worker/inspect/object';
import type { ObjectTarget } from '../../worker/inspect/types';

/** The object `link` names, to inspect, if it can be (it exists and its resource is served). */
export function linkTarget(link: ObjectLink): ObjectTarget | null {
  return link.exists && link.resource !== null
    ? { kind: 'object', resource: link.resource, namespace: link.namespace, name: link.name }
    : null;
}

/** One object of the owner chain or the dependents: a button that inspects it, if it exists. */
function Link({ link, open }: { link: ObjectLink; open(target: ObjectTarget): void }) {
  const target = linkTarget(link);
  return (
    <>
      <span className="ins-kind">{link.kind}</span>{' '}
      {target === null ? (
        <span className="ins-gone">
          {link.name} <em>(gone)</em>
        </span>
      ) : (
        <button
          type="button"
          className="link ins-mono"
          onClick={() => open(target)}
          aria-label={`Inspect ${link.kind} ${link.name}`}
        >
          {link.name}
        </button>
      )}
    </>
  );
}

/**
 * One object, live: who owns it (up to the root) and what it owns, its events as `kubectl
 * describe` lists them, and its YAML as `kubectl get -o yaml` prints it.
 */
export function ObjectInspector({ view, open }: { view: ObjectView; open(target: ObjectTarget): void }) {
  const title = `${view.namespace === null ? '' : `${view.namespace}/`}${view.name}`;
  return (
    <div className="ins-object">
      <h3 className="ins-title">
        <span className="ins-kind">{view.objectKind}</span> <span className="ins-mono">{title}</span>
      </h3>
      <p className="ins-meta">
        resourceVersion <span className="ins-mono">{view.resourceVersion}</span> · uid{' '}
        <span className="ins-mono">{view.uid}</span>
      </p>
      <h4>Owner chain</h4>
      <ol className="ins-chain" aria-label="Owner chain, from this object up to its root owner">
        <li>
          <span className="ins-kind">{view.objectKind}</span> <span className="ins-mono">{view.name}</span>{' '}
          <span className="ins-dim">(this object)</span>
        </li>
        {view.owners.map((owner) => (
          <li key={`${owner.kind}/${owner.name}`}>
            <span aria-hidden="true">↑ </span>
            <Link link={owner} open={open} />
            {!owner.controller && <span className="ins-dim"> (not its controller)</span>}
          </li>
        ))}
      </ol>
      {view.owners.length === 0 && <p className="ins-dim">No owner: nothing deletes it but a person.</p>}
      {view.dependents.length > 0 && (
        <>
          <h4>Owns</h4>
          <ul className="ins-list" aria-label="Objects it owns">
            {view.dependents.map((d) => (
              <li key={`${d.kind}/${d.namespace ?? ''}/${d.name}`}>
                <Link link={d} open={open} />
              </li>
            ))}
            {view.moreDependents > 0 && <li className="ins-dim">and {view.moreDependents} more</li>}
          </ul>
        </>
      )}
      <h4>Events</h4>
      {view.events.length === 0 ? (
        <p className="ins-dim">&lt;none&gt;</p>
      ) : (
        <ol className="ins-events" aria-label={`Events of ${view.name}, oldest first`}>
          {view.events.map((e, i) => (
            <li key={i} className={e.type === 'Warning' ? 'ins-warning' : undefined}>
              <span className="ins-event-type">{e.type}</span> <strong>{e.reason}</strong>{' '}
              <span className="ins-dim">
                {e.age} · {e.from}
              </span>
              <div className="ins-event-message">{e.message}</div>
            </li>
          ))}
        </ol>
      )}
      <h4>YAML</h4>
      <pre className="ins-code" tabIndex={0} aria-label={`YAML of ${view.resource}/${view.name}`}>
        {view.yaml}
        {view.yamlTruncated && '# … cut short here: run kubectl get -o yaml for all of it\n'}
      </pre>
    </div>
  );
}
