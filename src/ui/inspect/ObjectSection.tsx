import type { ObjectsView } from '../../worker/inspect/objects';
import type { ObjectsTarget, ObjectTarget } from '../../worker/inspect/types';
import { ObjectInspector } from './ObjectInspector';
import { useInspect } from './use-inspect';
import './inspect.css';

/** What the picker lists first. */
const FIRST_LIST: ObjectsTarget = { kind: 'objects', resource: 'pods', namespace: 'default' };

/** Picks an object: its resource type, its namespace and its name, from the live cluster. */
function ObjectPicker({
  list,
  listed,
  chosen,
  open,
}: {
  list: ObjectsView | null;
  listed: ObjectsTarget;
  chosen: ObjectTarget | null;
  open(target: ObjectTarget): void;
}) {
  const show = useInspect((s) => s.show);
  const relist = (patch: Partial<ObjectsTarget>) => show('picker', { ...listed, ...patch });
  const namespaced = list?.namespaced ?? true;
  const resources = list?.resources.map((r) => r.name) ?? [];
  const names = list?.names ?? [];
  const name = chosen !== null && chosen.resource === listed.resource ? chosen.name : '';
  return (
    <form className="ins-picker" aria-label="Choose an object" onSubmit={(e) => e.preventDefault()}>
      <label>
        <span aria-hidden="true">Type</span>
        <select
          aria-label="Type"
          value={listed.resource}
          onChange={(e) => relist({ resource: e.target.value })}
        >
          {(resources.includes(listed.resource) ? resources : [listed.resource, ...resources]).map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span aria-hidden="true">Namespace</span>
        <select
          aria-label="Namespace"
          value={namespaced ? (listed.namespace ?? 'default') : ''}
          disabled={!namespaced}
          onChange={(e) => relist({ namespace: e.target.value })}
        >
          {!namespaced && <option value="">(cluster-wide)</option>}
          {(list?.namespaces ?? [listed.namespace ?? 'default']).map((ns) => (
            <option key={ns} value={ns}>
              {ns}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span aria-hidden="true">Name</span>
        <select
          aria-label="Name"
          value={name}
          onChange={(e) =>
            e.target.value !== '' &&
            open({
              kind: 'object',
              resource: listed.resource,
              namespace: namespaced ? (listed.namespace ?? 'default') : null,
              name: e.target.value,
            })
          }
        >
          <option value="">
            {names.length === 0 ? '(none)' : `Choose (${names.length + (list?.more ?? 0)})`}
          </option>
          {(name === '' || names.includes(name) ? names : [name, ...names]).map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
      </label>
    </form>
  );
}

/**
 * The object inspector: a button that opens it, then a picker over the live cluster's
 * objects and the view of the one chosen (or opened from a timeline step or an owner link).
 */
export function ObjectSection() {
  const object = useInspect((s) => s.targets.object);
  const picker = useInspect((s) => s.targets.picker);
  const view = useInspect((s) => s.views.object);
  const list = useInspect((s) => s.views.picker);
  const show = useInspect((s) => s.show);
  const open = useInspect((s) => s.openObject);
  if (object === null && picker === null)
    return (
      <div className="ins-bar">
        <button type="button" className="live-button" onClick={() => show('picker', FIRST_LIST)}>
          Inspect an object…
        </button>
      </div>
    );
  const close = () => {
    show('object', null);
    show('picker', null);
  };
  return (
    <section className="panel ins" aria-labelledby="ins-object-heading">
      <div className="ins-head">
        <h2 id="ins-object-heading">Object inspector</h2>
        <button type="button" className="live-button" onClick={close} aria-label="Close the object inspector">
          Close
        </button>
      </div>
      <ObjectPicker
        list={list?.kind === 'objects' ? list : null}
        listed={picker?.kind === 'objects' ? picker : FIRST_LIST}
        chosen={object?.kind === 'object' ? object : null}
        open={open}
      />
      {object !== null &&
        (view === null ? (
          <p className="ins-dim" role="status">
            Reading it from etcd…
          </p>
        ) : view.kind === 'object' ? (
          <ObjectInspector view={view} open={open} />
        ) : (
          view.kind === 'missing' && (
            <p className="ins-missing" role="status">
              {view.message}
            </p>
          )
        ))}
    </section>
  );
}
