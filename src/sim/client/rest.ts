/**
 * An in-process API client: how a simulated component (a controller, the scheduler, a
 * kubelet) talks to kube-apiserver — the same REST requests the real ones make, answered by
 * the same handler that serves the real kubectl.
 */
import type { ApiServer } from '../apiserver/apiserver';
import { apiVersionOf, type ResourceInfo } from '../apiserver/resources';
import { ApiError } from '../apiserver/status';
import type { ApiResponse, HttpMethod, KubeList, KubeObject, Status, WatchStream } from '../apiserver/types';

/** The REST path of a collection, an object, or an object's subresource. */
export function resourcePath(
  resource: ResourceInfo,
  namespace: string | null,
  name?: string,
  subresource?: string,
): string {
  const prefix = resource.group === '' ? `/api/${resource.version}` : `/apis/${apiVersionOf(resource)}`;
  const scope = resource.namespaced && namespace !== null ? `/namespaces/${namespace}` : '';
  return `${prefix}${scope}/${resource.plural}${name === undefined ? '' : `/${name}`}${subresource === undefined ? '' : `/${subresource}`}`;
}

export interface RequestOptions {
  readonly query?: Readonly<Record<string, string>>;
  readonly body?: unknown;
  readonly contentType?: string;
  /** The trace step this request follows from, e.g. the watch event that woke a controller. */
  readonly causedBy?: number | null;
}

export type PatchType = 'merge' | 'strategic' | 'json';

const PATCH_TYPES: Record<PatchType, string> = {
  merge: 'application/merge-patch+json',
  strategic: 'application/strategic-merge-patch+json',
  json: 'application/json-patch+json',
};

export class ApiClient {
  constructor(
    private readonly apiserver: ApiServer,
    /** The component id requests come from, e.g. `control-plane/kube-controller-manager`. */
    readonly id: string,
    /** The field manager this client's writes are recorded under. */
    readonly fieldManager: string,
  ) {}

  /** Sends a request; failures come back as ApiError with the server's Status. */
  request(method: HttpMethod, path: string, options: RequestOptions = {}): ApiResponse {
    const query: Record<string, string[]> = {};
    for (const [k, v] of Object.entries(options.query ?? {})) query[k] = [v];
    const response = this.apiserver.handle({
      method,
      path,
      query,
      headers: {
        'content-type': options.contentType ?? 'application/json',
        'user-agent': `${this.fieldManager}/v1.32.4`,
      },
      ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
      client: this.id,
      causedBy: options.causedBy ?? null,
    });
    if (response.status >= 400) {
      const status = 'body' in response ? (response.body as Status) : undefined;
      throw new ApiError(
        status ?? {
          kind: 'Status',
          apiVersion: 'v1',
          metadata: {},
          status: 'Failure',
          code: response.status,
        },
      );
    }
    return response;
  }

  #json<T>(method: HttpMethod, path: string, options: RequestOptions = {}): T {
    const response = this.request(method, path, options);
    if (!('body' in response)) throw new Error(`${method} ${path}: expected a JSON body`);
    return response.body as T;
  }

  get<T extends KubeObject = KubeObject>(
    resource: ResourceInfo,
    namespace: string | null,
    name: string,
    causedBy?: number | null,
  ): T {
    return this.#json('GET', resourcePath(resource, namespace, name), { causedBy: causedBy ?? null });
  }

  list<T extends KubeObject = KubeObject>(
    resource: ResourceInfo,
    namespace: string | null,
    query: Record<string, string> = {},
    causedBy?: number | null,
  ): KubeList<T> {
    return this.#json('GET', resourcePath(resource, namespace), { query, causedBy: causedBy ?? null });
  }

  create<T extends KubeObject = KubeObject>(
    resource: ResourceInfo,
    namespace: string | null,
    obj: object,
    causedBy?: number | null,
  ): T {
    return this.#json('POST', resourcePath(resource, namespace), {
      body: obj,
      query: { fieldManager: this.fieldManager },
      causedBy: causedBy ?? null,
    });
  }

  update<T extends KubeObject = KubeObject>(
    resource: ResourceInfo,
    obj: KubeObject,
    subresource?: string,
    causedBy?: number | null,
  ): T {
    const path = resourcePath(resource, obj.metadata.namespace ?? null, obj.metadata.name ?? '', subresource);
    return this.#json('PUT', path, {
      body: obj,
      query: { fieldManager: this.fieldManager },
      causedBy: causedBy ?? null,
    });
  }

  patch<T extends KubeObject = KubeObject>(
    resource: ResourceInfo,
    namespace: string | null,
    name: string,
    type: PatchType,
    patch: unknown,
    causedBy?: number | null,
    subresource?: string,
  ): T {
    return this.#json('PATCH', resourcePath(resource, namespace, name, subresource), {
      body: patch,
      contentType: PATCH_TYPES[type],
      query: { fieldManager: this.fieldManager },
      causedBy: causedBy ?? null,
    });
  }

  /** Deletes an object; `propagationPolicy` as DeleteOptions give it. */
  delete(
    resource: ResourceInfo,
    namespace: string | null,
    name: string,
    options: { propagationPolicy?: 'Background' | 'Foreground' | 'Orphan'; uid?: string } = {},
    causedBy?: number | null,
  ): unknown {
    const body = {
      kind: 'DeleteOptions',
      apiVersion: 'v1',
      ...(options.propagationPolicy === undefined ? {} : { propagationPolicy: options.propagationPolicy }),
      ...(options.uid === undefined ? {} : { preconditions: { uid: options.uid } }),
    };
    return this.#json('DELETE', resourcePath(resource, namespace, name), {
      body,
      causedBy: causedBy ?? null,
    });
  }

  /** Opens a watch on a collection from `resourceVersion`. */
  watch(
    resource: ResourceInfo,
    namespace: string | null,
    query: Record<string, string>,
    causedBy?: number | null,
  ): WatchStream {
    const response = this.request('GET', resourcePath(resource, namespace), {
      query: { ...query, watch: 'true' },
      causedBy: causedBy ?? null,
    });
    if (!('watch' in response)) throw new Error(`watch ${resource.plural}: expected a watch stream`);
    return response.watch;
  }
}
