/**
 * kube-apiserver: one request handler `(request) -> response` for every client — the in-page
 * kubectl, controllers, kubelets, and the real kubectl over HTTP. Each request walks the
 * real pipeline (authentication, authorization, admission, validation, storage), and each
 * stage is a trace step.
 */
import type { Kernel } from '../kernel/kernel';
import type { Etcd } from '../store';
import { Aggregator } from './aggregator';
import type { AggregatedServers } from './aggregator/servers';
import {
  AGGREGATED_DISCOVERY_TYPE,
  VERSION_INFO,
  aggregatedDiscovery,
  apiGroupList,
  apiGroups,
  apiResourceList,
  apiVersions,
  groupDocument,
  wantsAggregatedDiscovery,
} from './discovery';
import { deleteCollection, deleteObject } from './handlers/delete';
import { getObject, isWatch, listObjects, watchObjects } from './handlers/read';
import type { Reply, RequestScope } from './handlers/scope';
import { evictPod } from './handlers/eviction';
import type { NodeConnections } from './handlers/kubelet-connection';
import { servePodStream } from './handlers/pod-streams';
import { createReview, isReview } from './handlers/reviews';
import { handleBinding, handleFinalize, handleScale } from './handlers/subresources';
import { createToken } from './handlers/token-request';
import { patchObject } from './handlers/patch';
import { createObject, updateObject } from './handlers/write';
import { ServiceAllocators } from './allocators';
import { componentUser } from './authn';
import {
  APISERVER_ADDRESS,
  SYSTEM_NAMESPACES,
  SYSTEM_PRIORITY_CLASSES,
  kubernetesService,
} from './bootstrap';
import { startCompaction } from './compaction';
import { OpenApi } from './openapi';
import { parsePath, type Route } from './route';
import type { ResourceInfo, Verb } from './resources';
import { ApiError, internalError, methodNotSupported, pathNotFound } from './status';
import { ObjectStorage } from './storage';
import type { ApiRequest, ApiResponse, UserInfo } from './types';

export const APISERVER_ID = 'control-plane/kube-apiserver';

export interface ApiServerOptions {
  readonly kernel: Kernel;
  readonly etcd: Etcd;
  /** Bearer tokens the server accepts, and who each one is. */
  readonly tokens?: Readonly<Record<string, UserInfo>>;
  /** The address clients use to reach the server, for legacy discovery. */
  readonly serverAddress?: string;
  /**
   * OpenAPI v3 component schemas by name (`io.k8s.api.apps.v1.Deployment`...), as upstream's
   * openapi-gen makes them from the Go API types: served in /openapi/v3 documents (for
   * `kubectl explain`) and read by strategic merge patch. Without them, each kind's schema is
   * an open placeholder.
   */
  readonly openapiSchemas?: Readonly<Record<string, object>>;
  /** The kubelets' servers by node name, for pods/log, pods/exec and pods/attach. */
  readonly nodes?: NodeConnections;
  /** The extension API servers behind Services, which APIServices register (metrics-server). */
  readonly aggregated?: AggregatedServers;
}

const JSON_HEADERS = { 'content-type': 'application/json' };

const STATUS_TEXT: Record<number, string> = { 200: 'OK', 201: 'Created', 202: 'Accepted' };

export class ApiServer {
  readonly id = APISERVER_ID;
  readonly #kernel: Kernel;
  readonly #etcd: Etcd;
  readonly #storage: ObjectStorage;
  readonly #tokens: Readonly<Record<string, UserInfo>>;
  readonly #serverAddress: string;
  readonly #openapi: OpenApi;
  readonly #services: ServiceAllocators;
  readonly #nodes: NodeConnections | undefined;
  readonly #aggregator: Aggregator;

  constructor(options: ApiServerOptions) {
    this.#kernel = options.kernel;
    this.#etcd = options.etcd;
    this.#storage = new ObjectStorage(options.etcd, APISERVER_ID);
    this.#tokens = options.tokens ?? {};
    this.#serverAddress = options.serverAddress ?? '127.0.0.1:6443';
    this.#openapi = new OpenApi(options.openapiSchemas);
    this.#services = new ServiceAllocators(options.kernel);
    this.#nodes = options.nodes;
    this.#aggregator = new Aggregator(options.kernel, this, options.aggregated);
  }

  /**
   * Starts kube-apiserver's own loops: etcd compaction every 5 minutes, and the namespaces
   * every cluster has (default, kube-system, kube-public, kube-node-lease), as its
   * system-namespaces controller creates them at start-up, and the system PriorityClasses;
   * and kube-aggregator's APIService availability controller.
   */
  bootstrap(): void {
    startCompaction(this.#kernel, this.#etcd, this.id);
    this.#aggregator.start();
    const post = (path: string, body: object) =>
      this.handle({
        method: 'POST',
        path,
        query: {},
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
        client: this.id,
      });
    for (const name of SYSTEM_NAMESPACES)
      post('/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
    for (const pc of SYSTEM_PRIORITY_CLASSES) post('/apis/scheduling.k8s.io/v1/priorityclasses', pc);
    for (const [path, body] of kubernetesService(APISERVER_ADDRESS)) post(path, body);
  }

  /** Serves one request. Never throws: failures become Status responses. */
  handle(req: ApiRequest): ApiResponse {
    const query =
      Object.keys(req.query).length === 0
        ? ''
        : '?' +
          Object.entries(req.query)
            .flatMap(([k, vs]) => vs.map((v) => `${k}=${v}`))
            .join('&');
    const request = this.#kernel.trace.emit({
      from: req.client,
      to: this.id,
      kind: 'request',
      summary: `${req.method} ${req.path}${query}`,
      detail: { method: req.method, path: req.path, query },
      causedBy: req.causedBy ?? null,
    });
    let response: ApiResponse;
    try {
      response = this.#serve(req, request.id);
    } catch (error) {
      const status =
        error instanceof ApiError
          ? error.status
          : internalError(error instanceof Error ? error.message : String(error)).status;
      response = { status: status.code ?? 500, headers: JSON_HEADERS, body: status };
    }
    this.#kernel.trace.emit({
      from: this.id,
      to: req.client,
      kind: 'response',
      summary:
        'watch' in response
          ? `${response.status} watch stream`
          : 'stream' in response
            ? `${response.status} log stream`
            : 'session' in response
              ? `${response.status} Switching Protocols`
              : `${response.status} ${STATUS_TEXT[response.status] ?? reasonOf(response)}`,
      detail: { status: response.status },
      causedBy: request.id,
    });
    return response;
  }

  #stage(step: number) {
    return (summary: string, detail?: Record<string, string | number | boolean>) =>
      this.#kernel.trace.emit({
        from: this.id,
        to: this.id,
        kind: 'decision',
        summary,
        detail: detail ?? null,
        causedBy: step,
      }).id;
  }

  #authenticate(req: ApiRequest, step: number): UserInfo {
    const auth = req.headers.authorization ?? '';
    const token = auth.startsWith('Bearer ') ? auth.slice('Bearer '.length).trim() : '';
    const user = this.#tokens[token] ?? componentUser(req.client);
    this.#stage(step)(`authentication: ${user.username}`, {
      user: user.username,
      groups: user.groups.join(','),
    });
    return user;
  }

  #serve(req: ApiRequest, step: number): ApiResponse {
    const user = this.#authenticate(req, step);
    const aggregated = this.#aggregator.serve(req, user, step);
    if (aggregated !== undefined) return aggregated;
    const route = parsePath(req.path);
    const json = (body: unknown, headers: Record<string, string> = JSON_HEADERS): ApiResponse => ({
      status: 200,
      headers,
      body,
    });
    switch (route.type) {
      case 'version':
        return json(VERSION_INFO);
      case 'api':
        return wantsAggregatedDiscovery(req.headers.accept)
          ? json(aggregatedDiscovery(true), { 'content-type': AGGREGATED_DISCOVERY_TYPE })
          : json(apiVersions(this.#serverAddress));
      case 'apis': {
        if (!wantsAggregatedDiscovery(req.headers.accept)) {
          const list = apiGroupList();
          return json({ ...list, groups: [...list.groups, ...this.#aggregator.groups().map(groupDocument)] });
        }
        const doc = aggregatedDiscovery(false);
        const items = [...doc.items, ...this.#aggregator.discoveryGroups()];
        return json({ ...doc, items }, { 'content-type': AGGREGATED_DISCOVERY_TYPE });
      }
      case 'group': {
        const group = apiGroups().find((g) => g.name === route.group);
        return group === undefined ? notFoundResponse(true) : json(groupDocument(group));
      }
      case 'resourceList':
        return json(apiResourceList(route.group, route.version));
      case 'openapi': {
        const doc = this.#openapi.serve(route.path);
        return doc === undefined ? notFoundResponse(true) : json(doc);
      }
      case 'notFound':
        return notFoundResponse(route.apiPath);
      case 'resource':
        return this.#serveResource(req, route, user, step);
    }
  }

  #serveResource(
    req: ApiRequest,
    route: Extract<Route, { type: 'resource' }>,
    user: UserInfo,
    step: number,
  ): ApiResponse {
    const scope: RequestScope = {
      kernel: this.#kernel,
      etcd: this.#etcd,
      storage: this.#storage,
      openapi: this.#openapi,
      services: this.#services,
      server: this.id,
      req,
      user,
      resource: route.resource,
      namespace: route.namespace,
      name: route.name,
      subresource: route.subresource,
      step,
      stage: this.#stage(step),
    };
    const verb = verbOf(req, route, isWatch(scope, route.watchPath));
    requireVerb(route.resource, route.subresource, verb);
    scope.stage(
      `authorization: allowed ${verb} ${route.resource.plural}${route.subresource === null ? '' : `/${route.subresource}`} (AlwaysAllow)`,
      { verb, user: user.username },
    );
    const sub = route.subresource;
    if (route.resource.plural === 'pods' && (sub === 'log' || sub === 'exec' || sub === 'attach'))
      return servePodStream(scope, this.#nodes);
    if (verb === 'watch') {
      return {
        status: 200,
        headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
        watch: watchObjects(scope),
      };
    }
    const reply = this.#dispatch(scope, verb);
    const warnings = reply.warnings ?? [];
    const headers =
      warnings.length === 0
        ? JSON_HEADERS
        : { ...JSON_HEADERS, warning: warnings.map((w) => `299 - ${JSON.stringify(w)}`).join(', ') };
    return { status: reply.status, headers, body: reply.body };
  }

  #dispatch(scope: RequestScope, verb: Verb): Reply {
    switch (scope.subresource) {
      case 'scale':
        return handleScale(scope, scope.req.method);
      case 'binding':
        return handleBinding(scope);
      case 'eviction':
        return evictPod(scope);
      case 'finalize':
        return handleFinalize(scope);
      case 'token':
        if (verb !== 'create') throw methodNotSupported(scope.resource, verb);
        return createToken(scope);
      case null:
      case 'status':
        break;
      default:
        throw methodNotSupported(scope.resource, verb);
    }
    switch (verb) {
      case 'get':
        return getObject(scope);
      case 'list':
        return listObjects(scope);
      case 'create':
        if (isReview(scope)) return createReview(scope);
        return scope.resource.plural === 'bindings'
          ? handleBinding({ ...scope, name: null })
          : createObject(scope);
      case 'update':
        return updateObject(scope);
      case 'patch':
        return patchObject(scope);
      case 'delete':
        return deleteObject(scope);
      case 'deletecollection':
        return deleteCollection(scope);
      case 'watch':
        throw methodNotSupported(scope.resource, verb);
    }
  }
}

/** The Kubernetes verb a request asks for. */
function verbOf(req: ApiRequest, route: Extract<Route, { type: 'resource' }>, watch: boolean): Verb {
  const collection = route.name === null;
  switch (req.method) {
    case 'GET':
      return watch ? 'watch' : collection ? 'list' : 'get';
    case 'POST':
      return 'create';
    case 'PUT':
      return 'update';
    case 'PATCH':
      return 'patch';
    case 'DELETE':
      return collection ? 'deletecollection' : 'delete';
  }
}

function requireVerb(resource: ResourceInfo, subresource: string | null, verb: Verb): void {
  if (subresource !== null) return;
  const allowed = verb === 'watch' ? resource.verbs.includes('watch') : resource.verbs.includes(verb);
  if (!allowed) throw methodNotSupported(resource, verb);
}

function notFoundResponse(apiPath: boolean): ApiResponse {
  if (!apiPath)
    return {
      status: 404,
      headers: { 'content-type': 'text/plain; charset=utf-8' },
      text: '404 page not found\n',
    };
  const status = pathNotFound().status;
  return { status: 404, headers: JSON_HEADERS, body: status };
}

function reasonOf(response: ApiResponse): string {
  if ('body' in response && typeof response.body === 'object' && response.body !== null) {
    const reason = (response.body as { reason?: string }).reason;
    if (reason !== undefined) return reason;
  }
  return '';
}
