/**
 * API discovery as kubectl v1.32 does it: two requests, `GET /api` and `GET /apis`, asking
 * for aggregated discovery (apidiscovery.k8s.io/v2), kept in a cache for six hours as
 * kubectl keeps ~/.kube/cache. The cache lives for the whole terminal session; each command
 * run sees it through a Discovery that knows whether it fetched it itself ("fresh").
 */
import type { RestClient } from './rest';

/** One resource the server serves, in one group version. */
export interface ApiResource {
  readonly group: string;
  readonly version: string;
  /** The plural resource name: `deployments`. */
  readonly name: string;
  readonly singularName: string;
  readonly namespaced: boolean;
  readonly kind: string;
  readonly verbs: readonly string[];
  readonly shortNames: readonly string[];
  readonly categories: readonly string[];
}

/** An API group and its versions, the preferred one first. */
export interface ApiGroup {
  readonly name: string;
  readonly versions: readonly string[];
  readonly preferredVersion: string;
}

/** What discovery found: groups in the server's order (core first) and their resources. */
export interface DiscoveryDocument {
  readonly groups: readonly ApiGroup[];
  /** Every resource of every group version, in group order, then version order. */
  readonly resources: readonly ApiResource[];
}

/** The Accept header kubectl sends for discovery: aggregated v2, v2beta1, then legacy. */
const DISCOVERY_ACCEPT =
  'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,' +
  'application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json';

/** How long discovery stays cached: kubectl's six hours. */
export const DISCOVERY_TTL_MS = 6 * 60 * 60 * 1000;

/** The timeout discovery requests carry when `--request-timeout` is not given. */
const DISCOVERY_TIMEOUT = '32s';

interface AggregatedResource {
  resource: string;
  responseKind?: { group: string; version: string; kind: string };
  scope: 'Namespaced' | 'Cluster';
  singularResource?: string;
  verbs?: string[];
  shortNames?: string[];
  categories?: string[];
}

interface AggregatedList {
  items: {
    metadata?: { name?: string };
    versions: { version: string; resources?: AggregatedResource[] }[];
  }[];
}

/** The session's discovery cache: one document and when it was fetched. */
export class DiscoveryCache {
  document: DiscoveryDocument | undefined;
  fetchedAt = 0;
}

/** Discovery for one command run. */
export class Discovery {
  readonly #client: RestClient;
  readonly #cache: DiscoveryCache;
  readonly #now: () => number;
  #fresh = false;

  constructor(client: RestClient, cache: DiscoveryCache, now: () => number) {
    this.#client = client;
    this.#cache = cache;
    this.#now = now;
  }

  /** Whether this run fetched the document itself (so refetching cannot find more). */
  get fresh(): boolean {
    return this.#fresh;
  }

  /** The discovery document, from the cache while it is young enough. */
  async document(): Promise<DiscoveryDocument> {
    const cached = this.#cache.document;
    if (cached !== undefined && this.#now() - this.#cache.fetchedAt < DISCOVERY_TTL_MS) return cached;
    return this.refresh();
  }

  /** Fetches discovery again (kubectl's Invalidate, then a read). */
  async refresh(): Promise<DiscoveryDocument> {
    const core = await this.#fetch('/api');
    const named = await this.#fetch('/apis');
    const document = toDocument([...core.items, ...named.items]);
    this.#cache.document = document;
    this.#cache.fetchedAt = this.#now();
    this.#fresh = true;
    return document;
  }

  #fetch(path: string): Promise<AggregatedList> {
    return this.#client.json<AggregatedList>({
      path,
      headers: { accept: DISCOVERY_ACCEPT },
      defaultTimeout: DISCOVERY_TIMEOUT,
    });
  }
}

function toDocument(items: AggregatedList['items']): DiscoveryDocument {
  const groups: ApiGroup[] = [];
  const resources: ApiResource[] = [];
  for (const item of items) {
    const name = item.metadata?.name ?? '';
    const versions = item.versions.map((v) => v.version);
    groups.push({ name, versions, preferredVersion: versions[0] ?? '' });
    for (const version of item.versions)
      for (const r of version.resources ?? [])
        resources.push({
          group: name,
          version: version.version,
          name: r.resource,
          singularName: r.singularResource ?? '',
          namespaced: r.scope === 'Namespaced',
          kind: r.responseKind?.kind ?? '',
          verbs: r.verbs ?? [],
          shortNames: r.shortNames ?? [],
          categories: r.categories ?? [],
        });
  }
  return { groups, resources };
}
