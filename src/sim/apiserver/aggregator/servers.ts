/**
 * The extension API servers kube-aggregator proxies to. Upstream an APIService names a
 * Service (`kube-system/metrics-server`) and the aggregator dials its endpoints; here the
 * cluster composition registers each server under its Service's namespace and name, the way
 * kubelets register their servers for logs and exec.
 */
import type { ApiRequest, ApiResponse } from '../types';

/** An extension API server as the aggregator calls it. */
export interface AggregatedServer {
  /** The server's component id, for the trace (`metrics-server`). */
  readonly id: string;
  /** Serves one proxied request; `causedBy` is the aggregator's step that sent it. */
  handle(req: ApiRequest, causedBy: number): ApiResponse;
}

/** The servers behind Services, by `namespace/name`. */
export class AggregatedServers {
  readonly #servers = new Map<string, AggregatedServer>();
  readonly #listeners: (() => void)[] = [];

  /** A server starts answering for the Service `namespace/name`. */
  register(namespace: string, name: string, server: AggregatedServer): void {
    this.#servers.set(`${namespace}/${name}`, server);
    for (const listener of this.#listeners) listener();
  }

  /** The server behind `namespace/name` went away. */
  unregister(namespace: string, name: string): void {
    this.#servers.delete(`${namespace}/${name}`);
    for (const listener of this.#listeners) listener();
  }

  server(namespace: string, name: string): AggregatedServer | undefined {
    return this.#servers.get(`${namespace}/${name}`);
  }

  /** Called whenever a server is registered or unregistered. */
  onChange(listener: () => void): void {
    this.#listeners.push(listener);
  }
}
