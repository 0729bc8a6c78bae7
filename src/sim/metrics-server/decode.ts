/**
 * metrics-server's decoding of a kubelet's /metrics/resource scrape (upstream
 * pkg/scraper/client/resource/decode.go): the node's and each container's cumulative CPU,
 * working set and start time, as metric points. A node point missing its timestamp, CPU or
 * memory is dropped, and so is a pod with a container missing either.
 */

/** One measurement of a node or a container (times are wall-clock ms). */
export interface MetricsPoint {
  /** When the node or container started; its cumulative CPU was zero then. */
  readonly startTime: number;
  /** When it was measured. */
  readonly timestamp: number;
  /** Cumulative CPU time at `timestamp`, in core-nanoseconds. */
  readonly cumulativeCpu: number;
  /** The working set, in bytes. */
  readonly memory: number;
}

/** One scrape's points: nodes by name, pods by `namespace/name` with their containers by name. */
export interface MetricsBatch {
  readonly nodes: Map<string, MetricsPoint>;
  readonly pods: Map<string, Map<string, MetricsPoint>>;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
const empty = (): Mutable<MetricsPoint> => ({ startTime: 0, timestamp: 0, cumulativeCpu: 0, memory: 0 });

const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)(?:\s+(-?\d+))?$/;

function labelsOf(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of text.matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g))
    out.set(
      m[1] ?? '',
      (m[2] ?? '').replace(/\\(.)/g, (_x, c: string) => (c === 'n' ? '\n' : c)),
    );
  return out;
}

/** Decodes a scrape of `nodeName` taken at `defaultTime` (for samples without a timestamp). */
export function decodeBatch(text: string, defaultTime: number, nodeName: string): MetricsBatch {
  const node = empty();
  const pods = new Map<string, Map<string, Mutable<MetricsPoint>>>();
  const container = (labels: Map<string, string>) => {
    const key = `${labels.get('namespace') ?? ''}/${labels.get('pod') ?? ''}`;
    let pod = pods.get(key);
    if (pod === undefined) pods.set(key, (pod = new Map()));
    const name = labels.get('container') ?? '';
    let point = pod.get(name);
    if (point === undefined) pod.set(name, (point = empty()));
    return point;
  };
  for (const line of text.split('\n')) {
    const m = SAMPLE.exec(line.trim());
    if (m === null || line.startsWith('#')) continue;
    const [, name, labelText = '', valueText = '', stamp] = m;
    const value = Number(valueText);
    const at = stamp === undefined ? defaultTime : Number(stamp);
    const labels = labelsOf(labelText);
    switch (name) {
      case 'node_cpu_usage_seconds_total':
        Object.assign(node, { cumulativeCpu: Math.floor(value * 1e9), timestamp: at });
        break;
      case 'node_memory_working_set_bytes':
        Object.assign(node, { memory: Math.floor(value), timestamp: at });
        break;
      case 'container_cpu_usage_seconds_total':
        Object.assign(container(labels), { cumulativeCpu: Math.floor(value * 1e9), timestamp: at });
        break;
      case 'container_memory_working_set_bytes':
        Object.assign(container(labels), { memory: Math.floor(value), timestamp: at });
        break;
      case 'container_start_time_seconds':
        container(labels).startTime = Math.floor(value * 1000);
        break;
    }
  }
  const batch: MetricsBatch = { nodes: new Map(), pods: new Map() };
  if (node.timestamp !== 0 && node.cumulativeCpu !== 0 && node.memory !== 0) batch.nodes.set(nodeName, node);
  for (const [key, containers] of pods) {
    const points = [...containers.values()];
    if (points.some((p) => p.cumulativeCpu === 0 || p.memory === 0)) continue;
    batch.pods.set(key, containers);
  }
  return batch;
}
