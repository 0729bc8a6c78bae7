/**
 * API discovery documents: /version, the legacy /api, /apis and per group-version resource
 * lists, and the aggregated apidiscovery.k8s.io/v2 documents kubectl v1.32 asks for first.
 */
import { RESOURCES, type ResourceInfo, type Verb } from './resources';

/** What `/version` reports: the Kubernetes version this simulation behaves as. */
export const VERSION_INFO = {
  major: '1',
  minor: '32',
  gitVersion: 'v1.32.4',
  gitCommit: '59526cd4867447956156ae3a602fcbac10a2c335',
  gitTreeState: 'clean',
  buildDate: '2025-04-22T16:02:27Z',
  goVersion: 'go1.23.6',
  compiler: 'gc',
  platform: 'linux/amd64',
} as const;

interface SubresourceInfo {
  readonly kind: string;
  readonly group?: string;
  readonly version?: string;
  readonly verbs: readonly string[];
}

const READ_WRITE = ['get', 'patch', 'update'];
const PROXY_VERBS = ['create', 'delete', 'get', 'patch', 'update'];

/** What each subresource accepts and returns. */
function subresourceInfo(resource: ResourceInfo, sub: string): SubresourceInfo {
  switch (sub) {
    case 'status':
    case 'ephemeralcontainers':
      return { kind: resource.kind, verbs: READ_WRITE };
    case 'scale':
      return { kind: 'Scale', group: 'autoscaling', version: 'v1', verbs: READ_WRITE };
    case 'log':
      return { kind: 'Pod', verbs: ['get'] };
    case 'exec':
      return { kind: 'PodExecOptions', verbs: ['create', 'get'] };
    case 'attach':
      return { kind: 'PodAttachOptions', verbs: ['create', 'get'] };
    case 'portforward':
      return { kind: 'PodPortForwardOptions', verbs: ['create', 'get'] };
    case 'binding':
      return { kind: 'Binding', verbs: ['create'] };
    case 'eviction':
      return { kind: 'Eviction', group: 'policy', version: 'v1', verbs: ['create'] };
    case 'finalize':
      return { kind: 'Namespace', verbs: ['update'] };
    case 'token':
      return { kind: 'TokenRequest', group: 'authentication.k8s.io', version: 'v1', verbs: ['create'] };
    case 'proxy':
      return { kind: `${resource.kind}ProxyOptions`, verbs: PROXY_VERBS };
    default:
      return { kind: resource.kind, verbs: ['get'] };
  }
}

/** Groups in the order kube-apiserver lists them, each with its versions, preferred first. */
export function apiGroups(): { name: string; versions: string[] }[] {
  const groups: { name: string; versions: string[] }[] = [];
  for (const r of RESOURCES) {
    if (r.group === '') continue;
    let g = groups.find((x) => x.name === r.group);
    if (g === undefined) groups.push((g = { name: r.group, versions: [] }));
    if (!g.versions.includes(r.version)) g.versions.push(r.version);
  }
  return groups;
}

const resourcesOf = (group: string, version: string) =>
  RESOURCES.filter((r) => r.group === group && r.version === version);

/** Legacy `/api`: the core group's versions. */
export function apiVersions(serverAddress: string) {
  return {
    kind: 'APIVersions',
    versions: ['v1'],
    serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }],
  };
}

/** Legacy `/apis`: every named group. */
export function apiGroupList() {
  return { kind: 'APIGroupList', apiVersion: 'v1', groups: apiGroups().map(groupDocument) };
}

/** Legacy `/apis/<group>`. */
export function groupDocument(group: { name: string; versions: string[] }) {
  const versions = group.versions.map((v) => ({ groupVersion: `${group.name}/${v}`, version: v }));
  return { kind: 'APIGroup', apiVersion: 'v1', name: group.name, versions, preferredVersion: versions[0] };
}

/** Legacy `/api/v1` or `/apis/<group>/<version>`: the resources and subresources served there. */
export function apiResourceList(group: string, version: string) {
  const resources = resourcesOf(group, version).flatMap((r) => [
    {
      name: r.plural,
      singularName: r.singular,
      namespaced: r.namespaced,
      kind: r.kind,
      verbs: [...r.verbs],
      ...(r.shortNames.length > 0 ? { shortNames: [...r.shortNames] } : {}),
      ...(r.categories.length > 0 ? { categories: [...r.categories] } : {}),
    },
    ...r.subresources.map((sub) => {
      const info = subresourceInfo(r, sub);
      return {
        name: `${r.plural}/${sub}`,
        singularName: '',
        namespaced: r.namespaced,
        ...(info.group === undefined ? {} : { group: info.group, version: info.version }),
        kind: info.kind,
        verbs: [...info.verbs],
      };
    }),
  ]);
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: group === '' ? version : `${group}/${version}`,
    resources,
  };
}

function discoveryResource(r: ResourceInfo) {
  return {
    resource: r.plural,
    responseKind: { group: r.group, version: r.version, kind: r.kind },
    scope: r.namespaced ? 'Namespaced' : 'Cluster',
    singularResource: r.singular,
    verbs: [...r.verbs] as Verb[],
    ...(r.shortNames.length > 0 ? { shortNames: [...r.shortNames] } : {}),
    ...(r.categories.length > 0 ? { categories: [...r.categories] } : {}),
    ...(r.subresources.length > 0
      ? {
          subresources: r.subresources.map((sub) => {
            const info = subresourceInfo(r, sub);
            return {
              subresource: sub,
              responseKind: {
                group: info.group ?? r.group,
                version: info.version ?? r.version,
                kind: info.kind,
              },
              verbs: [...info.verbs],
            };
          }),
        }
      : {}),
  };
}

function discoveryGroup(name: string, versions: string[]) {
  return {
    metadata: name === '' ? {} : { name },
    versions: versions.map((version) => ({
      version,
      resources: resourcesOf(name, version).map(discoveryResource),
      freshness: 'Current',
    })),
  };
}

/** Aggregated discovery for `/api` (core) or `/apis` (named groups). */
export function aggregatedDiscovery(legacy: boolean) {
  return {
    kind: 'APIGroupDiscoveryList',
    apiVersion: 'apidiscovery.k8s.io/v2',
    metadata: {},
    items: legacy ? [discoveryGroup('', ['v1'])] : apiGroups().map((g) => discoveryGroup(g.name, g.versions)),
  };
}

/** The media type of aggregated discovery, which clients name in Accept to get it. */
export const AGGREGATED_DISCOVERY_TYPE =
  'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList';

/** Whether an Accept header asks for aggregated discovery (v2). */
export function wantsAggregatedDiscovery(accept: string | undefined): boolean {
  return (accept ?? '').split(',').some((part) => {
    const params = part.split(';').map((p) => p.trim());
    return (
      params.includes('g=apidiscovery.k8s.io') &&
      params.includes('v=v2') &&
      params.includes('as=APIGroupDiscoveryList')
    );
  });
}
