/**
 * metrics-server's storage (upstream pkg/storage): the last two metric points of each node and
 * container, and usage computed from them: CPU as the cumulative counter's increase over the
 * window between the points, memory as the last working set. A container needs two points
 * (two scrapes, one metric resolution apart) unless it is fresh: started 10 s or more, but
 * less than one resolution, before its first point, whose start then stands in as the
 * previous point with no CPU used.
 */
import type { MetricsBatch, MetricsPoint } from './decode';

/** A container started this long before a scrape can be measured from its start alone. */
const FRESH_CONTAINER_MIN_MS = 10_000;

/** CPU in nanocores and memory in bytes, over a window ending at `timestamp` (wall ms). */
export interface Usage {
  readonly cpuNanoCores: number;
  readonly memoryBytes: number;
  readonly timestamp: number;
  readonly windowMs: number;
}

/** Usage between two points, or undefined when they do not make sense together (upstream's errors). */
function usageBetween(last: MetricsPoint, prev: MetricsPoint): Usage | undefined {
  if (last.startTime < prev.startTime || last.cumulativeCpu < prev.cumulativeCpu) return undefined;
  const windowMs = last.timestamp - prev.timestamp;
  const cpu = (last.cumulativeCpu - prev.cumulativeCpu) / (windowMs / 1000);
  return { cpuNanoCores: Math.floor(cpu), memoryBytes: last.memory, timestamp: last.timestamp, windowMs };
}

export class MetricsStorage {
  #lastNodes = new Map<string, MetricsPoint>();
  #prevNodes = new Map<string, MetricsPoint>();
  #lastPods = new Map<string, Map<string, MetricsPoint>>();
  #prevPods = new Map<string, Map<string, MetricsPoint>>();

  constructor(private readonly resolutionMs: number) {}

  store(batch: MetricsBatch): void {
    const prevNodes = new Map<string, MetricsPoint>();
    for (const [name, point] of batch.nodes) {
      const last = this.#lastNodes.get(name);
      const prev = this.#prevNodes.get(name);
      if (last !== undefined && point.timestamp > last.timestamp) prevNodes.set(name, last);
      else if (prev !== undefined && prev.timestamp < point.timestamp) prevNodes.set(name, prev);
    }
    this.#lastNodes = new Map(batch.nodes);
    this.#prevNodes = prevNodes;

    const prevPods = new Map<string, Map<string, MetricsPoint>>();
    for (const [key, containers] of batch.pods) {
      const prev = new Map<string, MetricsPoint>();
      for (const [name, point] of containers) {
        const age = point.timestamp - point.startTime;
        const last = this.#lastPods.get(key)?.get(name);
        const before = this.#prevPods.get(key)?.get(name);
        if (age > 0 && age < this.resolutionMs && age >= FRESH_CONTAINER_MIN_MS) {
          prev.set(name, { ...point, timestamp: point.startTime, cumulativeCpu: 0 });
        } else if (last !== undefined && point.startTime < last.timestamp) {
          if (point.timestamp > last.timestamp) prev.set(name, last);
          else if (before !== undefined && before.timestamp < point.timestamp) prev.set(name, before);
        }
      }
      if (prev.size > 0) prevPods.set(key, prev);
    }
    this.#lastPods = new Map(batch.pods);
    this.#prevPods = prevPods;
  }

  /** A node's usage, if it has two points. */
  node(name: string): Usage | undefined {
    const last = this.#lastNodes.get(name);
    const prev = this.#prevNodes.get(name);
    return last === undefined || prev === undefined ? undefined : usageBetween(last, prev);
  }

  /**
   * A pod's containers' usage, if every container has two points: the containers by name, and
   * the earliest of their windows' ends with its window.
   */
  pod(key: string): { containers: Map<string, Usage>; timestamp: number; windowMs: number } | undefined {
    const last = this.#lastPods.get(key);
    const prev = this.#prevPods.get(key);
    if (last === undefined || prev === undefined) return undefined;
    const containers = new Map<string, Usage>();
    let earliest: Usage | undefined;
    for (const [name, point] of last) {
      const before = prev.get(name);
      if (before === undefined) return undefined;
      const usage = usageBetween(point, before);
      if (usage === undefined) continue;
      containers.set(name, usage);
      if (earliest === undefined || usage.timestamp < earliest.timestamp) earliest = usage;
    }
    return { containers, timestamp: earliest?.timestamp ?? 0, windowMs: earliest?.windowMs ?? 0 };
  }
}
