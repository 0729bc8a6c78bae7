/**
 * API discovery as client-go's ServerPreferredNamespacedResources does it over the legacy
 * endpoints: `GET /api` and `GET /apis` for the groups, then every group/version's resource
 * list; each resource is taken from its group's preferred version, subresources and
 * cluster-scoped resources are left out.
 */
import { ApiError } from '../../apiserver/status';
import type { ApiClient } from '../../client/rest';

/** One resource as an APIResourceList names it. */
export interface ApiResource {
  readonly name: string;
  readonly kind: string;
  readonly namespaced: boolean;
  readonly verbs: readonly string[];
}

/** The namespaced resources of one group/version (`v1`, `apps/v1`). */
export interface ApiResourceList {
  readonly groupVersion: string;
  readonly resources: readonly ApiResource[];
}

/** What discovery found, and how it failed if it did (a partial result is still usable). */
export interface DiscoveryResult {
  readonly lists: readonly ApiResourceList[];
  /** The error's text, as client-go's error would print. */
  readonly error: string | null;
  /** When some group/versions failed (ErrGroupDiscoveryFailed): each one and its error. */
  readonly failedGroups?: ReadonlyMap<string, string>;
}

interface ApiGroup {
  readonly name: string;
  readonly versions: readonly { groupVersion: string; version: string }[];
  readonly preferredVersion?: { version: string };
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

function getJson<T>(client: ApiClient, path: string, cause: number | null): T {
  const response = client.request('GET', path, { causedBy: cause });
  if (!('body' in response)) throw new Error(`GET ${path}: expected a JSON body`);
  return response.body as T;
}

/** The server's groups, the legacy core group first (ServerGroups). */
function serverGroups(client: ApiClient, cause: number | null): ApiGroup[] {
  const groups: ApiGroup[] = [];
  try {
    const core = getJson<{ versions?: string[] }>(client, '/api', cause);
    const versions = (core.versions ?? []).map((v) => ({ groupVersion: v, version: v }));
    const preferred = versions[0];
    if (preferred !== undefined) groups.push({ name: '', versions, preferredVersion: preferred });
  } catch (error) {
    // A server without the legacy group answers 403/404 here: not an error.
    if (!(error instanceof ApiError && (error.code === 403 || error.code === 404))) throw error;
  }
  const named = getJson<{ groups?: ApiGroup[] }>(client, '/apis', cause);
  return [...groups, ...(named.groups ?? [])];
}

/** Discovers the namespaced resources, each in its group's preferred version. */
export function discoverNamespacedResources(client: ApiClient, cause: number | null): DiscoveryResult {
  let groups: ApiGroup[];
  try {
    groups = serverGroups(client, cause);
  } catch (error) {
    return { lists: [], error: message(error) };
  }
  const failed = new Map<string, string>();
  const groupVersions: string[] = [];
  // Each group's resource, by `<resource>.<group>`: the first version serving it, or the preferred one.
  const selected = new Map<string, { groupVersion: string; resource: ApiResource }>();
  for (const group of groups) {
    for (const version of group.versions) {
      const path = group.name === '' ? `/api/${version.version}` : `/apis/${version.groupVersion}`;
      let resources: readonly ApiResource[];
      try {
        resources = getJson<{ resources?: ApiResource[] }>(client, path, cause).resources ?? [];
      } catch (error) {
        failed.set(version.groupVersion, message(error));
        continue;
      }
      groupVersions.push(version.groupVersion);
      const preferred = version.version === group.preferredVersion?.version;
      for (const resource of resources) {
        const key = `${resource.name}.${group.name}`;
        if (resource.name.includes('/') || (selected.has(key) && !preferred)) continue;
        selected.set(key, { groupVersion: version.groupVersion, resource });
      }
    }
  }
  const namespaced = groupVersions.map((groupVersion) => ({
    groupVersion,
    resources: [...selected.values()]
      .filter((s) => s.groupVersion === groupVersion && s.resource.namespaced)
      .map((s) => s.resource),
  }));
  if (failed.size === 0) return { lists: namespaced, error: null };
  const detail = [...failed]
    .map(([gv, err]) => `${gv}: ${err}`)
    .sort()
    .join(', ');
  return {
    lists: namespaced,
    error: `unable to retrieve the complete list of server APIs: ${detail}`,
    failedGroups: failed,
  };
}
