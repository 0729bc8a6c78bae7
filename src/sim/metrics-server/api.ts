/**
 * metrics-server's API, metrics.k8s.io/v1beta1 (upstream pkg/api): NodeMetrics for the nodes
 * its node informer knows and PodMetrics for running pods, read-only (get and list, with label
 * and metadata field selectors, or as a Table), answering the aggregator's proxied requests. A
 * node or pod the informers do not know is their lister's NotFound; one without two metric
 * points yet is `nodemetrics.metrics.k8s.io "<node>" not found` or
 * `podmetrics.metrics.k8s.io "<namespace>/<pod>" not found`.
 */
import type { Lister } from '../client/cache';
import { queryFlag, queryParam, wantsTable } from '../apiserver/codec';
import { formatQuantity } from '../apiserver/printers/quantity';
import { matchesFields, matchesLabels, parseFieldSelector, parseLabelSelector } from '../apiserver/selectors';
import { ApiError, methodNotSupported, notFound, pathNotFound } from '../apiserver/status';
import type { ApiRequest, ApiResponse, KubeObject } from '../apiserver/types';
import type { VirtualClock } from '../kernel/clock';
import { goDuration } from '../node/kubelet/format';
import type { MetricsStorage, Usage } from './storage';

const GROUP = 'metrics.k8s.io';
const GROUP_VERSION = `${GROUP}/v1beta1`;
const JSON_HEADERS = { 'content-type': 'application/json' };

/** What the API reads: the storage, and the informers' listers of nodes and running pods. */
export interface MetricsApiSource {
  readonly storage: MetricsStorage;
  readonly nodes: Lister<KubeObject>;
  readonly pods: Lister<KubeObject>;
  readonly clock: VirtualClock;
}

/** The resources metrics-server serves, as its discovery document lists them. */
const RESOURCE_LIST = {
  kind: 'APIResourceList',
  apiVersion: 'v1',
  groupVersion: GROUP_VERSION,
  resources: [
    { name: 'nodes', singularName: '', namespaced: false, kind: 'NodeMetrics', verbs: ['get', 'list'] },
    { name: 'pods', singularName: '', namespaced: true, kind: 'PodMetrics', verbs: ['get', 'list'] },
  ],
};

/** Memory as resource.Quantity prints a BinarySI byte count: `12345Ki`, `512Mi`, or plain bytes. */
function bytesQuantity(bytes: number): string {
  return bytes >= 1024 && bytes % 1024 === 0 ? formatQuantity(`${bytes / 1024}Ki`) : String(bytes);
}

function usageList(u: { cpuNanoCores: number; memoryBytes: number }) {
  return { cpu: formatQuantity(`${u.cpuNanoCores}n`), memory: bytesQuantity(u.memoryBytes) };
}

/** The objects a request selects, by `labelSelector` and metadata `fieldSelector`. */
function selected(req: ApiRequest, objects: KubeObject[]): KubeObject[] {
  const labels = parseLabelSelector(queryParam(req, 'labelSelector') ?? '');
  const fields = parseFieldSelector(queryParam(req, 'fieldSelector') ?? '');
  return objects.filter((o) => {
    const meta = { 'metadata.name': o.metadata.name ?? '', 'metadata.namespace': o.metadata.namespace ?? '' };
    return matchesLabels(labels, o.metadata.labels) && matchesFields(fields, meta);
  });
}

/** A NodeMetrics or PodMetrics, with its total usage for the Table. */
interface Measured {
  readonly item: Record<string, unknown> & { metadata: KubeObject['metadata']; window: string };
  readonly cpuNanoCores: number;
  readonly memoryBytes: number;
}

/** The Table metrics-server prints: Name, cpu, memory and Window (no columns without rows). */
function table(measured: readonly Measured[]) {
  const column = (name: string, format: string, description = '') => ({
    name,
    type: 'string',
    format,
    description,
    priority: 0,
  });
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: {},
    columnDefinitions:
      measured.length === 0
        ? []
        : [
            column('Name', 'name', 'Name of the resource'),
            column('cpu', 'quantity'),
            column('memory', 'quantity'),
            column('Window', 'duration'),
          ],
    rows: measured.map((m) => ({
      cells: [m.item.metadata.name ?? '', ...Object.values(usageList(m)), m.item.window],
      object: { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: m.item.metadata },
    })),
  };
}

export class MetricsApi {
  constructor(private readonly source: MetricsApiSource) {}

  /** Serves one request under /apis/metrics.k8s.io/v1beta1. */
  handle(req: ApiRequest): ApiResponse {
    try {
      return { status: 200, headers: JSON_HEADERS, body: this.#route(req) };
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      return { status: error.code, headers: JSON_HEADERS, body: error.status };
    }
  }

  #route(req: ApiRequest): unknown {
    const parts = req.path.split('/').filter((p) => p !== '');
    if (parts.slice(0, 3).join('/') !== `apis/${GROUP_VERSION}`) throw pathNotFound();
    const rest = parts.slice(3);
    if (rest.length === 0) return RESOURCE_LIST;
    let namespace: string | null = null;
    let [plural, name, ...extra] = rest;
    if (plural === 'namespaces' && rest.length >= 3 && rest[2] === 'pods') {
      namespace = rest[1] ?? '';
      [, , plural, name, ...extra] = rest;
    }
    if (
      (plural !== 'nodes' && plural !== 'pods') ||
      extra.length > 0 ||
      (plural === 'nodes' && namespace !== null)
    )
      throw pathNotFound();
    const resource = { group: GROUP, plural };
    if (req.method !== 'GET') throw methodNotSupported(resource, methodVerb(req.method));
    if (queryFlag(req, 'watch')) throw methodNotSupported(resource, 'watch');
    return plural === 'nodes' ? this.#nodes(req, name) : this.#pods(req, namespace, name);
  }

  #nodes(req: ApiRequest, name: string | undefined): unknown {
    const measure = (node: KubeObject): Measured | undefined => {
      const u = this.source.storage.node(node.metadata.name ?? '');
      if (u === undefined) return undefined;
      const { name: n, labels } = node.metadata;
      const metadata = {
        name: n,
        creationTimestamp: this.source.clock.timestamp(),
        ...(labels === undefined ? {} : { labels }),
      };
      return { item: { metadata, ...this.#window(u), usage: usageList(u) }, ...u };
    };
    if (name !== undefined) {
      const node = this.source.nodes.get(name);
      if (node === undefined) throw notFound({ group: '', plural: 'node' }, name);
      const m = measure(node);
      if (m === undefined) throw notFound({ group: GROUP, plural: 'nodemetrics' }, name);
      return this.#answer(req, 'NodeMetrics', [m], false);
    }
    const nodes = selected(req, this.source.nodes.list()).sort((a, b) =>
      cmp(a.metadata.name, b.metadata.name),
    );
    return this.#answer(
      req,
      'NodeMetrics',
      nodes.flatMap((n) => measure(n) ?? []),
      true,
    );
  }

  #pods(req: ApiRequest, namespace: string | null, name: string | undefined): unknown {
    const measure = (pod: KubeObject): Measured | undefined => {
      const { name: n, namespace: ns, labels } = pod.metadata;
      const m = this.source.storage.pod(`${ns ?? ''}/${n ?? ''}`);
      if (m === undefined) return undefined;
      const usages = [...m.containers].sort(([a], [b]) => cmp(a, b));
      const containers = usages.map(([c, u]) => ({ name: c, usage: usageList(u) }));
      const metadata = {
        name: n,
        namespace: ns,
        creationTimestamp: this.source.clock.timestamp(),
        ...(labels === undefined ? {} : { labels }),
      };
      return {
        item: { metadata, ...this.#window(m), containers },
        cpuNanoCores: usages.reduce((sum, [, u]) => sum + u.cpuNanoCores, 0),
        memoryBytes: usages.reduce((sum, [, u]) => sum + u.memoryBytes, 0),
      };
    };
    if (name !== undefined) {
      const pod = this.source.pods.get(`${namespace ?? ''}/${name}`);
      if (pod === undefined) throw notFound({ group: '', plural: 'pods' }, name);
      const m = measure(pod);
      if (m === undefined)
        throw notFound({ group: GROUP, plural: 'podmetrics' }, `${namespace ?? ''}/${name}`);
      return this.#answer(req, 'PodMetrics', [m], false);
    }
    const pods = namespace === null ? this.source.pods.list() : this.source.pods.byNamespace(namespace);
    const sorted = selected(req, pods).sort(
      (a, b) => cmp(a.metadata.namespace, b.metadata.namespace) || cmp(a.metadata.name, b.metadata.name),
    );
    return this.#answer(
      req,
      'PodMetrics',
      sorted.flatMap((p) => measure(p) ?? []),
      true,
    );
  }

  /** The window's end as metav1.Time and its length as metav1.Duration. */
  #window(u: Pick<Usage, 'timestamp' | 'windowMs'>) {
    const clock = this.source.clock;
    return { timestamp: clock.timestamp(u.timestamp - clock.epoch), window: goDuration(u.windowMs) };
  }

  /** One object or a list, or their Table when the client asks for one. */
  #answer(req: ApiRequest, kind: string, measured: Measured[], list: boolean): unknown {
    if (wantsTable(req)) return table(measured);
    if (list)
      return {
        kind: `${kind}List`,
        apiVersion: GROUP_VERSION,
        metadata: {},
        items: measured.map((m) => m.item),
      };
    return { kind, apiVersion: GROUP_VERSION, ...measured[0]?.item };
  }
}

const cmp = (a: string | undefined, b: string | undefined) =>
  (a ?? '') < (b ?? '') ? -1 : (a ?? '') > (b ?? '') ? 1 : 0;

function methodVerb(method: string): string {
  return method === 'POST' ? 'create' : method === 'PUT' ? 'update' : method === 'PATCH' ? 'patch' : 'delete';
}
