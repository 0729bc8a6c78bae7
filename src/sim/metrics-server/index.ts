/**
 * metrics-server (kubernetes-sigs/metrics-server v0.7 as its components.yaml installs it in
 * kube-system, with `--metric-resolution=15s`): an API client of kube-apiserver with informers
 * on nodes and running pods, which every resolution scrapes each node's kubelet at
 * `/metrics/resource` (through the same kubelet directory kube-apiserver dials for logs and
 * exec), keeps the last two points of every node and container (storage.ts), and serves
 * metrics.k8s.io/v1beta1 (api.ts) behind the APIService `v1beta1.metrics.k8s.io`, which it
 * registers as the install step does. kube-apiserver's aggregator proxies `kubectl top` and
 * the HPA controller's requests to it.
 */
import type { AggregatedServer, AggregatedServers } from '../apiserver/aggregator/servers';
import { APISERVICES } from '../apiserver/aggregator/types';
import type { ApiServer } from '../apiserver/apiserver';
import type { NodeConnections } from '../apiserver/handlers/kubelet-connection';
import { findResource, type ResourceInfo } from '../apiserver/resources';
import { ApiError } from '../apiserver/status';
import type { ApiRequest, ApiResponse, KubeObject } from '../apiserver/types';
import { Informer } from '../client/informer';
import { ApiClient } from '../client/rest';
import type { Kernel, TimerHandle } from '../kernel/kernel';
import { MetricsApi } from './api';
import { decodeBatch, type MetricsBatch } from './decode';
import { MetricsStorage } from './storage';

/** The component id metrics-server's requests and scrapes come from. */
export const METRICS_SERVER_ID = 'metrics-server';

/** `--metric-resolution`: how often every node is scraped. */
export const METRIC_RESOLUTION_MS = 15_000;

const NAMESPACE = 'kube-system';
const SERVICE = 'metrics-server';
const NODES = findResource('', 'v1', 'nodes') as ResourceInfo;
const PODS = findResource('', 'v1', 'pods') as ResourceInfo;

/** The APIService components.yaml creates for metrics-server. */
const METRICS_APISERVICE = {
  apiVersion: 'apiregistration.k8s.io/v1',
  kind: 'APIService',
  metadata: { name: 'v1beta1.metrics.k8s.io', labels: { 'k8s-app': 'metrics-server' } },
  spec: {
    service: { name: SERVICE, namespace: NAMESPACE, port: 443 },
    group: 'metrics.k8s.io',
    version: 'v1beta1',
    insecureSkipTLSVerify: true,
    groupPriorityMinimum: 100,
    versionPriority: 100,
  },
};

/** A running metrics-server. */
export interface MetricsServer extends AggregatedServer {
  readonly storage: MetricsStorage;
  /** Stops serving and scraping, as when its pod goes away; its APIService stays. */
  stop(): void;
}

/** Starts metrics-server and registers it behind the Service kube-system/metrics-server. */
export function startMetricsServer(
  kernel: Kernel,
  apiserver: ApiServer,
  kubelets: NodeConnections,
  servers: AggregatedServers,
): MetricsServer {
  const client = new ApiClient(apiserver, METRICS_SERVER_ID, 'metrics-server');
  const nodes = new Informer(kernel, client, NODES);
  const pods = new Informer(kernel, client, PODS, { fieldSelector: 'status.phase=Running' });
  const storage = new MetricsStorage(METRIC_RESOLUTION_MS);
  const api = new MetricsApi({ storage, nodes: nodes.lister, pods: pods.lister, clock: kernel.clock });
  let timer: TimerHandle | null = null;

  const scrapeNode = (node: KubeObject, causedBy: number): MetricsBatch | undefined => {
    const name = node.metadata.name ?? '';
    const kubelet = `${name}/kubelet`;
    const hop = kernel.trace.emit({
      from: METRICS_SERVER_ID,
      to: kubelet,
      kind: 'request',
      summary: 'GET /metrics/resource',
      detail: { node: name },
      causedBy,
    }).id;
    const result = kubelets.kubelet(name)?.resourceMetrics(hop);
    const status = result === undefined ? 'no route to host' : result.ok ? '200 OK' : String(result.code);
    kernel.trace.emit({
      from: kubelet,
      to: METRICS_SERVER_ID,
      kind: 'response',
      summary: status,
      causedBy: hop,
    });
    if (result === undefined || !result.ok) return undefined;
    return decodeBatch(result.value, kernel.clock.epoch + kernel.clock.now(), name);
  };

  const tick = () => {
    const list = nodes.lister
      .list()
      .sort((a, b) => ((a.metadata.name ?? '') < (b.metadata.name ?? '') ? -1 : 1));
    const step = kernel.trace.emit({
      from: METRICS_SERVER_ID,
      to: METRICS_SERVER_ID,
      kind: 'decision',
      summary: `scrape ${list.length} node(s)`,
      causedBy: null,
    }).id;
    const batch: MetricsBatch = { nodes: new Map(), pods: new Map() };
    for (const node of list) {
      const scraped = scrapeNode(node, step);
      for (const [name, point] of scraped?.nodes ?? [])
        if (!batch.nodes.has(name)) batch.nodes.set(name, point);
      for (const [key, pod] of scraped?.pods ?? []) if (!batch.pods.has(key)) batch.pods.set(key, pod);
    }
    storage.store(batch);
    timer = kernel.schedule(METRIC_RESOLUTION_MS, `${METRICS_SERVER_ID}: scrape`, tick);
  };

  const server: MetricsServer = {
    id: METRICS_SERVER_ID,
    storage,
    handle: (req: ApiRequest): ApiResponse => api.handle(req),
    stop: () => {
      servers.unregister(NAMESPACE, SERVICE);
      nodes.stop();
      pods.stop();
      if (timer !== null) kernel.cancel(timer);
      timer = null;
    },
  };

  kernel.schedule(0, `${METRICS_SERVER_ID}: start`, () => {
    servers.register(NAMESPACE, SERVICE, server);
    try {
      client.create(APISERVICES, null, METRICS_APISERVICE);
    } catch (error) {
      if (!(error instanceof ApiError) || error.status.reason !== 'AlreadyExists') throw error;
    }
    nodes.start();
    pods.start();
    tick();
  });
  return server;
}
