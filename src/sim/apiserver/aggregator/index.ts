/**
 * kube-aggregator, the front of kube-apiserver: APIService objects (apiregistration.k8s.io/v1)
 * register extension API servers for a group and version, and requests under
 * `/apis/<group>/<version>` that no built-in resource serves are proxied to the server behind
 * the APIService's Service, with the caller's identity in `X-Remote-User`/`X-Remote-Group`.
 * While that server is not Available the answer is upstream's plain-text 503 `service
 * unavailable`. Its availability controller keeps each APIService's Available condition and,
 * from the same discovery request, what aggregated discovery publishes for it.
 *
 * The aggregator reads APIServices through an informer over a loopback client, as upstream's
 * controllers do, so every status write is an ordinary API request in the trace.
 */
import type { ApiServer } from '../apiserver';
import { Informer } from '../../client/informer';
import { ApiClient } from '../../client/rest';
import type { Kernel } from '../../kernel/kernel';
import { RESOURCES } from '../resources';
import { ApiError } from '../status';
import type { ApiRequest, ApiResponse, UserInfo } from '../types';
import { checkAvailability, withCondition } from './available';
import { aggregatedGroups, discoveryVersion, type APIResourceList } from './discovery';
import type { AggregatedServers } from './servers';
import { APISERVICES, availableCondition, type APIServiceObject } from './types';

/** How often every APIService is checked again (the controller's resync period). */
const RESYNC_MS = 30_000;

const UNAVAILABLE: ApiResponse = {
  status: 503,
  headers: { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' },
  text: 'service unavailable\n',
};

export class Aggregator {
  readonly #client: ApiClient;
  readonly #apiServices: Informer<APIServiceObject>;
  /** What each APIService's server last published at its discovery path. */
  readonly #discovery = new Map<string, APIResourceList>();

  constructor(
    private readonly kernel: Kernel,
    apiserver: ApiServer,
    private readonly servers: AggregatedServers | undefined,
  ) {
    this.#client = new ApiClient(apiserver, apiserver.id, 'kube-apiserver');
    this.#apiServices = new Informer(kernel, this.#client, APISERVICES);
  }

  /** Starts the APIService informer and the availability controller. */
  start(): void {
    const check = (obj: APIServiceObject, cause: number | null) => {
      const name = obj.metadata.name ?? '';
      this.kernel.schedule(0, `${this.#client.id}: APIService availability ${name}`, () =>
        this.#sync(name, cause),
      );
    };
    this.#apiServices.addHandlers({
      add: check,
      update: (_old, obj, cause) => check(obj, cause),
      delete: (obj) => this.#discovery.delete(obj.metadata.name ?? ''),
    });
    this.servers?.onChange(() => {
      for (const obj of this.#apiServices.lister.list()) check(obj, null);
    });
    const resync = () => {
      for (const obj of this.#apiServices.lister.list()) this.#sync(obj.metadata.name ?? '', null);
      this.kernel.schedule(RESYNC_MS, `${this.#client.id}: APIService availability resync`, resync);
    };
    this.kernel.schedule(RESYNC_MS, `${this.#client.id}: APIService availability resync`, resync);
    this.#apiServices.start();
  }

  /**
   * Serves `/apis/<group>` and `/apis/<group>/<version>/...` for groups only APIServices
   * announce; undefined for every other path (kube-apiserver's own handlers serve it).
   */
  serve(req: ApiRequest, user: UserInfo, step: number): ApiResponse | undefined {
    const [apis, group, version] = req.path.split('/').filter((p) => p !== '');
    if (apis !== 'apis' || group === undefined) return undefined;
    if (version === undefined) {
      if (RESOURCES.some((r) => r.group === group)) return undefined;
      const found = aggregatedGroups(this.#apiServices.lister.list()).find((g) => g.name === group);
      if (found === undefined) return undefined;
      const versions = found.versions.map((v) => ({ groupVersion: `${group}/${v}`, version: v }));
      const doc = {
        kind: 'APIGroup',
        apiVersion: 'v1',
        name: group,
        versions,
        preferredVersion: versions[0],
      };
      return { status: 200, headers: { 'content-type': 'application/json' }, body: doc };
    }
    if (RESOURCES.some((r) => r.group === group && r.version === version)) return undefined;
    const apiService = this.#apiServices.lister.get(`${version}.${group}`);
    const service = apiService?.spec?.service;
    if (apiService === undefined || service === undefined || service === null) return undefined;
    const server = this.servers?.server(service.namespace ?? '', service.name ?? '');
    const available = availableCondition(apiService)?.status === 'True';
    this.#stage(
      step,
      available && server !== undefined
        ? `aggregator: proxy to service ${service.namespace ?? ''}/${service.name ?? ''} (${apiService.metadata.name ?? ''})`
        : `aggregator: ${apiService.metadata.name ?? ''} is not available: service unavailable`,
    );
    if (!available || server === undefined) return UNAVAILABLE;
    const query = Object.entries(req.query).flatMap(([k, vs]) => vs.map((v) => `${k}=${v}`));
    const hop = this.kernel.trace.emit({
      from: this.#client.id,
      to: server.id,
      kind: 'request',
      summary: `${req.method} ${req.path}${query.length === 0 ? '' : `?${query.join('&')}`}`,
      detail: { method: req.method, path: req.path, user: user.username },
      causedBy: step,
    }).id;
    const headers = {
      ...req.headers,
      'x-remote-user': user.username,
      'x-remote-group': user.groups.join(','),
    };
    const response = server.handle({ ...req, headers, client: this.#client.id, causedBy: hop }, hop);
    this.kernel.trace.emit({
      from: server.id,
      to: this.#client.id,
      kind: 'response',
      summary: `${response.status}`,
      detail: { status: response.status },
      causedBy: hop,
    });
    return response;
  }

  /** The aggregated groups legacy `/apis` lists after the built-in ones. */
  groups(): { name: string; versions: string[] }[] {
    return aggregatedGroups(this.#apiServices.lister.list());
  }

  /** The aggregated groups of aggregated discovery (a version its server never answered has no resources). */
  discoveryGroups() {
    const byName = new Map(this.#apiServices.lister.list().map((a) => [a.metadata.name ?? '', a]));
    return this.groups().map((g) => ({
      metadata: { name: g.name },
      versions: g.versions.map((v) => {
        const name = `${v}.${g.name}`;
        const available = availableCondition(byName.get(name) ?? ({} as APIServiceObject))?.status === 'True';
        return discoveryVersion(v, available ? this.#discovery.get(name) : undefined);
      }),
    }));
  }

  #stage(step: number, summary: string): void {
    this.kernel.trace.emit({
      from: this.#client.id,
      to: this.#client.id,
      kind: 'decision',
      summary,
      causedBy: step,
    });
  }

  /** One availability check of an APIService: the status is written only when it changes. */
  #sync(name: string, cause: number | null): void {
    const obj = this.#apiServices.lister.get(name);
    if (obj?.spec?.service === undefined || obj.spec.service === null) return;
    const result = checkAvailability(this.kernel, this.#client.id, this.servers, obj, cause);
    if (result.discovery === undefined) this.#discovery.delete(name);
    else this.#discovery.set(name, result.discovery);
    const status = withCondition(obj, result.condition, this.kernel.clock.timestamp());
    if (JSON.stringify(status) === JSON.stringify(obj.status ?? {})) return;
    try {
      this.#client.update(APISERVICES, { ...obj, status }, 'status', cause);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
    }
  }
}
