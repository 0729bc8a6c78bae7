/** GET and LIST (and watch) on a resource, in JSON or as a server-side printed Table. */
import { queryFlag, queryParam, wantsTable } from '../codec';
import { checkSelectableFields, selectableFields } from '../fields';
import { printTable } from '../printers';
import { apiVersionOf } from '../resources';
import { matchesFields, matchesLabels, parseFieldSelector, parseLabelSelector } from '../selectors';
import { badRequest } from '../status';
import type { KubeObject, WatchStream } from '../types';
import { openWatch } from '../watch';
import type { Reply, RequestScope } from './scope';

/** `includeObject` for Tables: None, Metadata (default) or Object. */
function includeObject(scope: RequestScope): 'None' | 'Metadata' | 'Object' {
  const v = queryParam(scope.req, 'includeObject');
  if (v === undefined || v === '') return 'Metadata';
  if (v === 'None' || v === 'Metadata' || v === 'Object') return v;
  throw badRequest(`unknown includeObject: ${v}`);
}

function now(scope: RequestScope): number {
  return scope.kernel.clock.epoch + scope.kernel.clock.now();
}

/** GET one object. */
export function getObject(scope: RequestScope): Reply {
  const obj = scope.storage.get(scope.resource, scope.namespace, scope.name ?? '', { causedBy: scope.step });
  if (wantsTable(scope.req)) {
    return {
      status: 200,
      body: printTable(scope.resource, [obj], {
        now: now(scope),
        includeObject: includeObject(scope),
        listMeta: { resourceVersion: obj.metadata.resourceVersion ?? '' },
      }),
    };
  }
  return { status: 200, body: obj };
}

/** The predicate for `labelSelector` and `fieldSelector` query parameters. */
export function selectorFilter(scope: RequestScope): ((obj: KubeObject) => boolean) | undefined {
  const labels = parseLabelSelector(queryParam(scope.req, 'labelSelector') ?? '');
  const fields = parseFieldSelector(queryParam(scope.req, 'fieldSelector') ?? '');
  checkSelectableFields(
    scope.resource,
    fields.map((f) => f.field),
  );
  if (scope.name !== null) fields.push({ field: 'metadata.name', op: '=', value: scope.name });
  if (labels.length === 0 && fields.length === 0) return undefined;
  return (obj) =>
    matchesLabels(labels, obj.metadata.labels) &&
    matchesFields(fields, selectableFields(scope.resource, obj));
}

/** LIST a collection (one namespace, or all of them). */
export function listObjects(scope: RequestScope): Reply {
  const limitText = queryParam(scope.req, 'limit');
  const limit = limitText === undefined || limitText === '' ? 0 : Number(limitText);
  if (!Number.isInteger(limit) || limit < 0) throw badRequest(`invalid limit: ${limitText}`);
  const filter = selectorFilter(scope);
  const continueToken = queryParam(scope.req, 'continue');
  const result = scope.storage.list(
    scope.resource,
    scope.namespace,
    { limit, ...(continueToken ? { continueToken } : {}), ...(filter === undefined ? {} : { filter }) },
    { causedBy: scope.step },
  );
  const metadata = {
    resourceVersion: result.resourceVersion,
    ...(result.continueToken === undefined ? {} : { continue: result.continueToken }),
    ...(result.remainingItemCount === undefined ? {} : { remainingItemCount: result.remainingItemCount }),
  };
  if (wantsTable(scope.req)) {
    return {
      status: 200,
      body: printTable(scope.resource, result.items, {
        now: now(scope),
        includeObject: includeObject(scope),
        listMeta: metadata,
      }),
    };
  }
  // Items of a typed list carry no apiVersion/kind of their own, as upstream encodes them.
  const items = result.items.map(({ apiVersion: _a, kind: _k, ...rest }) => rest);
  return {
    status: 200,
    body: { kind: `${scope.resource.kind}List`, apiVersion: apiVersionOf(scope.resource), metadata, items },
  };
}

/** Whether this GET is a watch (`?watch=true` or the legacy /watch/ path). */
export function isWatch(scope: RequestScope, watchPath: boolean): boolean {
  return watchPath || queryFlag(scope.req, 'watch');
}

/** The default server-side watch timeout: a random time between 30 and 60 minutes, as upstream. */
const MIN_REQUEST_TIMEOUT_MS = 1800_000;

/** WATCH a collection or, with a name, one object. */
export function watchObjects(scope: RequestScope): WatchStream {
  const timeoutText = queryParam(scope.req, 'timeoutSeconds');
  const timeoutMs =
    timeoutText === undefined || timeoutText === ''
      ? MIN_REQUEST_TIMEOUT_MS + scope.kernel.rng.int(0, MIN_REQUEST_TIMEOUT_MS)
      : Number(timeoutText) * 1000;
  if (!Number.isFinite(timeoutMs) || timeoutMs < 0)
    throw badRequest(`invalid timeoutSeconds: ${timeoutText}`);
  const filter = selectorFilter(scope) ?? (() => true);
  const table = wantsTable(scope.req);
  const stream = openWatch({
    kernel: scope.kernel,
    etcd: scope.etcd,
    storage: scope.storage,
    resource: scope.resource,
    namespace: scope.namespace,
    filter,
    resourceVersion: queryParam(scope.req, 'resourceVersion') ?? '',
    bookmarks: queryFlag(scope.req, 'allowWatchBookmarks'),
    timeoutMs,
    server: scope.server,
    client: scope.req.client,
    causedBy: scope.step,
  });
  if (!table) return stream;
  // Watch as Table (`kubectl get -w`): each event carries a one-row Table; only the first has columns.
  let first = true;
  return {
    start(listener, onEnd) {
      stream.start((event, step) => {
        if (event.type === 'ADDED' || event.type === 'MODIFIED' || event.type === 'DELETED') {
          const printed = printTable(scope.resource, [event.object as KubeObject], {
            now: now(scope),
            includeObject: includeObject(scope),
          });
          const object = first ? printed : { ...printed, columnDefinitions: [] };
          first = false;
          listener({ type: event.type, object: object as unknown as KubeObject }, step);
        } else {
          listener(event, step);
        }
      }, onEnd);
    },
    close: () => stream.close(),
  };
}
