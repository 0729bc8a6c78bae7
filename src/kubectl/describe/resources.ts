/** What a pod asks for and is limited to, summed as kubectl's resource helpers do. */
import type { Container, Pod } from 'kubernetes-types/core/v1';
import {
  addQuantities,
  addResourceList,
  compareQuantities,
  maxResourceList,
  quantity,
  type Quantity,
  type ResourceList,
} from './quantity';

type Totals = Map<string, Quantity>;

const listOf = (list: ResourceList | undefined): Totals => {
  const result: Totals = new Map();
  addResourceList(result, list);
  return result;
};

/** Go's max(a, b) of two lists: the larger quantity of each resource in either. */
function maxOf(a: ResourceList | undefined, b: ResourceList | undefined): Totals {
  const result = listOf(a);
  maxResourceList(result, listOf(b));
  return result;
}

function addTotals(into: Totals, add: ReadonlyMap<string, Quantity>): void {
  for (const [name, q] of add) {
    const existing = into.get(name);
    into.set(name, existing === undefined ? q : addQuantities(existing, q));
  }
}

/**
 * Totals for one side (requests or limits): regular containers add up (a container being
 * resized counts its larger request), sidecars add up too, and each classic init container
 * counts with the sidecars started before it; the pod needs the larger of the running total
 * and the biggest init step. Overhead adds to requests, and to limits that are set.
 */
function totals(pod: Pod, side: 'requests' | 'limits'): Totals {
  const sum: Totals = new Map();
  const statuses = new Map((pod.status?.containerStatuses ?? []).map((s) => [s.name, s]));
  const resize = (pod.status as { resize?: string } | undefined)?.resize;
  for (const c of pod.spec?.containers ?? []) {
    const allocated = side === 'requests' ? statuses.get(c.name)?.resources : undefined;
    if (!allocated) addResourceList(sum, c.resources?.[side]);
    else if (resize === 'Infeasible') addResourceList(sum, allocated.requests);
    else addTotals(sum, maxOf(c.resources?.requests, allocated.requests));
  }
  const sidecars: Totals = new Map();
  const initMax: Totals = new Map();
  for (const c of pod.spec?.initContainers ?? []) {
    const own = c.resources?.[side];
    if (c.restartPolicy === 'Always') {
      addResourceList(sum, own);
      addResourceList(sidecars, own);
      maxResourceList(initMax, sidecars);
    } else {
      const step = listOf(own);
      addTotals(step, sidecars);
      maxResourceList(initMax, step);
    }
  }
  maxResourceList(sum, initMax);
  for (const [name, value] of Object.entries(pod.spec?.overhead ?? {})) {
    const existing = sum.get(name);
    if (side === 'requests') addResourceList(sum, { [name]: value });
    else if (existing && existing.nanos !== 0n) sum.set(name, addQuantities(existing, quantity(value)));
  }
  return sum;
}

/** The pod's total requests and limits per resource (resourcehelper.PodRequestsAndLimits). */
export function podRequestsAndLimits(pod: Pod): { requests: Totals; limits: Totals } {
  return { requests: totals(pod, 'requests'), limits: totals(pod, 'limits') };
}

const QOS_RESOURCES = new Set(['cpu', 'memory']);

/** Adds the positive cpu and memory quantities of `list` into `into`; returns which were set. */
function qosResources(into: Totals, list: ResourceList | undefined): Set<string> {
  const seen = new Set<string>();
  for (const [name, value] of Object.entries(list ?? {})) {
    const q = quantity(value);
    if (!QOS_RESOURCES.has(name) || q.nanos <= 0n) continue;
    seen.add(name);
    const existing = into.get(name);
    into.set(name, existing ? addQuantities(q, existing) : q);
  }
  return seen;
}

/** The pod's QoS class: status.qosClass if set, else computed as kubectl's qos helper does. */
export function podQOS(pod: Pod): string {
  if (pod.status?.qosClass) return pod.status.qosClass;
  const requests: Totals = new Map();
  const limits: Totals = new Map();
  let guaranteed = true;
  const podLevel = (pod.spec as { resources?: Container['resources'] } | undefined)?.resources;
  const sources = podLevel
    ? [podLevel]
    : [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])].map((c) => c.resources ?? {});
  for (const r of sources) {
    qosResources(requests, r.requests);
    const limited = qosResources(limits, r.limits);
    // Pod-level resources without limits do not rule out Guaranteed; a container's do.
    const checked = !podLevel || r.limits !== undefined;
    if (checked && !(limited.has('cpu') && limited.has('memory'))) guaranteed = false;
  }
  if (requests.size === 0 && limits.size === 0) return 'BestEffort';
  if (guaranteed) {
    for (const [name, req] of requests) {
      const lim = limits.get(name);
      if (!lim || compareQuantities(lim, req) !== 0) guaranteed = false;
    }
  }
  return guaranteed && requests.size === limits.size ? 'Guaranteed' : 'Burstable';
}
