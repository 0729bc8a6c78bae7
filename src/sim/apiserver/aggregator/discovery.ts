/**
 * Discovery for aggregated APIs: the groups and versions APIServices announce (legacy /apis
 * and /apis/<group>), and aggregated discovery built from the resource lists their servers
 * publish at /apis/<group>/<version> (upstream's discovery manager falls back to that list,
 * converting it the way endpoints.ConvertGroupVersionIntoToDiscovery does).
 */
import type { APIServiceObject } from './types';

/** One entry of a server's APIResourceList. */
interface APIResource {
  readonly name: string;
  readonly singularName?: string;
  readonly namespaced: boolean;
  readonly kind: string;
  readonly verbs: readonly string[];
  readonly group?: string;
  readonly version?: string;
  readonly shortNames?: readonly string[];
  readonly categories?: readonly string[];
}

/** What a server publishes at /apis/<group>/<version>. */
export interface APIResourceList {
  readonly groupVersion: string;
  readonly resources: readonly APIResource[];
}

/** The non-local APIServices' groups, by groupPriorityMinimum, each with its versions by versionPriority. */
export function aggregatedGroups(
  apiServices: readonly APIServiceObject[],
): { name: string; versions: string[] }[] {
  const remote = apiServices.filter((a) => a.spec?.service !== undefined && a.spec.service !== null);
  const priority = (a: APIServiceObject) => a.spec?.groupPriorityMinimum ?? 0;
  const groups = [...new Set(remote.map((a) => a.spec?.group ?? ''))].map((name) => {
    const own = remote.filter((a) => a.spec?.group === name);
    own.sort((a, b) => (b.spec?.versionPriority ?? 0) - (a.spec?.versionPriority ?? 0));
    return {
      name,
      priority: Math.max(...own.map(priority)),
      versions: own.map((a) => a.spec?.version ?? ''),
    };
  });
  groups.sort((a, b) => b.priority - a.priority || (a.name < b.name ? -1 : 1));
  return groups.map(({ name, versions }) => ({ name, versions }));
}

/** An aggregated-discovery version entry from a server's resource list. */
export function discoveryVersion(version: string, list: APIResourceList | undefined) {
  if (list === undefined) return { version };
  const [group = '', v = version] = list.groupVersion.includes('/')
    ? list.groupVersion.split('/')
    : ['', version];
  const parents = list.resources.filter((r) => !r.name.includes('/'));
  const resources = parents.map((r) => {
    const subresources = list.resources
      .filter((s) => s.name.startsWith(`${r.name}/`))
      .map((s) => ({
        subresource: s.name.slice(r.name.length + 1),
        responseKind: { group: s.group ?? group, version: s.version ?? v, kind: s.kind },
        verbs: [...s.verbs],
      }));
    return {
      resource: r.name,
      responseKind: { group, version: v, kind: r.kind },
      scope: r.namespaced ? 'Namespaced' : 'Cluster',
      singularResource: r.singularName ?? '',
      verbs: [...r.verbs],
      ...(r.shortNames === undefined || r.shortNames.length === 0 ? {} : { shortNames: [...r.shortNames] }),
      ...(r.categories === undefined || r.categories.length === 0 ? {} : { categories: [...r.categories] }),
      ...(subresources.length === 0 ? {} : { subresources }),
    };
  });
  return { version, resources, freshness: 'Current' };
}
