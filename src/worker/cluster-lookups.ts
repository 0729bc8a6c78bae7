/**
 * What completion asks the cluster, the way kubectl's completion does: aggregated discovery
 * for the resource types, and list or get requests for object names. Every request goes
 * through the apiserver's one request handler as the client `kubectl`, so each is a step in
 * the trace like any other API call.
 */
import { AGGREGATED_DISCOVERY_TYPE } from '../sim/apiserver/discovery';
import type { ApiRequest, ApiResponse } from '../sim/apiserver/types';

/** What completion needs of the apiserver: its request handler. */
export interface RequestHandler {
  handle(request: ApiRequest): ApiResponse;
}

/** One resource type, as aggregated discovery describes it. */
export interface ResourceType {
  readonly plural: string;
  readonly singular: string;
  readonly kind: string;
  /** `''` for the core group. */
  readonly group: string;
  /** The group's preferred version that serves the type. */
  readonly version: string;
  readonly namespaced: boolean;
  readonly shortNames: readonly string[];
  readonly categories: readonly string[];
  readonly verbs: readonly string[];
}

interface DiscoveryList {
  items?: {
    metadata?: { name?: string };
    versions?: {
      version: string;
      resources?: {
        resource: string;
        singularResource?: string;
        responseKind?: { kind?: string };
        scope?: string;
        shortNames?: string[];
        categories?: string[];
        verbs?: string[];
      }[];
    }[];
  }[];
}

interface NamedList {
  items?: { metadata?: { name?: string } }[];
}

interface PodSpec {
  spec?: { initContainers?: { name: string }[]; containers?: { name: string }[] };
}

/** The resource name kubectl prints for a type: `pods`, `deployments.apps`. */
export const qualifiedName = (t: ResourceType): string =>
  t.group === '' ? t.plural : `${t.plural}.${t.group}`;

/** Answers completion's questions from the live cluster. Discovery is cached until {@link forget}. */
export class ClusterLookups {
  readonly #server: RequestHandler;
  #types: ResourceType[] | null = null;

  constructor(server: RequestHandler) {
    this.#server = server;
  }

  /** Drops the cached discovery, as after a command that may have added types (a CRD). */
  forget(): void {
    this.#types = null;
  }

  /**
   * Every resource type the server serves, deduplicated across versions, in the order
   * `kubectl api-resources` lists them: the core group first, then groups by name.
   */
  resourceTypes(): readonly ResourceType[] {
    if (this.#types !== null) return this.#types;
    const types: ResourceType[] = [];
    for (const path of ['/api', '/apis']) {
      const list = this.#get(path, AGGREGATED_DISCOVERY_TYPE) as DiscoveryList | null;
      for (const group of list?.items ?? []) {
        const name = group.metadata?.name ?? '';
        const seen = new Set<string>();
        for (const version of group.versions ?? []) {
          for (const r of version.resources ?? []) {
            if (seen.has(r.resource)) continue;
            seen.add(r.resource);
            types.push({
              plural: r.resource,
              singular: r.singularResource ?? '',
              kind: r.responseKind?.kind ?? '',
              group: name,
              version: version.version,
              namespaced: r.scope === 'Namespaced',
              shortNames: r.shortNames ?? [],
              categories: r.categories ?? [],
              verbs: r.verbs ?? [],
            });
          }
        }
      }
    }
    const key = (t: ResourceType) => `${t.group === '' ? '' : `~${t.group}`} ${t.plural}`;
    types.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
    this.#types = types;
    return types;
  }

  /**
   * The types a word on the command line names, as kubectl's REST mapper reads it: a plural,
   * singular, short name or kind, optionally qualified (`deployments.apps`,
   * `deployments.v1.apps`); else a category (`all`); comma-separated lists name them all.
   */
  resolve(word: string): ResourceType[] {
    const types = this.resourceTypes();
    return word.split(',').flatMap((part) => {
      const w = part.toLowerCase();
      const named = types.filter((t) =>
        [t.plural, t.singular, t.kind.toLowerCase(), ...t.shortNames].some(
          (n) =>
            n !== '' &&
            (w === n ||
              (t.group !== '' && (w === `${n}.${t.group}` || w === `${n}.${t.version}.${t.group}`))),
        ),
      );
      if (named.length > 0) return named.slice(0, 1);
      return types.filter((t) => t.categories.includes(w));
    });
  }

  /** The names of the objects of `type`, in `namespace` when the type is namespaced. */
  names(type: ResourceType, namespace: string): string[] {
    const list = this.#get(collectionPath(type, namespace), 'application/json') as NamedList | null;
    return (list?.items ?? []).map((item) => item.metadata?.name ?? '').filter((n) => n !== '');
  }

  /** The containers of a pod, init containers first, as `kubectl logs POD <Tab>` lists them. */
  containers(pod: string, namespace: string): string[] {
    const podType = this.resolve('pods')[0];
    if (podType === undefined) return [];
    const found = this.#get(
      `${collectionPath(podType, namespace)}/${pod}`,
      'application/json',
    ) as PodSpec | null;
    return [...(found?.spec?.initContainers ?? []), ...(found?.spec?.containers ?? [])].map((c) => c.name);
  }

  #get(path: string, accept: string): unknown {
    const response = this.#server.handle({
      method: 'GET',
      path,
      query: {},
      headers: { accept },
      client: 'kubectl',
    });
    return response.status === 200 && 'body' in response ? response.body : null;
  }
}

function collectionPath(type: ResourceType, namespace: string): string {
  const root = type.group === '' ? `/api/${type.version}` : `/apis/${type.group}/${type.version}`;
  return type.namespaced ? `${root}/namespaces/${namespace}/${type.plural}` : `${root}/${type.plural}`;
}
