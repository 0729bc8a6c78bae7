import { RESOURCES, findResource, type ResourceInfo } from './resources';

/** What an API path names. */
export type Route =
  | { readonly type: 'version' }
  | { readonly type: 'api' }
  | { readonly type: 'apis' }
  | { readonly type: 'group'; readonly group: string }
  | { readonly type: 'resourceList'; readonly group: string; readonly version: string }
  | { readonly type: 'openapi'; readonly path: string }
  | {
      readonly type: 'resource';
      readonly resource: ResourceInfo;
      /** Namespace from the URL; null for cluster-scoped requests and all-namespace lists. */
      readonly namespace: string | null;
      readonly name: string | null;
      readonly subresource: string | null;
      /** True for the legacy `/watch/` path prefix. */
      readonly watchPath: boolean;
    }
  | { readonly type: 'notFound'; readonly apiPath: boolean };

const knownGroupVersion = (group: string, version: string) =>
  RESOURCES.some((r) => r.group === group && r.version === version);

/** A path segment with its %-escapes decoded, as Go's net/http hands the router `URL.Path`. */
function unescape(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/**
 * Parses a request path (as sent, %-escaped) the way kube-apiserver's router does:
 * `/api/v1[/watch][/namespaces/<ns>]/<resource>[/<name>[/<subresource>]]` and the same under
 * `/apis/<group>/<version>`.
 */
export function parsePath(path: string): Route {
  const parts = path
    .split('/')
    .filter((p) => p !== '')
    .map(unescape);
  if (path === '/version' || path === '/version/') return { type: 'version' };
  if (parts[0] === 'openapi') return { type: 'openapi', path: `/${parts.join('/')}` };
  let group: string;
  let rest: string[];
  if (parts[0] === 'api') {
    if (parts.length === 1) return { type: 'api' };
    group = '';
    rest = parts.slice(1);
  } else if (parts[0] === 'apis') {
    if (parts.length === 1) return { type: 'apis' };
    group = parts[1] ?? '';
    if (parts.length === 2) {
      return RESOURCES.some((r) => r.group === group)
        ? { type: 'group', group }
        : { type: 'notFound', apiPath: true };
    }
    rest = parts.slice(2);
  } else {
    return { type: 'notFound', apiPath: false };
  }
  const version = rest[0] ?? '';
  if (!knownGroupVersion(group, version)) return { type: 'notFound', apiPath: true };
  if (rest.length === 1) return { type: 'resourceList', group, version };
  return parseResourcePath(group, version, rest.slice(1));
}

function parseResourcePath(group: string, version: string, segments: string[]): Route {
  let rest = segments;
  const watchPath = rest[0] === 'watch';
  if (watchPath) rest = rest.slice(1);
  let namespace: string | null = null;
  // `namespaces/<ns>/<resource>...` scopes a namespaced resource, unless what follows the
  // namespace name is one of the namespace's own subresources.
  if (rest[0] === 'namespaces' && rest.length >= 3) {
    const candidate = findResource(group, version, rest[2] ?? '');
    if (candidate?.namespaced === true) {
      namespace = rest[1] ?? null;
      rest = rest.slice(2);
    }
  }
  const [plural, name, subresource, ...extra] = rest;
  const resource = findResource(group, version, plural ?? '');
  if (resource === undefined || extra.length > 0) return { type: 'notFound', apiPath: true };
  if (subresource !== undefined && !resource.subresources.includes(subresource))
    return { type: 'notFound', apiPath: true };
  if (resource.namespaced && namespace === null && name !== undefined)
    return { type: 'notFound', apiPath: true };
  return {
    type: 'resource',
    resource,
    namespace,
    name: name ?? null,
    subresource: subresource ?? null,
    watchPath,
  };
}
