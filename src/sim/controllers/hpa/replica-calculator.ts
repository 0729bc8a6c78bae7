/**
 * The HPA's replica calculator for resource metrics (upstream
 * pkg/controller/podautoscaler/replica_calculator.go and metrics/utilization.go): from the
 * pods' usage and requests, the replica count that brings the average to the target.
 *
 * Pods being deleted or failed are ignored; pending pods, and for CPU pods not yet ready or
 * measured too soon after becoming ready (within the CPU initialization period), are
 * "unready"; running pods without metrics are "missing". With none of those, the answer is
 * ceil(ratio × ready pods), unless the ratio is within the tolerance of 1. Otherwise the
 * average is recomputed conservatively (missing pods at 100% of their request, or of the target
 * if higher, on a scale-down; missing and unready pods at 0% on a scale-up), and the scale is
 * left alone if that flips the direction or falls within the tolerance.
 */
import type { Container, PodCondition } from 'kubernetes-types/core/v1';
import { matchesLabels, type LabelSelector } from '../../apiserver/selectors';
import { isQuantityError, parseQuantity, quantityMilliValue } from '../../apiserver/validation/quantity';
import type { PodMetricsInfo, PodObject } from './types';

/** A target's pod selector, as the scale subresource gives it and parsed. */
export interface PodSelector {
  readonly text: string;
  readonly parsed: LabelSelector;
}

/** Fetches pods' metrics of a resource (the REST metrics client); throws with upstream's message. */
export type ResourceMetricsSource = (
  resource: string,
  namespace: string,
  selector: PodSelector,
  container: string,
) => { metrics: PodMetricsInfo; timestamp: number };

export interface CalculatorOptions {
  readonly tolerance: number;
  readonly cpuInitializationPeriodMs: number;
  readonly delayOfInitialReadinessStatusMs: number;
}

/** GetResourceUtilizationRatio: usage/target ratio, the utilization (%) and the average raw usage. */
function resourceUtilizationRatio(
  metrics: PodMetricsInfo,
  requests: ReadonlyMap<string, number>,
  targetUtilization: number,
): { ratio: number; utilization: number; rawAverage: number } {
  let metricsTotal = 0;
  let requestsTotal = 0;
  let entries = 0;
  for (const [pod, metric] of metrics) {
    const request = requests.get(pod);
    if (request === undefined) continue;
    metricsTotal += metric.value;
    requestsTotal += request;
    entries++;
  }
  if (requestsTotal === 0) throw new Error('no metrics returned matched known pods');
  const utilization = Math.trunc((metricsTotal * 100) / requestsTotal);
  return {
    ratio: utilization / targetUtilization,
    utilization,
    rawAverage: Math.trunc(metricsTotal / entries),
  };
}

/** GetMetricUsageRatio: usage/target ratio and the average usage. */
function metricUsageRatio(metrics: PodMetricsInfo, targetUsage: number): { ratio: number; usage: number } {
  let total = 0;
  for (const m of metrics.values()) total += m.value;
  const usage = Math.trunc(total / metrics.size);
  return { ratio: usage / targetUsage, usage };
}

const at = (time: string | null | undefined) =>
  time === undefined || time === null ? undefined : Date.parse(time);

/** groupPods: how many pods count, and which are unready, missing or ignored. */
function groupPods(
  pods: readonly PodObject[],
  metrics: PodMetricsInfo,
  resource: string,
  now: number,
  options: CalculatorOptions,
): { ready: number; unready: Set<string>; missing: Set<string>; ignored: Set<string> } {
  const unready = new Set<string>();
  const missing = new Set<string>();
  const ignored = new Set<string>();
  let ready = 0;
  for (const pod of pods) {
    const name = pod.metadata.name ?? '';
    const phase = pod.status?.phase;
    if (pod.metadata.deletionTimestamp !== undefined || phase === 'Failed') {
      ignored.add(name);
      continue;
    }
    if (phase === 'Pending') {
      unready.add(name);
      continue;
    }
    const metric = metrics.get(name);
    if (metric === undefined) {
      missing.add(name);
      continue;
    }
    if (resource === 'cpu') {
      const condition: PodCondition | undefined = pod.status?.conditions?.find((c) => c.type === 'Ready');
      const started = at(pod.status?.startTime);
      const transition = at(condition?.lastTransitionTime) ?? 0;
      let notReady: boolean;
      if (condition === undefined || started === undefined) notReady = true;
      else if (started + options.cpuInitializationPeriodMs > now)
        notReady = condition.status === 'False' || metric.timestamp < transition + metric.windowMs;
      else
        notReady =
          condition.status === 'False' && started + options.delayOfInitialReadinessStatusMs > transition;
      if (notReady) {
        unready.add(name);
        continue;
      }
    }
    ready++;
  }
  return { ready, unready, missing, ignored };
}

/** calculatePodRequests: each pod's request of `resource` in milli-units (containers and sidecars). */
export function calculatePodRequests(
  pods: readonly PodObject[],
  container: string,
  resource: string,
): Map<string, number> {
  const requests = new Map<string, number>();
  for (const pod of pods) {
    const sidecars = (pod.spec?.initContainers ?? []).filter((c) => c.restartPolicy === 'Always');
    const containers: Container[] = [...(pod.spec?.containers ?? []), ...sidecars];
    let sum = 0;
    for (const c of containers) {
      if (container !== '' && container !== c.name) continue;
      const raw = (c.resources?.requests as Record<string, string> | undefined)?.[resource];
      const q = raw === undefined ? undefined : parseQuantity(raw);
      if (q === undefined || isQuantityError(q))
        throw new Error(
          `missing request for ${resource} in container ${c.name} of Pod ${pod.metadata.name ?? ''}`,
        );
      sum += Number(quantityMilliValue(q));
    }
    requests.set(pod.metadata.name ?? '', sum);
  }
  return requests;
}

export class ReplicaCalculator {
  constructor(
    private readonly source: ResourceMetricsSource,
    /** The pods of a namespace, from the controller's pod informer. */
    private readonly podsIn: (namespace: string) => readonly PodObject[],
    /** Now, as wall-clock ms (metric and pod timestamps are compared to it). */
    private readonly now: () => number,
    private readonly options: CalculatorOptions,
  ) {}

  #pods(namespace: string, selector: PodSelector): PodObject[] {
    return this.podsIn(namespace).filter((p) => matchesLabels(selector.parsed, p.metadata.labels));
  }

  #metrics(resource: string, namespace: string, selector: PodSelector, container: string) {
    try {
      return this.source(resource, namespace, selector, container);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      throw new Error(`unable to get metrics for resource ${resource}: ${message}`, { cause: error });
    }
  }

  /** GetResourceReplicas: replicas for a target utilization (% of request). */
  getResourceReplicas(
    currentReplicas: number,
    targetUtilization: number,
    resource: string,
    namespace: string,
    selector: PodSelector,
    container: string,
  ): { replicas: number; utilization: number; rawUtilization: number; timestamp: number } {
    const { metrics, timestamp } = this.#metrics(resource, namespace, selector, container);
    const pods = this.#pods(namespace, selector);
    if (pods.length === 0) throw new Error('no pods returned by selector while calculating replica count');
    const groups = groupPods(pods, metrics, resource, this.now(), this.options);
    for (const name of [...groups.ignored, ...groups.unready]) metrics.delete(name);
    const requests = calculatePodRequests(pods, container, resource);
    if (metrics.size === 0) throw new Error('did not receive metrics for any ready pods');
    const { ratio, utilization, rawAverage } = resourceUtilizationRatio(metrics, requests, targetUtilization);
    const result = (replicas: number) => ({ replicas, utilization, rawUtilization: rawAverage, timestamp });
    const scaleUpWithUnready = groups.unready.size > 0 && ratio > 1;
    if (!scaleUpWithUnready && groups.missing.size === 0) {
      if (Math.abs(1 - ratio) <= this.options.tolerance) return result(currentReplicas);
      return result(Math.ceil(ratio * groups.ready));
    }
    if (groups.missing.size > 0) {
      const fallback = Math.max(100, targetUtilization);
      for (const name of groups.missing) {
        if (ratio < 1)
          metrics.set(name, {
            timestamp,
            windowMs: 0,
            value: Math.trunc(((requests.get(name) ?? 0) * fallback) / 100),
          });
        else if (ratio > 1) metrics.set(name, { timestamp, windowMs: 0, value: 0 });
      }
    }
    if (scaleUpWithUnready)
      for (const name of groups.unready) metrics.set(name, { timestamp, windowMs: 0, value: 0 });
    const next = resourceUtilizationRatio(metrics, requests, targetUtilization).ratio;
    if (Math.abs(1 - next) <= this.options.tolerance || (ratio < 1 && next > 1) || (ratio > 1 && next < 1))
      return result(currentReplicas);
    const replicas = Math.ceil(next * metrics.size);
    if ((next < 1 && replicas > currentReplicas) || (next > 1 && replicas < currentReplicas))
      return result(currentReplicas);
    return result(replicas);
  }

  /** GetRawResourceReplicas: replicas for a target average usage (milli-units). */
  getRawResourceReplicas(
    currentReplicas: number,
    targetUsage: number,
    resource: string,
    namespace: string,
    selector: PodSelector,
    container: string,
  ): { replicas: number; usage: number; timestamp: number } {
    const { metrics, timestamp } = this.#metrics(resource, namespace, selector, container);
    const pods = this.#pods(namespace, selector);
    if (pods.length === 0) throw new Error('no pods returned by selector while calculating replica count');
    const groups = groupPods(pods, metrics, resource, this.now(), this.options);
    for (const name of [...groups.ignored, ...groups.unready]) metrics.delete(name);
    if (metrics.size === 0) throw new Error('did not receive metrics for any ready pods');
    const { ratio, usage } = metricUsageRatio(metrics, targetUsage);
    const scaleUpWithUnready = groups.unready.size > 0 && ratio > 1;
    if (!scaleUpWithUnready && groups.missing.size === 0) {
      if (Math.abs(1 - ratio) <= this.options.tolerance)
        return { replicas: currentReplicas, usage, timestamp };
      return { replicas: Math.ceil(ratio * groups.ready), usage, timestamp };
    }
    for (const name of groups.missing) {
      metrics.set(name, { timestamp, windowMs: 0, value: ratio < 1 ? targetUsage : 0 });
    }
    if (scaleUpWithUnready)
      for (const name of groups.unready) metrics.set(name, { timestamp, windowMs: 0, value: 0 });
    const next = metricUsageRatio(metrics, targetUsage).ratio;
    if (Math.abs(1 - next) <= this.options.tolerance || (ratio < 1 && next > 1) || (ratio > 1 && next < 1))
      return { replicas: currentReplicas, usage, timestamp };
    const replicas = Math.ceil(next * metrics.size);
    if ((next < 1 && replicas > currentReplicas) || (next > 1 && replicas < currentReplicas))
      return { replicas: currentReplicas, usage, timestamp };
    return { replicas, usage, timestamp };
  }
}
