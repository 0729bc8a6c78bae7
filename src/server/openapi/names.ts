/**
 * How OpenAPI names Go types and which API group a Go package serves.
 */

/**
 * The OpenAPI definition name of Go type `name` in package `pkg`: the package path with its
 * domain reversed, then the type, e.g. `k8s.io/api/apps/v1` + `Deployment` ->
 * `io.k8s.api.apps.v1.Deployment`.
 */
export function definitionName(pkg: string, name: string): string {
  const [domain = '', ...rest] = pkg.split('/');
  const reversed = domain.split('.').reverse().join('.');
  return [reversed, ...rest, name].filter((part) => part !== '').join('.');
}

/** k8s.io/api/<dir> packages whose API group is not `<dir>.k8s.io`. */
const GROUP_OF_DIR: Readonly<Record<string, string>> = {
  core: '',
  apps: 'apps',
  autoscaling: 'autoscaling',
  batch: 'batch',
  extensions: 'extensions',
  policy: 'policy',
  rbac: 'rbac.authorization.k8s.io',
  flowcontrol: 'flowcontrol.apiserver.k8s.io',
  apiserverinternal: 'internal.apiserver.k8s.io',
};

/**
 * The API group and version a Go package serves, when it is one of k8s.io/api's
 * `<group dir>/<version>` packages; null for everything else (apimachinery's meta types).
 */
export function groupVersionOf(pkg: string): { group: string; version: string } | null {
  const match = /^k8s\.io\/api\/([a-z0-9]+)\/(v[0-9]+(?:(?:alpha|beta)[0-9]+)?)$/.exec(pkg);
  if (match?.[1] === undefined || match[2] === undefined) return null;
  const dir = match[1];
  const group = Object.hasOwn(GROUP_OF_DIR, dir) ? (GROUP_OF_DIR[dir] ?? '') : `${dir}.k8s.io`;
  return { group, version: match[2] };
}
