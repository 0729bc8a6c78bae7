/**
 * How the ingress-nginx controller's nginx picks a backend for a request, from the routing
 * model its controller builds out of the cluster's Ingresses. Every host of a rule becomes an
 * nginx `server` (a wildcard host `*.example.com` a regex server matching exactly one label,
 * as ingress-nginx's buildServerName writes it); rules without a host go to the catch-all
 * `_` server, which is also the default server for hosts nobody named. Within a server the
 * paths are nginx locations: `Exact` an `=` location, `Prefix` a location matching whole path
 * elements, `ImplementationSpecific` a plain nginx prefix location; the longest match wins.
 * A request no location takes goes to the default backend.
 */

/** An Ingress backend's Service port (by number or by name). */
export interface IngressBackend {
  readonly namespace: string;
  readonly service: string;
  readonly port: number | string;
}

/** An Ingress path type (networking.k8s.io/v1 HTTPIngressPath.pathType). */
export type PathType = 'Exact' | 'Prefix' | 'ImplementationSpecific';

/** One path of one Ingress rule, as the controller's model keeps it. */
export interface IngressPath {
  /** The rule's host ('' for any host); `*.example.com` matches one label. */
  readonly host: string;
  readonly path: string;
  readonly pathType: PathType;
  readonly backend: IngressBackend;
}

/** What the controller knows: the paths of every Ingress of its class, oldest Ingress first. */
export interface IngressModel {
  readonly paths: readonly IngressPath[];
  /** The oldest Ingress `spec.defaultBackend`, if any: the catch-all server's backend. */
  readonly defaultBackend: IngressBackend | null;
}

/** A model with no Ingress: every request gets the default backend. */
export const EMPTY_MODEL: IngressModel = { paths: [], defaultBackend: null };

/** Whether a rule's host matches a request's host (a wildcard matches exactly one label). */
export function hostMatches(ruleHost: string, host: string): boolean {
  if (ruleHost === '') return true;
  if (!ruleHost.startsWith('*.')) return ruleHost === host;
  const suffix = ruleHost.slice(1);
  const label = host.slice(0, host.length - suffix.length);
  return host.endsWith(suffix) && /^[\w-]+$/.test(label);
}

/** Whether an Ingress path takes a request path (see the file comment for each type). */
export function pathMatches(p: Pick<IngressPath, 'path' | 'pathType'>, requestPath: string): boolean {
  if (p.pathType === 'Exact') return requestPath === p.path;
  if (p.pathType === 'ImplementationSpecific') return requestPath.startsWith(p.path);
  const prefix = p.path.endsWith('/') ? p.path.slice(0, -1) : p.path;
  return prefix === '' || requestPath === prefix || requestPath.startsWith(`${prefix}/`);
}

/** The request's host as nginx matches it: without a port, lower case. */
export function serverName(hostHeader: string): string {
  return hostHeader.replace(/:\d+$/, '').toLowerCase();
}

/** The path that serves a request, or null when the default backend does. */
export function routePath(model: IngressModel, host: string, requestPath: string): IngressPath | null {
  const name = serverName(host);
  const exact = model.paths.filter((p) => p.host !== '' && p.host === name);
  const wild = model.paths.filter((p) => p.host.startsWith('*.') && hostMatches(p.host, name));
  const server = exact.length > 0 ? exact : wild.length > 0 ? wild : model.paths.filter((p) => p.host === '');
  let best: IngressPath | null = null;
  for (const p of server) {
    if (!pathMatches(p, requestPath)) continue;
    const longer = best === null || p.path.length > best.path.length;
    const exactOnTie =
      best !== null &&
      p.path.length === best.path.length &&
      p.pathType === 'Exact' &&
      best.pathType !== 'Exact';
    if (longer || exactOnTie) best = p;
  }
  return best;
}

/** The backend for a request: its path's, else the `defaultBackend`, else null (nginx's 404). */
export function route(model: IngressModel, host: string, requestPath: string): IngressBackend | null {
  return routePath(model, host, requestPath)?.backend ?? model.defaultBackend;
}
